// 事件研判: the incident's facts with three-state controls (是 / 否 / 未知) and numbers, and the core's
// live verdict — the seven situations of Article 8, accountability, national grade and reporting
// deadline. Unknown is a first-class answer: a blank field is left out of the document.
// The period's incidents (本期事件) are kept in a list here; 自评打分 attaches them to the export.
// This module wires the form, the result and the period list to the model and the core.

import { h, fill, uid, button, filePicker, readBytes, download, printLater } from '../dom.js';
import { problemText } from '../format.js';
import { problemView } from '../problem.js';
import { emptyDraft, sanitizeDraft, draftFromIncident, buildIncident, controlKey, labelOf } from './model.js';
import { renderIncidentForm } from './form.js';
import { resultView, printView } from './result.js';
import { renderPeriodList } from './period-list.js';
import { storedLedger, localToday } from '../ledger/model.js';
import { policyHolder } from './policy.js';
import { proposalView, proposalDocument, formsView, formDocument } from './proposal.js';

/** Now as an RFC 3339 timestamp in the browser's offset: the report forms' clock and the ledger's day. */
function nowStamp(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const zone = `${off < 0 ? '-' : '+'}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${zone}`;
}

const KEY = 'incident/draft';
const ACCEPT_JSON = '.json,application/json';

