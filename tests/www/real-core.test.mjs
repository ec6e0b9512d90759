// The models against the real core (pkg/, built by make dist): what the score model builds from a
// draft is what the core accepts, and what it accepted comes back as the same draft; N/A where the
// rubric does not allow it is sent and refused by the core on that item; the incident model's
// documents classify; the core's batch rule is what the aggregate model asks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAssessment, draftFromAssessment, emptyDraft, entries, fieldsOf, methodKind, draftSlot } from '../../www/js/score/model.js';
import { buildIncident, draftFromIncident } from '../../www/js/incident/model.js';
import { folderFiles } from '../../www/js/aggregate/model.js';
import { answerIdOf } from '../../www/js/format.js';

const ROOT = join(import.meta.dirname, '..', '..');
const glue = await import(join(ROOT, 'pkg', 'cyberduty.js'));
glue.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });
const vocab = glue.vocabulary();
const session = new glue.Session(null);
const rubric = session.rubric();

/** A draft answering every entry of the default rubric: yes, level 0, 3 of 4, 0 times. */
function fullDraft() {
  const d = emptyDraft();
  Object.assign(d.unit, { name: '某单位', code: '91110000MA0000023W', level: vocab.unit_levels[0].key });
  d.period = '2026年度';
  for (const e of entries(rubric)) {
    const fields = fieldsOf(vocab, methodKind(e));
    const item = {};
    for (const f of fields) item[draftSlot(fields, f)] = f.type === 'boolean' ? 'no' : f.type === 'index' ? '0' : f.key === 'numerator' ? '3' : f.key === 'denominator' ? '4' : '0';
    d.items[e.item.id] = item;
  }
  return d;
}

test('every method of the default rubric has fields in the vocabulary', () => {
  for (const e of entries(rubric)) assert.ok(fieldsOf(vocab, methodKind(e)).length, `${e.item.id} (${methodKind(e)})`);
});

test('a full draft is an assessment the core accepts, complete, and it comes back as the same draft', () => {
  const d = fullDraft();
  const { doc, hints } = buildAssessment(vocab, rubric, d);
  assert.deepEqual(hints, {});
  const accepted = session.validateAssessment(doc);
  const live = session.score(doc, null);
  assert.equal(live.score.complete, true);
  assert.equal(live.score.answered, live.score.answerable);
  // The core gives the period back as its key (2026年度 → 2026); everything else as typed.
  const back = draftFromAssessment(vocab, rubric, accepted);
  assert.equal(back.period, '2026');
  assert.deepEqual({ ...back, period: d.period }, d);
});

test('N/A on an item that does not allow it is sent, and the core refuses it on that item', () => {
  const item = entries(rubric).find((e) => e.kind === 'item' && !e.item.na_allowed).item;
  const d = fullDraft();
  d.items[item.id] = { na: true, reason: '本单位无此项' };
  const { doc } = buildAssessment(vocab, rubric, d);
  assert.deepEqual(doc.answers[item.id], { na: '本单位无此项' });
  assert.throws(() => session.score(doc, null), (e) => {
    assert.equal(e.code, 'E_ANSWER_NA_NOT_ALLOWED');
    assert.equal(answerIdOf(e.path), item.id, 'the error points at the item, whose card shows it');
    assert.match(e.display, /^\[E_ANSWER_NA_NOT_ALLOWED\] /);
    return true;
  });
});

test('a golden incident comes back from its draft unchanged (an explicit null is unknown, i.e. absent) and classifies the same', () => {
  const file = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const back = buildIncident(vocab, draftFromIncident(vocab, doc));
  const known = { ...doc, facts: Object.fromEntries(Object.entries(doc.facts).filter(([, v]) => v !== null)) };
  assert.deepEqual(back, known);
  assert.deepEqual(glue.classify(back), glue.classify(doc));
});

test('the aggregate model takes from a folder exactly what the core’s rule takes', () => {
  const core = { batchTakes: (p) => glue.batchTakes(p) };
  const list = ['a/x.json', 'a/.hidden/y.json', 'a/.z.json', 'a/readme.txt', 'a/B.JSON'].map((name) => ({ name, file: null }));
  assert.deepEqual(folderFiles(core, list).map((x) => x.name), list.filter((x) => glue.batchTakes(x.name)).map((x) => x.name).sort());
  assert.ok(folderFiles(core, list).some((x) => x.name === 'a/x.json'));
});
