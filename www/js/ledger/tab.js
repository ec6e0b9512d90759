// 整改台账: the unit's register of notified problems — kept in local storage like every other input,
// saved to and opened from a file, and reviewed by the core as of a date (overdue, due soon, and
// Article 8(五)'s third alternative decided from it).

import { h, fill, uid, button, filePicker, readBytes, download } from '../dom.js';
import { problemText, nameOf } from '../format.js';
import { problemView } from '../problem.js';
import { LEDGER_KEY, emptyDraft, sanitizeDraft, buildLedger, draftFromLedger, newEntry, fieldOf, localToday } from './model.js';
import { entryCards, reviewView, updateStates } from './view.js';


function create(ctx) {
  const { core, store, banners } = ctx;
  const vocab = core.vocabulary();
  let draft = sanitizeDraft(store.load(LEDGER_KEY));
  let asOf = localToday();
  let doc = null;
  let result = { ok: false, error: { code: '', path: '', message: '' } };

  // A ledger path's field name (`$.entries[0].deadline` → 整改期限), from the core's words.
  const labelAt = (path) => {
    const at = fieldOf(path);
    return at && at.key && !at.unit ? nameOf(vocab.ledger.fields, at.key === 'serious' ? 'serious_consequence' : at.key) : null;
  };
  const open = filePicker('.json,application/json', (f) => loadFile(f));
  const toolbar = h(
    'div',
    { class: 'cd-toolbar cd-screen', role: 'toolbar', attrs: { 'aria-label': '整改台账操作' } },
    button('新增事项', () => addEntry(), { class: 'cd-btn cd-btn-primary' }),
    button('打开台账文件…', () => open.open(), { class: 'cd-btn' }),
    button('保存台账', () => saveFile(), { class: 'cd-btn', title: '把台账下载为 JSON 文件' }),
    button('结转到下一考核期', () => carryForward(), { class: 'cd-btn', title: '已反馈(已办结)的事项不再结转,其余事项原样保留' }),
    button('清空', () => clearAll(), { class: 'cd-btn cd-btn-danger' }),
    open.element,
  );
  const unitHost = h('section', { class: 'cd-card' });
  const entriesHost = h('div', { class: 'cd-ledger-entries' });
  const out = h('div', { class: 'cd-summary-body', attrs: { 'aria-live': 'polite' } });
  const dateId = uid('asof');
  const dateInput = h('input', { id: dateId, type: 'date', class: 'cd-input', value: asOf, on: { change: (e) => { asOf = e.target.value || localToday(); changed(); } } });
  const outTitle = uid('lr');
  const panel = h(
    'div',
    { class: 'cd-tab-ledger' },
    toolbar,
    h(
      'div',
      { class: 'cd-layout' },
      h('div', { class: 'cd-main' }, unitHost, entriesHost),
      h('aside', { class: 'cd-side cd-card', attrs: { 'aria-labelledby': outTitle } }, h('h2', { id: outTitle, class: 'cd-side-title' }, '台账检查'), h('div', { class: 'cd-field' }, h('label', { for: dateId }, '检查日期'), dateInput), out),
    ),
  );

  function renderUnit() {
    const id1 = uid('u');
    const id2 = uid('u');
    const set = (k) => (e) => { draft.unit[k] = e.target.value; changed(); };
    fill(
      unitHost,
      h('h2', null, '单位'),
      h('div', { class: 'cd-grid' },
        h('div', { class: 'cd-field', dataset: { field: 'unit.name' } }, h('label', { for: id1 }, '单位名称'), h('input', { id: id1, class: 'cd-input', value: draft.unit.name, on: { input: set('name') } })),
        h('div', { class: 'cd-field', dataset: { field: 'unit.code' } }, h('label', { for: id2 }, '统一社会信用代码'), h('input', { id: id2, class: 'cd-input', value: draft.unit.code, spellcheck: false, on: { input: set('code') } }))),
    );
  }

  function renderEntries() {
    fill(entriesHost, entryCards(vocab, draft, result.ok ? result.value.review.entries : null, {
      set: (i, key, value) => { draft.entries[i][key] = value; changed(false); },
      remove: (i) => removeEntry(i),
    }));
  }

  function markError() {
    for (const el of panel.querySelectorAll('.cd-fact-error')) el.remove();
    for (const el of panel.querySelectorAll('.cd-has-error')) el.classList.remove('cd-has-error');
    if (result.ok || !result.error.code) return;
    const at = fieldOf(result.error.path);
    let box = null;
    if (at && at.unit) box = unitHost.querySelector(`[data-field="unit.${at.key}"]`);
    else if (at) {
      const card = entriesHost.querySelector(`[data-index="${at.index}"]`);
      box = card && (at.key ? card.querySelector(`[data-field="${at.key}"]`) : card);
    }
    if (box) {
      box.classList.add('cd-has-error');
      box.append(h('p', { class: 'cd-fact-error', role: 'alert' }, problemView(result.error, labelAt)));
    }
  }

  /** Re-review; `rerender` false keeps the entry cards (and the focus in them) while typing. */
  function changed(rerender = true) {
    store.save(LEDGER_KEY, draft);
    doc = buildLedger(vocab, draft);
    result = core.reviewLedger(doc, asOf);
    if (rerender) renderEntries();
    else if (result.ok) updateStates(entriesHost, result.value.review.entries);
    markError();
    if (result.ok) fill(out, reviewView(vocab, result.value));
    else fill(out, h('div', { class: 'cd-error-box', role: 'alert' }, h('strong', null, '台账有需要改正的地方'), h('p', null, problemView(result.error, labelAt))));
  }

  function addEntry() {
    draft.entries.push(newEntry(draft.entries, localToday()));
    changed();
    const cards = entriesHost.querySelectorAll('[data-index]');
    const last = cards[cards.length - 1];
    if (last) last.querySelector('select, input, textarea')?.focus();
  }

  function removeEntry(i) {
    const before = JSON.parse(JSON.stringify(draft));
    draft.entries.splice(i, 1);
    changed();
    banners.show('ledger-edit', { kind: 'info', message: '已删除一条事项。', actions: [{ label: '撤销', run: () => { draft = before; renderUnit(); changed(); banners.clear('ledger-edit'); } }] });
  }

  async function loadFile(file) {
    let bytes;
    try {
      bytes = await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show('ledger-open', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String((e && e.message) || e) });
      return;
    }
    const v = core.reviewLedger(bytes, asOf);
    if (!v.ok) {
      banners.show('ledger-open', { kind: 'error', title: `无法打开台账文件“${file.name}”`, message: problemText(v.error), detail: '当前台账没有改动。' });
      return;
    }
    const before = draft;
    draft = draftFromLedger(v.value.ledger);
    renderUnit();
    changed();
    banners.show('ledger-open', { kind: 'info', message: `已打开台账文件“${file.name}”。原来的台账已被替换,可以撤销。`, actions: [{ label: '撤销', run: () => { draft = before; renderUnit(); changed(); banners.clear('ledger-open'); } }] });
  }

  function saveFile() {
    if (!result.ok) {
      banners.show('ledger-save', { kind: 'error', title: '请先改正台账中的错误再保存文件', message: problemText(result.error), detail: '填写的内容已自动保存在本机浏览器中,不会丢失。' });
      return;
    }
    banners.clear('ledger-save');
    download(`整改台账_${core.safeFileName(draft.unit.name) || '未命名'}.json`, `${JSON.stringify(doc, null, 2)}\n`);
  }

  /** 结转: the core keeps the entries not yet closed; undo restores the whole ledger. */
  function carryForward() {
    const v = core.nextLedger(doc);
    if (!v.ok) {
      banners.show('ledger-edit', { kind: 'error', title: '请先改正台账中的错误再结转', message: problemText(v.error) });
      return;
    }
    const before = draft;
    draft = draftFromLedger(v.value.ledger);
    renderUnit();
    changed();
    banners.show('ledger-edit', { kind: 'info', message: `已结转到下一考核期:保留未办结事项 ${v.value.ledger.entries.length} 项,已反馈的 ${v.value.dropped} 项不再结转。可以撤销。`, actions: [{ label: '撤销', run: () => { draft = before; renderUnit(); changed(); banners.clear('ledger-edit'); } }] });
  }

  function clearAll() {
    const before = draft;
    draft = emptyDraft();
    renderUnit();
    changed();
    banners.show('ledger-edit', { kind: 'info', message: '已清空台账。', actions: [{ label: '撤销', run: () => { draft = before; renderUnit(); changed(); banners.clear('ledger-edit'); } }] });
  }

  renderUnit();
  changed();
  return {
    panel,
    document: () => doc,
    result: () => result,
    saveActions: [{ label: '保存台账', run: () => saveFile() }],
    destroy() {},
  };
}

export const ledgerTab = { id: 'ledger', title: '整改台账', create };
