// 自评打分's 整改台账 suggestions: the core counts the kept ledger over the assessment's period for
// the rubric's items that declare `from_ledger`, and each such card shows the count with one button
// to take it. Nothing is filled in unless the user clicks.

import { h, button } from '../dom.js';
import { storedLedger, localToday } from '../ledger/model.js';

/**
 * Show (or clear) the suggestion on each card. `take(id, count)` fills the item's count.
 * @param ctx {core, vocab, store, session, cards: Map<id, card>, draft, take}
 */
export function showSuggestions({ core, vocab, store, session, cards, draft, take }) {
  for (const card of cards.values()) card.el.querySelector('.cd-suggest')?.remove();
  const today = localToday();
  const ledger = storedLedger(core, vocab, store, today);
  if (!ledger || !draft.period.trim()) return;
  const s = session.ledgerSuggestions(ledger, draft.period, today);
  if (!s.ok) return;
  for (const { item, answer, reason } of s.value) {
    const card = cards.get(item);
    if (!card) continue;
    const d = draft.items[item] || {};
    const same = d.count === String(answer.count) && !d.na;
    const box = h(
      'div',
      { class: 'cd-suggest cd-hint', role: 'note' },
      h('span', null, `整改台账建议:${answer.count} 项。${reason}。`),
      same
        ? h('span', { class: 'cd-suggest-same' }, '(已与台账一致)')
        : button(`采用建议(${answer.count})`, () => take(item, answer.count), { class: 'cd-btn cd-btn-small cd-suggest-take' }),
    );
    const controls = card.el.querySelector('.cd-item-controls');
    if (controls) controls.after(box);
    else card.el.append(box);
  }
}

/** The card's line for what the previous period said (notes and evidence names under `carried`). */
export function showCarried(cards, carried) {
  for (const card of cards.values()) card.el.querySelector('.cd-carried')?.remove();
  if (!carried || !carried.answers) return;
  for (const [id, c] of Object.entries(carried.answers)) {
    const card = cards.get(id);
    if (!card) continue;
    const parts = [];
    if (c.note) parts.push(`备注:${c.note}`);
    if (c.evidence && c.evidence.length) parts.push(`证明材料:${c.evidence.map((e) => e.name).join('、')}`);
    card.el.append(h('p', { class: 'cd-carried cd-hint' }, `上期(${carried.from_period || '—'})${parts.join(';')}`));
  }
}
