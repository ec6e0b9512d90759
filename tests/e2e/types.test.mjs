// The npm package's TypeScript declarations (pkg/cyberduty.d.ts, from the binding's
// typescript_custom_section and unchecked_*_type attributes) against what the real wasm returns, in
// Node: every export and class method is declared without `any` and with its return type, and every
// value the golden vectors, a Session and `vocabulary()` / `kindOf()` produce has exactly the
// declared fields, each of the declared type — an enum value outside its string-literal union fails,
// and so does a union member no real output ever has (types-export.test.mjs: seal, open, verify,
// aggregate).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, declarations } from './helpers.mjs';

const dts = readFileSync(join(ROOT, 'pkg', 'cyberduty.d.ts'), 'utf8');
const cd = await import(pathToFileURL(join(ROOT, 'pkg', 'cyberduty.js')).href);
cd.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });

const decl = declarations(dts);
const VECTORS = join(ROOT, 'tests', 'vectors');
const bytes = (...p) => new Uint8Array(readFileSync(join(...p)));
const json = (...p) => JSON.parse(readFileSync(join(...p), 'utf8'));
const cases = (kind) => readdirSync(join(VECTORS, kind)).sort().map((c) => join(VECTORS, kind, c));

/** `value` matches the declared type `name` (or a type node) exactly. */
function conforms(value, name, what) {
  const t = typeof name === 'string' ? { k: 'ref', name, args: [] } : name;
  assert.deepEqual(decl.check(value, t), [], `${what} as ${typeof name === 'string' ? name : 'declared'}`);
}

