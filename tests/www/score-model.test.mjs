// www/js/score/model.js: draft ↔ assessment, built from the vocabulary's method fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VOCAB, RUBRIC } from './vocab.mjs';
import {
  emptyDraft, sanitizeDraft, sanitizeExport, buildAssessment, draftFromAssessment, answerValue, draftSlot, fieldsOf, takeSealedAnswers,
} from '../../www/js/score/model.js';

function draftWith(items) {
  return { ...emptyDraft(), items };
}

test('a full draft becomes the assessment document, one answer per method, schema from the vocabulary', () => {
  const d = draftWith({
    c: { choice: 'yes', note: '  见纪要 ' },
    l: { choice: '1' },
    q: { num: '3', den: '4' },
    x: { count: '0' },
    v: { choice: 'no' },
    b: { choice: 'no', evidence: [{ name: 'e.pdf' }] },
  });
  d.unit.name = '某单位';
  d.unit.code = '  ';
  d.period = '2026年度';
  const { doc, hints } = buildAssessment(VOCAB, RUBRIC, d);
  assert.deepEqual(doc, {
    schema: 'S.assessment',
    rubric: { id: 'r', version: '1' },
    unit: { name: '某单位' },
    period: '2026年度',
    answers: {
      c: { met: true, note: '  见纪要 ' },
      l: { level: 1 },
      q: { numerator: 3, denominator: 4 },
      x: { count: 0 },
      v: { triggered: false },
      b: { met: false, evidence: [{ name: 'e.pdf' }] },
    },
  });
  assert.deepEqual(hints, {});
});

test('half-filled answers are hints, not answers; values are sent as typed', () => {
  const d = draftWith({ q: { num: '3' }, x: { count: 'abc' }, c: {} });
  const { doc, hints } = buildAssessment(VOCAB, RUBRIC, d);
  assert.deepEqual(doc.answers, { x: { count: 'abc' } });
  assert.deepEqual(hints, { q: '请同时填写M-num和M-den,本项才计入作答。' });
});

test('N/A is sent on any item, allowed or not (the core refuses it where not allowed)', () => {
  const d = draftWith({ q: { na: true, reason: '无此系统', num: '1' }, c: { na: true, reason: '不适用' }, l: { na: true } });
  const { doc, hints } = buildAssessment(VOCAB, RUBRIC, d);
  assert.deepEqual(doc.answers, { q: { na: '无此系统' }, c: { na: '不适用' } });
  assert.deepEqual(hints, { l: '已选“NA”:请填写原因,本项才计入作答。' });
});

test('draft slots keep the saved names: choice, num, den, count', () => {
  const slots = (kind) => fieldsOf(VOCAB, kind).map((f) => draftSlot(fieldsOf(VOCAB, kind), f));
  assert.deepEqual(slots('check'), ['choice']);
  assert.deepEqual(slots('levels'), ['choice']);
  assert.deepEqual(slots('ratio'), ['num', 'den']);
  assert.deepEqual(slots('deduct'), ['count']);
  assert.deepEqual(slots('veto'), ['choice']);
  assert.deepEqual(fieldsOf(VOCAB, 'nope'), []);
  assert.deepEqual(answerValue(VOCAB, { kind: 'item', item: { method: { kind: 'nope' } } }, { choice: 'yes' }), {});
});

test('an accepted assessment comes back as the same draft', () => {
  const a = {
    schema: 'S.assessment',
    rubric: { id: 'r', version: '1' },
    unit: { name: 'U', level: 'county' },
    assessor: '张三',
    answers: {
      c: { met: false, note: 'n' }, l: { level: 0 }, q: { na: '无' }, x: { count: 2 }, v: { triggered: true }, b: { met: true, evidence: [{ name: 'e' }] }, gone: { met: true },
    },
  };
  const d = draftFromAssessment(VOCAB, RUBRIC, a);
  assert.deepEqual(d, {
    unit: { name: 'U', code: '', level: 'county', region: '' },
    period: '',
    assessor: '张三',
    items: {
      c: { choice: 'no', note: 'n' }, l: { choice: '0' }, q: { na: true, reason: '无' }, x: { count: '2' }, v: { choice: 'yes' }, b: { choice: 'yes', evidence: [{ name: 'e' }] },
    },
  });
  const back = buildAssessment(VOCAB, RUBRIC, d).doc;
  delete a.answers.gone;
  assert.deepEqual(back, a);
});

test('stored drafts: anything odd is dropped, every saved field kept', () => {
  assert.deepEqual(sanitizeDraft(null), emptyDraft());
  assert.deepEqual(sanitizeDraft('x'), emptyDraft());
  const saved = {
    unit: { name: 'U', code: 7, level: 'county' },
    period: 'P',
    assessor: null,
    items: { a: { choice: 'yes', num: '1', den: '2', count: '3', reason: 'r', note: 'n', na: true, evidence: [1], extra: 'x' }, b: 'junk', c: { na: 'yes' } },
  };
  assert.deepEqual(sanitizeDraft(saved), {
    unit: { name: 'U', code: '', level: 'county', region: '' },
    period: 'P',
    assessor: '',
    items: { a: { choice: 'yes', num: '1', den: '2', count: '3', reason: 'r', note: 'n', na: true, evidence: [1] }, c: {} },
  });
  assert.equal(sanitizeExport({ digest: 'd' }), null);
  assert.deepEqual(sanitizeExport({ digest: 'd', generated_at: 't', source: 'x', messages: ['m', 3] }), {
    file_name: '', digest: 'd', sealed_digest: '', check_code: '', generated_at: 't', source: 'sealed', messages: ['m'],
  });
});

test('after sealing, the answers the core changed replace the draft’s; the rest is untouched', () => {
  const d = draftWith({ v: { choice: 'no', note: 'mine' }, c: { choice: 'yes' } });
  const sealed = { answers: { v: { triggered: true, note: 'mine(原填写为未触发)' }, c: { met: true } } };
  assert.deepEqual(takeSealedAnswers(VOCAB, RUBRIC, d, sealed), ['v']);
  assert.deepEqual(d.items, { v: { choice: 'yes', note: 'mine(原填写为未触发)' }, c: { choice: 'yes' } });
  assert.deepEqual(takeSealedAnswers(VOCAB, RUBRIC, d, sealed), []);
});
