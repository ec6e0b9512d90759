#!/usr/bin/env node
// Side by side: navigation → ready of two or more single-file pages over file://, loads alternating
// in one headless Chromium (A B A B …), so both see the same machine load. Reuses the bench's
// measuring code (scripts/bench-page.mjs: the page's own marks).
//   node scripts/bench-ready.mjs [--runs N] [--cpu] a.html b.html [c.html …]
// --cpu also traces each load and adds the renderer main thread's CPU time from navigation to the
// ready mark (Chromium's trace, thread time of its top-level tasks): on a machine shared with
// other work the wall clock moves with the load far more than this does. Tracing slows the loads.
import { chromium } from 'playwright-core';
import { ARGS, loadOnce as once } from './bench-page.mjs';

const args = process.argv.slice(2);
let runs = 20;
let cpu = false;
for (;;) {
  if (args[0] === '--runs') { runs = Number(args[1]); args.splice(0, 2); } else if (args[0] === '--cpu') { cpu = true; args.shift(); } else break;
}
const files = args;
const median = (xs) => { const s = xs.filter((x) => x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ARGS, headless: true });
const trace = cpu ? { browser, categories: ['toplevel', 'blink.user_timing', '__metadata'] } : null;
const res = files.map(() => []);
try {
  for (const f of files) await once(browser, f, trace); // warm the disk cache, not counted
  for (let r = 0; r < runs; r++) for (const [i, f] of files.entries()) res[i].push(await once(browser, f, trace));
} finally {
  await browser.close();
}
const span = (ts, from, to) => median(ts.map((t) => (t[to] ?? NaN) - (from ? t[from] ?? NaN : 0)));
for (const [i, f] of files.entries()) {
  const ts = res[i];
  const ready = ts.map((t) => t['cyberduty-ready']);
  console.log(`${f}: ready median ${span(ts, null, 'cyberduty-ready').toFixed(1)} ms (best ${Math.min(...ready).toFixed(1)}), ` +
    `html ${span(ts, null, 'html').toFixed(1)}, script+unpack ${span(ts, 'html', 'cyberduty-unpacked').toFixed(1)}, ` +
    `wasm ${span(ts, 'cyberduty-unpacked', 'cyberduty-core').toFixed(1)}, render ${span(ts, 'cyberduty-core', 'cyberduty-ready').toFixed(1)}, ` +
    `rendered ${span(ts, null, 'cyberduty-rendered').toFixed(1)}` +
    (cpu ? `, main-thread CPU to ready ${median(ts.map((t) => t.cpu)).toFixed(1)} (least ${Math.min(...ts.map((t) => t.cpu)).toFixed(1)})` : '') +
    ` (n=${ts.length})`);
}
