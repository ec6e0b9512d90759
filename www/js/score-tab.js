// 自评打分: unit details, the rubric's items grouped by dimension with the control each method needs,
// a live summary (total, grade, progress, per-dimension chart, every point lost), the sealed export
// for the cadre department (导出上报文件, with the period's incidents) and the printed report. The
// form state (a "draft") is saved on every change; the assessment document is built from it and
// scored by the core on every change. The page computes no figure of its own: the core seals,
// verifies, and says whether the answers still match the latest export.

import { h, add, fill, uid, button, filePicker, readBytes, download } from './dom.js';
import { fixed2, points, UNIT_LEVELS, parseNumber, answerIdOf, problemText, fileSafe, nowText } from './format.js';
import { dimensionChart } from './chart.js';
import { printReport } from './score-report.js';

const ACCEPT_JSON = '.json,application/json';
/** Codes with which the core says a file is not an export at all: then it is read as an assessment. */
const NOT_AN_EXPORT = new Set(['E_SCHEMA_UNKNOWN', 'E_SCHEMA_MISSING', 'E_FIELD_TYPE']);

function emptyDraft() {
  return { unit: { name: '', code: '', level: '', region: '' }, period: '', assessor: '', items: {} };
}

/** A stored draft, tolerating anything (old versions, hand edits): unknown shapes become empty. */
function sanitizeDraft(x) {
  const d = emptyDraft();
  if (!x || typeof x !== 'object') return d;
  const str = (v) => (typeof v === 'string' ? v : '');
  if (x.unit && typeof x.unit === 'object') for (const k of Object.keys(d.unit)) d.unit[k] = str(x.unit[k]);
  d.period = str(x.period);
  d.assessor = str(x.assessor);
  if (x.items && typeof x.items === 'object') {
    for (const [id, it] of Object.entries(x.items)) {
      if (!it || typeof it !== 'object') continue;
      const clean = {};
      for (const k of ['choice', 'num', 'den', 'count', 'reason', 'note']) if (typeof it[k] === 'string') clean[k] = it[k];
      if (it.na === true) clean.na = true;
      if (Array.isArray(it.evidence)) clean.evidence = it.evidence;
      d.items[id] = clean;
    }
  }
  return d;
}

/** One answer of a core-validated assessment → its form state. */
function answerDraft(ans) {
  const x = {};
  if ('na' in ans) {
    x.na = true;
    x.reason = ans.na;
  } else if ('met' in ans) x.choice = ans.met ? 'yes' : 'no';
  else if ('triggered' in ans) x.choice = ans.triggered ? 'yes' : 'no';
  else if ('level' in ans) x.choice = String(ans.level);
  else if ('numerator' in ans) {
    x.num = String(ans.numerator);
    x.den = String(ans.denominator);
  } else if ('count' in ans) x.count = String(ans.count);
  if (ans.note) x.note = ans.note;
  if (ans.evidence && ans.evidence.length) x.evidence = ans.evidence;
  return x;
}

/** A loaded (core-validated) assessment → form draft. */
function draftFromAssessment(a) {
  const d = emptyDraft();
  const unit = a.unit || {};
  for (const k of Object.keys(d.unit)) d.unit[k] = unit[k] || '';
  d.period = a.period || '';
  d.assessor = a.assessor || '';
  for (const [id, ans] of Object.entries(a.answers || {})) d.items[id] = answerDraft(ans);
  return d;
}

/** The latest export as stored: what the printed report and the export box show. */
function sanitizeExport(x) {
  if (!x || typeof x !== 'object') return null;
  const str = (v) => (typeof v === 'string' ? v : '');
  if (!str(x.digest) || !str(x.generated_at)) return null;
  return {
    file_name: str(x.file_name),
    digest: str(x.digest),
    check_code: str(x.check_code),
    generated_at: str(x.generated_at),
    source: x.source === 'opened' ? 'opened' : 'sealed',
    messages: Array.isArray(x.messages) ? x.messages.filter((m) => typeof m === 'string') : [],
  };
}

/** Auto-veto decisions that changed the sealed answer: the form takes the sealed answer over. */
const SETS_ANSWER = new Set(['set_triggered', 'overrode_clear', 'set_clear']);

/** Every answerable thing of a rubric: items by dimension, vetoes, bonus. */
function entries(rubric) {
  const list = [];
  for (const dim of rubric.dimensions) for (const item of dim.items) list.push({ kind: 'item', item, dim });
  for (const item of rubric.vetoes || []) list.push({ kind: 'veto', item });
  for (const item of rubric.bonus || []) list.push({ kind: 'bonus', item });
  return list;
}

