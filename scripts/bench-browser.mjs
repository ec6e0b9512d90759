#!/usr/bin/env node
// The JavaScript and browser half of `make bench`; prints one JSON object of figures.
//   - score() and classify() latency through the JS API (pkg/, in Node): median and p99;
//   - dist/cyberduty.html raw and gzipped bytes, and navigation-to-ready over file:// (median of 10,
//     from navigation start to the page's `cyberduty-ready` performance mark), with the median of
//     each phase, and navigation to `cyberduty-rendered` (every tab and item card built: most cards
//     are built after ready), and, loads alternating with those, the ready time of a one-paragraph
//     page and of an inert page of the same size (this machine's floors in this run)
//     (`--ready-only [page] [runs]` measures only this);
//   - aggregation inside headless Chromium (the wasm `aggregate` export over BENCH_BROWSER_FILES
//     exports from BENCH_DIR) against JSON.parse of the same bytes in the same run: one core;
//   - 汇总分析 driven as a user does it (BENCH_PAGE_FILES exports chosen in the page over file://),
//     checked on the page's own thread (Worker removed) and on its Web Workers, alternating, median
//     of 3 each: multi-core throughput (`--page-aggregate-only` measures only this).
import { chromium } from 'playwright-core';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { jsApi } from './bench-api.mjs';
import { ARGS, floorPages, loadOnce } from './bench-page.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGE = join(ROOT, 'dist', 'cyberduty.html');
const BENCH_DIR = process.env.BENCH_DIR || join(ROOT, 'target', 'bench', 'exports');
const BROWSER_FILES = Number(process.env.BENCH_BROWSER_FILES || 10000);
const PAGE_FILES = Number(process.env.BENCH_PAGE_FILES || 2000);

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const median = (xs) => quantile(xs, 0.5);

async function page(browser, file = PAGE, runs = 10) {
  const bytes = readFileSync(file);
  const ready = [];
  const rendered = [];
  const phases = [];
  // The same machine's floors, loads alternating with the page's (bench-page.mjs floorPages).
  const floorDir = mkdtempSync(join(tmpdir(), 'cyberduty-floor-'));
  const { floor, inert } = floorPages(floorDir, file);
  const floors = { floor: [], inert: [] };
  for (let i = 0; i < runs; i++) {
    const t = await loadOnce(browser, file);
    ready.push(t['cyberduty-ready']);
    if (t['cyberduty-rendered'] !== undefined) rendered.push(t['cyberduty-rendered']);
    phases.push(t);
    floors.floor.push((await loadOnce(browser, floor))['cyberduty-ready']);
    floors.inert.push((await loadOnce(browser, inert))['cyberduty-ready']);
  }
  rmSync(floorDir, { recursive: true, force: true });
  // Median of each phase's own duration: parse and start of the script (HTML parsed → unpacked
  // includes the bundle's parse), the wasm compile + instantiate, the app's first render.
  const span = (from, to) => median(phases.map((t) => (t[to] ?? NaN) - (from ? t[from] ?? NaN : 0)));
  const breakdown = {
    html_ms: span(null, 'html'),
    script_and_unpack_ms: span('html', 'cyberduty-unpacked'),
    wasm_start_ms: span('cyberduty-unpacked', 'cyberduty-core'),
    first_render_ms: span('cyberduty-core', 'cyberduty-ready'),
  };
  return { raw_bytes: bytes.length, gzip_bytes: gzipSync(bytes, { level: 9 }).length, ready_ms_median: median(ready), ready_ms: ready, breakdown_ms: breakdown,
    rendered_ms_median: rendered.length ? median(rendered) : null,
    // Ready of a one-paragraph page and of an inert page of the same size, in the same run.
    floor_ms_median: median(floors.floor), inert_same_size_ms_median: median(floors.inert) };
}

