// 自评打分, without the DOM: the form state (a "draft", saved as it is in local storage), the
// assessment document it stands for, and the way back from a document the core accepted. Answers
// are built from the core's vocabulary (`methods[kind].fields`), not from a shape per method
// written here: the core says which fields an answer of each method has and what they are called.
//
// Draft of one item, as saved since the first version (kept exactly, so nothing saved is lost):
//   choice  'yes' | 'no' for the one yes/no field of a method, or the index of a level as text
//   num/den the ratio's two counts as typed;  count  any other count as typed
//   na: true and reason;  note;  evidence (as read from a file)

import { parseNumber, answerIdOf } from '../format.js';

export function emptyDraft() {
  return { unit: { name: '', code: '', level: '', region: '' }, period: '', assessor: '', items: {} };
}

/** A stored draft, tolerating anything (old versions, hand edits): unknown shapes become empty. */
export function sanitizeDraft(x) {
  const d = emptyDraft();
  if (!x || typeof x !== 'object') return d;
  const str = (v) => (typeof v === 'string' ? v : '');
  if (x.unit && typeof x.unit === 'object') for (const k of Object.keys(d.unit)) d.unit[k] = str(x.unit[k]);
  d.period = str(x.period);
  d.assessor = str(x.assessor);
  if (x.carried && typeof x.carried === 'object') d.carried = x.carried;
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

/** The latest export as stored: what the printed report and the export box show. */
export function sanitizeExport(x) {
  if (!x || typeof x !== 'object') return null;
  const str = (v) => (typeof v === 'string' ? v : '');
  if (!str(x.digest) || !str(x.generated_at)) return null;
  return {
    file_name: str(x.file_name),
    digest: str(x.digest),
    /** The unsigned seal's digest, when the file was signed (its own digest is then /2's). */
    sealed_digest: str(x.sealed_digest),
    check_code: str(x.check_code),
    generated_at: str(x.generated_at),
    source: x.source === 'opened' ? 'opened' : 'sealed',
    messages: Array.isArray(x.messages) ? x.messages.filter((m) => typeof m === 'string') : [],
  };
}

/** Every answerable thing of a rubric, in the form's order: items by dimension, vetoes, bonus. */
export function entries(rubric) {
  const list = [];
  for (const dim of rubric.dimensions) for (const item of dim.items) list.push({ kind: 'item', item, dim });
  for (const item of rubric.vetoes || []) list.push({ kind: 'veto', item });
  for (const item of rubric.bonus || []) list.push({ kind: 'bonus', item });
  return list;
}

/** The method kind of an entry: a veto is answered as the core's `veto` method. */
export function methodKind({ kind, item }) {
  return kind === 'veto' ? 'veto' : item.method && item.method.kind;
}

/** The fields of a method's answer, from the vocabulary ([] for a method it does not know). */
export function fieldsOf(vocab, methodKindName) {
  const m = vocab.methods;
  const hit = Array.isArray(m) ? m.find((x) => x.kind === methodKindName) : m && m[methodKindName];
  return hit && Array.isArray(hit.fields) ? hit.fields : [];
}

/** Where a field is kept in an item's draft (the saved drafts' names; see the top of this file). */
export function draftSlot(fields, field) {
  if (field.type === 'boolean' || field.type === 'index') {
    return fields.filter((f) => f.type === 'boolean' || f.type === 'index').length === 1 ? 'choice' : field.key;
  }
  if (field.key === 'numerator') return 'num';
  if (field.key === 'denominator') return 'den';
  return field.key;
}

/** One field's value from the draft, as the answer carries it (undefined: not filled in). */
function fieldValue(field, text, readCount) {
  if (text === undefined || text === '') return undefined;
  if (field.type === 'boolean') return text === 'yes' ? true : text === 'no' ? false : undefined;
  if (field.type === 'count' && readCount && String(text).trim() !== '') {
    // The core reads a count as typed (full-width digits, 3.0); what it refuses (1e2, 2.5, words)
    // goes on as text, and the assessment's check says what is wrong with it.
    const n = readCount(String(text));
    return n === undefined ? String(text).trim() : n;
  }
  return parseNumber(text);
}

/**
 * The value part of one answer from its draft, or a hint when the form is half filled (a blank
 * field is not an answer). Values are passed as typed, and N/A is sent whatever the item allows:
 * the core judges them.
 */
export function answerValue(vocab, entry, d, readCount = null) {
  if (d.na) {
    if (!d.reason) return { hint: `已选“${vocab.na.label}”:请填写原因,本项才计入作答。` };
    return { value: { [vocab.na.key]: d.reason } };
  }
  const fields = fieldsOf(vocab, methodKind(entry));
  if (!fields.length) return {};
  const value = {};
  const blank = [];
  for (const f of fields) {
    const v = fieldValue(f, d[draftSlot(fields, f)], readCount);
    if (v === undefined) blank.push(f);
    else value[f.key] = v;
  }
  if (blank.length === fields.length) return {};
  if (blank.length) return { hint: `请同时填写${fields.map((f) => f.label).join('和')},本项才计入作答。` };
  return { value };
}

/**
 * The assessment document the draft stands for (schema tag from the vocabulary), and per-item hints.
 * `readCount(text)`: the core's reading of a typed count (core.wholeNumber), number or undefined.
 */
export function buildAssessment(vocab, rubric, draft, readCount = null) {
  const unit = {};
  for (const [k, v] of Object.entries(draft.unit)) if (v.trim() !== '') unit[k] = v;
  const doc = { schema: vocab.schemas.assessment, rubric: { id: rubric.id, version: rubric.version } };
  if (Object.keys(unit).length) doc.unit = unit;
  if (draft.period.trim()) doc.period = draft.period;
  if (draft.assessor.trim()) doc.assessor = draft.assessor;
  const answers = {};
  const hints = {};
  for (const entry of entries(rubric)) {
    const id = entry.item.id;
    const d = draft.items[id];
    if (!d) continue;
    const { value, hint } = answerValue(vocab, entry, d, readCount);
    if (hint) hints[id] = hint;
    if (!value) continue;
    const answer = { ...value };
    if (d.note && d.note.trim()) answer.note = d.note;
    if (d.evidence) answer.evidence = d.evidence;
    answers[id] = answer;
  }
  doc.answers = answers;
  if (draft.carried) doc.carried = draft.carried;
  return { doc, hints };
}

/** One answer of a core-validated assessment → its draft. */
export function answerDraft(vocab, entry, ans) {
  const x = {};
  if (vocab.na.key in ans) {
    x.na = true;
    x.reason = ans[vocab.na.key];
  } else {
    const fields = fieldsOf(vocab, methodKind(entry));
    for (const f of fields) {
      const v = ans[f.key];
      if (v === undefined || v === null) continue;
      x[draftSlot(fields, f)] = f.type === 'boolean' ? (v ? 'yes' : 'no') : String(v);
    }
  }
  if (ans.note) x.note = ans.note;
  if (ans.evidence && ans.evidence.length) x.evidence = ans.evidence;
  return x;
}

/** A core-validated assessment → a draft (answers to ids the rubric lacks are left out). */
export function draftFromAssessment(vocab, rubric, a) {
  const d = emptyDraft();
  const unit = a.unit || {};
  for (const k of Object.keys(d.unit)) d.unit[k] = unit[k] || '';
  d.period = a.period || '';
  d.assessor = a.assessor || '';
  if (a.carried) d.carried = a.carried;
  const answers = a.answers || {};
  for (const entry of entries(rubric)) {
    const ans = answers[entry.item.id];
    if (ans) d.items[entry.item.id] = answerDraft(vocab, entry, ans);
  }
  return d;
}

/**
 * After sealing: the answers of the sealed assessment the core returned replace the draft's where
 * they differ in value (the core may have set the Article 8 veto from the incidents), so the form
 * shows what was sealed. Returns the ids taken over.
 */
export function takeSealedAnswers(vocab, rubric, draft, sealedAssessment, readCount = null) {
  const { doc } = buildAssessment(vocab, rubric, draft, readCount);
  const sealed = (sealedAssessment && sealedAssessment.answers) || {};
  const same = (a, b) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  const taken = [];
  for (const entry of entries(rubric)) {
    const id = entry.item.id;
    const ans = sealed[id];
    if (!ans) continue;
    const next = answerDraft(vocab, entry, ans);
    if (same(next, answerDraft(vocab, entry, doc.answers[id] || {}))) continue;
    draft.items[id] = next;
    taken.push(id);
  }
  return taken;
}

/**
 * Score `doc` with `score(doc)`; while the core refuses one answer, score again without it, so one
 * bad field marks its item and the rest of the total still shows. Returns the last result, the
 * document it scored and the refused answers' errors by id (the export still seals `doc` itself,
 * and is refused until they are put right).
 */
export function scoreRest(score, doc) {
  const errors = {};
  let scored = doc;
  let result = score(scored);
  while (!result.ok) {
    const id = answerIdOf(result.error.path);
    if (!id || errors[id] || !scored.answers || !(id in scored.answers)) break;
    errors[id] = result.error;
    const answers = { ...scored.answers };
    delete answers[id];
    scored = { ...scored, answers };
    result = score(scored);
  }
  return { result, scored, errors };
}
