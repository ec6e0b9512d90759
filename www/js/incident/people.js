// Two small lists of the incident document, edited in the form: the people named for a 问责建议书
// (name, post, role, took part in the decision or not) and the reports filed (kind and time).
// Roles and report kinds come from the core's vocabulary; each control edits the draft in place
// and calls `changed()`; the core says what is wrong with a row.

import { h, uid, button } from '../dom.js';

function cell(label, control) {
  const id = uid('pp');
  control.id = id;
  return h('div', { class: 'cd-field' }, h('label', { for: id }, label), control);
}

function select(value, choices, onValue, blank) {
  return h(
    'select',
    { class: 'cd-input', on: { change: (e) => onValue(e.target.value) } },
    h('option', { value: '', selected: !value }, blank),
    choices.map((c) => h('option', { value: c.key, selected: value === c.key }, c.name)),
  );
}

function text(value, onValue, placeholder) {
  return h('input', { type: 'text', class: 'cd-input', value, placeholder, on: { input: (e) => onValue(e.target.value) } });
}

/** Rows of a list with add and remove; `rerender()` redraws the whole form after a row is added or removed. */
function rows(items, row, add, rerender, addLabel) {
  return [
    h('ol', { class: 'cd-rows' }, items.map((it, n) => h('li', { class: 'cd-row', dataset: { row: String(n) } }, row(it), button('删除', () => { items.splice(n, 1); rerender(); }, { class: 'cd-btn cd-btn-small', title: '删除这一行' })))),
    button(addLabel, () => { items.push(add()); rerender(); }, { class: 'cd-btn' }),
  ];
}

export function peopleSection(vocab, d, changed, rerender) {
  const w = vocab.accountability;
  const set = (fn) => (v) => { fn(v); changed(); };
  return h(
    'section',
    { class: 'cd-card', dataset: { testid: 'people' } },
    h('h2', null, '问责建议书所列人员'),
    h('p', { class: 'cd-hint' }, '按角色填写:研判符合第八条情形时,问责建议书按第九条列出每人的责任。'),
    rows(
      d.people,
      (p) => h(
        'div',
        { class: 'cd-grid cd-person' },
        cell('姓名', text(p.name, set((v) => { p.name = v; }), '')),
        cell('职务', text(p.post, set((v) => { p.post = v; }), '')),
        cell('角色', select(p.role, w.roles, set((v) => { p.role = v; }), '请选择')),
        cell('是否参与相关工作决策', select(p.took, [{ key: 'yes', name: '是' }, { key: 'no', name: '否' }], set((v) => { p.took = v; }), '未知')),
      ),
      () => ({ name: '', post: '', role: '', took: '' }),
      rerender,
      '添加人员',
    ),
  );
}

export function reportsSection(vocab, d, changed, rerender) {
  const w = vocab.accountability;
  const set = (fn) => (v) => { fn(v); changed(); };
  return h(
    'section',
    { class: 'cd-card', dataset: { testid: 'reports' } },
    h('h2', null, '已报送的报告'),
    h('p', { class: 'cd-hint' }, '记录首报、续报、总结报告和向公安机关报案的时间;研判结果据此列出各项报告的时限和状态。'),
    rows(
      d.reports,
      (r) => h(
        'div',
        { class: 'cd-grid cd-report-row' },
        cell('报告种类', select(r.kind, w.report_kinds, set((v) => { r.kind = v; }), '请选择')),
        cell('报送时间', h('input', { type: 'datetime-local', step: 1, class: 'cd-input', value: r.local, on: { input: (e) => { r.local = e.target.value; delete r.raw; changed(); } } })),
        cell('时区', text(r.offset, set((v) => { r.offset = v; }), '+08:00')),
      ),
      () => ({ kind: '', local: '', offset: '+08:00' }),
      rerender,
      '添加报告',
    ),
  );
}