/**
 * The value part of one answer from its draft, or a hint when the form is half filled (a blank
 * field is not an answer). Values are passed as typed: the core judges them.
 */
function answerValue(kind, item, d) {
  if (kind === 'veto') {
    return d.choice === 'yes' || d.choice === 'no' ? { value: { triggered: d.choice === 'yes' } } : {};
  }
  if (d.na && item.na_allowed) {
    if (!d.reason) return { hint: '已选“不适用”:请填写原因,本项才计入作答。' };
    return { value: { na: d.reason } };
  }
  switch (item.method.kind) {
    case 'check':
      return d.choice === 'yes' || d.choice === 'no' ? { value: { met: d.choice === 'yes' } } : {};
    case 'levels':
      return d.choice !== undefined && d.choice !== '' ? { value: { level: Number(d.choice) } } : {};
    case 'ratio': {
      const n = parseNumber(d.num);
      const m = parseNumber(d.den);
      if (n === undefined && m === undefined) return {};
      if (n === undefined || m === undefined) return { hint: '请同时填写达标数和总数,本项才计入作答。' };
      return { value: { numerator: n, denominator: m } };
    }
    case 'deduct': {
      const c = parseNumber(d.count);
      return c === undefined ? {} : { value: { count: c } };
    }
    default:
      return {};
  }
}

/** The assessment document (`cyberduty.assessment/1`) the draft stands for, and per-item hints. */
function buildAssessment(rubric, draft) {
  const unit = {};
  for (const [k, v] of Object.entries(draft.unit)) if (v.trim() !== '') unit[k] = v;
  const doc = { schema: 'cyberduty.assessment/1', rubric: { id: rubric.id, version: rubric.version } };
  if (Object.keys(unit).length) doc.unit = unit;
  if (draft.period.trim()) doc.period = draft.period;
  if (draft.assessor.trim()) doc.assessor = draft.assessor;
  const answers = {};
  const hints = {};
  for (const { kind, item } of entries(rubric)) {
    const d = draft.items[item.id];
    if (!d) continue;
    const { value, hint } = answerValue(kind, item, d);
    if (hint) hints[item.id] = hint;
    if (!value) continue;
    const answer = { ...value };
    if (d.note && d.note.trim()) answer.note = d.note;
    if (d.evidence) answer.evidence = d.evidence;
    answers[item.id] = answer;
  }
  doc.answers = answers;
  return { doc, hints };
}

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

const STATUS_TEXT = { met: '满分', partial: '部分得分', unmet: '未得分', na: '不适用', missing: '未作答' };

