#!/usr/bin/env node
// score() and classify() through the JS API of one or more wasm-pack outputs, interleaved so that
// the machine's load hits all of them alike: `node scripts/bench-api.mjs pkg /tmp/pkg-before`.
// Prints one JSON object per directory (median and p99 in µs). scripts/bench-browser.mjs uses
// `jsApi` for `make bench`.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};

/** The calls timed, on the module in `dir` (a wasm-pack --target web output). */
export async function calls(dir, root) {
  // A query string gives each directory its own module instance even for the same file name.
  const mod = await import(`${pathToFileURL(join(dir, 'cyberduty.js')).href}?${encodeURIComponent(dir)}`);
  mod.initSync({ module: readFileSync(join(dir, 'cyberduty_bg.wasm')) });
  const rubric = mod.defaultRubric();
  const session = new mod.Session(null);
  // A complete assessment of the default rubric (test data: every item answered, some points lost).
  const answers = {};
  rubric.dimensions.flatMap((d) => d.items).forEach((item, i) => {
    const m = item.method;
    answers[item.id] = m.kind === 'check' ? { met: i % 3 !== 0 }
      : m.kind === 'levels' ? { level: i % m.levels.length }
      : m.kind === 'ratio' ? { numerator: 7, denominator: 9 } : { count: i % 3 };
  });
  rubric.vetoes.forEach((v) => { answers[v.id] = { triggered: false }; });
  const assessment = { schema: 'cyberduty.assessment/1', rubric: { id: rubric.id, version: rubric.version },
    unit: { name: '基准测试单位', level: 'county' }, period: '2026', answers };
  const incident = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json'), 'utf8'));
  // A result as the wasm hands it over (src/wasm/mod.rs `out`): JSON text in UTF-16 code units,
  // the cheapest text to make a JS string of (UTF-8 with much Chinese decodes several times slower).
  const decoder = new TextDecoder('utf-16le', { ignoreBOM: true });
  const utf16 = (s) => {
    const units = new Uint16Array(s.length);
    for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
    return units;
  };
  const scoreText = utf16(JSON.stringify(session.score(assessment, null)));
  const classifyText = utf16(JSON.stringify(mod.classify(incident)));
  return {
    // A Session holds the rubric validated once, as the page does; the second figure builds one
    // from a rubric object on every call (what the first round's free score(rubric, …) cost).
    score_default_rubric: [() => session.score(assessment, null), 2000],
    score_rubric_object: [() => new mod.Session(rubric).score(assessment, null), 500],
    classify: [() => mod.classify(incident), 2000],
    // The JS boundary alone, no wasm: what any call returning this result must pay at least (the
    // result's UTF-16 decoded and JSON.parse'd, the input written by JSON.stringify). bench-report.py
    // compares it with the goal.
    score_boundary_only: [() => { JSON.parse(decoder.decode(scoreText)); JSON.stringify(assessment); }, 2000],
    classify_boundary_only: [() => { JSON.parse(decoder.decode(classifyText)); JSON.stringify(incident); }, 2000],
  };
}

/** Times every call of every directory, round-robin in slices of 50 calls. */
export async function jsApi(dirs, root) {
  const sets = await Promise.all(dirs.map((d) => calls(d, root)));
  const out = dirs.map(() => ({}));
  for (const name of Object.keys(sets[0])) {
    const n = sets[0][name][1];
    const xs = dirs.map(() => []);
    sets.forEach((s) => { for (let i = 0; i < Math.min(200, n); i++) s[name][0](); });
    for (let done = 0; done < n; done += 50) {
      sets.forEach((s, k) => {
        for (let i = 0; i < 50; i++) {
          const t = performance.now();
          s[name][0]();
          xs[k].push((performance.now() - t) * 1000);
        }
      });
    }
    xs.forEach((x, k) => { out[k][name] = { median_us: quantile(x, 0.5), p99_us: quantile(x, 0.99), calls: x.length }; });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = resolve(join(import.meta.dirname ?? '.', '..'));
  const dirs = process.argv.slice(2).map((d) => resolve(d));
  const res = await jsApi(dirs.length ? dirs : [join(root, 'pkg')], root);
  res.forEach((r, k) => console.log(JSON.stringify({ dir: dirs[k] ?? 'pkg', ...r })));
}