/** Serves pkg/ and the generated exports on loopback for the aggregation harness page only. */
function serve(files) {
  const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.html': 'text/html' };
  const harness = `<!doctype html><meta charset="utf-8"><script type="module">
    import init, * as cd from '/pkg/cyberduty.js';
    window.bench = async (names) => {
      await init({ module_or_path: '/pkg/cyberduty_bg.wasm' });
      if (typeof cd.Session !== 'function') return { skipped: 'no Session export in pkg/' };
      const session = new cd.Session(null);
      const bytes = [];
      for (let i = 0; i < names.length; i += 32) {
        const chunk = names.slice(i, i + 32).map((n) => fetch('/exports/' + n).then((r) => r.arrayBuffer()));
        for (const b of await Promise.all(chunk)) bytes.push(new Uint8Array(b));
      }
      const total = bytes.reduce((s, b) => s + b.length, 0);
      const dec = new TextDecoder();
      const parse = [], agg = [];
      let accepted = 0;
      for (let run = 0; run < 3; run++) {
        let t = performance.now();
        for (const b of bytes) JSON.parse(dec.decode(b));
        parse.push(performance.now() - t);
        t = performance.now();
        const out = session.aggregate(names.map((name, i) => ({ name, bytes: bytes[i] })), []);
        agg.push(performance.now() - t);
        accepted = out.result.summary.count;
      }
      const med = (xs) => [...xs].sort((a, b) => a - b)[1];
      return { files: names.length, bytes: total, accepted, parse_ms: med(parse), aggregate_ms: med(agg) };
    };
  </script>`;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(req.url.split('?')[0]);
    try {
      if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(harness);
      if (path === '/bound') return res.writeHead(200, { 'content-type': 'text/html' }).end(BOUND_HARNESS);
      const file = path.startsWith('/exports/') ? join(BENCH_DIR, path.slice(9)) : join(ROOT, path);
      if (path.startsWith('/exports/') && !files.includes(path.slice(9))) throw new Error('not in set');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function browserAggregate(browser) {
  let names;
  try {
    names = readdirSync(BENCH_DIR).filter((n) => n.endsWith('.json')).sort().slice(0, BROWSER_FILES);
  } catch {
    return { skipped: `no exports in ${BENCH_DIR} (run the native bench first)` };
  }
  const server = await serve(names);
  try {
    const p = await (await browser.newContext()).newPage();
    await p.goto(`http://127.0.0.1:${server.address().port}/`);
    const r = await p.evaluate((n) => window.bench(n), names);
    if (r.skipped) return r;
    await p.context().close(); // its memory (the batch, the wasm's) freed before the bound runs
    const mb = r.bytes / 1e6;
    return { ...r, lower_bound: await browserBound(browser, names, server), files_per_s: r.files / (r.aggregate_ms / 1000), mb_per_s: mb / (r.aggregate_ms / 1000),
      parse_mb_per_s: mb / (r.parse_ms / 1000), ratio: r.aggregate_ms / r.parse_ms };
  } finally {
    server.close();
  }
}

// The lower bound of the in-browser ratio, in the same run: what every signed file costs whatever
// `aggregate` does around it, timed in the page's own wasm build of the library
// (examples/wasm_bound.rs → target/bound.wasm, scripts/build-wasm-bound.sh: same profile and flags
// as pkg/, plain `extern "C"` functions, so the shipped API carries nothing for the bench). The
// wasm-bindgen imports it also carries are stubs that throw: none is called. JSON.parse of the same
// files is timed again alternating with the parts, median of 3 runs each.
const BOUND_HARNESS = `<!doctype html><meta charset="utf-8"><script type="module">
  window.bound = async (names) => {
    const res = await fetch('/target/bound.wasm');
    if (!res.ok) return { skipped: 'no target/bound.wasm (scripts/build-wasm-bound.sh)' };
    const module = await WebAssembly.compile(await res.arrayBuffer());
    const imports = {};
    for (const i of WebAssembly.Module.imports(module)) {
      (imports[i.module] = imports[i.module] || {})[i.name] = () => { throw new Error('bench: ' + i.name); };
    }
    const w = (await WebAssembly.instantiate(module, imports)).exports;
    const bytes = [];
    for (let i = 0; i < names.length; i += 32) {
      const chunk = names.slice(i, i + 32).map((n) => fetch('/exports/' + n).then((r) => r.arrayBuffer()));
      for (const b of await Promise.all(chunk)) bytes.push(new Uint8Array(b));
    }
    let kept = 0;
    for (const b of bytes) {
      const at = w.bound_input(b.length);
      new Uint8Array(w.memory.buffer, at, b.length).set(b);
      kept += w.bound_prepare();
    }
    if (kept !== names.length) return { skipped: kept + ' of ' + names.length + ' files are signed exports with a rubric' };
    const dec = new TextDecoder();
    const parts = { parse: () => { for (const b of bytes) JSON.parse(dec.decode(b)); return kept; },
      parse_rest: w.bound_parse_rest, sm3_rest: w.bound_sm3_rest, sm2_verify: w.bound_verify_all };
    const times = {};
    for (let run = 0; run < 3; run++) {
      for (const [k, f] of Object.entries(parts)) {
        const t = performance.now();
        if (f() !== kept) return { skipped: k + ' failed' };
        (times[k] = times[k] || []).push(performance.now() - t);
      }
    }
    w.bound_reset();
    const med = (xs) => [...xs].sort((a, b) => a - b)[1];
    const out = { files: kept };
    for (const k of Object.keys(parts)) out[k + '_ms'] = med(times[k]);
    return out;
  };
</script>`;

async function browserBound(browser, names, server) {
  const context = await browser.newContext();
  try {
    const p = await context.newPage();
    await p.goto(`http://127.0.0.1:${server.address().port}/bound`);
    const r = await p.evaluate((n) => window.bound(n), names);
    if (r.skipped) return r;
    const lower = r.parse_rest_ms + r.sm3_rest_ms + r.sm2_verify_ms;
    return { ...r, lower_bound_ms: lower, ratio: lower / r.parse_ms };
  } finally {
    await context.close();
  }
}

/**
 * 汇总分析 in dist/cyberduty.html over file://, as a user runs it: PAGE_FILES exports chosen with
 * the file picker, from the choice to 已核验 (files read, checked, taken, ranked, drawn). Without
 * Worker (the page's own thread) and with workers, alternating in one browser, median of 3 each;
 * the two must show the same counts.
 */
async function pageAggregate(browser, file = PAGE) {
  let names;
  try {
    names = readdirSync(BENCH_DIR).filter((n) => n.endsWith('.json')).sort().slice(0, PAGE_FILES);
  } catch {
    return { skipped: `no exports in ${BENCH_DIR} (run the native bench first)` };
  }
  const paths = names.map((n) => join(BENCH_DIR, n));
  const bytes = paths.reduce((sum, p) => sum + statSync(p).size, 0);
  const once = async (workers) => {
    const ctx = await browser.newContext();
    if (!workers) await ctx.addInitScript(() => delete window.Worker);
    const p = await ctx.newPage();
    await p.goto(pathToFileURL(file).href);
    await p.locator('.cd[data-ready="true"]').waitFor({ state: 'attached', timeout: 15000 });
    await p.getByRole('tab', { name: '汇总分析' }).click();
    const pick = p.locator('.cd-drop[data-role="current"]').getByRole('button', { name: '本期上报文件:选择文件', exact: true });
    const [chooser] = await Promise.all([p.waitForEvent('filechooser'), pick.click()]);
    // When the progress text last changed before 已核验: what follows (finish, ranking, drawing)
    // runs on the page's thread whatever checked the files.
    await p.locator('[data-testid="progress-text"]').evaluate((el) => {
      window.benchLast = 0;
      new MutationObserver(() => {
        if (!/^已核验/.test(el.textContent)) window.benchLast = performance.now();
        else if (!window.benchDone) window.benchDone = performance.now();
      }).observe(el, { childList: true, characterData: true, subtree: true });
    });
    const started = Date.now();
    await chooser.setFiles(paths);
    await p.locator('[data-testid="progress-text"]', { hasText: `已核验 ${names.length} 个文件` }).waitFor({ timeout: 1_800_000 });
    const ms = Date.now() - started;
    const used = await p.locator('.cd-agg-progress').evaluate((el) => ({ workers: Number(el.dataset.workers), here: Number(el.dataset.here) }));
    const counts = await p.locator('[data-testid="counts"]').textContent();
    const tail = await p.evaluate(() => window.benchDone - window.benchLast);
    await ctx.close();
    return { ms, counts, tail, ...used };
  };
  const runs = { main: [], workers: [] };
  for (let i = 0; i < 3; i++) {
    for (const mode of i % 2 ? ['workers', 'main'] : ['main', 'workers']) runs[mode].push(await once(mode === 'workers'));
  }
  const counts = new Set([...runs.main, ...runs.workers].map((r) => r.counts));
  if (counts.size !== 1) throw new Error(`the page's counts differ with and without workers: ${[...counts].join(' | ')}`);
  const mb = bytes / 1e6;
  const figures = (list) => {
    const ms = median(list.map((r) => r.ms));
    return { ms, runs_ms: list.map((r) => r.ms), tail_ms: median(list.map((r) => r.tail)), files_per_s: names.length / (ms / 1000), mb_per_s: mb / (ms / 1000), workers: list[0].workers, chunks_on_page: list[0].here };
  };
  const main = figures(runs.main);
  const workers = figures(runs.workers);
  // Each main-thread run against the workers run next to it: the machine's load moves both alike.
  const pairs = runs.main.map((m, i) => m.ms / runs.workers[i].ms);
  return { files: names.length, bytes, counts: [...counts][0], main, workers, speedup: main.ms / workers.ms, pair_speedups: pairs,
    pair_speedup_median: median(pairs) };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true });
// `--ready-only [page.html] [runs]`: only the ready time and its phases, for iterating on them.
if (process.argv[2] === '--ready-only') {
  try {
    console.log(JSON.stringify(await page(browser, process.argv[3] || PAGE, Number(process.argv[4] || 10))));
  } finally {
    await browser.close();
  }
  process.exit(0);
}
// `--page-aggregate-only [page.html]`: only 汇总分析 in the page, with and without workers.
if (process.argv[2] === '--page-aggregate-only') {
  try {
    console.log(JSON.stringify(await pageAggregate(browser, process.argv[3] || PAGE)));
  } finally {
    await browser.close();
  }
  process.exit(0);
}
try {
  // pkg/ and, when scripts/bench.sh built it, the same wasm built for speed: timed alternating.
  const speed = join(ROOT, 'target', 'bench', 'pkg-speed');
  const [api, apiSpeed] = await jsApi(existsSync(join(speed, 'cyberduty_bg.wasm')) ? [join(ROOT, 'pkg'), speed] : [join(ROOT, 'pkg')], ROOT);
  const out = { js_api: api, js_api_speed: apiSpeed, page: await page(browser), browser_aggregate: await browserAggregate(browser),
    page_aggregate: await pageAggregate(browser) };
  console.log(JSON.stringify(out));
} finally {
  await browser.close();
}
