// 事件研判: the incident's facts with three-state controls (是 / 否 / 未知) and numbers, and the core's
// live verdict — the seven situations of Article 8, accountability, national grade and reporting
// deadline. Unknown is a first-class answer: a blank field is left out of the document.
// The period's incidents (本期事件) are kept in a list here; 自评打分 attaches them to the export.

import { h, fill, uid, button, filePicker, readBytes, download } from './dom.js';
import { UNIT_LEVELS, parseNumber, problemText, fileSafe, nowText, unitLevelName } from './format.js';
import { TARGETS, CATEGORIES, FACT_GROUPS, TIMELINE, SITUATIONS, NUMERALS, TRISTATE, GRADES, factLabel } from './incident-facts.js';

const KNOWN_FACTS = new Set(FACT_GROUPS.flatMap((g) => g.facts.map((f) => f[0])));
const DEFAULT_OFFSET = '+08:00';

function emptyDraft() {
  const timeline = {};
  for (const [k] of TIMELINE) timeline[k] = { local: '', offset: DEFAULT_OFFSET };
  return { title: '', category: '', unit: { name: '', level: '' }, target: '', facts: {}, timeline };
}

function sanitize(x) {
  const d = emptyDraft();
  if (!x || typeof x !== 'object') return d;
  const str = (v) => (typeof v === 'string' ? v : '');
  d.title = str(x.title);
  d.category = str(x.category);
  d.target = str(x.target);
  if (x.unit && typeof x.unit === 'object') d.unit = { name: str(x.unit.name), level: str(x.unit.level) };
  if (x.facts && typeof x.facts === 'object') for (const [k, v] of Object.entries(x.facts)) if (typeof v === 'string') d.facts[k] = v;
  if (x.timeline && typeof x.timeline === 'object') {
    for (const [k] of TIMELINE) {
      const t = x.timeline[k];
      if (t && typeof t === 'object') d.timeline[k] = { local: str(t.local), offset: typeof t.offset === 'string' ? t.offset : DEFAULT_OFFSET, raw: str(t.raw) || undefined };
    }
  }
  return d;
}

const STAMP = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)([Zz]|[+-]\d{2}:\d{2})$/;

/** A loaded incident (the core accepted it, so it has no field the form lacks) → form draft. */
function draftFromIncident(doc) {
  const d = emptyDraft();
  d.title = doc.title || '';
  d.category = doc.category || '';
  d.target = doc.target || '';
  d.unit = { name: (doc.unit && doc.unit.name) || '', level: (doc.unit && doc.unit.level) || '' };
  for (const [k, v] of Object.entries(doc.facts || {})) {
    if (v === null || v === undefined) continue;
    if (!KNOWN_FACTS.has(k)) continue;
    if (typeof v === 'boolean') d.facts[k] = v ? 'yes' : 'no';
    else d.facts[k] = String(v);
  }
  for (const [k] of TIMELINE) {
    const t = doc.timeline && doc.timeline[k];
    if (typeof t !== 'string') continue;
    const m = STAMP.exec(t);
    d.timeline[k] = m ? { local: `${m[1]}T${m[2]}`, offset: m[3].toUpperCase() === 'Z' ? 'Z' : m[3] } : { local: '', offset: DEFAULT_OFFSET, raw: t };
  }
  return d;
}

/** The `cyberduty.incident/1` document the form stands for: unknown facts are simply absent. */
function buildIncident(d) {
  const doc = { schema: 'cyberduty.incident/1' };
  if (d.title.trim()) doc.title = d.title;
  if (d.category.trim()) doc.category = d.category;
  const unit = {};
  if (d.unit.name.trim()) unit.name = d.unit.name;
  if (d.unit.level) unit.level = d.unit.level;
  if (Object.keys(unit).length) doc.unit = unit;
  if (d.target) doc.target = d.target;
  const facts = {};
  for (const g of FACT_GROUPS) {
    for (const [key, kind] of g.facts) {
      const v = d.facts[key];
      if (v === undefined || v === '') continue;
      if (kind === 'bool') facts[key] = v === 'yes';
      else if (kind === 'number') {
        const n = parseNumber(v);
        if (n !== undefined) facts[key] = n;
      } else facts[key] = v;
    }
  }
  if (Object.keys(facts).length) doc.facts = facts;
  const timeline = {};
  for (const [k] of TIMELINE) {
    const t = d.timeline[k];
    if (t.local) {
      const local = /T\d{2}:\d{2}$/.test(t.local) ? `${t.local}:00` : t.local;
      timeline[k] = `${local}${t.offset.trim()}`;
    } else if (t.raw) timeline[k] = t.raw;
  }
  if (Object.keys(timeline).length) doc.timeline = timeline;
  return doc;
}

