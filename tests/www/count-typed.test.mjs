// Counts as typed (issue 14): the score model hands each count field to the core's reading
// (wholeNumber) — full-width digits and 3.0 become numbers, 1e2 / 2.5 / words go on as text for the
// assessment's check to refuse — and scoreRest leaves a refused answer out so the rest still scores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAssessment, emptyDraft, entries, fieldsOf, methodKind, draftSlot, scoreRest } from '../../www/js/score/model.js';

const ROOT = join(import.meta.dirname, '..', '..');
const glue = await import(join(ROOT, 'pkg', 'cyberduty.js'));
glue.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });
const vocab = glue.vocabulary();
const session = new glue.Session(null);
const rubric = session.rubric();
const deduct = entries(rubric).find((e) => methodKind(e) === 'deduct');
const ratio = entries(rubric).find((e) => methodKind(e) === 'ratio');

test('the core reads a count as typed', () => {
  assert.equal(glue.wholeNumber('１２'), 12);
  assert.equal(glue.wholeNumber(' 3.0 '), 3);
  for (const bad of ['1e2', '2.5', '-1', '十二', '']) assert.equal(glue.wholeNumber(bad), undefined, bad);
});

test('full-width counts are sent as numbers; 1e2 as text', () => {
  const d = emptyDraft();
  const fields = fieldsOf(vocab, 'deduct');
  d.items[deduct.item.id] = { [draftSlot(fields, fields[0])]: '２' };
  const rf = fieldsOf(vocab, 'ratio');
  d.items[ratio.item.id] = { [draftSlot(rf, rf[0])]: '1e2', [draftSlot(rf, rf[1])]: '４' };
  const { doc } = buildAssessment(vocab, rubric, d, glue.wholeNumber);
  assert.deepEqual(doc.answers[deduct.item.id], { count: 2 });
  assert.deepEqual(doc.answers[ratio.item.id], { numerator: '1e2', denominator: 4 });

  // The core refuses the ratio; scoreRest scores the rest and names the refused answer.
  const call = (doc) => { try { return { ok: true, value: session.score(doc, []) }; } catch (e) { return { ok: false, error: e }; } };
  assert.equal(call(doc).ok, false);
  const { result, scored, errors } = scoreRest(call, doc);
  assert.equal(result.ok, true);
  assert.deepEqual(Object.keys(errors), [ratio.item.id]);
  assert.equal(errors[ratio.item.id].code, 'E_FIELD_TYPE');
  assert.equal(errors[ratio.item.id].path, `$.answers[${JSON.stringify(ratio.item.id)}].numerator`);
  assert.ok(!(ratio.item.id in scored.answers) && deduct.item.id in scored.answers);
  assert.equal(result.value.score.answered, 1);
});
