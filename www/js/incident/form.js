// The form of 事件研判: basic details, the facts in the groups the core gives (vocabulary()),
// and the timeline. Each control edits the draft in place and calls `changed()`; a blank
// or 未知 control leaves the fact out of the document.

import { h, fill, uid } from '../dom.js';
import { nameOf } from '../format.js';
import { labelOf } from './model.js';
import { peopleSection, reportsSection } from './people.js';

/** The core's hint under a fact, else the page's own. */
const PAGE_HINTS = { outage_hours: '可填小数,如 5.5' };
const hintOf = (f) => f.hint || PAGE_HINTS[f.key] || null;

/** The vocabulary's facts in the core's groups; a fact no group names goes to the last group. */
export function factGroups(vocab) {
  const keyOf = (f) => String(f.path || f.key).replace(/^facts\./, '');
  const byKey = new Map(vocab.facts.map((f) => [keyOf(f), { ...f, key: keyOf(f) }]));
  const groups = vocab.fact_groups.map((g) => ({ title: g.title, facts: g.facts.filter((k) => byKey.has(k)).map((k) => byKey.get(k)) }));
  const placed = new Set(vocab.fact_groups.flatMap((g) => g.facts));
  groups[groups.length - 1].facts.push(...[...byKey.values()].filter((f) => !placed.has(f.key)));
  return groups.filter((g) => g.facts.length);
}

function tristate(f, d, changed) {
  const name = uid('t');
  const hint = hintOf(f);
  const hintId = hint ? uid('h') : null;
  const current = d.facts[f.key] || '';
  return h(
    'fieldset',
    { class: 'cd-fact cd-fact-bool', dataset: { fact: f.key }, attrs: hintId ? { 'aria-describedby': hintId } : {} },
    h('legend', { class: 'cd-fact-label' }, f.label),
    h(
      'div',
      { class: 'cd-tristate' },
      [['yes', '是'], ['no', '否'], ['', '未知']].map(([value, text]) =>
        h(
          'label',
          { class: ['cd-seg', `cd-seg-${value || 'unknown'}`] },
          h('input', {
            type: 'radio',
            name,
            value,
            checked: current === value,
            on: { change: () => { if (value) d.facts[f.key] = value; else delete d.facts[f.key]; changed(); } },
          }),
          h('span', null, text),
        ),
      ),
    ),
    hint ? h('p', { class: 'cd-hint', id: hintId }, hint) : null,
  );
}

function numberFact(f, d, changed) {
  const id = uid('nf');
  const hint = hintOf(f);
  const hintId = uid('h');
  return h(
    'div',
    { class: 'cd-fact cd-fact-num', dataset: { fact: f.key } },
    h('label', { class: 'cd-fact-label', for: id }, f.label),
    h(
      'div',
      { class: 'cd-unit-input' },
      h('input', {
        id,
        type: 'text',
        inputMode: 'decimal',
        autocomplete: 'off',
        class: 'cd-input cd-input-num',
        value: d.facts[f.key] || '',
        placeholder: '未知',
        attrs: { 'aria-describedby': hint ? hintId : null },
        on: { input: (e) => { if (e.target.value === '') delete d.facts[f.key]; else d.facts[f.key] = e.target.value; changed(); } },
      }),
      f.unit ? h('span', { class: 'cd-unit' }, f.unit) : null,
    ),
    hint ? h('p', { class: 'cd-hint', id: hintId }, hint) : null,
  );
}

function selectBox(cls, key, label, value, choices, onValue) {
  const id = uid('is');
  return h(
    'div',
    { class: cls, dataset: { fact: key } },
    h('label', { class: cls === 'cd-field' ? null : 'cd-fact-label', for: id }, label),
    h(
      'select',
      { id, class: 'cd-input', on: { change: (e) => onValue(e.target.value) } },
      h('option', { value: '', selected: !value }, '未知'),
      choices.map((c) => h('option', { value: c.key, selected: value === c.key }, c.name)),
    ),
  );
}

/** UTC offsets: every whole hour from −12 to +14 and the half and three-quarter hours in use. */
const OFFSETS = (() => {
  const two = (n) => String(n).padStart(2, '0');
  const minutes = [];
  for (let hr = -12; hr <= 14; hr += 1) minutes.push(hr * 60);
  minutes.push(-570, -210, 210, 270, 330, 345, 390, 570, 630, 765);
  return minutes.sort((a, b) => a - b).map((m) => `${m < 0 ? '-' : '+'}${two(Math.floor(Math.abs(m) / 60))}:${two(Math.abs(m) % 60)}`);
})();

