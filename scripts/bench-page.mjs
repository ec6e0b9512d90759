// One load of a single-file page over file:// in headless Chromium, read off the page's own marks
// (www/js/core.js, www/js/app.js): shared by scripts/bench-browser.mjs (`make bench`) and
// scripts/bench-ready.mjs (side by side).
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'];

/** The page's marks, in the order it passes them. */
export const MARKS = ['cyberduty-unpacked', 'cyberduty-core', 'cyberduty-ready', 'cyberduty-rendered'];

/**
 * Navigation start → HTML parsed (`html`, a module script runs after it) and → each mark, in ms.
 * With `trace` ({browser, categories}), also `cpu`: the renderer main thread's CPU time in the
 * top-level tasks that started between navigation and the ready mark (Chromium's trace).
 */
export async function loadOnce(browser, file, trace = null) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  if (trace) await trace.browser.startTracing(p, { categories: trace.categories });
  await p.goto(pathToFileURL(file).href);
  // A page from before `cyberduty-rendered` existed has only the ready mark.
  await p.waitForFunction(() => performance.getEntriesByName('cyberduty-ready').length > 0, null, { timeout: 15000 });
  const cpu = trace ? mainThreadCpu(JSON.parse((await trace.browser.stopTracing()).toString()).traceEvents,
    await p.evaluate(() => performance.getEntriesByName('cyberduty-ready')[0].startTime)) : undefined;
  await p.waitForFunction(() => performance.getEntriesByName('cyberduty-rendered').length > 0, null, { timeout: 15000 }).catch(() => {});
  const t = await p.evaluate((marks) => {
    const at = (n) => (performance.getEntriesByName(n)[0] || {}).startTime;
    const nav = performance.getEntriesByType('navigation')[0];
    return { html: nav.domInteractive, ...Object.fromEntries(marks.map((m) => [m, at(m)])) };
  }, MARKS);
  await ctx.close();
  return cpu === undefined ? t : { ...t, cpu };
}

/** ms of thread time of the page's main-thread tasks from navigation (`readyMs` before the mark) to the ready mark. */
function mainThreadCpu(events, readyMs) {
  const ready = events.find((e) => e.name === 'cyberduty-ready' && e.ph !== 'e');
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === ready.pid && e.args.name === 'CrRendererMain');
  const from = ready.ts - readyMs * 1000;
  const tasks = events.filter((e) => e.pid === ready.pid && e.tid === main.tid && e.ph === 'X' && e.cat.includes('toplevel')
    && e.ts >= from && e.ts <= ready.ts);
  return tasks.reduce((sum, e) => sum + (e.tdur || 0), 0) / 1000;
}

/**
 * Two pages that do none of the app's work, timed alternating with the app's page so that they see
 * the same machine: `floor`, one paragraph (Chromium's own navigation over file://), and `inert`,
 * the same number of bytes as `like` — a module script holding base64 in a string, as the page
 * holds its wasm — that only sets the marks (reading and parsing that many bytes). Written to
 * `dir`; returns their paths.
 */
export function floorPages(dir, like) {
  const marks = `for (const m of ${JSON.stringify(MARKS)}) performance.mark(m);`;
  const head = '<!doctype html>\n<html lang="zh-CN"><meta charset="utf-8"><title>floor</title>\n';
  const floor = join(dir, 'floor.html');
  writeFileSync(floor, `${head}<p>一段文字。</p>\n<script type="module">${marks}</script>\n`);
  const shell = `${head}<script type="module">const packed = "";${marks}</script>\n<p>一段文字。</p>\n`;
  const fill = Math.max(0, statSync(like).size - Buffer.byteLength(shell));
  const inert = join(dir, 'inert.html');
  writeFileSync(inert, shell.replace('const packed = ""', `const packed = "${'QUJD'.repeat(Math.ceil(fill / 4)).slice(0, fill)}"`));
  return { floor, inert };
}
