// The core's classification of an incident as the page shows it: conclusions, the seven
// situations of Article 8 (citation and text from the vocabulary), accountability, grade and
// reporting; the printed 研判意见; and the one-line verdict of a period entry (the core's summary).

import { h, button } from '../dom.js';
import { nameOf, problemText, nowText } from '../format.js';
import { labelOf } from './model.js';
import { policyView } from './policy.js';

/** The badge colour of a three-state status (met is bad news here). */
const BADGE = { met: 'cd-badge-bad', not_met: 'cd-badge-good', undetermined: 'cd-badge-unknown' };

export function statusBadge(vocab, status) {
  return h('span', { class: ['cd-badge', BADGE[status] || 'cd-badge-unknown'] }, nameOf(vocab.tristate, status));
}

function list(items, cls) {
  const arr = (items || []).filter((x) => typeof x === 'string' && x !== '');
  return arr.length ? h('ul', { class: cls || 'cd-reasons' }, arr.map((x) => h('li', null, x))) : null;
}

/** A yes/no/unknown conclusion: unknown is the vocabulary's undetermined. */
function yesNo(vocab, v) {
  return v === true ? '是' : v === false ? '否' : nameOf(vocab.tristate, 'undetermined');
}

/** Reasons behind a disclosure whose open/closed state survives re-rendering. */
function because(key, reasons, open, openState) {
  const d = h('details', { class: 'cd-because', open: openState.has(key) ? openState.get(key) : open }, h('summary', null, '理由与依据'), list(reasons));
  d.addEventListener('toggle', () => openState.set(key, d.open));
  return d;
}

export function gradeText(vocab, g) {
  return `${nameOf(vocab.incident_grades, g.level)}${g.at_least ? '(至少)' : ''}`;
}

/** The core's one-line Article 8 verdict on an incident, as a badge. */
export function summaryBadge(vocab, c) {
  return h('span', { class: ['cd-badge', BADGE[c.summary.status] || 'cd-badge-unknown'] }, c.summary.text);
}

/** The core's contradictions (W_FACT_CONFLICT): the message, and behind 详情 the fields by label. */
export function warningsView(vocab, c, focusFact) {
  if (!c.warnings.length) return null;
  return h(
    'div',
    { class: 'cd-warnings', role: 'alert', dataset: { testid: 'fact-warnings' } },
    h('strong', null, '填写的事实相互矛盾,相关要件暂定为待定'),
    c.warnings.map((w) =>
      h(
        'div',
        { class: 'cd-warning' },
        h('p', null, w.message),
        h('details', { class: 'cd-because' }, h('summary', null, '详情'), h('p', null, `代码 ${w.code};涉及:`, w.paths.map((p) => button(labelOf(vocab, p), () => focusFact(p), { class: 'cd-chip', title: `转到“${labelOf(vocab, p)}”` })))),
      ),
    ),
  );
}

/**
 * The classification as Chinese text. `focusFact(path)` moves to the form control of a missing
 * fact; `openState` keeps disclosures open across live updates; `holder` (on screen) opens or
 * resets the policy file.
 */