function tristate(key, label, hint, d, changed) {
  const name = uid('t');
  const hintId = hint ? uid('h') : null;
  const current = d.facts[key] || '';
  return h(
    'fieldset',
    { class: 'cd-fact cd-fact-bool', dataset: { fact: key }, attrs: hintId ? { 'aria-describedby': hintId } : {} },
    h('legend', { class: 'cd-fact-label' }, label),
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
            on: {
              change: () => {
                if (value) d.facts[key] = value;
                else delete d.facts[key];
                changed();
              },
            },
          }),
          h('span', null, text),
        ),
      ),
    ),
    hint ? h('p', { class: 'cd-hint', id: hintId }, hint) : null,
  );
}

function numberFact(key, label, unit, hint, d, changed) {
  const id = uid('nf');
  const hintId = uid('h');
  return h(
    'div',
    { class: 'cd-fact cd-fact-num', dataset: { fact: key } },
    h('label', { class: 'cd-fact-label', for: id }, label),
    h(
      'div',
      { class: 'cd-unit-input' },
      h('input', {
        id,
        type: 'text',
        inputMode: 'decimal',
        autocomplete: 'off',
        class: 'cd-input cd-input-num',
        value: d.facts[key] || '',
        placeholder: '未知',
        attrs: { 'aria-describedby': hint ? hintId : null },
        on: { input: (e) => { if (e.target.value === '') delete d.facts[key]; else d.facts[key] = e.target.value; changed(); } },
      }),
      unit ? h('span', { class: 'cd-unit' }, unit) : null,
    ),
    hint ? h('p', { class: 'cd-hint', id: hintId }, hint) : null,
  );
}

function enumFact(key, label, choices, d, changed) {
  const id = uid('ef');
  return h(
    'div',
    { class: 'cd-fact cd-fact-enum', dataset: { fact: key } },
    h('label', { class: 'cd-fact-label', for: id }, label),
    h(
      'select',
      { id, class: 'cd-input', on: { change: (e) => { if (e.target.value) d.facts[key] = e.target.value; else delete d.facts[key]; changed(); } } },
      h('option', { value: '', selected: !d.facts[key] }, '未知'),
      choices.map(([v, t]) => h('option', { value: v, selected: d.facts[key] === v }, t)),
    ),
  );
}

function timeField(key, label, d, changed) {
  const t = d.timeline[key];
  const id = uid('ts');
  const offId = uid('off');
  return h(
    'div',
    { class: 'cd-fact cd-fact-time', dataset: { fact: key } },
    h('label', { class: 'cd-fact-label', for: id }, label),
    h(
      'div',
      { class: 'cd-time' },
      h('input', {
        id,
        type: 'datetime-local',
        step: 1,
        class: 'cd-input',
        value: t.local,
        on: { input: (e) => { t.local = e.target.value; delete t.raw; changed(); } },
      }),
      h('label', { class: 'cd-sr', for: offId }, `${label}的时区`),
      h('input', {
        id: offId,
        type: 'text',
        class: 'cd-input cd-input-offset',
        value: t.offset,
        title: '时区偏移:北京时间为 +08:00',
        spellcheck: false,
        on: { input: (e) => { t.offset = e.target.value; changed(); } },
      }),
    ),
    t.raw ? h('p', { class: 'cd-hint' }, `文件中的原值“${t.raw}”保留不变;重新选择时间即可修改。`) : null,
  );
}

function statusBadge(status) {
  const [text, cls] = TRISTATE[status] || [String(status), 'cd-badge-unknown'];
  return h('span', { class: ['cd-badge', cls] }, text);
}

