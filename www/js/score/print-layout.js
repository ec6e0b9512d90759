// 打印版式: 公文格式 (GB/T 9704-2012, the default) or the compact A4 layout. One setting for every
// printout of the page (kept in storage); print.css and gongwen.css read it from the app root's
// data-print-layout, so every `.cd-print-report` follows it without knowing about it.

import { h, uid } from '../dom.js';

export const LAYOUTS = [['gongwen', '公文格式'], ['compact', '紧凑格式']];
const KEY = 'print-layout';

/** The stored layout, or the default. */
export function storedLayout(store) {
  const v = store && store.load(KEY);
  return LAYOUTS.some(([k]) => k === v) ? v : 'gongwen';
}

/** Mark the app root that `el` is in (once it is in the document). */
function apply(el, layout) {
  const root = el.closest('.cd');
  if (root) root.dataset.printLayout = layout;
  return !!root;
}

/** The 打印版式 select for a toolbar: changes the setting for every tab's printout. */
export function printLayoutSelect(store) {
  const id = uid('layout');
  const select = h('select', { id, class: 'cd-input cd-print-layout', dataset: { testid: 'print-layout' } },
    LAYOUTS.map(([k, label]) => h('option', { value: k, selected: k === storedLayout(store) }, label)));
  select.addEventListener('change', () => {
    store.save(KEY, select.value);
    // Every open select (score and aggregation tabs) shows the same setting.
    for (const s of (select.getRootNode().querySelectorAll ? select.getRootNode().querySelectorAll('.cd-print-layout') : [])) s.value = select.value;
    apply(select, select.value);
  });
  // The toolbar is attached after create(): mark the root as soon as it is.
  const mark = (tries) => { if (!apply(select, storedLayout(store)) && tries) requestAnimationFrame(() => mark(tries - 1)); };
  requestAnimationFrame(() => mark(60));
  return h('label', { class: 'cd-print-layout-field', for: id, title: '打印版式:公文格式按 GB/T 9704-2012(A4,仿宋三号,每页 22 行 × 28 字,页码“— 1 —”);紧凑格式字号较小,页数较少' }, '打印版式 ', select);
}
