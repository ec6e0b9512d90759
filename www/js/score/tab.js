// 自评打分: unit details, the rubric's items grouped by dimension, a live summary, the sealed export
// for the cadre department (导出上报文件, with the period's incidents) and the printed report. The
// draft (model.js) is saved on every change; the assessment document is built from it and scored
// by the core on every change. This module wires the views to the model and the core.

import { h, fill, uid, button, filePicker, readBytes, download, printLater } from '../dom.js';
import { fixed2, answerIdOf } from '../format.js';
import { problemView } from '../problem.js';
import { emptyDraft, sanitizeDraft, sanitizeExport, buildAssessment, draftFromAssessment, takeSealedAnswers, scoreRest } from './model.js';
import { createRubrics } from './rubrics.js';
import { renderRubricCard, renderUnitCard, renderItems, ItemCards } from './forms.js';
import { renderSummary, summaryShown } from './summary.js';
import { renderExportBox } from './export-box.js';
import { sealAndSign, exportedBanner } from './export-flow.js';
import { syncPolicy } from './policy-sync.js';
import { printReport } from './report.js';
import { printLayoutSelect } from './print-layout.js';
import { whatIfBox } from './whatif.js';
import { missingNavigator } from './nav.js';
import { templateTools } from '../xlsx.js';
import { showSuggestions, showCarried } from './suggestions.js';
import { nextPeriodBox } from './next-period.js';
import { storedLedger, localToday } from '../ledger/model.js';

const ACCEPT_JSON = '.json,application/json';

