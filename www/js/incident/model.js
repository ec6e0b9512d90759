// 事件研判, without the DOM: the form state (a "draft", saved as it is in local storage), the
// incident document it stands for, and the way back from a document the core accepted. Which
// facts exist, their kinds and the schema tag come from the core's vocabulary.
//
// Draft (kept exactly as saved since the first version): {title, category, unit: {name, level},
// target, facts: {key: 'yes' | 'no' | number or scope as typed}, timeline: {key: {local, offset, raw?}}}.

import { parseNumber } from '../format.js';

export const DEFAULT_OFFSET = '+08:00';

export function emptyDraft(vocab) {
  const timeline = {};
  for (const t of vocab.timeline) timeline[t.key] = { local: '', offset: DEFAULT_OFFSET };
  return { title: '', category: '', unit: { name: '', level: '' }, target: '', facts: {}, timeline, people: [], reports: [] };
}

/** A stored draft, tolerating anything (old versions, hand edits): unknown shapes become empty. */
export function sanitizeDraft(vocab, x) {
  const d = emptyDraft(vocab);
  if (!x || typeof x !== 'object') return d;
  const str = (v) => (typeof v === 'string' ? v : '');
  d.title = str(x.title);
  d.category = str(x.category);
  d.target = str(x.target);
  if (x.unit && typeof x.unit === 'object') d.unit = { name: str(x.unit.name), level: str(x.unit.level) };
  if (x.facts && typeof x.facts === 'object') for (const [k, v] of Object.entries(x.facts)) if (typeof v === 'string') d.facts[k] = v;
  if (Array.isArray(x.people)) d.people = x.people.filter((p) => p && typeof p === 'object').map((p) => ({ name: str(p.name), post: str(p.post), role: str(p.role), took: str(p.took) }));
  if (Array.isArray(x.reports)) d.reports = x.reports.filter((r) => r && typeof r === 'object').map((r) => ({ kind: str(r.kind), local: str(r.local), offset: typeof r.offset === 'string' ? r.offset : DEFAULT_OFFSET, raw: str(r.raw) || undefined }));
  if (x.timeline && typeof x.timeline === 'object') {
    for (const { key } of vocab.timeline) {
      const t = x.timeline[key];
      if (t && typeof t === 'object') d.timeline[key] = { local: str(t.local), offset: typeof t.offset === 'string' ? t.offset : DEFAULT_OFFSET, raw: str(t.raw) || undefined };
    }
  }
  return d;
}

const STAMP = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)([Zz]|[+-]\d{2}:\d{2})$/;

/** The key of a fact inside `facts` (its vocabulary path is `facts.<key>`). */
const factKey = (f) => String(f.path || f.key).replace(/^facts\./, '');

/** A timestamp as the form's {local, offset}, or kept as written (`raw`) when the form cannot show it. */
function stampDraft(t) {
  const m = STAMP.exec(t);
  return m ? { local: `${m[1]}T${m[2]}`, offset: m[3].toUpperCase() === 'Z' ? 'Z' : m[3] } : { local: '', offset: DEFAULT_OFFSET, raw: t };
}

/** The form's {local, offset, raw} as a timestamp, or '' when blank. */
function stampOf(t) {
  if (t.local) return `${/T\d{2}:\d{2}$/.test(t.local) ? `${t.local}:00` : t.local}${t.offset.trim()}`;
  return t.raw || '';
}

/** A loaded incident (the core accepted it) → draft. A time the form cannot show is kept as written. */
export function draftFromIncident(vocab, doc) {
  const d = emptyDraft(vocab);
  d.title = doc.title || '';
  d.category = doc.category || '';
  d.target = doc.target || '';
  d.unit = { name: (doc.unit && doc.unit.name) || '', level: (doc.unit && doc.unit.level) || '' };
  const facts = doc.facts || {};
  for (const f of vocab.facts) {
    const v = facts[factKey(f)];
    if (v === null || v === undefined) continue;
    d.facts[factKey(f)] = typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v);
  }
  for (const { key } of vocab.timeline) {
    const t = doc.timeline && doc.timeline[key];
    if (typeof t !== 'string') continue;
    d.timeline[key] = stampDraft(t);
  }
  const yn = (v) => (v === true ? 'yes' : v === false ? 'no' : '');
  d.people = (doc.people || []).map((p) => ({ name: p.name || '', post: p.post || '', role: p.role || '', took: yn(p.took_part_in_decision) }));
  d.reports = (doc.reports || []).map((r) => ({ kind: r.kind || '', ...stampDraft(r.at || '') }));
  return d;
}

/** The incident document the draft stands for: unknown facts are simply absent; values as typed. */
export function buildIncident(vocab, d) {
  const doc = { schema: vocab.schemas.incident };
  if (d.title.trim()) doc.title = d.title;
  if (d.category.trim()) doc.category = d.category;
  const unit = {};
  if (d.unit.name.trim()) unit.name = d.unit.name;
  if (d.unit.level) unit.level = d.unit.level;
  if (Object.keys(unit).length) doc.unit = unit;
  if (d.target) doc.target = d.target;
  const facts = {};
  for (const f of vocab.facts) {
    const key = factKey(f);
    const v = d.facts[key];
    if (v === undefined || v === '') continue;
    if (f.kind === 'flag') facts[key] = v === 'yes';
    else if (f.kind === 'count' || f.kind === 'number') {
      const n = parseNumber(v);
      if (n !== undefined) facts[key] = n;
    } else facts[key] = v;
  }
  if (Object.keys(facts).length) doc.facts = facts;
  const timeline = {};
  for (const { key } of vocab.timeline) {
    const t = d.timeline[key];
    if (!t) continue;
    if (t.local) {
      const local = /T\d{2}:\d{2}$/.test(t.local) ? `${t.local}:00` : t.local;
      timeline[key] = `${local}${t.offset.trim()}`;
    } else if (t.raw) timeline[key] = t.raw;
  }
  if (Object.keys(timeline).length) doc.timeline = timeline;
  // People and reports: a row left wholly blank is not part of the document; anything typed is,
  // so the core can say what is wrong with it.
  const people = (d.people || []).filter((p) => p.name || p.post || p.role).map((p) => {
    const o = { name: p.name, role: p.role };
    if (p.post) o.post = p.post;
    if (p.took) o.took_part_in_decision = p.took === 'yes';
    return o;
  });
  if (people.length) doc.people = people;
  const reports = (d.reports || []).filter((r) => r.kind || r.local || r.raw).map((r) => ({ kind: r.kind, at: stampOf(r) }));
  if (reports.length) doc.reports = reports;
  return doc;
}

/** The page's own labels of the form's non-fact fields, by document path. */
const FORM_LABELS = { title: '事件名称', category: '事件类别', 'unit.name': '发生事件的单位', 'unit.level': '单位行政层级', target: '受影响对象类型' };

/** A label for a path the core names (`facts.outage_hours`, `$.timeline.reported_at`, `target` …). */
export function labelOf(vocab, path) {
  const p = String(path).replace(/^\$\./, '');
  const hit = vocab.facts.find((f) => f.path === p || f.key === p) || vocab.timeline.find((t) => t.path === p || t.key === p);
  return hit ? hit.label : FORM_LABELS[p] || String(path);
}

/** Which control a path points to (the `data-fact` of the form's boxes): the last part of the path. */
export function controlKey(path) {
  return String(path || '').replace(/^\$\./, '').split('.').pop();
}
