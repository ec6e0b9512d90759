// 汇总分析 on every core: Web Workers started from the page's own script (no second copy of the app
// or of the core: the script's text becomes a blob: URL, the compiled core is posted to each
// worker — www/js/aggregate/worker.js answers there). Workers check chunks of files; the page's
// batch takes each chunk's outcomes in file order, so the report does not depend on which worker
// finished first. Where workers cannot run (no Worker, a CSP without worker-src blob:, a worker
// that fails), the page checks the chunks itself: the same files, in the same order, the same report.
//
// Only the single-file page turns workers on (www/main.js, `enableWorkers`); embed.js does not,
// so a portal's CSP needs nothing more (docs/EMBEDDING.md).

import { workerCore } from '../core.js';

/** Chunks a worker holds at once: one being checked and one waiting, so no worker waits for the page. */
const DEPTH = 2;
const MAX_WORKERS = 8;
/**
 * A worker that leaves the chunk the page waits for unanswered this long is taken for gone and the
 * page checks what it held: a chunk takes well under a second, and a worker that stops answering
 * (a message the browser could not deliver, a stalled read) must not stall the batch.
 */
const SILENT_MS = 20000;

let source = null;
/** The workers ({w, queued, dead}), false where they cannot run, null before the first try. */
let pool = null;
let runs = 0;

/** Let batches use workers started from `scriptText()`, the page's own bundled script. */
export function enableWorkers(scriptText) {
  source = scriptText;
}

/** How many workers check files (0: the page checks them itself). */
export function workerCount() {
  return pool ? pool.workers.filter((x) => !x.dead).length : 0;
}

function kill(p, x) {
  if (x.dead) return;
  x.dead = true;
  x.w.terminate();
  if (p.listener) p.listener(x, null);
}

/** The pool, started on first use; null where workers cannot run, or none is left. */
export function workerPool() {
  if (pool !== null) return pool && pool.workers.some((x) => !x.dead) ? pool : null;
  pool = false;
  const text = source ? source() : '';
  const module = workerCore();
  if (!text || !module || typeof Worker !== 'function' || typeof Blob !== 'function') return null;
  const n = Math.max(1, Math.min(MAX_WORKERS, navigator.hardwareConcurrency || 1));
  // A classic worker, the module's text run in strict mode: Chromium refuses a module worker from
  // a blob: URL made by a file:// page. The bundle has no import or export left, so it runs as is.
  const url = URL.createObjectURL(new Blob([`(function () {'use strict';\n${text}\n})();\n`], { type: 'text/javascript' }));
  const p = { workers: [], listener: null };
  try {
    for (let i = 0; i < n; i += 1) {
      const x = { w: new Worker(url), queued: 0, dead: false };
      x.w.onmessage = ({ data }) => (data.id === undefined ? kill(p, x) : p.listener && p.listener(x, data));
      x.w.onerror = (e) => {
        e.preventDefault();
        kill(p, x);
      };
      // A result the page could not receive is a result lost: as if the worker were gone.
      x.w.onmessageerror = () => kill(p, x);
      x.w.postMessage({ module });
      p.workers.push(x);
    }
  } catch {
    for (const x of p.workers) x.w.terminate();
    return null;
  }
  pool = p;
  return p;
}

/** Stop every worker (the tab is destroyed). */
export function stopWorkers() {
  if (pool) for (const x of pool.workers) kill(pool, x);
  pool = null;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Check a run's chunks on the workers and take each chunk's outcomes into `batch` (the page's
 * aggregation) in file order. `steps`: [previous, chunk of {name, file}] in file order;
 * `read(chunk)`: the chunk's files read here ({name, size, bytes?}), for chunks no worker checked; `setup`: {rubric: bytes or null, roster: document or
 * null}, what the page's batch was built with; `onTaken(n)`: n more files taken; `stale()`: a
 * later run began. Resolves {ok: true, here, silenced} (`here`: chunks the page checked itself;
 * `silenced`: workers stopped for not answering), {ok: false,
 * error}, or null when abandoned.
 */
export async function checkOnWorkers(p, { batch, steps, read, setup, onTaken, stale }) {
  runs += 1;
  const run = runs;
  const results = new Map();
  const where = new Map();
  let wake = null;
  // The run before, if it is waiting for a worker, wakes to find itself abandoned (and its batch is freed).
  if (p.listener) p.listener(null, null);
  p.listener = (x, data) => {
    if (!x) {
      if (wake) wake();
      return;
    }
    if (!data) {
      // A worker gone: the page checks what it held.
      for (const [id, at] of where) if (at === x && !results.has(id)) results.set(id, {});
    } else if (data.run === run) {
      x.queued -= 1;
      results.set(data.id, data);
    }
    if (wake) wake();
  };
  for (const x of p.workers) {
    x.queued = 0;
    if (!x.dead) x.w.postMessage({ run, rubric: setup.rubric, roster: setup.roster });
  }
  let sent = 0;
  let taken = 0;
  let here = 0;
  let silenced = 0;
  while (taken < steps.length) {
    for (;;) {
      const live = p.workers.filter((x) => !x.dead);
      if (sent >= steps.length) break;
      if (!live.length) {
        // No worker left: the page checks the rest.
        results.set(sent, {});
        sent += 1;
        continue;
      }
      const x = live.reduce((a, b) => (b.queued < a.queued ? b : a));
      if (x.queued >= DEPTH) break;
      const [previous, chunk] = steps[sent];
      // The File objects, not their bytes: the worker reads them, off this thread.
      x.queued += 1;
      where.set(sent, x);
      x.w.postMessage({ run, id: sent, files: chunk.map(({ name, file }) => ({ name, file })), previous });
      sent += 1;
    }
    while (results.has(taken)) {
      const r = results.get(taken);
      results.delete(taken);
      where.delete(taken);
      const [previous, chunk] = steps[taken];
      let bytes = r.bytes;
      if (!bytes) {
        // Not checked by a worker (it failed, or its core refused the chunk): checked here, so
        // the outcome, or the error, is the page's own.
        here += 1;
        const checked = batch.check(await read(chunk), previous);
        if (stale()) return null;
        if (!checked.ok) return checked;
        bytes = checked.value;
      }
      const t = batch.take(bytes);
      if (!t.ok) return t;
      taken += 1;
      onTaken(chunk.length);
      // A task per chunk taken, as on the page's own thread: the progress shows every count.
      await nextTask();
      if (stale()) return null;
    }
    if (taken < steps.length && !results.has(taken)) {
      let timer = null;
      const silent = await new Promise((resolve) => {
        wake = () => resolve(false);
        timer = setTimeout(() => resolve(true), SILENT_MS);
      });
      clearTimeout(timer);
      wake = null;
      if (stale()) return null;
      if (silent && !results.has(taken) && where.has(taken)) {
        silenced += 1;
        kill(p, where.get(taken));
      }
    }
  }
  p.listener = null;
  return { ok: true, here, silenced };
}
