// The bridge to the Rust core (pkg/, built by wasm-pack). The wasm arrives inlined (a file:// page
// cannot fetch it), packed; `cyberduty:wasm` unpacks it (scripts/build-dist.mjs, scripts/unlzma.mjs)
// and it is started with initSync. Every call returns
// {ok: true, value} or {ok: false, error: {code, path, message}}; nothing here decides anything.

import * as glue from '../../pkg/cyberduty.js';
import wasmBytes from 'cyberduty:wasm';
import * as fallback from './core-fallback.js';

let started = false;

/** Instantiate the wasm once (synchronously, from the inlined bytes). */
export function start() {
  if (started) return;
  glue.initSync({ module: wasmBytes() });
  started = true;
}

/** A thrown value as {code, path, message}: the core's Errors carry all three. */
export function problem(e) {
  const isObj = e !== null && typeof e === 'object';
  return {
    code: isObj && typeof e.code === 'string' ? e.code : 'E_INTERNAL',
    path: isObj && typeof e.path === 'string' ? e.path : '',
    message: isObj && typeof e.message === 'string' ? e.message : String(e),
    ...(isObj && typeof e.display === 'string' ? { display: e.display } : {}),
  };
}

function call(fn, ...args) {
  if (typeof fn !== 'function') {
    return { ok: false, error: { code: 'E_UNAVAILABLE', path: '', message: '此版本的计算核心不包含该功能' } };
  }
  try {
    return { ok: true, value: fn(...args) };
  } catch (e) {
    return { ok: false, error: problem(e) };
  }
}

// Exports that a build may lack (the incident classifier arrived after the scorer). Static member
// accesses only, so the bundler keeps nothing of the glue the page does not call (no fetch path).
const optional = { classify: glue.classify, vocabulary: glue.vocabulary, checkSize: glue.checkSize, batchTakes: glue.batchTakes, safeFileName: glue.safeFileName };
let vocab = null;

export const core = {
  version: () => glue.version(),
  has: (name) => typeof optional[name] === 'function',
  maxInputBytes: () => glue.maxInputBytes(),
  /** {ok: true} when a file of `bytes` bytes may be read, else the core's E_INPUT_TOO_LARGE. */
  checkSize: (bytes) => call(optional.checkSize || ((n) => fallback.checkSize(n, glue.maxInputBytes())), bytes),
  /** Does a batch take this file (its path relative to the chosen folder)? */
  batchTakes: (path) => (optional.batchTakes || fallback.batchTakes)(path),
  /** The weakest items of an aggregate report, as the core lists them. */
  weakest: (aggregate) => fallback.weakest(aggregate),
  /** The core's cleaning of text for a file name. */
  safeFileName: (text) => (optional.safeFileName || fallback.safeFileName)(text),
  /** Every domain word the page shows (asked once: it never changes in a build). */
  vocabulary: () => {
    if (!vocab) vocab = typeof optional.vocabulary === 'function' ? optional.vocabulary() : fallback.FALLBACK_VOCABULARY;
    return vocab;
  },
  defaultRubric: () => call(glue.defaultRubric),
  validateRubric: (doc) => call(glue.validateRubric, doc),
  validateAssessment: (rubric, doc) => call(glue.validateAssessment, rubric, doc),
  score: (rubric, assessment) => call(glue.score, rubric, assessment),
  classify: (incident) => {
    const r = call(glue.classify, incident);
    return r.ok ? { ok: true, value: fallback.withSummary(r.value) } : r;
  },
  seal: (rubric, assessment, incidents, generatedAt) => call(glue.seal, rubric, assessment, incidents, generatedAt),
  verifyExport: (file, reference) => call(glue.verifyExport, file, reference),
  aggregate: (reference, files, previous) => call(glue.aggregate, reference, files, previous),
  /**
   * A batch checked a chunk at a time: {ok, value: {add(files), addPrevious(files), finish(), free()}}
   * where add/addPrevious/finish return {ok, value} | {ok: false, error} like every call here.
   */
  aggregation: (reference) => call((r) => {
    const a = new glue.Aggregation(r);
    let open = true;
    return {
      add: (files) => call(() => a.add(files)),
      addPrevious: (files) => call(() => a.addPrevious(files)),
      finish: () => {
        open = false;
        return call(() => a.finish());
      },
      free: () => {
        if (open) a.free();
        open = false;
      },
    };
  }, reference),
};