/** `export function name(params): ret;` and each method of `export class` in the declarations. */
function signatures() {
  const fns = new Map([...dts.matchAll(/^export function (\w+)\((.*)\): (.+);$/gm)].map((m) => [m[1], { params: m[2], ret: m[3] }]));
  const classes = new Map();
  for (const m of dts.matchAll(/^export class (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const body = m[2].replace(/\/\*\*[\s\S]*?\*\//g, '');
    classes.set(m[1], new Map([...body.matchAll(/^\s+(\w+)\((.*)\)(?:: (.+))?;$/gm)].map((x) => [x[1], { params: x[2], ret: x[3] }])));
  }
  return { fns, classes };
}

test('types: every export and class method is declared without any, with its return type', () => {
  const { fns, classes } = signatures();
  const exported = Object.keys(cd).filter((k) => typeof cd[k] === 'function' && k !== 'default' && k !== 'initSync');
  const functions = exported.filter((k) => !/^[A-Z]/.test(k));
  assert.ok(functions.length >= 10, 'the glue exports the API');
  for (const name of functions) {
    const f = fns.get(name);
    assert.ok(f, `${name} is declared`);
    assert.doesNotMatch(`${f.params} ${f.ret}`, /\bany\b/, `${name} has no any`);
  }
  for (const cls of exported.filter((k) => /^[A-Z]/.test(k))) {
    const declared = classes.get(cls);
    assert.ok(declared, `class ${cls} is declared`);
    for (const m of Object.getOwnPropertyNames(cd[cls].prototype)) {
      if (m === 'constructor' || m.startsWith('__')) continue;
      assert.ok(declared.has(m), `${cls}.${m} is declared`);
    }
    for (const [m, s] of declared) assert.doesNotMatch(`${s.params} ${s.ret ?? ''}`, /\bany\b/, `${cls}.${m} has no any`);
  }
  const returns = {
    version: 'string', vocabulary: 'Vocabulary', maxInputBytes: 'number', checkSize: 'void', kindOf: 'Identified',
    batchTakes: 'boolean', safeFileName: 'string', defaultRubric: 'Rubric', classify: 'Classification', schemas: 'string[]',
  };
  for (const [fn, ret] of Object.entries(returns)) assert.equal(fns.get(fn)?.ret, ret, `${fn}() returns ${ret}`);
  assert.equal(fns.get('kindOf').params, 'doc: Doc');
  assert.equal(fns.get('classify').params, 'incident: Doc, policy: Doc | null | undefined, ledger: Doc | null | undefined, asOf: string | null | undefined');
  assert.equal(fns.get('reviewLedger').params, 'ledger: Doc, asOf: string');
  assert.equal(fns.get('reviewLedger').ret, 'LedgerReview');
  const session = {
    constructor: ['rubric: Doc | null | undefined', undefined],
    rubric: ['', 'Rubric'],
    digest: ['', 'string'],
    isDefault: ['', 'boolean'],
    validateAssessment: ['assessment: Doc', 'Assessment'],
    score: ['assessment: Doc, incidents: Doc[] | null | undefined', 'Live'],
    seal: ['assessment: Doc, incidents: Doc[] | null | undefined, generatedAt: string, ledger: Doc | null | undefined', 'Sealed'],
    open: ['file: Uint8Array | string', 'OpenedFile'],
    verify: ['file: Uint8Array | string', 'Opened'],
    aggregate: ['files: BatchFile[], previous: BatchFile[] | null | undefined', 'AggregateOutput'],
    aggregation: ['', 'Aggregation'],
    whatIf: ['assessment: Doc, incidents: Doc[] | null | undefined', 'WhatIf'],
  };
  for (const [m, [params, ret]] of Object.entries(session)) {
    assert.deepEqual(classes.get('Session').get(m), { params, ret }, `Session.${m}`);
  }
  const aggregation = { add: ['files: BatchFile[]', 'void'], addPrevious: ['files: BatchFile[]', 'void'], finish: ['', 'AggregateOutput'] };
  for (const [m, [params, ret]] of Object.entries(aggregation)) {
    assert.deepEqual(classes.get('Aggregation').get(m), { params, ret }, `Aggregation.${m}`);
  }
  // Every type a signature names is declared.
  const named = [...fns.values(), ...[...classes.values()].flatMap((c) => [...c.values()])]
    .flatMap((s) => `${s.params} ${s.ret ?? ''}`.match(/\b[A-Z]\w+/g) ?? []);
  for (const n of new Set(named)) {
    if (['Uint8Array', 'InitOutput', 'SyncInitInput', 'Aggregation'].includes(n)) continue;
    assert.ok(decl.names.includes(n), `${n} is declared`);
  }
  assert.deepEqual(decl.type('CyberdutyError').fields.map((f) => f.name), ['code', 'path', 'display']);
});

test('types: a thrown error has the declared CyberdutyError fields', () => {
  let e;
  try {
    cd.kindOf('{');
  } catch (err) {
    e = err;
  }
  assert.ok(e instanceof Error);
  conforms({ code: e.code, path: e.path, display: e.display }, 'CyberdutyError', 'the error');
  assert.equal(e.code, 'E_JSON_SYNTAX');
});

test('types: the score vectors through a Session are Live, Rubric, Assessment and ScoreReport', () => {
  for (const dir of cases('score')) {
    const s = new cd.Session(bytes(dir, 'rubric.json'));
    conforms(s.rubric(), 'Rubric', dir);
    conforms(s.validateAssessment(bytes(dir, 'assessment.json')), 'Assessment', dir);
    const live = s.score(bytes(dir, 'assessment.json'), null);
    conforms(live, 'Live', dir);
    assert.deepEqual(live.score, json(dir, 'expected.json'), `${dir}: the native report`);
    s.free();
  }
  conforms(cd.defaultRubric(), 'Rubric', 'defaultRubric()');
  conforms(new cd.Session(null).rubric(), 'Rubric', 'the default session');
});

test('types: the incident vectors are Incident in and Classification out', () => {
  for (const dir of cases('incident')) {
    conforms(json(dir, 'incident.json'), 'Incident', dir);
    const c = cd.classify(bytes(dir, 'incident.json'), null, null, asOf(dir));
    conforms(c, 'Classification', dir);
    assert.deepEqual(c, json(dir, 'expected.json'), `${dir}: the native classification`);
  }
  // A region's policy with the interpretations on: they are listed as `interpretation`.
  const on = readFileSync(join(ROOT, 'data', 'grading-2025.json'), 'utf8').replaceAll('"enabled": false', '"enabled": true');
  const c = cd.classify(bytes(VECTORS, 'incident', '04-personal-info-leak-major', 'incident.json'), on);
  conforms(c, 'Classification', 'with a policy');
  assert.equal(c.triggers[2].status, 'met');
  assert.ok(c.interpretations.some((i) => i.kind === 'interpretation' && i.used));
});

/** A vector's "now" (`as_of.txt`), when it has one. */
function asOf(dir) {
  return existsSync(join(dir, 'as_of.txt')) ? readFileSync(join(dir, 'as_of.txt'), 'utf8').trim() : undefined;
}

test('types: the proposal vectors are Incident in and Proposal out, or the core refuses', () => {
  for (const dir of cases('proposal')) {
    conforms(json(dir, 'incident.json'), 'Incident', dir);
    if (existsSync(join(dir, 'expected.json'))) {
      const p = cd.propose(bytes(dir, 'incident.json'), null, null, asOf(dir));
      conforms(p, 'Proposal', dir);
      assert.deepEqual(p, json(dir, 'expected.json'), `${dir}: the native proposal`);
    } else {
      const [code] = readFileSync(join(dir, 'expected-error.txt'), 'utf8').split('\n');
      assert.throws(() => cd.propose(bytes(dir, 'incident.json')), (e) => e.code === code, dir);
    }
  }
});

// The export vector's rubric has an `auto: "article8"` veto: each variant below makes the core take
// one of its five decisions.
const V02 = join(VECTORS, 'export', '02-article8-met');
const MINOR = join(VECTORS, 'incident', '09-minor-incident-general', 'incident.json');
function withVeto(triggered) {
  const a = json(V02, 'assessment.json');
  if (triggered !== undefined) a.answers['veto.art8'] = { triggered };
  return a;
}
const MET = [join(V02, 'incident-1.json'), join(V02, 'incident-2.json')];
const DECISIONS = [
  ['set_triggered', withVeto(), MET],
  ['overrode_clear', withVeto(false), MET],
  ['kept_answer', withVeto(true), MET],
  ['set_clear', withVeto(), [MINOR]],
  ['left_unanswered', withVeto(), []],
];

test('types: Session.score with incidents is Live, for every Article 8 decision', () => {
  const s = new cd.Session(bytes(V02, 'rubric.json'));
  for (const [decision, assessment, incidents] of DECISIONS) {
    const live = s.score(assessment, incidents.map((f) => bytes(f)));
    conforms(live, 'Live', decision);
    assert.equal(live.auto_vetoes[0].decision, decision);
    assert.equal(live.classifications.length, incidents.length);
  }
  conforms(s.open(bytes(V02, 'assessment.json')), 'OpenedFile', 'an opened assessment');
  conforms(s.validateAssessment({ schema: 'cyberduty.assessment/1', rubric: { id: 'test.small', version: '1' } }), 'Assessment', 'an empty assessment');
});

test('types: vocabulary() is Vocabulary, and its keys are the declared unions', () => {
  const v = cd.vocabulary();
  conforms(v, 'Vocabulary', 'vocabulary()');
  const keys = (list) => list.map((n) => n.key);
  for (const k of keys(v.unit_levels)) conforms(k, 'UnitLevel', 'a unit level');
  for (const k of keys(v.targets)) conforms(k, decl.at('Incident', 'target'), 'a target');
  for (const k of keys(v.outage_scopes)) conforms(k, decl.at('Incident', 'facts', 'outage_scope'), 'an outage scope');
  for (const k of keys(v.tristate)) conforms(k, 'Tristate', 'a tristate');
  for (const k of keys(v.item_status)) conforms(k, decl.at('ItemScore', 'status'), 'an item status');
  for (const k of keys(v.veto_status)) conforms(k, decl.at('ScoreReport', 'vetoes', 'status'), 'a veto status');
  for (const k of keys(v.incident_grades)) conforms(k, decl.at('IncidentGrade', 'level'), 'an incident grade');
  assert.equal(v.article8.length, 7);
  conforms(cd.schemas(), { k: 'arr', el: { k: 'prim', name: 'string' } }, 'schemas()');
});

test('types: kindOf() is Identified for every kind of document', () => {
  const kinds = {
    rubric: bytes(V02, 'rubric.json'),
    assessment: bytes(V02, 'assessment.json'),
    incident: bytes(V02, 'incident-1.json'),
    export: bytes(V02, 'expected.cyberduty.json'),
    score: bytes(VECTORS, 'score', '01-full-marks', 'expected.json'),
    classification: bytes(VECTORS, 'incident', '01-prefecture-portal-defaced', 'expected.json'),
    aggregate: new cd.Session(bytes(V02, 'rubric.json')).aggregate([], null).result,
    policy: bytes(ROOT, 'data', 'grading-2025.json'),
    key: bytes(ROOT, 'tests', 'e2e', 'fixtures', 'unit-test.key'),
    pubkey: bytes(ROOT, 'tests', 'e2e', 'fixtures', 'unit-test.pubkey.json'),
    roster: cd.rosterFromCsv(new TextEncoder().encode('91350100M000100Y43,甲单位\n'), '部'),
    rectification: bytes(ROOT, 'tests', 'e2e', 'fixtures', 'ledger-sample.json'),
  };
  for (const [kind, doc] of Object.entries(kinds)) {
    const found = cd.kindOf(doc);
    conforms(found, 'Identified', kind);
    assert.equal(found.kind, kind);
  }
});


// A ledger with one entry in every state as of 2026-03-10 — R1 due soon, R2 in progress, R3 overdue
// (notified by an authority, consequence as the case needs), R4 rectified, R5 fed back — and every
// kind of notifier.
const NOTIFIERS = { R1: 'cac', R2: 'public_security', R3: 'superior', R4: 'other_authority', R5: 'self_inspection' };
function ledgerWith(serious) {
  const e = (id, more) => ({ id, notified_by: NOTIFIERS[id], problem: `问题${id}`, ...more });
  return {
    schema: 'cyberduty.rectification/1',
    unit: { name: '某单位' },
    entries: [
      e('R1', { notified_on: '2026-03-01', deadline: '2026-03-15', status: 'in_progress' }),
      e('R2', { notified_on: '2026-03-01', deadline: '2026-04-30', status: 'in_progress' }),
      e('R3', { notified_on: '2026-02-01', deadline: '2026-03-01', status: 'in_progress', serious_consequence: serious }),
      e('R4', { notified_on: '2026-02-01', deadline: '2026-03-01', status: 'rectified', rectified_on: '2026-02-20' }),
      e('R5', { notified_on: '2026-02-01', deadline: '2026-03-01', status: 'fed_back', rectified_on: '2026-02-20', fed_back_on: '2026-02-25' }),
    ],
  };
}

test('types: reviewLedger is LedgerReview, classify with a ledger carries its finding', () => {
  const r = cd.reviewLedger(ledgerWith(null), '2026-03-10');
  conforms(r, 'LedgerReview', 'reviewLedger');
  assert.deepEqual(r.review.entries.map((e) => e.state), ['due_soon', 'in_progress', 'overdue', 'rectified', 'fed_back']);
  const incident = bytes(VECTORS, 'incident', '08-nothing-known', 'incident.json');
  for (const [serious, status] of [[true, 'met'], [null, 'undetermined'], [false, 'not_met']]) {
    const c = cd.classify(incident, null, ledgerWith(serious), '2026-03-10');
    conforms(c, 'Classification', `with a ledger (${status})`);
    assert.equal(c.ledger.status, status);
    assert.equal(c.triggers[4].status, status === 'not_met' ? 'undetermined' : status);
  }
});

test('types: Session.whatIf is WhatIf, the native plan for every what-if vector', () => {
  for (const dir of cases('whatif')) {
    const s = new cd.Session(bytes(dir, 'rubric.json'));
    const w = s.whatIf(bytes(dir, 'assessment.json'), null);
    conforms(w, 'WhatIf', dir);
    assert.deepEqual(w, json(dir, 'expected.json'), `${dir}: the native plan`);
    s.free();
  }
});

// Last: after every output above has been checked.
test('types: every string-literal union these outputs reach has each member in some output', () => {
  assert.deepEqual(decl.uncovered(), []);
});