/** One item, veto or bonus card: its controls, guide, note, and the core's verdict on it. */
function itemCard({ kind, item }, d, changed) {
  const cardId = uid('item');
  const titleId = `${cardId}-t`;
  const title = item.title || item.id;
  const scoreEl = h('span', { class: 'cd-item-score' });
  const statusEl = h('p', { class: 'cd-item-status', attrs: { 'aria-live': 'off' } });
  const errorEl = h('p', { class: 'cd-item-error', role: 'alert', hidden: true });
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

  const name = uid('r');
  let control;
  const valueBox = h('div', { class: 'cd-item-value' });
  if (kind === 'veto') {
    control = radioGroup(`${title}:是否发生`, name, [['no', '否(未发生)'], ['yes', '是(已发生,触发否决)']], d.choice, (v) => {
      d.choice = v;
      changed();
    });
  } else {
    const m = item.method;
    if (m.kind === 'check') {
      control = radioGroup(`${title}:是否达到要求`, name, [['yes', '是(达到要求)'], ['no', '否(未达到)']], d.choice, (v) => {
        d.choice = v;
        changed();
      });
    } else if (m.kind === 'levels') {
      control = radioGroup(`${title}:评定档次`, name, m.levels.map((l, i) => [String(i), l.label]), d.choice, (v) => {
        d.choice = v;
        changed();
      });
    } else if (m.kind === 'ratio') {
      control = h(
        'div',
        { class: 'cd-ratio' },
        numberField('达标数', d.num, (v) => { d.num = v; changed(); }, { attrs: { 'aria-describedby': `${cardId}-rh` } }),
        h('span', { class: 'cd-ratio-sep', attrs: { 'aria-hidden': 'true' } }, '/'),
        numberField('总数', d.den, (v) => { d.den = v; changed(); }, { attrs: { 'aria-describedby': `${cardId}-rh` } }),
        h('span', { class: 'cd-hint', id: `${cardId}-rh` }, '按 达标数 ÷ 总数 的比例得分'),
      );
    } else if (m.kind === 'deduct') {
      control = h(
        'div',
        { class: 'cd-deduct' },
        numberField('发生次数', d.count, (v) => { d.count = v; changed(); }, { attrs: { 'aria-describedby': `${cardId}-dh` } }),
        h('span', { class: 'cd-hint', id: `${cardId}-dh` }, `每次扣 ${points(m.per)} 分,本项最多扣 ${points(item.points)} 分;没有发生请填 0`),
      );
    } else {
      control = h('p', { class: 'cd-item-error' }, `不认识的评分方法 ${m.kind}`);
    }
  }
  valueBox.append(control);
  const radios = () => [...control.querySelectorAll('input[type=radio]')];
  const clearBtn = radios().length
    ? button('清除作答', () => {
      delete d.choice;
      for (const r of radios()) r.checked = false;
      changed();
    }, { class: 'cd-btn-text', attrs: { 'aria-label': `清除“${title}”的作答` } })
    : null;

  let naBox = null;
  if (kind === 'item' && item.na_allowed) {
    const reasonId = uid('na');
    const reason = h('input', {
      id: reasonId,
      type: 'text',
      class: 'cd-input',
      value: d.reason || '',
      placeholder: '例如:本单位不运营关键信息基础设施',
      on: { input: (e) => { d.reason = e.target.value; changed(); } },
    });
    const reasonRow = h('div', { class: 'cd-na-reason', hidden: !d.na }, h('label', { for: reasonId }, '不适用原因(必填)'), reason);
    const sync = () => {
      reasonRow.hidden = !d.na;
      valueBox.classList.toggle('cd-disabled', !!d.na);
      for (const el of valueBox.querySelectorAll('input')) el.disabled = !!d.na;
    };
    naBox = h(
      'div',
      { class: 'cd-na' },
      h('label', { class: 'cd-choice' },
        h('input', { type: 'checkbox', checked: !!d.na, on: { change: (e) => { d.na = e.target.checked || undefined; if (!d.na) delete d.na; sync(); changed(); } } }),
        h('span', null, '不适用')),
      reasonRow,
    );
    queueMicrotask(sync);
  }

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
  const autoHint = kind === 'veto' && item.auto === 'article8'
    ? h('p', { class: 'cd-hint' }, '导出上报文件时,将依据本期事件研判结果(第八条情形)核对本项。')
    : null;

  add(card, header, h('div', { class: 'cd-item-controls' }, valueBox, clearBtn, naBox), autoHint, guide, note, evidence, statusEl, errorEl);

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
      // An unclaimed bonus is simply not earned: shown as unanswered, not as a failure.
      card.dataset.status = err ? 'error' : !s || (kind === 'bonus' && !answered) ? 'missing' : s.status;
      noteHint.hidden = answered || !(d.note && d.note.trim());
      errorEl.hidden = !err;
      errorEl.textContent = err ? `输入有误:${problemText(err)}` : '';
      if (kind === 'veto') {
        scoreEl.textContent = '';
        statusEl.textContent = hint || (s ? { triggered: '已触发:等次直接评为最低等次', clear: '未触发', missing: '未作答' }[s.status] : '');
        return;
      }
      scoreEl.textContent = s && !err ? `${fixed2(s.earned)} / ${fixed2(s.max)}` : '';
      const text = hint || (kind === 'bonus' && !answered ? '未申报,不加分' : s ? (s.explanation || STATUS_TEXT[s.status]) : '');
      statusEl.textContent = text;
    },
  };
}

function field(label, value, onValue, props = {}) {
  const id = uid('f');
  return h(
    'div',
    { class: 'cd-field' },
    h('label', { for: id }, label),
    h('input', { id, type: 'text', class: 'cd-input', value, ...props, on: { input: (e) => onValue(e.target.value) } }),
  );
}

