// One item, veto or bonus card of 自评打分: the controls its method's answer fields need (from the
// core's vocabulary), N/A, guide, note, and the core's verdict on it. The card edits the item's
// draft in place and calls `changed()`; it decides nothing about the answer.

import { h, add, fill, uid, button } from '../dom.js';
import { fixed2, points, nameOf } from '../format.js';
import { problemView } from '../problem.js';
import { fieldsOf, draftSlot, methodKind } from './model.js';

function radioGroup(legend, name, choices, current, onPick) {
  return h(
    'fieldset',
    { class: 'cd-choices' },
    h('legend', { class: 'cd-sr' }, legend),
    choices.map(([value, label]) =>
      h(
        'label',
        { class: 'cd-choice' },
        h('input', { type: 'radio', name, value, checked: current === value, on: { change: () => onPick(value) } }),
        h('span', null, label),
      ),
    ),
  );
}

function numberField(label, value, onValue, extra = {}) {
  const id = uid('n');
  return h(
    'span',
    { class: 'cd-num-field' },
    h('label', { for: id }, label),
    h('input', {
      id,
      type: 'text',
      inputMode: 'numeric',
      autocomplete: 'off',
      value: value || '',
      class: 'cd-input cd-input-num',
      ...extra,
      on: { input: (e) => onValue(e.target.value) },
    }),
  );
}

/** The page's own hint under a method's count fields. */
function countHint(kind, item, fields) {
  if (kind === 'ratio' && fields.length === 2) return `按 ${fields[0].label} ÷ ${fields[1].label} 的比例得分`;
  if (kind === 'deduct') return `每次扣 ${points(item.method.per)} 分,本项最多扣 ${points(item.points)} 分;没有发生请填 0`;
  return null;
}

/** The controls of a method's fields: yes/no and level choices as radios, counts as text fields. */
function controls(vocab, entry, d, changed, cardId) {
  const { item } = entry;
  const title = item.title || item.id;
  const kind = methodKind(entry);
  const fields = fieldsOf(vocab, kind);
  if (!fields.length) return h('p', { class: 'cd-item-error' }, `不认识的评分方法 ${kind}`);
  const set = (slot) => (v) => {
    d[slot] = v;
    changed();
  };
  const choices = fields.filter((f) => f.type === 'boolean' || f.type === 'index');
  const counts = fields.filter((f) => f.type === 'count');
  const parts = choices.map((f) => {
    const slot = draftSlot(fields, f);
    // A veto's 否 comes first (the page's layout: most units answer it).
    const yesNo = [['yes', f.true_label || '是'], ['no', f.false_label || '否']];
    const options = f.type === 'boolean'
      ? (kind === 'veto' ? yesNo.reverse() : yesNo)
      : (item.method.levels || []).map((l, i) => [String(i), l.label]);
    return radioGroup(`${title}:${f.label}`, uid('r'), options, d[slot], set(slot));
  });
  if (counts.length) {
    const hint = countHint(kind, item, counts);
    const hintId = `${cardId}-h`;
    const extra = hint ? { attrs: { 'aria-describedby': hintId } } : {};
    const row = [];
    counts.forEach((f, i) => {
      if (i && kind === 'ratio') row.push(h('span', { class: 'cd-ratio-sep', attrs: { 'aria-hidden': 'true' } }, '/'));
      const slot = draftSlot(fields, f);
      row.push(numberField(f.label, d[slot], set(slot), { ...extra, dataset: { field: f.key } }));
    });
    parts.push(h('div', { class: `cd-${kind}` }, row, hint ? h('span', { class: 'cd-hint', id: hintId }, hint) : null));
  }
  return parts.length === 1 ? parts[0] : h('div', null, parts);
}

/** The N/A box: shown where the rubric allows N/A, and wherever a draft says N/A anyway (the core refuses it there). */
function naBox(vocab, d, valueBox, changed) {
  const reasonId = uid('na');
  const reason = h('input', {
    id: reasonId,
    type: 'text',
    class: 'cd-input',
    value: d.reason || '',
    placeholder: '例如:本单位无此类系统',
    on: { input: (e) => { d.reason = e.target.value; changed(); } },
  });
  const reasonRow = h('div', { class: 'cd-na-reason', hidden: !d.na }, h('label', { for: reasonId }, vocab.na.reason_label), reason);
  const sync = () => {
    reasonRow.hidden = !d.na;
    valueBox.classList.toggle('cd-disabled', !!d.na);
    for (const el of valueBox.querySelectorAll('input')) el.disabled = !!d.na;
  };
  queueMicrotask(sync);
  return h(
    'div',
    { class: 'cd-na' },
    h('label', { class: 'cd-choice' },
      h('input', { type: 'checkbox', checked: !!d.na, on: { change: (e) => { if (e.target.checked) d.na = true; else delete d.na; sync(); changed(); } } }),
      h('span', null, vocab.na.label)),
    reasonRow,
  );
}

/**
 * aria-invalid and the error's id in aria-describedby on the count field the core's error names
 * (its path ends in the field's key), or on every count field when it names the whole answer.
 */
