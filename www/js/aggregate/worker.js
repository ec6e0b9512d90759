// 汇总分析 in a Web Worker: the page's own script, started again as a worker (www/main.js sees no
// `document` and calls serve()), checks chunks of files with its own instance of the core and
// posts back each chunk's outcomes as bytes, which the page's batch takes in file order
// (www/js/aggregate/pool.js). Nothing is decided here: the core checks; this only carries.
//
// Messages in: {module} once (the page's compiled core), then per run {run, rubric, roster} (the
// page's reference rubric as bytes or null, its roster document or null) and {run, id, files,
// previous} per chunk, `files` the chosen File objects ({name, file}), read here as the page reads them. Out: {run, id, bytes} or {run, id, error}; {error} when the core cannot start.

import { core, problem, workerCore } from '../core.js';
import { readFile } from './model.js';

/** Answer the page's messages on `scope` (the worker's global scope). */
export function serve(scope) {
  let run = null;
  let batch = null;
  let session = null;
  let failed = null;
  let queue = Promise.resolve();
  const free = () => {
    if (batch) batch.free();
    if (session) session.free();
    batch = null;
    session = null;
  };
  scope.onmessage = ({ data }) => {
    if (data.module) {
      try {
        workerCore(data.module);
      } catch (e) {
        scope.postMessage({ error: problem(e) });
      }
      return;
    }
    if (data.id === undefined) {
      // A new run: the aggregation every chunk of it is checked with (same rubric, same roster).
      free();
      run = data.run;
      failed = null;
      const s = core.session(data.rubric);
      const a = s.ok ? s.value.aggregation() : s;
      const r = a.ok && data.roster ? a.value.setRoster(data.roster) : a;
      if (s.ok) session = s.value;
      if (a.ok) batch = a.value;
      if (!r.ok) failed = r.error;
      return;
    }
    // Read at once (the browser reads while the core checks the chunk before), checked one chunk
    // at a time in the order posted.
    const reading = Promise.all(data.files.map((x) => readFile(core, x)));
    // Whatever goes wrong is answered (the page then checks the chunk itself): a chain left
    // rejected would leave every later chunk unanswered.
    queue = queue.then(() => check(data, reading)).catch((e) => scope.postMessage({ run: data.run, id: data.id, error: problem(e) }));
  };
  // A message the worker could not receive (its chunk is unknown): the page stops this worker and
  // checks what it held.
  scope.onmessageerror = () => scope.postMessage({});
  async function check({ run: of, id, previous }, reading) {
    if (of !== run) return;
    let r;
    try {
      const read = await reading;
      if (of !== run) return;
      r = failed ? { ok: false, error: failed } : batch.check(read, previous);
    } catch (e) {
      r = { ok: false, error: problem(e) };
    }
    if (r.ok) scope.postMessage({ run, id, bytes: r.value }, [r.value.buffer]);
    else scope.postMessage({ run, id, error: r.error });
  }
}