function create(ctx) {
  const { core, store, banners, options, period } = ctx;

  // The base rubric: the portal's (options.rubric) or the built-in default. A bad one is the
  // embedder's mistake and stops mount() with the core's error.
  let base;
  if (options.rubric !== undefined && options.rubric !== null) {
    const v = core.validateRubric(options.rubric);
    if (!v.ok) {
      const err = new Error(`options.rubric 不是有效的考核细则:${problemText(v.error)}`);
      Object.assign(err, { code: v.error.code, path: v.error.path });
      throw err;
    }
    base = { doc: options.rubric, rubric: v.value.rubric, digest: v.value.digest, source: '嵌入页面提供的细则' };
  } else {
    const r = core.defaultRubric();
    if (!r.ok) throw new Error(problemText(r.error));
    const v = core.validateRubric(r.value);
    base = { doc: null, rubric: r.value, digest: v.ok ? v.value.digest : '', source: '内置默认细则' };
  }

  /** The custom rubric loaded from a file ({text, name}), validated, or null. */
  let custom = null;
  const storedCustom = store.load('score/rubric');
  if (storedCustom && typeof storedCustom.text === 'string') {
    const v = core.validateRubric(storedCustom.text);
    if (v.ok) custom = { doc: storedCustom.text, rubric: v.value.rubric, digest: v.value.digest, source: `自定义细则(${storedCustom.name || '文件'})`, name: storedCustom.name };
    else banners.show('rubric-stored', { kind: 'warn', title: '本机保存的自定义细则无法使用,已改用默认细则', message: problemText(v.error) });
  }
  const current = () => custom || base;
  const draftKey = () => `score/draft/${current().rubric.id}@${current().rubric.version}`;
  const exportKey = () => `score/export/${current().rubric.id}@${current().rubric.version}`;
  let draft = sanitizeDraft(store.load(draftKey()));
  /** The latest export sealed (or opened) under the current rubric, or null. */
  let lastExport = sanitizeExport(store.load(exportKey()));
  /** Whether the answers still match it, as the core says: {same, error} or null. */
  let exportState = null;
  let result = { ok: false, error: { code: 'E_PENDING', path: '', message: '' } };
  let cards = new Map();
  // On a narrow screen the summary sits above the form: keep the long list folded there.
  let lostOpen = !(globalThis.matchMedia && globalThis.matchMedia('(max-width: 980px)').matches);

  // ---- the panel -------------------------------------------------------------------------
  const openAssessment = filePicker(ACCEPT_JSON, (f) => loadAssessment(f));
  const openRubric = filePicker(ACCEPT_JSON, (f) => loadRubric(f));
  const resetRubricBtn = button('恢复默认细则', () => switchRubric(null), { class: 'cd-btn' });
  const toolbar = h(
    'div',
    { class: 'cd-toolbar cd-screen', role: 'toolbar', attrs: { 'aria-label': '自评表操作' } },
    button('打开自评表…', () => openAssessment.open(), { class: 'cd-btn', title: '打开以前保存的自评表或导出的上报文件(JSON 文件)' }),
    button('保存进度', () => saveFile(), { class: 'cd-btn cd-btn-primary', title: '把当前自评表下载为 JSON 文件' }),
    button('导出上报文件', () => exportFile(), { class: 'cd-btn cd-btn-primary', title: '生成带 SM3 摘要的上报文件(附本期事件),报送干部主管部门' }),
    button('打印报告', () => window.print(), { class: 'cd-btn', title: '打印 A4 自评报告(可选择“另存为 PDF”)' }),
    h('span', { class: 'cd-toolbar-sep', attrs: { 'aria-hidden': 'true' } }),
    button('加载其他细则…', () => openRubric.open(), { class: 'cd-btn', title: '使用上级部门下发的考核细则(JSON 文件)' }),
    resetRubricBtn,
    h('span', { class: 'cd-toolbar-sep', attrs: { 'aria-hidden': 'true' } }),
    button('清空作答', () => clearAll(), { class: 'cd-btn cd-btn-danger' }),
    openAssessment.input,
    openRubric.input,
  );

  const rubricCard = h('section', { class: 'cd-card cd-rubric-card', attrs: { 'aria-label': '考核细则' } });
  const unitCard = h('section', { class: 'cd-card', attrs: { 'aria-label': '单位信息' } });
  const formHost = h('div', { class: 'cd-form' });
  const summary = h('div', { class: 'cd-summary-body' });
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
    h(
      'section',
      { class: 'cd-export', attrs: { 'aria-labelledby': exportTitleId } },
      h('h3', { id: exportTitleId, class: 'cd-side-sub' }, '上报文件'),
      exportBox,
    ),
    summaryMore,
  );
  const printView = h('div', { class: 'cd-print' });
  const panel = h(
    'div',
    { class: 'cd-tab-score' },
    toolbar,
    h('div', { class: 'cd-layout cd-screen' }, h('div', { class: 'cd-main' }, rubricCard, unitCard, formHost), side),
    printView,
  );

  function renderRubricCard() {
    const c = current();
    resetRubricBtn.hidden = !custom;
    fill(
      rubricCard,
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

  function renderUnitCard() {
    const u = draft.unit;
    const levelId = uid('lv');
    fill(
      unitCard,
      h('h2', null, '单位信息'),
      h(
        'div',
        { class: 'cd-grid' },
        field('单位名称', u.name, (v) => { u.name = v; changed(); }, { autocomplete: 'organization' }),
        field('统一社会信用代码', u.code, (v) => { u.code = v; changed(); }, { spellcheck: false }),
        h(
          'div',
          { class: 'cd-field' },
          h('label', { for: levelId }, '行政层级'),
          h(
            'select',
            { id: levelId, class: 'cd-input', on: { change: (e) => { u.level = e.target.value; changed(); } } },
            h('option', { value: '', selected: !u.level }, '(请选择)'),
            UNIT_LEVELS.map(([k, label]) => h('option', { value: k, selected: u.level === k }, label)),
          ),
        ),
        field('所在地区', u.region, (v) => { u.region = v; changed(); }),
        field('考核期', draft.period, (v) => { draft.period = v; changed(); }, { placeholder: '例如:2026年度' }),
        field('填报人', draft.assessor, (v) => { draft.assessor = v; changed(); }),
      ),
    );
  }

  function renderForm() {
    const rubric = current().rubric;
    cards = new Map();
    const itemOf = (e) => {
      draft.items[e.item.id] = draft.items[e.item.id] || {};
      const c = itemCard(e, draft.items[e.item.id], changed);
      cards.set(e.item.id, c);
      return c.el;
    };
    const all = entries(rubric);
    const sections = rubric.dimensions.map((dim, i) =>
      h(
        'section',
        { class: 'cd-dim', attrs: { 'aria-labelledby': `${formHost.id || 'f'}-d${i}` } },
        h('h3', { class: 'cd-dim-title', id: `${formHost.id || 'f'}-d${i}` }, `${i + 1}. ${dim.title || dim.id}`),
        all.filter((e) => e.kind === 'item' && e.dim === dim).map(itemOf),
      ),
    );
    const vetoes = all.filter((e) => e.kind === 'veto');
    const bonus = all.filter((e) => e.kind === 'bonus');
    fill(
      formHost,
      sections,
      vetoes.length
        ? h('section', { class: 'cd-dim cd-dim-veto' }, h('h3', { class: 'cd-dim-title' }, '一票否决项'),
          h('p', { class: 'cd-hint' }, '任何一项触发,年度考核直接评为最低等次。'), vetoes.map(itemOf))
        : null,
      bonus.length
        ? h('section', { class: 'cd-dim cd-dim-bonus' }, h('h3', { class: 'cd-dim-title' }, '加分项'),
          h('p', { class: 'cd-hint' }, `加分合计不超过 ${points(rubric.bonus_cap)} 分。`), bonus.map(itemOf))
        : null,
    );
  }
  formHost.id = uid('form');

  function renderSummary(hints) {
    if (!result.ok) {
      const err = result.error;
      const id = answerIdOf(err.path);
      fill(
        summary,
        h('div', { class: 'cd-total' }, h('span', { class: 'cd-total-label' }, '总分'), h('span', { class: 'cd-total-value cd-total-none', dataset: { testid: 'total' } }, '—'), h('span', { class: 'cd-total-max' }, '改正后显示')),
        h(
          'div',
          { class: 'cd-error-box', role: 'alert' },
          h('strong', null, '有输入需要改正,暂时无法计分'),
          h('p', null, problemText(err)),
          id && cards.has(id) ? button('转到该项', () => cards.get(id).focus(), { class: 'cd-btn' }) : null,
        ),
      );
      fill(summaryMore);
      return;
    }
    const r = result.value;
    const chartTitle = uid('chart');
    const pending = Object.keys(hints).length;
    fill(
      summary,
      h(
        'div',
        { class: 'cd-total' },
        h('span', { class: 'cd-total-label' }, '总分'),
        h('span', { class: 'cd-total-value', dataset: { testid: 'total' } }, fixed2(r.total)),
        h('span', { class: 'cd-total-max' }, `满分 ${fixed2(r.max)}`),
      ),
      h(
        'div',
        { class: ['cd-grade', r.vetoed && 'cd-grade-vetoed'] },
        '等次:',
        h('strong', { dataset: { testid: 'grade' } }, r.grade),
        r.vetoed ? h('span', { class: 'cd-badge cd-badge-bad' }, '触发一票否决') : null,
      ),
      h('p', { class: 'cd-breakdown' }, `基础分 ${fixed2(r.base)} + 加分 ${fixed2(r.bonus)}`),
      h(
        'div',
        { class: 'cd-progress' },
        h('div', null, '作答进度 ', h('strong', { dataset: { testid: 'progress' } }, `${r.answered} / ${r.answerable}`)),
        h('progress', { max: r.answerable, value: r.answered, attrs: { 'aria-label': `作答进度 ${r.answered} / ${r.answerable}` } }),
        r.complete ? h('p', { class: 'cd-hint' }, '已全部作答。') : h('p', { class: 'cd-hint' }, `尚有 ${r.missing.length} 项未作答,未作答项按 0 分计。`),
        pending ? h('p', { class: 'cd-hint cd-warn-text' }, `${pending} 项填写不完整,暂按未作答计。`) : null,
      ),
    );
    fill(
      summaryMore,
      h('h3', { id: chartTitle, class: 'cd-side-sub' }, '各维度达成率'),
      dimensionChart(r.dimensions, chartTitle),
      lostList(r),
    );
  }

  /** Every point lost, largest first, each linking to its item; open state kept across updates. */
  function lostList(r) {
    const d = h(
      'details',
      { class: 'cd-lost-box', open: lostOpen },
      h('summary', { class: 'cd-side-sub' }, `失分明细(${r.lost.length} 项)`),
      r.lost.length
        ? h(
          'ol',
          { class: 'cd-lost' },
          r.lost.map((l) =>
            h(
              'li',
              null,
              h('span', { class: 'cd-lost-points' }, `−${fixed2(l.points)}`),
              ' ',
              button(l.title, () => cards.get(l.id) && cards.get(l.id).focus(), { class: 'cd-link' }),
              h('span', { class: 'cd-lost-why' }, l.explanation),
            ),
          ),
        )
        : h('p', { class: 'cd-hint' }, '没有失分项。'),
    );
    d.addEventListener('toggle', () => { lostOpen = d.open; });
    return d;
  }

  function updateCards(hints) {
    const byId = new Map();
    if (result.ok) {
      for (const s of result.value.items) byId.set(s.id, s);
      for (const s of result.value.bonus_items) byId.set(s.id, s);
      for (const s of result.value.vetoes) byId.set(s.id, s);
    }
    const errId = result.ok ? null : answerIdOf(result.error.path);
    for (const [id, card] of cards) {
      card.update(byId.get(id), hints[id], errId === id ? result.error : null, !!(lastDoc.answers && lastDoc.answers[id]));
    }
  }

  let lastDoc = {};
  function persist() {
    store.save(draftKey(), draft);
  }

  /**
   * Whether the current answers and the period's incidents still give the latest export: the core
   * seals them again at the export's own time and the digests are compared.
   */
  function checkExport() {
    if (!lastExport) {
      exportState = null;
      return;
    }
    const again = core.seal(current().doc, lastDoc, period.docs(), lastExport.generated_at);
    exportState = again.ok ? { same: again.value.digest === lastExport.digest, error: null } : { same: false, error: again.error };
  }

  function renderExport() {
    const n = period.entries().length;
    const attached = h(
      'p',
      { class: 'cd-hint', dataset: { testid: 'attached' } },
      n ? `导出时附上本期事件 ${n} 个(在“事件研判”页签管理),据此核对第八条一票否决项。` : '本期事件列表为空:导出时不附事件,第八条一票否决项按自评表填写。',
    );
    if (!lastExport) {
      fill(exportBox, h('p', { class: 'cd-hint' }, '尚未导出。填写统一社会信用代码和考核期后,点击“导出上报文件”生成报送干部主管部门的文件。'), attached);
      return;
    }
    const e = lastExport;
    const state = exportState;
    const status = state && state.same
      ? h('p', { class: 'cd-export-status cd-export-same', dataset: { testid: 'export-status', same: 'true' } }, '当前作答与该文件一致。')
      : h(
        'p',
        { class: 'cd-export-status cd-export-changed', role: 'status', dataset: { testid: 'export-status', same: 'false' } },
        '导出后自评表或本期事件已修改,与该文件不一致:请重新导出。',
        state && state.error ? h('span', { class: 'cd-hint' }, ` 当前无法导出:${problemText(state.error)}`) : null,
      );
    fill(
      exportBox,
      h(
        'dl',
        { class: 'cd-dl' },
        h('dt', null, e.source === 'opened' ? '打开的文件' : '最近导出'), h('dd', { class: 'cd-export-name' }, e.file_name),
        h('dt', null, '生成时间'), h('dd', null, nowText(new Date(e.generated_at))),
        h('dt', null, '核对码'), h('dd', null, h('strong', { class: 'cd-check-code', dataset: { testid: 'check-code' } }, e.check_code)),
      ),
      status,
      e.messages.length ? h('ul', { class: 'cd-export-messages' }, e.messages.map((m) => h('li', null, m))) : null,
      attached,
    );
  }

  /** Called after every edit: build, score, show, save, tell the embedder. */
  function changed() {
    const rubric = current().rubric;
    const { doc, hints } = buildAssessment(rubric, draft);
    lastDoc = doc;
    result = core.score(current().doc, doc);
    renderSummary(hints);
    updateCards(hints);
    checkExport();
    renderExport();
    refreshPrint();
    persist();
    ctx.notify({ tab: 'score', assessment: doc, report: result.ok ? result.value : null, error: result.ok ? null : result.error });
  }

  function renderAll() {
    renderRubricCard();
    renderUnitCard();
    renderForm();
    changed();
  }

  // ---- actions -----------------------------------------------------------------------------
  function offerUndo(key, message, previous) {
    banners.show(key, {
      kind: 'info',
      message,
      actions: [{
        label: '撤销',
        run: () => {
          draft = previous;
          renderAll();
          banners.clear(key);
        },
      }],
    });
  }

  async function loadAssessment(file) {
    let bytes;
    try {
      bytes = await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show('open', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return;
    }
    // Checked against the rubric in use (the default one too: a null reference would only
    // validate the rubric the file embeds).
    const ex = core.verifyExport(bytes, current().doc === null ? current().rubric : current().doc);
    if (ex.ok) {
      openExport(file, ex.value);
      return;
    }
    if (!NOT_AN_EXPORT.has(ex.error.code) || (ex.error.code === 'E_FIELD_TYPE' && ex.error.path !== '$')) {
      const foreign = ex.error.code === 'E_EXPORT_FOREIGN_RUBRIC';
      banners.show('open', {
        kind: 'error',
        title: `无法打开上报文件“${file.name}”`,
        message: problemText(ex.error),
        detail: foreign ? '可以改用该文件内嵌的细则打开它(当前细则下填写的内容仍保存在本机)。' : '当前填写的内容没有改动。',
        actions: foreign ? [{ label: '改用文件内嵌的细则并打开', run: () => openWithEmbeddedRubric(file, bytes) }] : [],
      });
      return;
    }
    const v = core.validateAssessment(current().doc, bytes);
    if (!v.ok) {
      const hint = v.error.code === 'E_ASSESSMENT_RUBRIC_MISMATCH' ? '请先用“加载其他细则…”载入该自评表所用的细则,再打开。' : '当前填写的内容没有改动。';
      banners.show('open', { kind: 'error', title: `无法打开自评表“${file.name}”`, message: problemText(v.error), detail: hint });
      return;
    }
    const previous = draft;
    draft = draftFromAssessment(v.value);
    banners.clear('open');
    renderAll();
    offerUndo('open', `已打开自评表“${file.name}”。原来填写的内容已被替换,可以撤销。`, previous);
  }

  /** Load an export (already verified by the core): its assessment, its incidents, its check code. */
  function openExport(file, opened) {
    const previous = { draft, incidents: period.entries(), lastExport };
    draft = draftFromAssessment(opened.assessment);
    period.replace(opened.incidents);
    lastExport = {
      file_name: file.name,
      digest: opened.digest,
      check_code: opened.check_code,
      generated_at: opened.generated_at,
      source: 'opened',
      messages: [],
    };
    store.save(exportKey(), lastExport);
    banners.clear('open');
    renderAll();
    const n = opened.incidents.length;
    banners.show('open', {
      kind: 'info',
      message: `已打开上报文件“${file.name}”(摘要核验通过,核对码 ${opened.check_code}):自评表${n ? `和 ${n} 个本期事件` : ''}已载入。原来填写的内容已被替换,可以撤销。`,
      actions: [{
        label: '撤销',
        run: () => {
          draft = previous.draft;
          period.restore(previous.incidents);
          lastExport = previous.lastExport;
          if (lastExport) store.save(exportKey(), lastExport);
          else store.remove(exportKey());
          renderAll();
          banners.clear('open');
        },
      }],
    });
  }

  /** An export made with another rubric: switch to the rubric it embeds, then open it. */
  function openWithEmbeddedRubric(file, bytes) {
    const ex = core.verifyExport(bytes, null);
    if (!ex.ok) {
      banners.show('open', { kind: 'error', title: `无法打开上报文件“${file.name}”`, message: problemText(ex.error), detail: '当前填写的内容没有改动。' });
      return;
    }
    const embedded = ex.value.rubric;
    const digest = ex.value.score.rubric.digest;
    if (digest === base.digest) switchRubric(null);
    else {
      const text = JSON.stringify(embedded);
      switchRubric({ doc: text, rubric: embedded, digest, source: `上报文件内嵌的细则(${file.name})`, name: file.name });
    }
    openExport(file, ex.value);
  }

  /** Seal the assessment with the period's incidents and download it under the core's file name. */
  function exportFile() {
    const generatedAt = new Date().toISOString();
    const s = core.seal(current().doc, lastDoc, period.docs(), generatedAt);
    if (!s.ok) {
      const id = answerIdOf(s.error.path);
      banners.show('export', {
        kind: 'error',
        title: '无法导出上报文件',
        message: problemText(s.error),
        detail: '请按提示改正后再导出;填写的内容已自动保存在本机。',
        actions: id && cards.has(id) ? [{ label: '转到该项', run: () => cards.get(id).focus() }] : [],
      });
      return;
    }
    const sealed = s.value;
    download(sealed.file_name, sealed.text);
    lastExport = {
      file_name: sealed.file_name,
      digest: sealed.digest,
      check_code: sealed.check_code,
      generated_at: generatedAt,
      source: 'sealed',
      messages: sealed.auto_vetoes.map((v) => v.message),
    };
    store.save(exportKey(), lastExport);
    // The core may have set the Article 8 veto from the incidents: the form shows what was sealed,
    // so the printed report and the file give the same total and grade.
    const taken = sealed.auto_vetoes.filter((v) => SETS_ANSWER.has(v.decision));
    if (taken.length) {
      const answers = JSON.parse(sealed.text).assessment.answers || {};
      for (const v of taken) if (answers[v.veto]) draft.items[v.veto] = answerDraft(answers[v.veto]);
      renderForm();
    }
    changed();
    banners.show('export', {
      kind: 'info',
      title: `已导出上报文件“${sealed.file_name}”`,
      message: `核对码 ${sealed.check_code}(打印的自评报告上显示同一核对码)。总分 ${fixed2(sealed.score.total)},${sealed.score.grade}${sealed.score.vetoed ? '(触发一票否决)' : ''}${sealed.score.complete ? '' : `;尚有 ${sealed.score.missing.length} 项未作答`}。`,
      detail: sealed.auto_vetoes.map((v) => v.message).join(';') || null,
    });
  }

  async function loadRubric(file) {
    let bytes;
    try {
      bytes = await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show('rubric', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return;
    }
    const v = core.validateRubric(bytes);
    if (!v.ok) {
      banners.show('rubric', { kind: 'error', title: `无法使用细则“${file.name}”`, message: problemText(v.error), detail: '仍在使用原来的细则,填写的内容没有改动。' });
      return;
    }
    const text = new TextDecoder('utf-8').decode(bytes);
    switchRubric({ doc: text, rubric: v.value.rubric, digest: v.value.digest, source: `自定义细则(${file.name})`, name: file.name });
    banners.show('rubric', {
      kind: 'info',
      message: `已改用细则“${v.value.rubric.title || v.value.rubric.id}”(版本 ${v.value.rubric.version})。原细则下填写的内容仍保存在本机,恢复原细则即可继续。`,
    });
  }

  function switchRubric(next) {
    persist();
    custom = next;
    if (next) store.save('score/rubric', { text: next.doc, name: next.name });
    else {
      store.remove('score/rubric');
      banners.clear('rubric');
    }
    draft = sanitizeDraft(store.load(draftKey()));
    lastExport = sanitizeExport(store.load(exportKey()));
    renderAll();
  }

  function saveFile() {
    if (!result.ok) {
      banners.show('save', {
        kind: 'error',
        title: '请先改正输入错误再保存文件',
        message: problemText(result.error),
        detail: '填写的内容已自动保存在本机浏览器中,不会丢失。',
      });
      return;
    }
    banners.clear('save');
    const u = draft.unit;
    const name = ['自评表', fileSafe(u.code || u.name), fileSafe(draft.period)].filter(Boolean).join('_');
    download(`${name}.json`, `${JSON.stringify(lastDoc, null, 2)}\n`);
  }

  function clearAll() {
    const previous = draft;
    draft = emptyDraft();
    renderAll();
    offerUndo('clear', '已清空全部作答和单位信息。', previous);
  }

  /** The printed report, rebuilt before printing too (so its time stamp is the printing time). */
  function refreshPrint() {
    const exported = lastExport ? { ...lastExport, same: !!(exportState && exportState.same) } : null;
    fill(printView, printReport({ result, draft, rubric: { ...current().rubric, digest: current().digest }, version: core.version(), exported }));
  }
  window.addEventListener('beforeprint', refreshPrint);
  const unsubscribe = period.subscribe(() => {
    checkExport();
    renderExport();
    refreshPrint();
  });

  renderAll();

  return {
    panel,
    /** The current assessment document (what 保存进度 downloads). */
    document: () => lastDoc,
    result: () => result,
    saveActions: [{ label: '保存进度', run: () => saveFile() }],
    destroy() {
      window.removeEventListener('beforeprint', refreshPrint);
      unsubscribe();
    },
  };
}

export const scoreTab = { id: 'score', title: '自评打分', create };