function list(items, cls) {
  const arr = (items || []).filter((x) => typeof x === 'string' && x !== '');
  return arr.length ? h('ul', { class: cls || 'cd-reasons' }, arr.map((x) => h('li', null, x))) : null;
}

function yesNo(v) {
  return v === true ? '是' : v === false ? '否' : '待定';
}

/** Reasons behind a disclosure whose open/closed state survives re-rendering. */
function because(key, reasons, open, openState) {
  const d = h('details', { class: 'cd-because', open: openState.has(key) ? openState.get(key) : open }, h('summary', null, '理由与依据'), list(reasons));
  d.addEventListener('toggle', () => openState.set(key, d.open));
  return d;
}

/**
 * The core's classification as Chinese text. `focusFact(path)` moves to the form control of a
 * missing fact; `openState` keeps disclosures open across live updates.
 */
function resultView(c, focusFact, openState) {
  const a = c.accountability;
  const g = c.grade;
  const r = c.reporting;
  const gradeText = `${GRADES[g.level] || g.level}${g.at_least ? '(至少)' : ''}`;
  const deadline = r.deadline_minutes === null ? '待定' : `发现后 ${r.deadline_minutes} 分钟内`;
  const conclusions = h(
    'dl',
    { class: 'cd-conclusions' },
    h('dt', null, '是否追究责任'), h('dd', { dataset: { testid: 'accountability' } }, statusBadge(a.status)),
    h('dt', null, '事件分级'), h('dd', null, h('strong', { dataset: { testid: 'incident-grade' } }, gradeText), g.draft ? h('span', { class: 'cd-badge cd-badge-unknown' }, '征求意见稿阈值') : null),
    h('dt', null, '是否须报告'), h('dd', null, h('strong', { dataset: { testid: 'report-required' } }, yesNo(r.required))),
    h('dt', null, '首报时限'), h('dd', null, deadline),
    h('dt', null, '报告用时'), h('dd', null, r.reported_within_minutes === null ? '未知' : `${r.reported_within_minutes} 分钟`),
    h('dt', null, '是否按时'), h('dd', null, h('strong', { dataset: { testid: 'on-time' } }, yesNo(r.on_time))),
  );
  const triggers = h(
    'ol',
    { class: 'cd-triggers' },
    c.triggers.map((t) =>
      h(
        'li',
        { class: 'cd-trigger', dataset: { status: t.status, item: String(t.item) } },
        h('div', { class: 'cd-trigger-head' },
          h('span', { class: 'cd-trigger-no' }, `第八条第(${NUMERALS[t.item - 1] || t.item})项`),
          statusBadge(t.status)),
        h('p', { class: 'cd-trigger-text' }, SITUATIONS[t.item - 1] || ''),
        t.missing.length
          ? h('p', { class: 'cd-missing' }, '尚缺事实:', t.missing.map((m) => button(factLabel(m), () => focusFact(m), { class: 'cd-chip', title: `转到“${factLabel(m)}”(${m})` })))
          : null,
        because(`t${t.item}-${t.status}`, t.reasons, t.status === 'met', openState),
      ),
    ),
  );
  const accountability = h(
    'div',
    { class: 'cd-result-block' },
    a.status === 'not_met'
      ? h('p', null, '七种情形均不符合,不依第八条追究责任。')
      : h(
        'dl',
        { class: 'cd-dl' },
        h('dt', null, '逐级倒查'), h('dd', null, a.chain.join(' → ')),
        h('dt', null, '监管部门负责人'), h('dd', null, '是否一并追责:', statusBadge(a.supervisor)),
        h('dt', null, '主要领导责任'), h('dd', null, a.collective.principal.join('、')),
        h('dt', null, '重要领导责任'), h('dd', null, a.collective.important.join('、')),
        h('dt', null, '实施问责'), h('dd', null, a.carried_out_by),
        h('dt', null, '问责建议'), h('dd', null, a.recommended_by),
      ),
    because('acc', a.reasons, false, openState),
  );
  return [
    conclusions,
    h('h3', { class: 'cd-side-sub' }, '第八条七种情形'),
    triggers,
    h('h3', { class: 'cd-side-sub' }, '责任追究(第八条、第九条)'),
    accountability,
    h('h3', { class: 'cd-side-sub' }, '事件分级'),
    h('div', { class: 'cd-result-block' }, g.at_least ? h('p', { class: 'cd-hint' }, '部分事实未知,查明后级别可能更高。') : null, because('grade', g.reasons, false, openState)),
    h('h3', { class: 'cd-side-sub' }, '报告时限'),
    h('div', { class: 'cd-result-block' }, because('rep', r.reasons, false, openState)),
  ];
}

