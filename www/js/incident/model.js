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
  return { title: '', category: '', unit: { name: '', level: '' }, target: '', facts: {}, timeline };
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
    const m = STAMP.exec(t);
    d.timeline[key] = m ? { local: `${m[1]}T${m[2]}`, offset: m[3].toUpperCase() === 'Z' ? 'Z' : m[3] } : { local: '', offset: DEFAULT_OFFSET, raw: t };
  }
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
