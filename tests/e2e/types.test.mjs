// The npm package's TypeScript declarations (pkg/cyberduty.d.ts, from the binding's
// typescript_custom_section and unchecked_*_type attributes): every export is typed (no `any`),
// and the declared interfaces have exactly the fields the native CLI writes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, fixture, interfaceFields, readJson } from './helpers.mjs';

const dts = readFileSync(join(ROOT, 'pkg', 'cyberduty.d.ts'), 'utf8');
const glue = readFileSync(join(ROOT, 'pkg', 'cyberduty.js'), 'utf8');

const fields = (name) => interfaceFields(dts, name);

const keys = (o) => Object.keys(o).sort();

test('types: every export of the package is declared with real types', () => {
  const exported = [...glue.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1]);
  assert.ok(exported.length >= 8, 'the glue exports the API');
  for (const name of exported) {
    const m = new RegExp(`export function ${name}\\(([^)]*)\\): ([^;]+);`).exec(dts);
    assert.ok(m, `${name} is declared`);
    assert.doesNotMatch(`${m[1]} ${m[2]}`, /\bany\b/, `${name} has no any`);
  }
  for (const [fn, ret] of [['defaultRubric', 'Rubric'], ['validateRubric', 'ValidatedRubric'], ['validateAssessment', 'Assessment'],
    ['score', 'ScoreReport'], ['classify', 'Classification'], ['version', 'string'], ['maxInputBytes', 'number']]) {
    assert.match(dts, new RegExp(`export function ${fn}\\([^)]*\\): ${ret};`), `${fn} returns ${ret}`);
  }
  assert.match(dts, /export interface CyberdutyError extends Error \{ code: string; path: string; \}/);
});

test('types: the declared shapes have exactly the fields the native CLI writes', () => {
  const report = readJson(fixture('score-test.json'));
  assert.deepEqual(fields('ScoreReport'), keys(report));
  assert.deepEqual(fields('DimensionScore'), keys(report.dimensions[0]));
  assert.deepEqual(fields('ItemScore'), keys(report.items[0]));
  const c = readJson(join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'expected.json'));
  assert.deepEqual(fields('Classification'), keys(c));
  assert.deepEqual(fields('Trigger'), keys(c.triggers[0]));
  assert.deepEqual(fields('Accountability'), keys(c.accountability));
  assert.deepEqual(fields('IncidentGrade'), keys(c.grade));
  assert.deepEqual(fields('Reporting'), keys(c.reporting));
  const rubric = readJson(fixture('rubric-test.json'));
  assert.deepEqual(fields('Rubric'), [...keys(rubric)].sort());
});