/** In print every disclosure is open. */
const PRINT_OPEN = { has: () => true, get: () => true, set: () => {} };

function printView(doc, result, version) {
  const rows = [
    ['事件名称', doc.title],
    ['事件类别', doc.category],
    ['单位', [doc.unit && doc.unit.name, doc.unit && unitLevelName(doc.unit.level)].filter(Boolean).join(' · ')],
    ['对象类型', (TARGETS.find(([k]) => k === doc.target) || [])[1]],
    ...TIMELINE.map(([k, label]) => [label, doc.timeline && doc.timeline[k]]),
  ];
  return h(
    'article',
    { class: 'cd-print-report' },
    h('h1', null, '网络安全事件研判意见'),
    h('p', { class: 'cd-print-sub' }, `依据《党委(党组)网络安全工作责任制实施办法》第八条、第九条及《国家网络安全事件报告管理办法》 · 生成于 ${nowText()} · cyberduty ${version}`),
    h('table', { class: 'cd-print-meta' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v || '(未知)'))))),
    result.ok ? resultView(result.value, () => {}, PRINT_OPEN) : h('p', { class: 'cd-print-error' }, `事件信息有误,无法研判:${problemText(result.error)}`),
    h('p', { class: 'cd-print-note' }, '说明:本意见依据所填事实自动生成,“待定”表示事实不全;第(七)项及是否追责须由有权机关认定。'),
  );
}

/** The core's Article 8 verdict on one incident, in a few words (from its trigger statuses). */
function article8Summary(c) {
  const met = c.triggers.filter((t) => t.status === 'met').map((t) => `(${NUMERALS[t.item - 1] || t.item})`);
  if (met.length) return { text: `符合第八条第${met.join('')}项`, cls: 'cd-badge-bad' };
  const open = c.triggers.filter((t) => t.status === 'undetermined').length;
  if (open) return { text: `第八条 ${open} 种情形待定`, cls: 'cd-badge-unknown' };
  return { text: '不构成第八条情形', cls: 'cd-badge-good' };
}