/** The time zone of a time as a select (a typed offset was easy to get wrong); a value from a file that is not in the list stays, as its own option. */
function offsetSelect(id, v, changed) {
  const label = (o) => (o === 'Z' ? 'UTC(Z)' : o === '+08:00' ? '北京时间 +08:00' : `UTC${o}`);
  const list = ['+08:00', 'Z', ...OFFSETS.filter((o) => o !== '+08:00')];
  if (v.offset && !list.includes(v.offset)) list.unshift(v.offset);
  return h(
    'select',
    { id, class: 'cd-input cd-input-offset', title: '时区:北京时间为 +08:00', on: { change: (e) => { v.offset = e.target.value; changed(); } } },
    list.map((o) => h('option', { value: o, selected: o === v.offset }, label(o))),
  );
}

function timeField(t, d, changed) {
  const v = d.timeline[t.key];
  const id = uid('ts');
  const offId = uid('off');
  return h(
    'div',
    { class: 'cd-fact cd-fact-time', dataset: { fact: t.key } },
    h('label', { class: 'cd-fact-label', for: id }, t.label),
    h(
      'div',
      { class: 'cd-time' },
      h('input', { id, type: 'datetime-local', step: 1, class: 'cd-input', value: v.local, on: { input: (e) => { v.local = e.target.value; delete v.raw; changed(); } } }),
      h('label', { class: 'cd-sr', for: offId }, `${t.label}的时区`),
      offsetSelect(offId, v, changed),
    ),
    v.raw ? h('p', { class: 'cd-hint' }, `文件中的原值“${v.raw}”保留不变;重新选择时间即可修改。`) : null,
  );
}

function textField(label, value, onValue, fact, input = {}) {
  const id = uid('if');
  return h(
    'div',
    { class: 'cd-field', dataset: { fact } },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', class: 'cd-input', value, ...input, on: { input: (e) => onValue(e.target.value) } }),
  );
}

export function renderIncidentForm(host, vocab, d, changed) {
  // Adding or removing a row redraws the form (and keeps the scroll position).
  const rerender = () => {
    const y = window.scrollY;
    renderIncidentForm(host, vocab, d, changed);
    changed();
    window.scrollTo(0, y);
  };
  const listId = uid('cat');
  const set = (fn) => (v) => { fn(v); changed(); };
  fill(
    host,
    h(
      'section',
      { class: 'cd-card' },
      h('h2', null, '事件基本情况'),
      h(
        'div',
        { class: 'cd-grid' },
        textField('事件名称', d.title, set((v) => { d.title = v; }), 'title', { placeholder: '例如:首页被篡改' }),
        textField('事件类别(GB/T 20986-2023)', d.category, set((v) => { d.category = v; }), 'category', { list: listId, placeholder: '可从列表选择或输入' }),
        h('datalist', { id: listId }, vocab.categories.map((c) => h('option', { value: c }))),
        textField('发生事件的单位', d.unit.name, set((v) => { d.unit.name = v; }), 'name'),
        selectBox('cd-field', 'level', '单位行政层级', d.unit.level, vocab.unit_levels, set((v) => { d.unit.level = v; })),
        selectBox('cd-field', 'target', '受影响对象类型', d.target, vocab.targets, set((v) => { d.target = v; })),
      ),
      h('p', { class: 'cd-hint' }, `每项事实都可以选“未知”或留空:研判结果会如实标为“${nameOf(vocab.tristate, 'undetermined')}”,并列出还缺哪些事实。`),
    ),
    factGroups(vocab).map((g) =>
      h(
        'section',
        { class: 'cd-card cd-fact-group' },
        h('h2', null, g.title),
        h('div', { class: 'cd-facts' }, g.facts.map((f) => {
          if (f.kind === 'flag') return tristate(f, d, changed);
          if (f.kind === 'scope') {
            return selectBox('cd-fact cd-fact-enum', f.key, f.label, d.facts[f.key], vocab.outage_scopes, set((v) => { if (v) d.facts[f.key] = v; else delete d.facts[f.key]; }));
          }
          return numberFact(f, d, changed);
        })),
      ),
    ),
    h(
      'section',
      { class: 'cd-card' },
      h('h2', null, '时间线'),
      h('p', { class: 'cd-hint' }, `时间按所填时区计算(北京时间为 +08:00);报告用时从“${labelOf(vocab, 'discovered_at')}”算到“${labelOf(vocab, 'reported_at')}”。`),
      h('div', { class: 'cd-facts' }, vocab.timeline.map((t) => timeField(t, d, changed))),
    ),
    reportsSection(vocab, d, changed, rerender),
    peopleSection(vocab, d, changed, rerender),
  );
}
