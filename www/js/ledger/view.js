// 整改台账's form (unit, one card per entry) and the review beside it. Words come from the core's
// vocabulary (vocab.ledger) and review; this module lays them out.

import { h, uid, button } from '../dom.js';
import { nameOf } from '../format.js';

const BADGE = { overdue: 'cd-badge-bad', due_soon: 'cd-badge-unknown', fed_back: 'cd-badge-good', rectified: 'cd-badge-good' };
const VERDICT = { met: 'cd-badge-bad', not_met: 'cd-badge-good', undetermined: 'cd-badge-unknown' };

function labelOf(vocab, key) {
  return nameOf(vocab.ledger.fields, key);
}

function control(vocab, entry, key, onValue) {
  const id = uid('l');
  const on = { input: (e) => onValue(e.target.value), change: (e) => onValue(e.target.value) };
  let input;
  const choice = (list, blank) => h('select', { id, class: 'cd-input', on }, h('option', { value: '' }, blank), list.map((x) => h('option', { value: x.key, selected: entry[key] === x.key }, x.name)));
  if (key === 'notified_by') input = choice(vocab.ledger.notifiers, '(请选择)');
  else if (key === 'status') input = choice(vocab.ledger.statuses, '(请选择)');
  else if (key === 'serious') {
    const tri = [{ key: 'true', name: '是' }, { key: 'false', name: '否' }];
    input = choice(tri, nameOf(vocab.tristate, 'undetermined'));
  } else if (/_on$|deadline/.test(key)) input = h('input', { id, type: 'date', class: 'cd-input', value: entry[key], on });
  else if (key === 'problem' || key === 'evidence' || key === 'note') input = h('textarea', { id, class: 'cd-input', rows: key === 'evidence' ? 2 : 2, value: entry[key], on, placeholder: key === 'evidence' ? '每行一个文件名' : '' });
  else input = h('input', { id, type: 'text', class: 'cd-input', value: entry[key], on, spellcheck: false });
  const label = labelOf(vocab, key === 'serious' ? 'serious_consequence' : key);
  return h('div', { class: 'cd-field', dataset: { field: key } }, h('label', { for: id }, label), input);
}

const ORDER = ['id', 'notified_by', 'notifier', 'notice_no', 'notified_on', 'deadline', 'problem', 'status', 'rectified_on', 'fed_back_on', 'serious', 'evidence', 'note'];

/** Update the state badge and sentence of the cards in `host` from a fresh review (while typing). */
export function updateStates(host, reviewed) {
  for (const [i, x] of reviewed.entries()) {
    const card = host.querySelector(`[data-index="${i}"]`);
    if (!card) continue;
    const badge = card.querySelector('[data-testid="ledger-state"]');
    badge.className = `cd-badge ${BADGE[x.state] || 'cd-badge-unknown'}`;
    badge.textContent = x.state_name;
    card.querySelector('[data-testid="ledger-message"]').textContent = x.message;
  }
}

/** One card per entry; `set(i, key, value)`, `remove(i)`. */
export function entryCards(vocab, draft, reviewed, { set, remove }) {
  if (!draft.entries.length) return h('p', { class: 'cd-hint' }, '台账中还没有事项。点击“新增事项”登记一条被通报(或自查发现)的问题。');
  return draft.entries.map((e, i) => {
    const r = reviewed && reviewed[i];
    const title = uid('le');
    return h(
      'section',
      { class: 'cd-card cd-ledger-entry', dataset: { index: String(i), testid: 'ledger-entry' }, attrs: { 'aria-labelledby': title } },
      h(
        'div',
        { class: 'cd-item-head' },
        h('h3', { id: title }, `${e.id || '(未编号)'} ${e.problem || ''}`),
        h('span', { class: ['cd-badge', r ? BADGE[r.state] || 'cd-badge-unknown' : 'cd-hidden'], dataset: { testid: 'ledger-state' } }, r ? r.state_name : ''),
        button('删除', () => remove(i), { class: 'cd-btn-text cd-btn-danger', attrs: { 'aria-label': `删除事项 ${e.id}` } }),
      ),
      h('p', { class: 'cd-hint', dataset: { testid: 'ledger-message' } }, r ? r.message : ''),
      h('div', { class: 'cd-grid' }, ORDER.map((key) => control(vocab, e, key, (v) => set(i, key, v)))),
    );
  });
}

/** The review: counts, every entry's state, Article 8(五) from the ledger. */
export function reviewView(vocab, value) {
  const r = value.review;
  const a = r.article8_5;
  return [
    h('p', { class: 'cd-breakdown' }, `共 ${r.entries.length} 项 · `, h('strong', { dataset: { testid: 'ledger-overdue' } }, `${nameOf(vocab.ledger.states, 'overdue')} ${r.overdue} 项`), ` · ${nameOf(vocab.ledger.states, 'due_soon')} ${r.due_soon} 项(${vocab.ledger.due_soon_days} 天内到期)`),
    r.entries.length
      ? h('ul', { class: 'cd-ledger-list' }, r.entries.map((x) => h('li', null, h('span', { class: ['cd-badge', BADGE[x.state] || 'cd-badge-unknown'] }, x.state_name), ` ${x.id} ${x.problem}:${x.message}`)))
      : null,
    h(
      'div',
      { class: 'cd-info-box', dataset: { testid: 'ledger-art85' } },
      h('p', null, h('strong', null, `${a.citation}「不及时整改并造成严重后果」:`), h('span', { class: ['cd-badge', VERDICT[a.status]] }, nameOf(vocab.tristate, a.status))),
      h('ul', null, a.reasons.map((t) => h('li', null, t))),
    ),
  ];
}