function create(ctx) {
  const { core, store, banners, period } = ctx;
  const KEY = 'incident/draft';
  let draft = sanitize(store.load(KEY));
  let result = { ok: false, error: { code: '', path: '', message: '' } };
  let lastDoc = {};
  const openState = new Map();

  const open = filePicker('.json,application/json', (f) => loadFile(f));
  const importMany = h('input', {
    type: 'file',
    accept: '.json,application/json',
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
  /** The period entry the form was opened from (so adding again updates it), or null. */
  let editing = null;
  const available = core.has('classify');
  const addBtn = button('加入本期事件', () => addToPeriod(), { class: 'cd-btn', title: '把当前事件加入本期事件列表;导出上报文件时一并附上' });
  const toolbar = h(
    'div',
    { class: 'cd-toolbar cd-screen', role: 'toolbar', attrs: { 'aria-label': '事件操作' } },
    button('打开事件文件…', () => open.open(), { class: 'cd-btn', title: '打开以前保存的事件(JSON 文件)' }),
    button('保存事件', () => saveFile(), { class: 'cd-btn cd-btn-primary', title: '把当前事件下载为 JSON 文件' }),
    button('打印研判意见', () => window.print(), { class: 'cd-btn' }),
    h('span', { class: 'cd-toolbar-sep', attrs: { 'aria-hidden': 'true' } }),
    addBtn,
    button('导入事件文件到本期…', () => importMany.click(), { class: 'cd-btn', title: '一次选择多个事件文件,加入本期事件列表' }),
    h('span', { class: 'cd-toolbar-sep', attrs: { 'aria-hidden': 'true' } }),
    button('清空', () => clearAll(), { class: 'cd-btn cd-btn-danger' }),
    open.input,
    importMany,
  );
  const periodTitle = uid('per');
  const periodHost = h('div', { class: 'cd-period-body' });
  const periodCard = h(
    'section',
    { class: 'cd-card cd-period cd-screen', attrs: { 'aria-labelledby': periodTitle } },
    h('h2', { id: periodTitle }, '本期事件'),
    periodHost,
  );
  const formHost = h('div', { class: 'cd-form' });
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
      h('div', { class: 'cd-main' }, periodCard, formHost),
      h('aside', { class: 'cd-side cd-card', attrs: { 'aria-labelledby': outTitle } }, h('h2', { id: outTitle, class: 'cd-side-title' }, '研判结果'), out),
    ),
    printHost,
  );

  function textField(label, value, onValue, props = {}) {
    const id = uid('if');
    return h(
      'div',
      { class: 'cd-field', dataset: { fact: props.fact || '' } },
      h('label', { for: id }, label),
      h('input', { id, type: 'text', class: 'cd-input', value, ...props.input, on: { input: (e) => onValue(e.target.value) } }),
    );
  }

  function selectField(label, value, choices, onValue, fact) {
    const id = uid('is');
    return h(
      'div',
      { class: 'cd-field', dataset: { fact } },
      h('label', { for: id }, label),
      h(
        'select',
        { id, class: 'cd-input', on: { change: (e) => onValue(e.target.value) } },
        h('option', { value: '', selected: !value }, '未知'),
        choices.map(([v, t]) => h('option', { value: v, selected: value === v }, t)),
      ),
    );
  }

  function renderForm() {
    const d = draft;
    const listId = uid('cat');
    fill(
      formHost,
      h(
        'section',
        { class: 'cd-card' },
        h('h2', null, '事件基本情况'),
        h(
          'div',
          { class: 'cd-grid' },
          textField('事件名称', d.title, (v) => { d.title = v; changed(); }, { fact: 'title', input: { placeholder: '例如:门户网站首页被篡改' } }),
          textField('事件类别(GB/T 20986-2023)', d.category, (v) => { d.category = v; changed(); }, { fact: 'category', input: { list: listId, placeholder: '可从列表选择或输入' } }),
          h('datalist', { id: listId }, CATEGORIES.map((c) => h('option', { value: c }))),
          textField('发生事件的单位', d.unit.name, (v) => { d.unit.name = v; changed(); }, { fact: 'name' }),
          selectField('单位行政层级', d.unit.level, UNIT_LEVELS, (v) => { d.unit.level = v; changed(); }, 'level'),
          selectField('受影响对象类型', d.target, TARGETS, (v) => { d.target = v; changed(); }, 'target'),
        ),
        h('p', { class: 'cd-hint' }, '每项事实都可以选“未知”或留空:研判结果会如实标为“待定”,并列出还缺哪些事实。'),
      ),
      FACT_GROUPS.map((g) =>
        h(
          'section',
          { class: 'cd-card cd-fact-group' },
          h('h2', null, g.title),
          h(
            'div',
            { class: 'cd-facts' },
            g.facts.map(([key, kind, label, extra, hint]) => {
              if (kind === 'bool') return tristate(key, label, hint, d, changed);
              if (kind === 'number') return numberFact(key, label, extra, hint, d, changed);
              return enumFact(key, label, extra, d, changed);
            }),
          ),
        ),
      ),
      h(
        'section',
        { class: 'cd-card' },
        h('h2', null, '时间线'),
        h('p', { class: 'cd-hint' }, '时间按所填时区计算(北京时间为 +08:00);报告用时从“发现时间”算到“首次报告时间”。'),
        h('div', { class: 'cd-facts' }, TIMELINE.map(([k, label]) => timeField(k, label, d, changed))),
      ),
    );
  }

  /** Move to the control of a fact path (`facts.tampered`, `unit.level`, `target` …). */
  function focusFact(path) {
    const key = String(path).split('.').pop();
    const box = formHost.querySelector(`[data-fact="${CSS.escape(key)}"]`);
    if (!box) return;
    box.scrollIntoView({ block: 'center' });
    const control = box.querySelector('input:checked, input, select');
    if (control) control.focus({ preventScroll: true });
  }

  function markError(err) {
    for (const el of formHost.querySelectorAll('[data-fact]')) el.classList.remove('cd-has-error');
    for (const el of formHost.querySelectorAll('.cd-fact-error')) el.remove();
    if (!err) return;
    const key = String(err.path || '').replace(/^\$\./, '').split('.').pop();
    const target = key && formHost.querySelector(`[data-fact="${CSS.escape(key)}"]`);
    if (target) {
      target.classList.add('cd-has-error');
      target.append(h('p', { class: 'cd-fact-error', role: 'alert' }, problemText(err)));
    }
  }

  function changed() {
    lastDoc = buildIncident(draft);
    store.save(KEY, draft);
    if (!available) {
      result = { ok: false, error: { code: 'E_UNAVAILABLE', path: '', message: '此版本的计算核心尚不包含事件研判功能;填写的事实已自动保存,升级后即可研判。' } };
    } else {
      result = core.classify(lastDoc);
    }
    markError(result.ok || !available ? null : result.error);
    if (result.ok) fill(out, resultView(result.value, focusFact, openState));
    else {
      fill(out, h('div', { class: available ? 'cd-error-box' : 'cd-info-box', role: available ? 'alert' : 'status' },
        h('strong', null, available ? '事件信息有误,暂时无法研判' : '暂不能研判'),
        h('p', null, available ? problemText(result.error) : result.error.message)));
    }
    refreshPrint();
    ctx.notify({ tab: 'incident', incident: lastDoc, classification: result.ok ? result.value : null, error: result.ok ? null : result.error });
  }

  async function loadFile(file) {
    let bytes;
    try {
      bytes = await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show('incident-open', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return;
    }
    const v = core.classify(bytes);
    if (!v.ok) {
      banners.show('incident-open', { kind: 'error', title: `无法打开事件文件“${file.name}”`, message: problemText(v.error), detail: '当前填写的内容没有改动。' });
      return;
    }
    const previous = draft;
    draft = draftFromIncident(JSON.parse(new TextDecoder('utf-8').decode(bytes)));
    editing = null;
    renderForm();
    changed();
    renderPeriod();
    banners.show('incident-open', {
      kind: 'info',
      message: `已打开事件文件“${file.name}”。原来填写的内容已被替换,可以撤销。`,
      actions: [{ label: '撤销', run: () => { draft = previous; renderForm(); changed(); banners.clear('incident-open'); } }],
    });
  }

  function saveFile() {
    if (available && !result.ok) {
      banners.show('incident-save', { kind: 'error', title: '请先改正事件信息中的错误再保存文件', message: problemText(result.error), detail: '填写的内容已自动保存在本机浏览器中,不会丢失。' });
      return;
    }
    banners.clear('incident-save');
    const name = ['事件', fileSafe(draft.title) || '未命名'].join('_');
    download(`${name}.json`, `${JSON.stringify(lastDoc, null, 2)}\n`);
  }

  function clearAll() {
    const previous = draft;
    draft = emptyDraft();
    editing = null;
    renderPeriod();
    renderForm();
    changed();
    banners.show('incident-clear', {
      kind: 'info',
      message: '已清空事件信息。',
      actions: [{ label: '撤销', run: () => { draft = previous; renderForm(); changed(); banners.clear('incident-clear'); } }],
    });
  }

  // ---- the period's incidents ---------------------------------------------------------------
  function renderPeriod() {
    const list = period.entries();
    if (editing && !period.get(editing)) editing = null;
    addBtn.textContent = editing ? '更新本期事件' : '加入本期事件';
    addBtn.title = editing ? '用当前表单内容替换本期事件列表中的这一事件' : '把当前事件加入本期事件列表;导出上报文件时一并附上';
    fill(
      periodHost,
      h('p', { class: 'cd-hint' }, list.length
        ? `共 ${list.length} 个。“自评打分”页签导出上报文件时附上这些事件,并据此核对第八条一票否决项。`
        : '列表为空。研判完一个事件后点击“加入本期事件”,或用“导入事件文件到本期…”一次加入多个;导出上报文件时一并附上。'),
      list.length
        ? h('ol', { class: 'cd-period-list' }, list.map((e, i) => {
          const c = core.classify(e.doc);
          const badge = c.ok ? article8Summary(c.value) : { text: `有误:${c.error.code}`, cls: 'cd-badge-bad' };
          const grade = c.ok ? `${GRADES[c.value.grade.level] || c.value.grade.level}${c.value.grade.at_least ? '(至少)' : ''}` : '';
          const title = (typeof e.doc.title === 'string' && e.doc.title) || '(未命名事件)';
          return h(
            'li',
            { class: ['cd-period-item', editing === e.id && 'cd-period-editing'], dataset: { periodId: e.id } },
            h('span', { class: 'cd-period-no' }, `${i + 1}.`),
            h('span', { class: 'cd-period-title' }, title),
            grade ? h('span', { class: 'cd-period-grade' }, grade) : null,
            h('span', { class: ['cd-badge', badge.cls] }, badge.text),
            h(
              'span',
              { class: 'cd-period-actions' },
              button('打开', () => openFromPeriod(e.id), { class: 'cd-btn-text', attrs: { 'aria-label': `在表单中打开“${title}”` } }),
              button('移除', () => removeFromPeriod(e.id), { class: 'cd-btn-text', attrs: { 'aria-label': `从本期事件中移除“${title}”` } }),
            ),
          );
        }))
        : null,
    );
  }

  function addToPeriod() {
    if (!available || !result.ok) {
      banners.show('incident-period', { kind: 'error', title: '请先改正事件信息中的错误再加入本期事件', message: available ? problemText(result.error) : result.error.message });
      return;
    }
    banners.clear('incident-period');
    const doc = JSON.parse(JSON.stringify(lastDoc));
    if (editing && period.get(editing)) {
      period.update(editing, doc);
      banners.show('incident-period', { kind: 'info', message: '已更新本期事件列表中的这一事件。' });
    } else {
      editing = period.add(doc);
      banners.show('incident-period', { kind: 'info', message: `已加入本期事件(共 ${period.entries().length} 个)。继续修改表单后可点击“更新本期事件”。` });
    }
  }

  function openFromPeriod(id) {
    const e = period.get(id);
    if (!e) return;
    const previous = draft;
    draft = draftFromIncident(e.doc);
    editing = id;
    renderForm();
    changed();
    renderPeriod();
    banners.show('incident-open', {
      kind: 'info',
      message: '已在表单中打开本期事件列表中的事件;修改后点击“更新本期事件”保存到列表。原来填写的内容已被替换,可以撤销。',
      actions: [{ label: '撤销', run: () => { draft = previous; editing = null; renderForm(); changed(); renderPeriod(); banners.clear('incident-open'); } }],
    });
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
      const v = core.classify(bytes);
      if (!v.ok) {
        refused.push(`${file.name}:${problemText(v.error)}`);
        continue;
      }
      added.push(JSON.parse(new TextDecoder('utf-8').decode(bytes)));
    }
    for (const doc of added) period.add(doc);
    banners.show('incident-period', {
      kind: refused.length ? 'warn' : 'info',
      title: `已加入本期事件 ${added.length} 个${refused.length ? `,${refused.length} 个文件无法加入` : ''}`,
      message: refused.join(';') || null,
    });
  }

  function refreshPrint() {
    fill(printHost, printView(lastDoc, result, core.version()));
  }
  window.addEventListener('beforeprint', refreshPrint);
  const unsubscribe = period.subscribe(renderPeriod);

  renderForm();
  changed();
  renderPeriod();

  return {
    panel,
    document: () => lastDoc,
    result: () => result,
    saveActions: [{ label: '保存事件', run: () => saveFile() }],
    destroy() {
      window.removeEventListener('beforeprint', refreshPrint);
      unsubscribe();
    },
  };
}

export const incidentTab = { id: 'incident', title: '事件研判', create };