function markInvalid(card, err, errorId) {
  const fields = [...card.querySelectorAll('input[data-field]')];
  const named = err ? fields.filter((el) => (err.path || '').endsWith(`.${el.dataset.field}`)) : [];
  const bad = err ? (named.length ? named : fields) : [];
  for (const el of fields) {
    const ids = (el.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== errorId);
    if (bad.includes(el)) {
      el.setAttribute('aria-invalid', 'true');
      ids.push(errorId);
    } else el.removeAttribute('aria-invalid');
    if (ids.length) el.setAttribute('aria-describedby', ids.join(' '));
    else el.removeAttribute('aria-describedby');
  }
}

/** One card. `entry` is {kind, item}; `d` the item's draft (edited in place). */
export function itemCard(vocab, entry, d, changed) {
  const { kind, item } = entry;
  const cardId = uid('item');
  const titleId = `${cardId}-t`;
  const title = item.title || item.id;
  const scoreEl = h('span', { class: 'cd-item-score' });
  const statusEl = h('p', { class: 'cd-item-status', attrs: { 'aria-live': 'off' } });
  const errorEl = h('p', { class: 'cd-item-error', id: `${cardId}-e`, role: 'alert', hidden: true });
  const card = h('article', {
    class: ['cd-item', `cd-item-${kind}`],
    id: cardId,
    dataset: { itemId: item.id, status: 'missing' },
    attrs: { 'aria-labelledby': titleId, tabindex: '-1' },
  });

  const header = h(
    'header',
    { class: 'cd-item-head' },
    h('h4', { id: titleId, class: 'cd-item-title' }, h('span', { class: 'cd-item-id' }, item.id), ' ', title),
    kind === 'veto'
      ? h('span', { class: 'cd-item-points cd-veto-tag' }, '一票否决')
      : h('span', { class: 'cd-item-points' }, kind === 'bonus' ? `加分 ${points(item.points)}` : `分值 ${points(item.points)}`),
    scoreEl,
  );

  const valueBox = h('div', { class: 'cd-item-value' }, controls(vocab, entry, d, changed, cardId));
  const radios = () => [...valueBox.querySelectorAll('input[type=radio]')];
  const clearBtn = radios().length
    ? button('清除作答', () => {
      delete d.choice;
      for (const r of radios()) r.checked = false;
      changed();
    }, { class: 'cd-btn-text', attrs: { 'aria-label': `清除“${title}”的作答` } })
    : null;
  const na = item.na_allowed || d.na ? naBox(vocab, d, valueBox, changed) : null;

  const guide = item.guide || item.basis
    ? h(
      'details',
      { class: 'cd-guide' },
      h('summary', null, '评分指引'),
      item.guide ? h('p', null, item.guide) : null,
      item.basis ? h('p', { class: 'cd-basis' }, `依据:${item.basis}`) : null,
    )
    : null;

  const noteId = uid('note');
  const noteHint = h('span', { class: 'cd-hint', hidden: true }, '尚未作答:备注暂存在本机,作答后随自评表一起保存。');
  const note = h(
    'div',
    { class: 'cd-note' },
    h('label', { for: noteId }, '备注'),
    h('textarea', {
      id: noteId,
      rows: 1,
      class: 'cd-input',
      value: d.note || '',
      placeholder: '情况说明、证明材料名称等(可选)',
      on: { input: (e) => { d.note = e.target.value; changed(); } },
    }),
    noteHint,
  );
  const evidence = d.evidence && d.evidence.length
    ? h('p', { class: 'cd-hint' }, `证明材料:${d.evidence.map((e) => e.name).join('、')}`)
    : null;
  const autoHint = kind === 'veto' && item.auto
    ? h('p', { class: 'cd-hint' }, '本项依据本期事件的研判结果(第八条情形)核对:实时得分和导出的上报文件都按此计。')
    : null;

  add(card, header, h('div', { class: 'cd-item-controls' }, valueBox, clearBtn, na), autoHint, guide, note, evidence, statusEl, errorEl);

  return {
    id: item.id,
    el: card,
    focus() {
      card.scrollIntoView({ block: 'center' });
      const first = card.querySelector('input:not([disabled]), textarea');
      (first || card).focus({ preventScroll: true });
    },
    /** Show the core's verdict: `s` (ItemScore or veto result), the form hint, and any error. */
    update(s, hint, err, answered) {
      card.dataset.status = err ? 'error' : s ? s.status : 'missing';
      noteHint.hidden = answered || !(d.note && d.note.trim());
      errorEl.hidden = !err;
      markInvalid(card, err, errorEl.id);
      if (err) fill(errorEl, '输入有误:', problemView(err));
      else errorEl.textContent = '';
      const list = kind === 'veto' ? vocab.veto_status : vocab.item_status;
      // An N/A item has no score of its own (its points leave the applicable total): 不适用, not 0.00 / 0.00.
      scoreEl.textContent = kind === 'veto' || !s || err ? '' : s.status === 'na' ? nameOf(vocab.item_status, 'na') : `${fixed2(s.earned)} / ${fixed2(s.max)}`;
      statusEl.textContent = hint || (s ? (kind !== 'veto' && s.explanation) || nameOf(list, s.status) : '');
    },
  };
}
