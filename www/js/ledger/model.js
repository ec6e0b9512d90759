// 整改台账's draft: what the form holds (text as typed, every entry kept even half filled) and the
// document built from it for the core. No rule lives here: the core reads the document, reviews
// it and says what is wrong.

/** Where the page keeps the ledger (the 事件研判 tab reads it too). */
export const LEDGER_KEY = 'ledger/draft';

/** An empty entry with the next free id (R1, R2 …). */
export function newEntry(entries, today) {
  const used = new Set(entries.map((e) => e.id));
  let n = entries.length + 1;
  while (used.has(`R${n}`)) n += 1;
  return {
    id: `R${n}`,
    notified_by: '',
    notifier: '',
    notice_no: '',
    notified_on: today || '',
    problem: '',
    deadline: '',
    status: '',
    rectified_on: '',
    fed_back_on: '',
    evidence: '',
    serious: '',
    note: '',
  };
}

export function emptyDraft() {
  return { unit: { name: '', code: '' }, entries: [] };
}

const TEXT = ['id', 'notified_by', 'notifier', 'notice_no', 'notified_on', 'problem', 'deadline', 'status', 'rectified_on', 'fed_back_on', 'evidence', 'serious', 'note'];
const str = (v) => (typeof v === 'string' ? v : '');

/** Whatever storage held, as a draft (unknown fields dropped, every field a string). */
export function sanitizeDraft(x) {
  const d = emptyDraft();
  if (!x || typeof x !== 'object') return d;
  const u = x.unit && typeof x.unit === 'object' ? x.unit : {};
  d.unit = { name: str(u.name), code: str(u.code) };
  d.entries = (Array.isArray(x.entries) ? x.entries : [])
    .filter((e) => e && typeof e === 'object')
    .map((e) => Object.fromEntries(TEXT.map((k) => [k, str(e[k])])));
  return d;
}

/** The `cyberduty.rectification/1` document the draft stands for (blank fields left out). */
export function buildLedger(vocab, draft) {
  const unit = {};
  if (draft.unit.name.trim()) unit.name = draft.unit.name.trim();
  if (draft.unit.code.trim()) unit.code = draft.unit.code;
  const entries = draft.entries.map((e) => {
    const out = {};
    for (const k of ['id', 'notified_by', 'notifier', 'notice_no', 'notified_on', 'problem', 'deadline', 'status', 'rectified_on', 'fed_back_on', 'note']) {
      if (e[k].trim()) out[k] = e[k].trim();
    }
    const names = e.evidence.split('\n').map((s) => s.trim()).filter(Boolean);
    if (names.length) out.evidence = names.map((name) => ({ name }));
    out.serious_consequence = e.serious === 'true' ? true : e.serious === 'false' ? false : null;
    return out;
  });
  return { schema: vocab.ledger.schema, unit, entries };
}

/** A draft from a ledger document the core accepted. */
export function draftFromLedger(doc) {
  return sanitizeDraft({
    unit: doc.unit || {},
    entries: (doc.entries || []).map((e) => ({
      ...e,
      evidence: (e.evidence || []).map((x) => x.name).join('\n'),
      serious: e.serious_consequence === true ? 'true' : e.serious_consequence === false ? 'false' : '',
    })),
  });
}

/** The entry index and field a core error path points at (`$.entries[2].deadline`). */
export function fieldOf(path) {
  const m = /^\$\.entries\[(\d+)\]\.?([a-z_]*)/.exec(path || '');
  if (m) return { index: Number(m[1]), key: m[2] === 'serious_consequence' ? 'serious' : m[2] || null };
  const u = /^\$\.unit\.?([a-z_]*)/.exec(path || '');
  return u ? { unit: true, key: u[1] || null } : null;
}

/** Today's date where the browser is, as `YYYY-MM-DD`. */
export function localToday(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The stored ledger as a document the core accepts as of `asOf`, or null (none kept, or not valid). */
export function storedLedger(core, vocab, store, asOf) {
  const d = sanitizeDraft(store.load(LEDGER_KEY));
  if (!d.entries.length) return null;
  const doc = buildLedger(vocab, d);
  return core.reviewLedger(doc, asOf).ok ? doc : null;
}
