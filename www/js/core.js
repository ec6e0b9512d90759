// The bridge to the Rust core (pkg/, built by wasm-pack). The wasm arrives inlined (a file:// page
// cannot fetch it), packed; `cyberduty:wasm` unpacks it (scripts/build-dist.mjs, scripts/unlzma.mjs)
// and it is started with initSync. Every call that can fail returns {ok: true, value} or
// {ok: false, error: {code, path, message, display}}; nothing here decides anything.

import * as glue from '../../pkg/cyberduty.js';
import wasmBytes from 'cyberduty:wasm';

let started = false;

/** Instantiate the wasm once (synchronously, from the inlined bytes). */
export function start() {
  if (started) return;
  glue.initSync({ module: wasmBytes() });
  started = true;
}

/** A thrown value as {code, path, message, display}: the core's Errors carry all four. */
export function problem(e) {
  const isObj = e !== null && typeof e === 'object';
  const p = {
    code: isObj && typeof e.code === 'string' ? e.code : 'E_INTERNAL',
    path: isObj && typeof e.path === 'string' ? e.path : '',
    message: isObj && typeof e.message === 'string' ? e.message : String(e),
  };
  if (isObj && typeof e.display === 'string') p.display = e.display;
  return p;
}

function call(fn, ...args) {
  try {
    return { ok: true, value: fn(...args) };
  } catch (e) {
    return { ok: false, error: problem(e) };
  }
}

/** A chunked batch: {add(files), addPrevious(files), finish(), free()}, each returning {ok, …}. */
function wrapAggregation(a) {
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
}

/**
 * One rubric, validated and digested once by the core; everything done with that rubric goes
 * through it (the live score, sealing, opening, verifying, batches). Build it again only when the
 * rubric changes.
 */
function wrapSession(s) {
  let rubric = null;
  return {
    rubric: () => rubric || (rubric = s.rubric()),
    digest: () => s.digest(),
    isDefault: () => s.isDefault(),
    validateAssessment: (doc) => call(() => s.validateAssessment(doc)),
    /** {ok, value: {score, auto_vetoes, assessment, classifications}}: the period's incidents applied as seal applies them. */
    score: (assessment, incidents) => call(() => s.score(assessment, incidents)),
    seal: (assessment, incidents, generatedAt) => call(() => s.seal(assessment, incidents, generatedAt)),
    /** {ok, value: {kind: 'assessment', assessment} | {kind: 'export', opened}}; any other file: the core says what it is. */
    open: (file) => call(() => s.open(file)),
    verify: (file) => call(() => s.verify(file)),
    /** A JSON path of an error in words (统一社会信用代码, 「item」, 第 2 个事件), or undefined. */
    fieldLabel: (path) => s.fieldLabel(path),
    aggregation: () => call(() => wrapAggregation(s.aggregation())),
    free: () => s.free(),
  };
}

let vocab = null;

export const core = {
  version: () => glue.version(),
  /** Every domain word the page shows (asked once: it never changes within a build). */
  vocabulary: () => vocab || (vocab = glue.vocabulary()),
  maxInputBytes: () => glue.maxInputBytes(),
  /** {ok: true} when a file of `bytes` bytes may be read, else the core's E_INPUT_TOO_LARGE. */
  checkSize: (bytes) => call(glue.checkSize, bytes),
  /** Does a batch take this file of a chosen folder (its path relative to the folder)? */
  batchTakes: (path) => glue.batchTakes(path),
  /** {ok, value: the normalised code} or the core's E_UNIT_CODE saying what is wrong. */
  checkUnitCode: (raw) => call(glue.checkUnitCode, raw),
  /** The core's cleaning of text for a file name. */
  safeFileName: (text) => glue.safeFileName(text),
  /** {ok, value: {kind, schema, name}}: what kind of cyberduty document this is. */
  kindOf: (doc) => call(glue.kindOf, doc),
  classify: (incident) => call(glue.classify, incident),
  /** {ok, value: session} for a rubric document (null or undefined: the default rubric). */
  session: (rubric) => call(() => wrapSession(new glue.Session(rubric))),
};
