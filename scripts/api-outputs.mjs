#!/usr/bin/env node
// Byte-identity check for changes to the wasm binding or the core: every output of the JS API's
// score/classify/seal/whatIf/validateAssessment/kindOf over the bench inputs (and reordered, faulty
// and odd JS variants of them), tests/vectors and tests/bad_inputs, per wasm-pack output directory.
// Prints one sha256 per directory (equal hashes: identical results and errors) and writes every
// output to $TMPDIR/api-outputs-<dir>.txt for a diff. `node scripts/api-outputs.mjs /tmp/pkg-before pkg`
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { calls } from './bench-api.mjs';
const root = join(import.meta.dirname ?? '.', '..');
const V = join(root, 'tests/vectors'), B = join(root, 'tests/bad_inputs');
for (const dir of process.argv.slice(2)) {
  const mod = await import(`${pathToFileURL(join(dir, 'cyberduty.js')).href}?${encodeURIComponent(dir)}`);
  mod.initSync({ module: readFileSync(join(dir, 'cyberduty_bg.wasm')) });
  const out = [];
  const run = (name, f) => { try { out.push([name, JSON.stringify(f())]); } catch (e) { out.push([name, 'ERR', e.code, e.path, e.message, e.display, String(e)]); } };
  const c = await calls(dir, root);
  run('bench score', c.score_default_rubric[0]); run('bench classify', c.classify[0]);
  const s0 = new mod.Session(null);
  const rubric = mod.defaultRubric();
  // The bench assessment, answers reversed, shuffled, with an unknown id, with NaN/undefined/strings.
  const base = JSON.parse(JSON.stringify(c.score_default_rubric[0]().assessment));
  const ids = Object.keys(base.answers);
  const variants = { reversed: ids.slice().reverse(), rot: ids.slice(7).concat(ids.slice(0, 7)), half: ids.filter((_, i) => i % 2) };
  for (const [k, order] of Object.entries(variants)) {
    const a = { ...base, answers: Object.fromEntries(order.map((id) => [id, base.answers[id]])) };
    run('variant ' + k, () => s0.score(a, null)); run('variant text ' + k, () => s0.score(JSON.stringify(a), null));
    run('variant validate ' + k, () => s0.validateAssessment(a));
  }
  const tweak = (f) => { const a = JSON.parse(JSON.stringify(base)); f(a); return a; };
  const weird = {
    unknownLast: (a) => { a.answers.zzz = { met: true }; }, unknownFirst: (a) => { a.answers = { zzz: { met: true }, ...a.answers }; },
    nan: (a) => { const id = ids.find((i) => 'count' in base.answers[i] || 'level' in base.answers[i]); const k = Object.keys(base.answers[id])[0]; a.answers[id][k] = NaN; },
    undef: (a) => { a.answers[ids[3]] = undefined; }, nullAns: (a) => { a.answers[ids[3]] = null; },
    noteNum: (a) => { a.answers[ids[2]].note = 5; }, note: (a) => { a.answers[ids[2]].note = '备注'; a.answers[ids[2]].evidence = [{ name: 'x.pdf' }]; },
    extraKey: (a) => { a.answers[ids[4]].foo = 1; }, twoShapes: (a) => { a.answers[ids[4]].level = 0; a.answers[ids[4]].met = true; },
    empty: (a) => { a.answers[ids[5]] = {}; }, nulls: (a) => { a.answers[ids[5]] = { met: null, level: null, count: null, note: null }; },
    na: (a) => { a.answers[ids[6]] = { na: '无' }; }, big: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = 2 ** 60; },
    arr: (a) => { a.answers[ids[1]] = [1]; }, str: (a) => { a.answers[ids[1]] = 'x'; }, unitCode: (a) => { a.unit.code = '91350100M000100Y43'; },
    badCode: (a) => { a.unit.code = '123'; }, period: (a) => { a.period = '2025年度'; }, manyKeys: (a) => { for (let i = 0; i < 20; i++) a.answers[ids[0]]['k' + i] = 1; },
    dupKeyText: null,
  };
  const raw = {
    date: (a) => { a.unit.name = new Date(0); }, map: (a) => { a.answers = new Map(Object.entries(a.answers)); }, klass: (a) => { class U { constructor() { this.name = 'x'; } } a.unit = new U(); },
    bigint: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = 5n; }, surrogate: (a) => { a.unit.name = 'a\ud800b'; a.assessor = '\udc00'; },
    deep: (a) => { let o = {}; const top = o; for (let i = 0; i < 200; i++) { o.x = {}; o = o.x; } a.carried = top; }, negzero: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = -0; },
    p53: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = 2 ** 53; }, small: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = 1e-7; },
    hole: (a) => { a.answers[ids[2]].evidence = [{ name: 'a' }, , { name: 'b' }]; }, fn: (a) => { a.unit.name = () => 1; }, sym: (a) => { a.unit.name = Symbol('x'); },
    nullproto: (a) => { const o = Object.create(null); Object.assign(o, a.unit); a.unit = o; }, boxed: (a) => { a.unit.name = new String('x'); },
    toJSON: (a) => { a.unit.toJSON = () => ({ name: 'y' }); }, iter: (a) => { a.unit[Symbol.iterator] = function* () {}; }, getter: (a) => { Object.defineProperty(a.unit, 'name', { get: () => 'g', enumerable: true }); },
    inf: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = Infinity; }, float: (a) => { const id = ids.find((i) => 'count' in base.answers[i]); a.answers[id].count = 2.5; },
    arrWithProps: (a) => { const e = [{ name: 'a' }]; e.extra = 1; a.answers[ids[2]].evidence = e; }, typed: (a) => { a.unit.name = new Uint8Array([1]); },
    topNumber: () => 5, topNull: () => null, topArr: () => [1, 2],
  };
  for (const [k, f] of Object.entries(raw)) { run('raw ' + k, () => { const a = JSON.parse(JSON.stringify(base)); const r = f(a); return s0.score(r === undefined ? a : r, null); }); run('raw kindOf ' + k, () => { const a = JSON.parse(JSON.stringify(base)); const r = f(a); return mod.kindOf(r === undefined ? a : r); }); }
  for (const [k, f] of Object.entries(weird)) if (f) { const a = tweak(f); run('weird ' + k, () => s0.score(a, null)); run('weird text ' + k, () => s0.score(JSON.stringify(a), null)); run('weird validate ' + k, () => s0.validateAssessment(a)); }
  for (const d of readdirSync(join(V, 'score'))) {
    const p = join(V, 'score', d); const r = JSON.parse(readFileSync(join(p, 'rubric.json'), 'utf8'));
    const a = readFileSync(join(p, 'assessment.json'), 'utf8');
    run('score ' + d, () => new mod.Session(r).score(JSON.parse(a), null)); run('score bytes ' + d, () => new mod.Session(r).score(new TextEncoder().encode(a), null));
  }
  for (const d of readdirSync(join(V, 'incident'))) { const p = join(V, 'incident', d); const inc = JSON.parse(readFileSync(join(p, 'incident.json'), 'utf8')); run('classify ' + d, () => mod.classify(inc)); run('classify at ' + d, () => mod.classify(inc, null, null, '2026-03-01')); }
  for (const d of readdirSync(join(V, 'export'))) {
    const p = join(V, 'export', d); const r = existsSync(join(p, 'rubric.json')) ? JSON.parse(readFileSync(join(p, 'rubric.json'), 'utf8')) : null;
    const a = JSON.parse(readFileSync(join(p, 'assessment.json'), 'utf8'));
    const incs = readdirSync(p).filter((f) => f.startsWith('incident')).map((f) => JSON.parse(readFileSync(join(p, f), 'utf8')));
    const at = readFileSync(join(p, 'generated_at.txt'), 'utf8').trim();
    const s = new mod.Session(r); run('live ' + d, () => s.score(a, incs)); run('seal ' + d, () => s.seal(a, incs, at)); run('whatif ' + d, () => s.whatIf(a, incs));
  }
  for (const kind of readdirSync(B)) for (const f of readdirSync(join(B, kind))) {
    const bytes = readFileSync(join(B, kind, f)); let obj; try { obj = JSON.parse(bytes.toString('utf8')); } catch { obj = undefined; }
    if (kind === 'assessment') { run('bad bytes ' + f, () => s0.score(new Uint8Array(bytes), null)); if (obj !== undefined) run('bad obj ' + f, () => s0.score(obj, null)); }
    if (kind === 'incident') { run('bad bytes ' + f, () => mod.classify(new Uint8Array(bytes))); if (obj !== undefined) run('bad obj ' + f, () => mod.classify(obj)); }
    if (kind === 'rubric') { run('bad rubric ' + f, () => new mod.Session(new Uint8Array(bytes)).digest()); if (obj !== undefined) run('bad rubric obj ' + f, () => new mod.Session(obj).digest()); }
  }
  run('vocabulary', () => mod.vocabulary()); run('defaultRubric', () => mod.defaultRubric()); run('schemas', () => mod.schemas());
  const text = out.map((o) => JSON.stringify(o)).join('\n');
  writeFileSync(join(tmpdir(), `api-outputs-${dir.replace(/\W/g, '_')}.txt`), text);
  console.log(createHash('sha256').update(text).digest('hex'), out.length, out.filter((o) => o[1] === 'ERR').length, dir);
}
