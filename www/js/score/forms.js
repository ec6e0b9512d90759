// The static parts of 自评打分's form: the rubric card, the unit card, and the item cards grouped
// by dimension, then vetoes and bonus. Each edits the draft in place and calls `changed()`.

import { h, fill, uid } from '../dom.js';
import { points } from '../format.js';
import { entries } from './model.js';
import { problemView } from '../problem.js';
import { itemCard } from './item-card.js';

function field(label, value, onValue, props = {}) {
  const id = uid('f');
  return h(
    'div',
    { class: 'cd-field' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', class: 'cd-input', value, ...props, on: { input: (e) => onValue(e.target.value) } }),
  );
}

/** @param {{rubric: object, digest: string, source: string}} c */
export function renderRubricCard(card, c) {
  fill(
    card,
    h('h2', null, '考核细则'),
    h('p', { class: 'cd-rubric-title' }, c.rubric.title || c.rubric.id),
    c.rubric.description ? h('p', { class: 'cd-hint' }, c.rubric.description) : null,
    h(
      'dl',
      { class: 'cd-dl' },
      h('dt', null, '来源'), h('dd', null, c.source),
      h('dt', null, '编号 / 版本'), h('dd', null, `${c.rubric.id} / ${c.rubric.version}`),
      h('dt', null, '摘要(SM3)'), h('dd', { class: 'cd-digest' }, c.digest),
    ),
  );
}

/**
 * `checkCode(raw)`: the core's check of a 统一社会信用代码 ({ok, value} or {ok: false, error}),
 * asked as the user types; its verdict is shown under the field.
 */
export function renderUnitCard(card, vocab, draft, changed, checkCode) {
  const u = draft.unit;
  const levelId = uid('lv');
  const set = (k) => (v) => { u[k] = v; changed(); };
  const codeNote = h('p', { class: 'cd-hint cd-code-check', role: 'status', dataset: { testid: 'unit-code-check' } });
  const showCode = (raw) => {
    if (!checkCode || !raw.trim()) return fill(codeNote);
    const r = checkCode(raw);
    codeNote.dataset.ok = String(r.ok);
    if (r.ok) fill(codeNote, r.value === raw ? '代码校验通过' : `代码校验通过,将按 ${r.value} 保存`);
    else fill(codeNote, problemView(r.error));
  };
  const setCode = (v) => { set('code')(v); showCode(v); };
  fill(
    card,
    h('h2', null, '单位信息'),
    h(
      'div',
      { class: 'cd-grid' },
      field('单位名称', u.name, set('name'), { autocomplete: 'organization' }),
      h('div', { class: 'cd-field-wrap' }, field('统一社会信用代码', u.code, setCode, { spellcheck: false }), codeNote),
      h(
        'div',
        { class: 'cd-field' },
        h('label', { for: levelId }, '行政层级'),
        h(
          'select',
          { id: levelId, class: 'cd-input', on: { change: (e) => set('level')(e.target.value) } },
          h('option', { value: '', selected: !u.level }, '(请选择)'),
          vocab.unit_levels.map((l) => h('option', { value: l.key, selected: u.level === l.key }, l.name)),
        ),
      ),
      field('所在地区', u.region, set('region')),
      field('考核期', draft.period, (v) => { draft.period = v; changed(); }, { placeholder: '例如:2026年度' }),
      field('填报人', draft.assessor, (v) => { draft.assessor = v; changed(); }),
    ),
  );
  showCode(u.code || '');
}

/**
 * Cards built before the page is ready: a screen's worth (a card is 200 px or more, and the form
 * starts below the toolbar and the unit card), at least 2 — 5 at 900 px.
 */
const firstCards = () => Math.max(2, Math.ceil((globalThis.innerHeight || 900) / 180));
/** Cards built per task after that: a few milliseconds each, so typing is never held up long. */
const CHUNK = 10;
/** The host's latest cards: a render still building stops when a newer one replaced it. */
const latest = new WeakMap();

/**
 * The item cards of a form, by item id, in the form's order (a Map of the cards built so far).
 * `ids` lists every item, `complete()` builds the rest at once and returns the cards, `done` is a
 * Promise settled when every card is there.
 */
export class ItemCards extends Map {
  constructor(ids = [], buildRest = () => {}) {
    super();
    this.ids = ids;
    this.complete = () => (buildRest(), this);
    this.done = Promise.resolve();
  }
}

/**
 * The item cards into `host`. A re-render builds every card at once, so the scroll position stays.
 * The first render (an empty host: the page is loading) builds only the first screen's cards, so the
 * page is ready sooner, and the rest a chunk per task, calling `onMore()` after each chunk (the
 * new cards show the current verdicts). Every draft slot exists from the start: nothing typed
 * depends on a card being built.
 */
export function renderItems(host, vocab, rubric, draft, changed, onMore = () => {}) {
  const all = entries(rubric);
  for (const e of all) draft.items[e.item.id] = draft.items[e.item.id] || {};
  const lazy = !host.firstChild;
  let next = 0;
  let finished;
  const build = (upTo) => {
    const stop = Math.min(upTo, all.length);
    const from = next;
    for (; next < stop; next += 1) {
      const e = all[next];
      const c = itemCard(vocab, e, draft.items[e.item.id], changed);
      cards.set(e.item.id, c);
      sectionOf(e).append(c.el);
    }
    if (next === all.length) finished();
    return next > from;
  };
  const cards = new ItemCards(all.map((e) => e.item.id), () => build(all.length) && onMore());
  cards.done = new Promise((resolve) => { finished = resolve; });
  latest.set(host, cards);
  const dims = new Map(rubric.dimensions.map((dim, i) => [dim, h(
    'section',
    { class: 'cd-dim', attrs: { 'aria-labelledby': `${host.id}-d${i}` } },
    h('h3', { class: 'cd-dim-title', id: `${host.id}-d${i}` }, `${i + 1}. ${dim.title || dim.id}`),
  )]));
  const vetoes = all.some((e) => e.kind === 'veto')
    ? h('section', { class: 'cd-dim cd-dim-veto' }, h('h3', { class: 'cd-dim-title' }, '一票否决项'),
      h('p', { class: 'cd-hint' }, vocab.veto_rule))
    : null;
  const bonus = all.some((e) => e.kind === 'bonus')
    ? h('section', { class: 'cd-dim cd-dim-bonus' }, h('h3', { class: 'cd-dim-title' }, '加分项'),
      h('p', { class: 'cd-hint' }, `加分合计不超过 ${points(rubric.bonus_cap)} 分。`))
    : null;
  const sectionOf = (e) => (e.kind === 'item' ? dims.get(e.dim) : e.kind === 'veto' ? vetoes : bonus);
  fill(host, [...dims.values()], vetoes, bonus);
  build(lazy ? firstCards() : all.length);
  const step = () => {
    // A newer render of this host built every card of its own at once: these are done with.
    if (latest.get(host) !== cards) return void finished();
    if (build(next + CHUNK)) onMore();
    if (next < all.length) setTimeout(step, 0);
  };
  if (next < all.length) setTimeout(step, 0);
  return cards;
}