export function resultView(vocab, c, focusFact, openState, holder) {
  const a = c.accountability;
  const g = c.grade;
  const r = c.reporting;
  const undetermined = nameOf(vocab.tristate, 'undetermined');
  const conclusions = h(
    'dl',
    { class: 'cd-conclusions' },
    h('dt', null, '是否追究责任'), h('dd', { dataset: { testid: 'accountability' } }, h('span', { class: ['cd-badge', BADGE[a.status] || 'cd-badge-unknown'] }, a.decision)),
    h('dt', null, '事件分级'), h('dd', null, h('strong', { dataset: { testid: 'incident-grade' } }, gradeText(vocab, g)), g.draft ? h('span', { class: 'cd-badge cd-badge-unknown' }, '征求意见稿阈值') : null),
    h('dt', null, '是否须报告'), h('dd', null, h('strong', { dataset: { testid: 'report-required' } }, yesNo(vocab, r.required))),
    h('dt', null, '首报时限'), h('dd', { dataset: { testid: 'deadline' } }, r.deadline_text === null ? undetermined : `发现后 ${r.deadline_text}内`),
    h('dt', null, '报告用时'), h('dd', null, r.reported_within_text === null ? '未知' : r.reported_within_text),
    h('dt', null, '是否按时'), h('dd', null, h('strong', { dataset: { testid: 'on-time' } }, yesNo(vocab, r.on_time))),
  );
  const clause = (n) => vocab.article8.find((x) => x.item === n) || { citation: String(n), text: '' };
  const triggers = h(
    'ol',
    { class: 'cd-triggers' },
    c.triggers.map((t) =>
      h(
        'li',
        { class: 'cd-trigger', dataset: { status: t.status, item: String(t.item) } },
        h('div', { class: 'cd-trigger-head' }, h('span', { class: 'cd-trigger-no' }, clause(t.item).citation), statusBadge(vocab, t.status)),
        h('p', { class: 'cd-trigger-text' }, clause(t.item).text),
        t.missing.length
          ? h('p', { class: 'cd-missing' }, '尚缺事实:', t.missing.map((m) => button(labelOf(vocab, m), () => focusFact(m), { class: 'cd-chip', title: `转到“${labelOf(vocab, m)}”(${m})` })))
          : null,
        because(`t${t.item}-${t.status}`, t.reasons, t.status === 'met', openState),
        t.item === 5 && c.ledger
          ? h('div', { class: 'cd-hint', dataset: { testid: 'ledger-finding' } }, h('p', null, '整改台账:', statusBadge(vocab, c.ledger.status)), list(c.ledger.reasons))
          : null,
      ),
    ),
  );
  const accountability = h(
    'div',
    { class: 'cd-result-block' },
    a.status === 'not_met'
      ? h('p', null, c.summary.text)
      : h(
        'dl',
        { class: 'cd-dl' },
        a.chain.length ? [h('dt', null, '逐级倒查'), h('dd', null, a.chain.join(' → '))] : null,
        h('dt', null, '监管部门负责人'), h('dd', null, '是否一并追责:', h('span', { class: ['cd-badge', BADGE[a.supervisor] || 'cd-badge-unknown'] }, a.supervisor_decision)),
        h('dt', null, vocab.accountability.principal_share), h('dd', null, a.collective.principal.join('、')),
        h('dt', null, vocab.accountability.important_share), h('dd', null, a.collective.important.join('、')),
        h('dt', null, vocab.accountability.individual_share), h('dd', null, a.individual.join('、')),
        h('dt', null, '实施问责'), h('dd', null, a.carried_out_by),
        h('dt', null, '问责建议'), h('dd', null, a.recommended_by),
      ),
    because('acc', a.reasons, false, openState),
  );
  const l = a.leniency;
  const leniency = h(
    'div',
    { class: 'cd-result-block', dataset: { testid: 'leniency' } },
    h('p', null, h('span', { class: ['cd-badge', l.status === 'met' ? 'cd-badge-good' : 'cd-badge-unknown'] }, l.result)),
    h('p', { class: 'cd-hint' }, l.basis),
    l.missing.length ? h('p', { class: 'cd-missing' }, '尚缺事实:', l.missing.map((m) => button(labelOf(vocab, m), () => focusFact(m), { class: 'cd-chip' }))) : null,
    because('len', l.reasons, false, openState),
  );
  return [
    warningsView(vocab, c, focusFact),
    conclusions,
    h('h3', { class: 'cd-side-sub' }, vocab.basis.article8),
    triggers,
    h('h3', { class: 'cd-side-sub' }, vocab.basis.accountability),
    accountability,
    h('h3', { class: 'cd-side-sub' }, vocab.basis.leniency),
    leniency,
    h('h3', { class: 'cd-side-sub' }, '事件分级'),
    h('div', { class: 'cd-result-block' }, g.at_least ? h('p', { class: 'cd-hint' }, '部分事实未知,查明后级别可能更高。') : null, because('grade', g.reasons, false, openState)),
    h('h3', { class: 'cd-side-sub' }, '报告时限'),
    h('div', { class: 'cd-result-block' }, because('rep', r.reasons, false, openState)),
    h('h3', { class: 'cd-side-sub' }, '所用政策与本工具解释'),
    policyView(c, holder),
  ];
}

/** In print every disclosure is open. */
const PRINT_OPEN = { has: () => true, get: () => true, set: () => {} };

export function printView(vocab, doc, result, version) {
  const unit = doc.unit || {};
  const rows = [
    ['事件名称', doc.title],
    ['事件类别', doc.category],
    ['单位', [unit.name, unit.level && nameOf(vocab.unit_levels, unit.level)].filter(Boolean).join(' · ')],
    ['对象类型', doc.target && nameOf(vocab.targets, doc.target)],
    ...vocab.timeline.map((t) => [t.label, doc.timeline && doc.timeline[t.key]]),
  ];
  return h(
    'article',
    { class: 'cd-print-report' },
    h('h1', null, '网络安全事件研判意见'),
    h('p', { class: 'cd-print-sub' }, `依据${vocab.basis.incident} · 生成于 ${nowText()} · cyberduty ${version}`),
    h('table', { class: 'cd-print-meta' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v || '(未知)'))))),
    result.ok ? resultView(vocab, result.value, () => {}, PRINT_OPEN) : h('p', { class: 'cd-print-error' }, `事件信息有误,无法研判:${problemText(result.error)}`),
    h('p', { class: 'cd-print-note' }, `说明:本意见依据所填事实自动生成,“${nameOf(vocab.tristate, 'undetermined')}”表示事实不全;第(七)项及是否追责须由有权机关认定。`),
  );
}
