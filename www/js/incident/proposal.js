// The 问责建议书 draft and the report forms as the page shows and prints them. Every word of
// substance (titles, situations, shares of responsibility, due times, statuses, item lists) is the
// core's (`propose`, `classification.reporting.forms`); this module only lays them out as
// semantic h1/h2/h3/p/table inside a `.cd-print-report`, so the 公文 print stylesheet applies.

import { h, button } from '../dom.js';
import { problemText, nowText } from '../format.js';

const table = (head, body) => h('table', null, h('thead', null, h('tr', null, head.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', null, body));
const paras = (xs, cls) => (xs || []).map((x) => h('p', { class: cls || null }, x));

/** The proposal as a printable document; `vocab` gives Article 9's share names (the core's words). */
export function proposalDocument(vocab, p, version) {
  return h(
    'article',
    { class: 'cd-print-report cd-proposal', dataset: { testid: 'proposal' } },
    h('h1', null, p.title),
    h('p', { class: 'cd-print-warn cd-draft-notice', dataset: { testid: 'draft-notice' } }, p.draft_notice),
    h('p', { class: 'cd-addressee' }, `${p.addressees.join('、')}:`),
    h('h2', null, '一、事件基本情况'),
    h('table', { class: 'cd-print-meta' }, h('tbody', null, p.facts.map((f) => h('tr', null, h('th', { scope: 'row' }, f.label), h('td', null, f.value))))),
    h('h2', null, '二、所符合的情形'),
    p.situations.map((s) => [h('h3', null, s.citation), h('p', null, s.text), h('ul', null, s.reasons.map((r) => h('li', null, r)))]),
    h('h2', null, '三、责任追究'),
    h('p', null, `逐级倒查:${p.chain.join(' → ')}`),
    paras(p.responsibility),
    h('h3', null, '责任划分'),
    p.people.length
      ? table(
        ['姓名', '职务', '角色', '参与相关工作决策', '集体责任', vocab.accountability.individual_share, '建议'],
        p.people.map((x) => h('tr', { dataset: { testid: 'share' } },
          h('td', null, x.name), h('td', null, x.post || ''), h('td', null, x.role_name),
          h('td', null, x.took_part_in_decision === null ? '' : x.took_part_in_decision ? '是' : '否'),
          h('td', null, x.collective || ''), h('td', null, x.individual), h('td', null, [x.decision, ...x.reasons].join(' ')))),
      )
      : h('p', null, '(未填写具体人员)'),
    p.unnamed.length ? h('p', { class: 'cd-print-warn' }, `尚未填写:${p.unnamed.join('、')}`) : null,
    h('h2', null, '四、从轻或不予追究'),
    h('p', null, h('strong', null, p.leniency.result)),
    paras(p.leniency.reasons),
    h('p', { class: 'cd-print-note' }, p.leniency.basis),
    h('h2', null, '五、建议'),
    paras(p.recommendations),
    p.warnings.length ? [h('h3', null, '需要核实的矛盾'), paras(p.warnings.map((w) => w.message), 'cd-print-warn')] : null,
    p.interpretations.map((i) => h('p', { class: 'cd-print-note' }, `${i.label}「${i.term}」:${i.rule}`)),
    h('p', { class: 'cd-print-note' }, `依据:${p.basis.join(';')}`),
    h('div', { class: 'cd-print-seal cd-signature' }, h('p', null, `${p.signature.sender}${p.signature.seal}`), h('p', null, p.signature.date)),
    h('p', { class: 'cd-print-note' }, `生成于 ${nowText()} · cyberduty ${version}`),
  );
}

/** The proposal section of the screen: the draft, or the core's refusal saying why. */
export function proposalView(vocab, res, print, version) {
  if (!res.ok) {
    return h('div', { class: 'cd-hint cd-proposal-refused', role: 'note', dataset: { testid: 'proposal-refused' } }, h('p', null, res.error.message), h('details', { class: 'cd-because' }, h('summary', null, '详情'), h('p', null, problemText(res.error))));
  }
  return [
    h('div', { class: 'cd-toolbar' }, button('打印问责建议书', print, { class: 'cd-btn cd-btn-primary', dataset: { testid: 'print-proposal' } })),
    proposalDocument(vocab, res.value, version),
  ];
}

/** The forms with their due times and statuses, and print buttons for the two with item lists. */
export function formsView(vocab, r, print) {
  return h(
    'div',
    { class: 'cd-forms', dataset: { testid: 'report-forms' } },
    h('ul', { class: 'cd-form-list' }, r.forms.map((f) => h(
      'li',
      { class: 'cd-form-item', dataset: { kind: f.kind, status: f.status } },
      h('strong', null, f.name), ' ',
      h('span', { class: ['cd-badge', f.status === 'overdue' ? 'cd-badge-bad' : f.status === 'filed' ? 'cd-badge-good' : 'cd-badge-unknown'], dataset: { testid: `form-status-${f.kind}` } }, f.status_name),
      h('p', { class: 'cd-hint', dataset: { testid: `form-due-${f.kind}` } }, f.due_text),
      f.reasons.length ? h('ul', { class: 'cd-reasons' }, f.reasons.map((x) => h('li', null, x))) : null,
      f.items && f.items.length ? button(`打印${f.name}表`, () => print(f.kind), { class: 'cd-btn cd-btn-small', dataset: { testid: `print-form-${f.kind}` } }) : null,
    ))),
  );
}

/** A report form as a printable document, its items pre-filled from the facts. */
export function formDocument(c, kind, version) {
  const f = c.reporting.forms.find((x) => x.kind === kind);
  if (!f) return null;
  const e = c.incident;
  return h(
    'article',
    { class: 'cd-print-report cd-report-form', dataset: { testid: `form-${kind}` } },
    h('h1', null, kind === 'first' ? `网络安全事件报告(${f.name})` : f.name),
    h('p', { class: 'cd-print-sub' }, [e.title, f.due_text].filter(Boolean).join(' · ')),
    f.note ? h('p', { class: 'cd-print-warn' }, f.note) : null,
    table(
      ['序号', '内容', '填报情况'],
      f.items.map((it) => h('tr', null, h('td', null, it.number), h('th', { scope: 'row' }, it.heading), h('td', null, it.content || (it.later ? '(查明后续报)' : '')))),
    ),
    h('div', { class: 'cd-print-seal cd-signature' }, h('p', null, '报告单位(盖章):'), h('p', null, '填报人:            联系电话:'), h('p', null, '报送时间:    年  月  日  时  分')),
    h('p', { class: 'cd-print-note' }, `生成于 ${nowText()} · cyberduty ${version}`),
  );
}
