// www/js/incident/model.js: draft ↔ incident, facts and timeline from the vocabulary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { VOCAB } from './vocab.mjs';
import { emptyDraft, sanitizeDraft, draftFromIncident, buildIncident, labelOf, controlKey } from '../../www/js/incident/model.js';
import { factGroups } from '../../www/js/incident/form.js';

test('the empty draft is an incident with only its schema tag (from the vocabulary)', () => {
  assert.deepEqual(emptyDraft(VOCAB).timeline, { occurred_at: { local: '', offset: '+08:00' }, reported_at: { local: '', offset: '+08:00' } });
  assert.deepEqual(buildIncident(VOCAB, emptyDraft(VOCAB)), { schema: 'S.incident' });
});

test('facts by kind: flags yes/no, numbers and counts as typed, scopes as keys; unknown left out', () => {
  const d = emptyDraft(VOCAB);
  Object.assign(d, { title: '篡改', category: 'C1', target: 'cii', unit: { name: ' ', level: 'county' } });
  d.facts = { tampered: 'no', outage_hours: '5.5', reposts: '12x', outage_scope: 'full', brand_new: 'yes', not_in_vocab: 'yes' };
  d.timeline.occurred_at = { local: '2026-03-01T09:40', offset: '+08:00' };
  d.timeline.reported_at = { local: '', offset: '+08:00', raw: '2026-03-01 09:40' };
  assert.deepEqual(buildIncident(VOCAB, d), {
    schema: 'S.incident',
    title: '篡改',
    category: 'C1',
    unit: { level: 'county' },
    target: 'cii',
    facts: { tampered: false, outage_hours: 5.5, reposts: '12x', outage_scope: 'full', brand_new: true },
    timeline: { occurred_at: '2026-03-01T09:40:00+08:00', reported_at: '2026-03-01 09:40' },
  });
});

test('an accepted incident comes back as the same draft; a time the form cannot show is kept as written', () => {
  const doc = {
    schema: 'S.incident',
    title: 't',
    facts: { tampered: true, outage_hours: 6, reposts: 100, outage_scope: 'full', other: true },
    timeline: { occurred_at: '2026-03-01T09:40:05Z', reported_at: '昨天' },
  };
  const d = draftFromIncident(VOCAB, doc);
  assert.deepEqual(d.facts, { tampered: 'yes', outage_hours: '6', reposts: '100', outage_scope: 'full' });
  assert.deepEqual(d.timeline, { occurred_at: { local: '2026-03-01T09:40:05', offset: 'Z' }, reported_at: { local: '', offset: '+08:00', raw: '昨天' } });
  const back = buildIncident(VOCAB, d);
  assert.deepEqual(back.facts, { tampered: true, outage_hours: 6, reposts: 100, outage_scope: 'full' });
  assert.deepEqual(back.timeline, { occurred_at: '2026-03-01T09:40:05Z', reported_at: '昨天' });
});

test('stored drafts are kept as saved; odd values dropped', () => {
  const saved = { title: 'x', unit: { name: 'u', level: 3 }, facts: { tampered: 'yes', n: 5 }, timeline: { occurred_at: { local: 'l', offset: 8 }, junk: {} } };
  assert.deepEqual(sanitizeDraft(VOCAB, saved), {
    title: 'x', category: '', target: '', unit: { name: 'u', level: '' }, facts: { tampered: 'yes' },
    timeline: { occurred_at: { local: 'l', offset: '+08:00', raw: undefined }, reported_at: { local: '', offset: '+08:00' } },
    people: [], reports: [],
  });
});

test('people and reports: rows typed go into the document, blank rows do not, and come back from it', () => {
  const d = sanitizeDraft(VOCAB, {
    people: [{ name: '张三', post: '', role: 'principal', took: '' }, { name: '', post: '', role: '', took: '' }, 7, { name: '李四', post: '副主任', role: 'other_member', took: 'no' }],
    reports: [{ kind: 'first', local: '2026-03-01T13:00', offset: '+08:00' }, { kind: '', local: '', offset: '+08:00' }],
  });
  const doc = buildIncident(VOCAB, d);
  assert.deepEqual(doc.people, [{ name: '张三', role: 'principal' }, { name: '李四', role: 'other_member', post: '副主任', took_part_in_decision: false }]);
  assert.deepEqual(doc.reports, [{ kind: 'first', at: '2026-03-01T13:00:00+08:00' }]);
  const back = draftFromIncident(VOCAB, doc);
  assert.deepEqual(back.people, [{ name: '张三', post: '', role: 'principal', took: '' }, { name: '李四', post: '副主任', role: 'other_member', took: 'no' }]);
  assert.deepEqual(back.reports, [{ kind: 'first', local: '2026-03-01T13:00:00', offset: '+08:00' }]);
});

test('labels of the paths the core names; the control a path points to', () => {
  assert.equal(labelOf(VOCAB, 'facts.outage_hours'), 'F-hours');
  assert.equal(labelOf(VOCAB, '$.timeline.reported_at'), 'T-reported');
  assert.equal(labelOf(VOCAB, 'unit.level'), '单位行政层级');
  assert.equal(labelOf(VOCAB, 'facts.unknown'), 'facts.unknown');
  assert.equal(controlKey('$.facts.outage_hours'), 'outage_hours');
});

test('every fact of the vocabulary is in a group; one the page does not place goes last', () => {
  const groups = factGroups(VOCAB);
  assert.deepEqual(groups.map((g) => [g.title, g.facts.map((f) => f.key)]), [
    ['攻击、篡改与处置', ['tampered']],
    ['瘫痪、影响与损失', ['outage_hours', 'outage_scope']],
    ['篡改内容的传播', ['reposts']],
    ['其他', ['brand_new']],
  ]);
});
