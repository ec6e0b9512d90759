// The npm package's declarations for sealing and aggregation (seal, verifyExport, aggregate, the
// Aggregation class): typed without `any`, and the declared result shapes have exactly the fields
// the native CLI writes (`cyberduty aggregate --json`) and the export file holds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, cli, interfaceFields } from './helpers.mjs';

const dts = readFileSync(join(ROOT, 'pkg', 'cyberduty.d.ts'), 'utf8');
const V02 = join(ROOT, 'tests', 'vectors', 'export', '02-article8-met');

const fields = (name) => interfaceFields(dts, name);

const keys = (o) => Object.keys(o).sort();

test('types: seal, verifyExport, aggregate and Aggregation are declared with real types', () => {
  for (const [fn, ret] of [['seal', 'Sealed'], ['verifyExport', 'Opened'], ['aggregate', 'AggregateOutput']]) {
    const m = new RegExp(`export function ${fn}\\(([^)]*)\\): ([^;]+);`).exec(dts);
    assert.ok(m, `${fn} is declared`);
    assert.equal(m[2], ret);
    assert.doesNotMatch(m[1], /\bany\b/, `${fn} has no any`);
  }
  assert.match(dts, /export function seal\(rubric: Doc \| null \| undefined, assessment: Doc, incidents: Doc\[\] \| null \| undefined, generatedAt: string\)/);
  const cls = dts.slice(dts.indexOf('export class Aggregation'), dts.indexOf('}', dts.indexOf('export class Aggregation')));
  for (const m of ['add(files: BatchFile[]): void;', 'addPrevious(files: BatchFile[]): void;', 'finish(): AggregateOutput;', 'constructor(reference: Doc | null | undefined);']) {
    assert.ok(cls.includes(m), `Aggregation declares ${m}`);
  }
  assert.doesNotMatch(cls, /\bany\b/);
  assert.deepEqual(fields('BatchFile'), ['bytes', 'name', 'size']);
  assert.deepEqual(fields('AggregateOutput'), ['csv', 'result']);
});

test('types: the declared shapes have exactly the fields of the native aggregate JSON and of an export', () => {
  const a = JSON.parse(execFileSync(cli(), ['aggregate', '--rubric', join(V02, 'rubric.json'), '--previous', join(V02, 'expected.cyberduty.json'),
    join(V02, 'expected.cyberduty.json'), '--json'], { encoding: 'utf8' }));
  assert.deepEqual(fields('Aggregate'), keys(a));
  assert.deepEqual(fields('FileOutcome'), keys(a.files[0]));
  assert.deepEqual(fields('UnitRow'), keys(a.units[0]));
  assert.deepEqual(fields('Change'), keys(a.units[0].change));
  assert.deepEqual(fields('AggregateSummary'), keys(a.summary));
  assert.deepEqual(fields('ItemStat'), keys(a.items[0]));
  const doc = JSON.parse(readFileSync(join(V02, 'expected.cyberduty.json'), 'utf8'));
  // Opened carries what the file holds, minus what is only stored (generator, the stored score's
  // twin), plus what opening works out (check code, met Article 8 situations).
  assert.deepEqual(fields('Opened'), ['article8_met', 'assessment', 'check_code', 'digest', 'generated_at', 'incidents', 'rubric', 'score']);
  for (const k of ['generated_at', 'digest', 'rubric', 'assessment', 'score', 'incidents']) assert.ok(k in doc, k);
  assert.deepEqual(fields('Sealed'), ['auto_vetoes', 'check_code', 'digest', 'file_name', 'score', 'text']);
  assert.deepEqual(fields('AutoVeto'), ['decision', 'message', 'triggered', 'veto']);
});