function create(ctx) {
  const { core, store, banners, options, period, keys } = ctx;
  const vocab = core.vocabulary();
  const rubrics = createRubrics(core, store, options.rubric, (title, message) => banners.show('rubric-stored', { kind: 'warn', title, message }));
  // A JSON path in words, from the core (field names and item titles of the rubric in use).
  const labelOf = (path) => rubrics.current().session.fieldLabel(path);
  let draft = sanitizeDraft(rubrics.loadDraft());
  /** The latest export sealed (or opened) under the current rubric, or null. */
  let lastExport = sanitizeExport(store.load(rubrics.exportKey()));
  /** Whether the answers still match it, as the core says: {same, error} or null. */
  let exportState = null;
  /** The core's latest result ({ok, value} | {ok: false, error}); set by the first changed(). */
  let result = null;
  /** The core's errors of answers left out of the live score (scoreRest), by id. */
  let answerErrors = {};
  let lastDoc = {};
  let hints = {};
  let cards = new ItemCards();
  // On a narrow screen the summary sits above the form: keep the long list folded there.
  const lost = { open: !(globalThis.matchMedia && globalThis.matchMedia('(max-width: 980px)').matches) };
  const goTo = (id) => (cards.ids.includes(id) ? () => cards.complete().get(id).focus() : null);

  // ---- the panel -------------------------------------------------------------------------
  const openAssessment = filePicker(ACCEPT_JSON, (f) => loadAssessment(f));
  const openRubric = filePicker(ACCEPT_JSON, (f) => loadRubric(f));
  const resetRubricBtn = button('恢复默认细则', () => switchRubric(null), { class: 'cd-btn' });
  const sep = () => h('span', { class: 'cd-toolbar-sep', attrs: { 'aria-hidden': 'true' } });
  const xlsx = templateTools({
    core,
    banners,
    session: () => rubrics.current().session,
    fileName: () => ['自评表', core.safeFileName(rubrics.current().rubric.title || rubrics.current().rubric.id)].join('_'),
    onAssessment: (assessment, name) => {
      const previous = draft;
      draft = draftFromAssessment(vocab, rubrics.current().rubric, assessment);
      replaced('open', `已导入 Excel 自评表“${name}”。原来填写的内容已被替换,可以撤销。`, previous);
    },
  });
  const next = nextPeriodBox({
    session: () => rubrics.current().session,
    doc: () => lastDoc,
    onNext: (assessment) => {
      const previous = draft;
      draft = draftFromAssessment(vocab, rubrics.current().rubric, assessment);
      replaced('open', `已开始考核期 ${assessment.period}:作答已全部清空,上期备注和证明材料名称显示在各项下方供参考。整改台账请在“整改台账”页签结转。可以撤销。`, previous);
    },
  });
  /** The kept 整改台账 (valid as of today) an export carries, or null. */
  const ledgerDoc = () => storedLedger(core, vocab, store, localToday());
  const toolbar = h(
    'div',
    { class: 'cd-toolbar cd-screen', role: 'toolbar', attrs: { 'aria-label': '自评表操作' } },
    button('打开自评表…', () => openAssessment.open(), { class: 'cd-btn', title: '打开以前保存的自评表或导出的上报文件(JSON 文件)' }),
    button('保存进度', () => saveFile(), { class: 'cd-btn cd-btn-primary', title: '把当前自评表下载为 JSON 文件' }),
    button('导出上报文件', () => exportFile(), { class: 'cd-btn cd-btn-primary', title: '生成带 SM3 摘要的上报文件(附本期事件),报送干部主管部门' }),
    button('打印报告', () => window.print(), { class: 'cd-btn', title: '打印 A4 自评报告(可选择“另存为 PDF”)' }),
    printLayoutSelect(store),
    sep(),
    ...xlsx.buttons,
    sep(),
    button('加载其他细则…', () => openRubric.open(), { class: 'cd-btn', title: '使用上级部门下发的考核细则(JSON 文件)' }),
    resetRubricBtn,
    sep(),
    next.button,
    button('清空作答', () => clearAll(), { class: 'cd-btn cd-btn-danger' }),
    openAssessment.element,
    openRubric.element,
  );

  const rubricCard = h('section', { class: 'cd-card cd-rubric-card', attrs: { 'aria-label': '考核细则' } });
  const unitCard = h('section', { class: 'cd-card', attrs: { 'aria-label': '单位信息' } });
  const formHost = h('div', { class: 'cd-form', id: uid('form') });
  const summary = h('div', { class: 'cd-summary-body' });
  const whatIf = whatIfBox(goTo);
  /** The total and grade in a polite live region of its own (the summary is redrawn on every edit). */
  const liveTotal = h('p', { class: 'cd-sr', role: 'status', attrs: { 'aria-live': 'polite', 'aria-atomic': 'true' }, dataset: { testid: 'total-live' } });
  /** The chart and the lost list: below the export box, which stays near the total. */
  const summaryMore = h('div', { class: 'cd-summary-more' });
  const summaryTitleId = uid('sum');
  const exportTitleId = uid('exp');
  const exportBox = h('div', { class: 'cd-export-body' });
  const side = h(
    'aside',
    { class: 'cd-side cd-card', attrs: { 'aria-labelledby': summaryTitleId } },
    h('h2', { id: summaryTitleId, class: 'cd-side-title' }, '实时得分'),
    summary,
    liveTotal,
    whatIf.host,
    h('section', { class: 'cd-export', attrs: { 'aria-labelledby': exportTitleId } }, h('h3', { id: exportTitleId, class: 'cd-side-sub' }, '上报文件'), exportBox),
    summaryMore,
  );
  const printView = h('div', { class: 'cd-print' });
  const panel = h(
    'div',
    { class: 'cd-tab-score' },
    toolbar,
    next.box,
    h('div', { class: 'cd-layout cd-screen' }, h('div', { class: 'cd-main' }, rubricCard, unitCard, formHost), side),
    printView,
  );

  const nextMissing = missingNavigator(panel, () => cards, () => result, goTo);

  function updateCards() {
    const byId = new Map();
    if (result.ok) {
      const r = result.value.score;
      for (const s of [...r.items, ...r.bonus_items, ...r.vetoes]) byId.set(s.id, s);
    }
    const errId = result.ok ? null : answerIdOf(result.error.path);
    const errorOf = (id) => answerErrors[id] || (errId === id ? result.error : null);
    for (const [id, card] of cards) {
      card.update(byId.get(id), hints[id], errorOf(id), !!(lastDoc.answers && lastDoc.answers[id]));
    }
    showSuggestions({ core, vocab, store, session: rubrics.current().session, cards, draft, take: takeSuggestion });
    showCarried(cards, draft.carried);
  }

  /**
   * Whether the current answers and the period's incidents still give the latest export: the core
   * seals them again at the export's own time and the digests are compared.
   */
  function checkExport() {
    if (!lastExport) return void (exportState = null);
    const again = rubrics.current().session.seal(lastDoc, period.docs(), lastExport.generated_at, ledgerDoc());
    // A signed export's own digest is /2's: compare the unsigned seal's digest kept beside it.
    const sealedDigest = lastExport.sealed_digest || lastExport.digest;
    exportState = again.ok ? { same: again.value.digest === sealedDigest, error: null } : { same: false, error: again.error };
  }

  function renderExport() {
    renderExportBox(exportBox, { lastExport, state: exportState, attached: period.entries().length, labelOf });
  }

  /**
   * Called after every edit (and when the period's incidents change): build, score with the
   * period's incidents exactly as sealing does, show, save, tell the embedder.
   */
  function changed() {
    ({ doc: lastDoc, hints } = buildAssessment(vocab, rubrics.current().rubric, draft, core.wholeNumber));
    const session = rubrics.current().session;
    syncPolicy(store, session);
    const incidents = period.docs();
    let scored;
    ({ result, scored, errors: answerErrors } = scoreRest((doc) => session.score(doc, incidents), lastDoc));
    renderSummary(summary, summaryMore, { result, hints, goTo, lost, labelOf, invalid: Object.keys(answerErrors), nextMissing });
    const said = result.ok ? `总分 ${fixed2(result.value.score.total)},等次 ${result.value.score.grade}` : '有输入需要改正,暂时无法计分';
    if (liveTotal.textContent !== said) liveTotal.textContent = said;
    whatIf.schedule(result.ok ? () => session.whatIf(scored, incidents) : null);
    updateCards();
    checkExport();
    renderExport();
    printDoc.schedule();
    store.save(rubrics.draftKey(), draft);
    ctx.notify({ tab: 'score', assessment: lastDoc, report: result.ok ? result.value.score : null, error: result.ok ? null : result.error });
  }

  /** The user took a 整改台账 suggestion: fill the item's count, then re-score. */
  function takeSuggestion(id, count) {
    draft.items[id] = { ...(draft.items[id] || {}), count: String(count) };
    delete draft.items[id].na;
    cards = renderItems(formHost, vocab, rubrics.current().rubric, draft, changed);
    changed();
  }

  function renderAll() {
    resetRubricBtn.hidden = !rubrics.isCustom();
    renderRubricCard(rubricCard, rubrics.current());
    renderUnitCard(unitCard, vocab, draft, changed, core.checkUnitCode);
    cards = renderItems(formHost, vocab, rubrics.current().rubric, draft, changed, updateCards);
    changed();
  }

  // ---- actions -----------------------------------------------------------------------------
  /** Replace the form's state, offering to undo; `restore` undoes anything beyond the draft. */
  function replaced(key, message, previous, restore = () => {}) {
    renderAll();
    banners.show(key, {
      kind: 'info',
      message,
      actions: [{ label: '撤销', run: () => { draft = previous; restore(); renderAll(); banners.clear(key); } }],
    });
  }

  async function readOrSay(key, file) {
    // Over the limit only the first limit + 1 bytes are read: the core judges the real size first,
    // so its message names the file's size, not the part read.
    const size = core.checkSize(file.size);
    if (!size.ok) {
      banners.show(key, { kind: 'error', title: `无法读取文件“${file.name}”`, message: problemView(size.error) });
      return null;
    }
    try {
      return await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show(key, { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return null;
    }
  }

  async function loadAssessment(file) {
    const bytes = await readOrSay('open', file);
    if (!bytes) return;
    // The core says what the file is: an assessment checked against the rubric in use, or an
    // export with every check against it as reference; anything else is refused with its name.
    const o = rubrics.current().session.open(bytes);
    if (!o.ok) {
      const own = embeddedRubric(bytes);
      const kind = core.kindOf(bytes);
      banners.show('open', {
        kind: 'error',
        title: `无法打开${kind.ok ? kind.value.name : '文件'}“${file.name}”`,
        message: problemView(o.error, labelOf),
        detail: own ? '该上报文件使用另一份细则:可以改用文件内嵌的细则打开它(当前细则下填写的内容仍保存在本机)。' : '当前填写的内容没有改动。',
        actions: own ? [{ label: '改用文件内嵌的细则并打开', run: () => openWithEmbeddedRubric(file, bytes, own) }] : [],
      });
      return;
    }
    if (o.value.kind === 'export') {
      openExport(file, o.value.opened);
      return;
    }
    const previous = draft;
    draft = draftFromAssessment(vocab, rubrics.current().rubric, o.value.assessment);
    banners.clear('open');
    replaced('open', `已打开自评表“${file.name}”。原来填写的内容已被替换,可以撤销。`, previous);
  }

  /**
   * The rubric an export file embeds, as a session under which the file passes every check — or
   * null when the file is no such export. Asked of the core: the page only reads the field.
   */
  function embeddedRubric(bytes) {
    const k = core.kindOf(bytes);
    if (!k.ok || k.value.kind !== 'export') return null;
    let embedded;
    try {
      embedded = JSON.stringify(JSON.parse(new TextDecoder('utf-8').decode(bytes)).rubric);
    } catch {
      return null;
    }
    const own = rubrics.fromFile(embedded, null, null);
    if (!own.ok) return null;
    const v = own.value.session.verify(bytes);
    if (v.ok && own.value.digest !== rubrics.current().digest) return { rubric: own.value, opened: v.value };
    own.value.session.free();
    return null;
  }

  function saveExport() {
    if (lastExport) store.save(rubrics.exportKey(), lastExport);
    else store.remove(rubrics.exportKey());
  }

  /** Load an export (already verified by the core): its assessment, its incidents, its check code. */
  function openExport(file, opened) {
    const previous = { draft, incidents: period.entries(), lastExport };
    draft = draftFromAssessment(vocab, rubrics.current().rubric, opened.assessment);
    period.replace(opened.incidents);
    // A signed file's digest is /2's: keep the unsigned seal's digest of its content to compare with.
    const resealed = opened.signer ? rubrics.current().session.seal(opened.assessment, opened.incidents, opened.generated_at) : null;
    const sealedDigest = resealed && resealed.ok ? resealed.value.digest : '';
    lastExport = { file_name: file.name, digest: opened.digest, sealed_digest: sealedDigest, check_code: opened.check_code, generated_at: opened.generated_at, source: 'opened', messages: [] };
    saveExport();
    banners.clear('open');
    const n = opened.incidents.length;
    replaced(
      'open',
      `已打开上报文件“${file.name}”(摘要核验通过,核对码 ${opened.check_code}):自评表${n ? `和 ${n} 个本期事件` : ''}已载入。原来填写的内容已被替换,可以撤销。`,
      previous.draft,
      () => { period.restore(previous.incidents); lastExport = previous.lastExport; saveExport(); },
    );
  }

  /** An export made with another rubric: switch to the rubric it embeds, then open it. */
  function openWithEmbeddedRubric(file, bytes, own) {
    const { rubric, opened } = own;
    if (rubric.digest === rubrics.base().digest) {
      rubric.session.free();
      switchRubric(null);
    } else switchRubric({ ...rubric, source: `上报文件内嵌的细则(${file.name})`, name: file.name });
    openExport(file, opened);
  }

  /** Seal the assessment with the period's incidents and download it under the core's file name. */
  function exportFile() {
    const ledger = ledgerDoc();
    const made = sealAndSign({ session: rubrics.current().session, key: keys && keys.get(), doc: lastDoc, incidents: period.docs(), ledger, labelOf, goTo });
    if (made.error) {
      banners.show('export', made.error);
      return;
    }
    const { file, sealed, key, generatedAt } = made;
    download(file.file_name, file.text);
    lastExport = { file_name: file.file_name, digest: file.digest, sealed_digest: sealed.digest, check_code: file.check_code, generated_at: generatedAt, source: 'sealed', messages: sealed.auto_vetoes.map((v) => v.message) };
    saveExport();
    // The core may have set the Article 8 veto from the incidents: the form shows what was sealed,
    // so the printed report and the file give the same total and grade.
    if (takeSealedAnswers(vocab, rubrics.current().rubric, draft, sealed.assessment, core.wholeNumber).length) {
      cards = renderItems(formHost, vocab, rubrics.current().rubric, draft, changed);
    }
    changed();
    banners.show('export', exportedBanner(vocab, { file, sealed, key, ledger }));
  }

  async function loadRubric(file) {
    const bytes = await readOrSay('rubric', file);
    if (!bytes) return;
    const v = rubrics.fromFile(bytes, file.name, `自定义细则(${file.name})`);
    if (!v.ok) {
      banners.show('rubric', { kind: 'error', title: `无法使用细则“${file.name}”`, message: problemView(v.error), detail: '仍在使用原来的细则,填写的内容没有改动。' });
      return;
    }
    switchRubric(v.value);
    const r = v.value.rubric;
    banners.show('rubric', { kind: 'info', message: `已改用细则“${r.title || r.id}”(版本 ${r.version})。原细则下填写的内容仍保存在本机,恢复原细则即可继续。` });
  }

  function switchRubric(next) {
    store.save(rubrics.draftKey(), draft);
    rubrics.use(next);
    if (!next) banners.clear('rubric');
    draft = sanitizeDraft(rubrics.loadDraft());
    lastExport = sanitizeExport(store.load(rubrics.exportKey()));
    renderAll();
  }

  function saveFile() {
    if (!result.ok) {
      banners.show('save', { kind: 'error', title: '请先改正输入错误再保存文件', message: problemView(result.error, labelOf), detail: '填写的内容已自动保存在本机浏览器中,不会丢失。' });
      return;
    }
    banners.clear('save');
    const u = draft.unit;
    const name = ['自评表', core.safeFileName(u.code || u.name), core.safeFileName(draft.period)].filter(Boolean).join('_');
    download(`${name}.json`, `${JSON.stringify(lastDoc, null, 2)}\n`);
  }

  function clearAll() {
    const previous = draft;
    draft = emptyDraft();
    replaced('clear', '已清空全部作答和单位信息。', previous);
  }

  /** The printed report, rebuilt before printing too (so its time stamp is the printing time). */
  function refreshPrint() {
    const exported = lastExport ? { ...lastExport, same: !!(exportState && exportState.same) } : null;
    const c = rubrics.current();
    fill(printView, printReport({ vocab, report: result && result.ok ? result.value.score : null, periodName: result && result.ok ? result.value.period_check.name : null, error: result && !result.ok ? result.error : null, draft, rubric: { ...c.rubric, digest: c.digest }, version: core.version(), exported, assessment: result && result.ok ? result.value.assessment : lastDoc, autoVetoes: result && result.ok ? result.value.auto_vetoes : [], invalid: Object.keys(answerErrors) }));
  }
  const printDoc = printLater(refreshPrint);
  // The period's incidents change the live score (the Article 8 veto) and what an export seals.
  const unsubscribe = period.subscribe(() => changed());

  renderAll();

  return {
    panel,
    /** The current assessment document (what 保存进度 downloads). */
    document: () => lastDoc,
    /** The core's latest score report ({ok, value: ScoreReport} | {ok: false, error}). */
    result: () => (result.ok ? { ok: true, value: result.value.score } : result),
    saveActions: [{ label: '保存进度', run: () => saveFile() }],
    rendered: () => Promise.all([cards.done, summaryShown(summaryMore)]), // both built after ready
    shown: () => changed(),
    destroy() {
      whatIf.destroy();
      printDoc.destroy();
      unsubscribe();
    },
  };
}

export const scoreTab = { id: 'score', title: '自评打分', create };
