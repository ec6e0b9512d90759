// The npm package's declarations for sealing, opening and aggregating (Session.seal / open / verify /
// aggregate, the Aggregation class) against what the real wasm returns in Node for the export golden
// vectors: exactly the declared fields, each of the declared type, every string-literal union member
// seen (types.test.mjs covers the signatures, scores, classifications and the vocabulary).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, cli, declarations } from './helpers.mjs';

const dts = readFileSync(join(ROOT, 'pkg', 'cyberduty.d.ts'), 'utf8');
const cd = await import(pathToFileURL(join(ROOT, 'pkg', 'cyberduty.js')).href);
cd.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });

const decl = declarations(dts);
const VECTORS = join(ROOT, 'tests', 'vectors');
const EXPORTS = readdirSync(join(VECTORS, 'export')).sort().map((c) => join(VECTORS, 'export', c));
const V02 = join(VECTORS, 'export', '02-article8-met');
const bytes = (...p) => new Uint8Array(readFileSync(join(...p)));
const json = (...p) => JSON.parse(readFileSync(join(...p), 'utf8'));
const incidentsOf = (dir) => readdirSync(dir).filter((f) => /^incident-\d+\.json$/.test(f)).sort().map((f) => bytes(dir, f));
const at = (dir) => readFileSync(join(dir, 'generated_at.txt'), 'utf8').trim();

function conforms(value, name, what) {
  assert.deepEqual(decl.check(value, { k: 'ref', name, args: [] }), [], `${what} as ${name}`);
}

test('types: Session.seal of every export vector is Sealed, the native file byte for byte', () => {
  for (const dir of EXPORTS) {
    const s = new cd.Session(bytes(dir, 'rubric.json'));
    const sealed = s.seal(bytes(dir, 'assessment.json'), incidentsOf(dir), at(dir));
    conforms(sealed, 'Sealed', dir);
    assert.equal(sealed.text, readFileSync(join(dir, 'expected.cyberduty.json'), 'utf8'));
  }
});

test('types: Session.seal is Sealed for every Article 8 decision', () => {
  const s = new cd.Session(bytes(V02, 'rubric.json'));
  const met = incidentsOf(V02);
  const minor = [bytes(VECTORS, 'incident', '09-minor-incident-general', 'incident.json')];
  const withVeto = (triggered) => {
    const a = json(V02, 'assessment.json');
    if (triggered !== undefined) a.answers['veto.art8'] = { triggered };
    return a;
  };
  for (const [decision, assessment, incidents] of [['set_triggered', withVeto(), met], ['overrode_clear', withVeto(false), met],
    ['kept_answer', withVeto(true), met], ['set_clear', withVeto(), minor], ['left_unanswered', withVeto(), []]]) {
    const sealed = s.seal(assessment, incidents, at(V02));
    conforms(sealed, 'Sealed', decision);
    assert.equal(sealed.auto_vetoes[0].decision, decision);
  }
});

test('types: Session.verify and Session.open of every export vector are Opened and OpenedFile', () => {
  for (const dir of EXPORTS) {
    const s = new cd.Session(bytes(dir, 'rubric.json'));
    const file = bytes(dir, 'expected.cyberduty.json');
    const opened = s.verify(file);
    conforms(opened, 'Opened', dir);
    const found = s.open(file);
    conforms(found, 'OpenedFile', dir);
    assert.equal(found.kind, 'export');
    assert.deepEqual(found.opened, opened);
    conforms(s.open(bytes(dir, 'assessment.json')), 'OpenedFile', `${dir}: the assessment`);
  }
});

test('types: Session.aggregate and Aggregation of the export vectors are AggregateOutput', () => {
  const s = new cd.Session(bytes(V02, 'rubric.json'));
  const v02 = bytes(V02, 'expected.cyberduty.json');
  const files = [
    { name: 'a/unit.json', bytes: v02 },
    { name: 'a/copy.json', bytes: v02 },
    { name: 'a/broken.json', bytes: new TextEncoder().encode('{') },
    { name: 'a/huge.json', size: cd.maxInputBytes() + 1 },
    ...EXPORTS.map((dir, i) => ({ name: `b/${i}.json`, bytes: bytes(dir, 'expected.cyberduty.json') })),
  ];
  const previous = [{ name: 'p/unit.json', bytes: v02 }];
  const out = s.aggregate(files, previous);
  conforms(out, 'AggregateOutput', 'aggregate');
  assert.ok(out.result.weakest.length > 0, 'some item lost points');
  assert.ok(out.result.units[0].change, 'a change since the previous period');
  const a = s.aggregation();
  a.add(files.slice(0, 2));
  a.add(files.slice(2));
  a.addPrevious(previous);
  assert.deepEqual(a.finish(), out);
  conforms(s.aggregate([], null), 'AggregateOutput', 'an empty batch');
});

test('types: the native CLI aggregate JSON is an Aggregate', () => {
  const a = JSON.parse(execFileSync(cli(), ['aggregate', '--rubric', join(V02, 'rubric.json'), '--previous', join(V02, 'expected.cyberduty.json'),
    join(V02, 'expected.cyberduty.json'), '--json'], { encoding: 'utf8' }));
  conforms(a, 'Aggregate', 'cyberduty aggregate --json');
});

test('types: every string-literal union of these declarations has each member in some output', () => {
  const mine = ['Sealed', 'AutoVeto', 'Opened', 'OpenedFile', 'BatchFile', 'AggregateOutput', 'Aggregate', 'FileOutcome', 'UnitRow',
    'Change', 'AggregateSummary', 'ItemStat'];
  assert.deepEqual(decl.uncovered(mine), []);
});