function create(ctx) {
  const { core, store, banners, period } = ctx;
  const vocab = core.vocabulary();
  let draft = sanitizeDraft(vocab, store.load(KEY));
  let result = { ok: false, error: { code: '', path: '', message: '' } };
  let lastDoc = {};
  const openState = new Map();
  /** The period entry the form was opened from (so adding again updates it), or null. */
  let editing = null;

  const open = filePicker(ACCEPT_JSON, (f) => loadFile(f));
  // The region's policy file, if one was opened (kept like the other inputs).
  const policy = policyHolder({ core, store, banners, vocab, changed: () => { changed(); renderPeriod(); } });
  // The 整改台账 kept in the ledger tab, when it holds a valid one, decides Article 8(五)'s third
  // alternative as of today.
  // "Now" is passed to the core: the ledger's day and the report forms' clock.
  const classify = (doc) => {
    const ledger = storedLedger(core, vocab, store, localToday());
    return core.classify(doc, policy.doc(), ledger, nowStamp());
  };
  const propose = (doc) => {
    const ledger = storedLedger(core, vocab, store, localToday());
    return core.propose(doc, policy.doc(), ledger, nowStamp());
  };
  /** What the print view holds: the 研判意见, the 问责建议书, or a report form (first / summary). */
  let printing = 'opinion';
  let proposal = { ok: false, error: { code: '', path: '', message: '' } };
  function printAs(what) {
    printing = what;
    printDoc.now();
    window.print();
  }
  const printed = () => { printing = 'opinion'; };
  window.addEventListener('afterprint', printed);
  const importMany = h('input', {
    type: 'file',
    accept: ACCEPT_JSON,
    class: 'cd-hidden',
    attrs: { multiple: true, tabindex: '-1', 'aria-hidden': 'true' },
    on: {
      change: () => {
        const files = [...(importMany.files || [])];
        importMany.value = '';
        if (files.length) importFiles(files);
      },
    },
  });
  const addBtn = button('加入本期事件', () => addToPeriod(), { class: 'cd-btn' });
  const sep = () => h('span', { class: 'cd-toolbar-sep', attrs: { 'aria-hidden': 'true' } });
  const toolbar = h(
    'div',
    { class: 'cd-toolbar cd-screen', role: 'toolbar', attrs: { 'aria-label': '事件操作' } },
    button('打开事件文件…', () => open.open(), { class: 'cd-btn', title: '打开以前保存的事件(JSON 文件)' }),
    button('保存事件', () => saveFile(), { class: 'cd-btn cd-btn-primary', title: '把当前事件下载为 JSON 文件' }),
    button('打印研判意见', () => window.print(), { class: 'cd-btn' }),
    button('打开政策文件…', () => policy.open(), { class: 'cd-btn', title: '用本地区的政策文件(分级标准、第八条用语的解释)替换随附政策' }),
    sep(),
    addBtn,
    button('导入事件文件到本期…', () => importMany.click(), { class: 'cd-btn', title: '一次选择多个事件文件,加入本期事件列表' }),
    sep(),
    button('清空', () => clearAll(), { class: 'cd-btn cd-btn-danger' }),
    open.element,
    policy.element,
    importMany,
  );
  const periodTitle = uid('per');
  const periodHost = h('div', { class: 'cd-period-body' });
  const periodCard = h('section', { class: 'cd-card cd-period cd-screen', attrs: { 'aria-labelledby': periodTitle } }, h('h2', { id: periodTitle }, '本期事件'), periodHost);
  const formHost = h('div', { class: 'cd-form' });
  const proposalTitle = uid('prop');
  const proposalHost = h('div', { class: 'cd-proposal-body' });
  const proposalCard = h('section', { class: 'cd-card cd-proposal-card cd-screen', attrs: { 'aria-labelledby': proposalTitle }, dataset: { testid: 'proposal-card' } }, h('h2', { id: proposalTitle }, '问责建议书(草稿)'), proposalHost);
  const out = h('div', { class: 'cd-summary-body', attrs: { 'aria-live': 'polite' } });
  const outTitle = uid('res');
  const printHost = h('div', { class: 'cd-print' });
  const panel = h(
    'div',
    { class: 'cd-tab-incident' },
    toolbar,
    h(
      'div',
      { class: 'cd-layout cd-screen' },
      h('div', { class: 'cd-main' }, periodCard, formHost, proposalCard),
      h('aside', { class: 'cd-side cd-card', attrs: { 'aria-labelledby': outTitle } }, h('h2', { id: outTitle, class: 'cd-side-title' }, '研判结果'), out),
    ),
    printHost,
  );

  /** Move to the control of a fact path (`facts.tampered`, `unit.level`, `target` …). */
  function focusFact(path) {
    const box = formHost.querySelector(`[data-fact="${CSS.escape(controlKey(path))}"]`);
    if (!box) return;
    box.scrollIntoView({ block: 'center' });
    const control = box.querySelector('input:checked, input, select');
    if (control) control.focus({ preventScroll: true });
  }

  /** The core's contradictions, beside every field on either side. */
  function markWarnings(warnings) {
    for (const el of formHost.querySelectorAll('.cd-fact-warning')) el.remove();
    for (const el of formHost.querySelectorAll('.cd-has-warning')) el.classList.remove('cd-has-warning');
    for (const w of warnings) {
      for (const p of w.paths) {
        const box = formHost.querySelector(`[data-fact="${CSS.escape(controlKey(p))}"]`);
        if (!box) continue;
        box.classList.add('cd-has-warning');
        box.append(h('p', { class: 'cd-fact-warning', role: 'note' }, w.message));
      }
    }
  }

  /** The core's refusal in plain Chinese, the field by its label; code and path behind 详情. */
  function errorBox(err) {
    return h(
      'div',
      { class: 'cd-error-box', role: 'alert' },
      h('strong', null, '事件信息有误,暂时无法研判'),
      h('p', null, problemView(err, (path) => labelOf(vocab, path))),
    );
  }

  function markError(err) {
    for (const el of formHost.querySelectorAll('[data-fact]')) el.classList.remove('cd-has-error');
    for (const el of formHost.querySelectorAll('.cd-fact-error')) el.remove();
    if (!err) return;
    const key = controlKey(err.path);
    const target = key && formHost.querySelector(`[data-fact="${CSS.escape(key)}"]`);
    if (target) {
      target.classList.add('cd-has-error');
      target.append(h('p', { class: 'cd-fact-error', role: 'alert' }, err.message));
    }
  }

  function changed() {
    lastDoc = buildIncident(vocab, draft);
    store.save(KEY, draft);
    result = classify(lastDoc);
    markError(result.ok ? null : result.error);
    markWarnings(result.ok ? result.value.warnings : []);
    if (result.ok) fill(out, resultView(vocab, result.value, focusFact, openState, policy), h('h3', { class: 'cd-side-sub' }, '报告清单'), formsView(vocab, result.value.reporting, printAs));
    else fill(out, errorBox(result.error));
    proposal = result.ok ? propose(lastDoc) : result;
    fill(proposalHost, proposalView(vocab, proposal, () => printAs('proposal'), core.version()));
    printDoc.schedule();
    ctx.notify({ tab: 'incident', incident: lastDoc, classification: result.ok ? result.value : null, error: result.ok ? null : result.error });
  }

  function renderAll() {
    renderIncidentForm(formHost, vocab, draft, changed);
    changed();
    renderPeriod();
  }

  /** Replace the draft (from a file, the period list, or empty), offering to undo. */
  function replaceDraft(next, editingId, key, message) {
    const previous = { draft, editing };
    draft = next;
    editing = editingId;
    renderAll();
    banners.show(key, {
      kind: 'info',
      message,
      actions: [{ label: '撤销', run: () => { draft = previous.draft; editing = previous.editing && period.get(previous.editing) ? previous.editing : null; renderAll(); banners.clear(key); } }],
    });
  }

  /** A file's bytes as an incident the core accepts: {ok, value: doc} or the core's error. */
  function incidentOf(bytes) {
    const v = core.classify(bytes);
    return v.ok ? { ok: true, value: JSON.parse(new TextDecoder('utf-8').decode(bytes)) } : v;
  }

  async function loadFile(file) {
    let bytes;
    try {
      bytes = await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show('incident-open', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return;
    }
    const v = incidentOf(bytes);
    if (!v.ok) {
      banners.show('incident-open', { kind: 'error', title: `无法打开事件文件“${file.name}”`, message: problemText(v.error), detail: '当前填写的内容没有改动。' });
      return;
    }
    replaceDraft(draftFromIncident(vocab, v.value), null, 'incident-open', `已打开事件文件“${file.name}”。原来填写的内容已被替换,可以撤销。`);
  }

  function saveFile() {
    if (!result.ok) {
      banners.show('incident-save', { kind: 'error', title: '请先改正事件信息中的错误再保存文件', message: problemText(result.error), detail: '填写的内容已自动保存在本机浏览器中,不会丢失。' });
      return;
    }
    banners.clear('incident-save');
    download(`${['事件', core.safeFileName(draft.title) || '未命名'].join('_')}.json`, `${JSON.stringify(lastDoc, null, 2)}\n`);
  }

  function clearAll() {
    replaceDraft(emptyDraft(vocab), null, 'incident-clear', '已清空事件信息。');
  }

  // ---- the period's incidents ---------------------------------------------------------------
  function renderPeriod() {
    if (editing && !period.get(editing)) editing = null;
    addBtn.textContent = editing ? '更新本期事件' : '加入本期事件';
    addBtn.title = editing ? '用当前表单内容替换本期事件列表中的这一事件' : '把当前事件加入本期事件列表;导出上报文件时一并附上';
    renderPeriodList(periodHost, { vocab, entries: period.entries(), classify, editing, open: openFromPeriod, remove: removeFromPeriod });
  }

  function addToPeriod() {
    if (!result.ok) {
      banners.show('incident-period', { kind: 'error', title: '请先改正事件信息中的错误再加入本期事件', message: problemText(result.error) });
      return;
    }
    banners.clear('incident-period');
    const doc = JSON.parse(JSON.stringify(lastDoc));
    if (editing && period.get(editing)) {
      period.update(editing, doc);
      banners.show('incident-period', { kind: 'info', message: '已更新本期事件列表中的这一事件。' });
    } else if (period.same(doc)) {
      banners.show('incident-period', { kind: 'warn', title: '这一事件已在本期事件中', message: '内容完全相同的事件不会重复加入(导出时会被计算两次)。如需修改,请在本期事件列表中打开它。' });
    } else {
      editing = period.add(doc);
      renderPeriod();
      banners.show('incident-period', { kind: 'info', message: `已加入本期事件(共 ${period.entries().length} 个)。继续修改表单后可点击“更新本期事件”。` });
    }
  }

  function openFromPeriod(id) {
    const e = period.get(id);
    if (e) replaceDraft(draftFromIncident(vocab, e.doc), id, 'incident-open', '已在表单中打开本期事件列表中的事件;修改后点击“更新本期事件”保存到列表。原来填写的内容已被替换,可以撤销。');
  }

  function removeFromPeriod(id) {
    const before = period.entries();
    period.remove(id);
    banners.show('incident-period', {
      kind: 'info',
      message: '已从本期事件中移除。',
      actions: [{ label: '撤销', run: () => { period.restore(before); banners.clear('incident-period'); } }],
    });
  }

  async function importFiles(files) {
    const added = [];
    const refused = [];
    for (const file of files) {
      let bytes;
      try {
        bytes = await readBytes(file, core.maxInputBytes());
      } catch (e) {
        refused.push(`${file.name}:无法读取(${(e && e.message) || e})`);
        continue;
      }
      const v = incidentOf(bytes);
      if (v.ok) added.push(v.value);
      else refused.push(`${file.name}:${problemText(v.error)}`);
    }
    // The same incident twice would be counted twice in the export: it is not added again.
    const twice = [];
    for (const doc of added) {
      if (period.same(doc)) twice.push(doc.title || '(未填写标题)');
      else period.add(doc);
    }
    if (twice.length) refused.push(`${twice.length} 个事件已在本期事件中,未重复加入(${twice.join('、')})`);
    banners.show('incident-period', {
      kind: refused.length ? 'warn' : 'info',
      title: `已加入本期事件 ${added.length - twice.length} 个${refused.length ? `,${refused.length} 项未加入` : ''}`,
      message: refused.join(';') || null,
    });
  }

  function refreshPrint() {
    const v = core.version();
    if (printing === 'proposal' && proposal.ok) fill(printHost, proposalDocument(vocab, proposal.value, v));
    else if (printing !== 'opinion' && result.ok) fill(printHost, formDocument(result.value, printing, v));
    else fill(printHost, printView(vocab, lastDoc, result, v));
  }
  const printDoc = printLater(refreshPrint);
  const unsubscribe = period.subscribe(renderPeriod);

  renderAll();

  return {
    panel,
    document: () => lastDoc,
    result: () => result,
    saveActions: [{ label: '保存事件', run: () => saveFile() }],
    shown: () => changed(),
    destroy() {
      printDoc.destroy();
      window.removeEventListener('afterprint', printed);
      unsubscribe();
    },
  };
}

export const incidentTab = { id: 'incident', title: '事件研判', create };
