// The bridge to the Rust core (pkg/, built by wasm-pack). The wasm arrives inlined (a file:// page
// cannot fetch it), packed; `cyberduty:wasm` unpacks it (scripts/build-dist.mjs, scripts/inflate.mjs).
// Every call that can fail returns {ok: true, value} or {ok: false, error: {code, path, message,
// display}}; nothing here decides anything.

import * as glue from '../../pkg/cyberduty.js';
import wasmBytes, { unpacked } from 'cyberduty:wasm';
import vocabularyText, { version as builtVersion } from 'cyberduty:vocabulary';
import known from 'cyberduty:default-session';

let started = false;
let starting = null;
let refused = false;
/** The compiled core, kept for Web Workers (`workerCore`). */
let compiled = null;

/**
 * Start the core once, from the inlined bytes. Synchronously (initSync) where the bytes are there
 * at once and the browser compiles on the main thread: returns null, the core is there. The page
 * inflates the bytes natively where the browser can (`wasmBytes` is null there: asynchronous,
 * several times faster than the decoder, and compiled as they come: `unpacked` gives the compiled
 * module, scripts/inflate.mjs); Chromium before ~115 refuses to compile or instantiate a module over
 * 4 KB on the main thread (a RangeError), and the core is then started asynchronously. Either way
 * this returns the Promise of that start (the same one on every call).
 * Anything else the browser refuses (a CSP without 'wasm-unsafe-eval': a CompileError) is thrown.
 */
export function start() {
  if (started) return null;
  if (starting) return starting;
  const bytes = wasmBytes ? wasmBytes() : null;
  if (bytes && startSync(bytes)) return null;
  // Compiled asynchronously where the main thread may not compile (or `unpacked` compiled already).
  const compile = (b) => (b instanceof WebAssembly.Module ? Promise.resolve(b) : WebAssembly.compile(b));
  starting = (bytes ? Promise.resolve(bytes) : unpacked()).then((b) => startSync(b) || compile(b).then((m) => glue.default({ module_or_path: (compiled = m) })).then(() => {
    started = true;
    mark('cyberduty-core');
  }));
  return starting;
}

/** initSync from `bytes` or a compiled module: false where the browser refuses that on the main thread. */
function startSync(bytes) {
  if (refused) return false;
  mark('cyberduty-unpacked');
  try {
    // Compiled here, not by initSync, so that the module can be posted to workers.
    compiled = bytes instanceof WebAssembly.Module ? bytes : new WebAssembly.Module(bytes);
    glue.initSync({ module: compiled });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    compiled = null;
    refused = true;
    return false;
  }
  started = true;
  mark('cyberduty-core');
  return true;
}

/** A performance mark for scripts/bench-browser.mjs's phases of the ready time. */
export function mark(name) {
  try {
    performance.mark(name);
  } catch {
    /* marks are optional */
  }
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

/** A chunked batch: {add(files), addPrevious(files), finish(), free()}, each returning {ok, …}; finish() also gives the Excel workbook. */
function wrapAggregation(a) {
  let open = true;
  return {
    add: (files) => call(() => a.add(files)),
    /** {ok, value: Uint8Array}: files checked, not taken (a worker's batch); `take` them into the page's. */
    check: (files, previous) => call(() => a.check(files, previous)),
    take: (encoded) => call(() => a.take(encoded)),
    /** Check senders against a roster document (call before add). */
    setRoster: (roster) => call(() => a.setRoster(roster)),
    addPrevious: (files) => call(() => a.addPrevious(files)),
    finish: () => {
      open = false;
      return call(() => a.finishWithXlsx());
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
 * rubric changes. `get()` gives the core's Session.
 */
function wrapSession(get) {
  let rubric = null;
  return {
    rubric: () => rubric || (rubric = get().rubric()),
    digest: () => get().digest(),
    isDefault: () => get().isDefault(),
    validateAssessment: (doc) => call(() => get().validateAssessment(doc)),
    /** {ok, value: {score, auto_vetoes, assessment, classifications}}: the period's incidents applied as seal applies them. */
    score: (assessment, incidents) => call(() => get().score(assessment, incidents)),
    /** Classify the incidents under a region's policy document in score, whatIf and seal (null: the shipped one). */
    setPolicy: (doc) => call(() => get().setPolicy(doc)),
    /** {ok, value: WhatIf}: the fewest item improvements that reach the next grade (cyberduty.whatif/1). */
    whatIf: (assessment, incidents) => call(() => get().whatIf(assessment, incidents)),
    /** With a 整改台账 document (optional) the export carries it (an unsigned cyberduty.export/2). */
    seal: (assessment, incidents, generatedAt, ledger) => call(() => get().seal(assessment, incidents, generatedAt, ledger)),
    /** {ok, value: {kind: 'assessment', assessment} | {kind: 'export', opened}}; any other file: the core says what it is. */
    open: (file) => call(() => get().open(file)),
    verify: (file) => call(() => get().verify(file)),
    /** A JSON path of an error in words (统一社会信用代码, 「item」, 第 2 个事件), or undefined. */
    fieldLabel: (path) => get().fieldLabel(path),
    aggregation: () => call(() => wrapAggregation(get().aggregation())),
    /** {ok, value: Uint8Array}: the rubric's Excel assessment template. */
    templateXlsx: () => call(() => get().templateXlsx()),
    /** {ok, value: {assessment, problems}}: a filled-in Excel template read back by the core. */
    importXlsx: (bytes) => call(() => get().importXlsx(bytes)),
    /** {ok, value: [{item, answer: {count}, reason}]}: what the 整改台账 suggests, counted over `period` as of `asOf`. */
    ledgerSuggestions: (ledger, period, asOf) => call(() => get().ledgerSuggestions(ledger, period, asOf)),
    /** {ok, value: assessment}: 开始下一考核期 — every answer reset, notes and evidence names under `carried`. */
    nextPeriod: (assessment, period) => call(() => get().nextPeriod(assessment, period)),
    /** Earlier versions of this rubric whose drafts carry over unchanged (the default rubric's). */
    earlierVersions: () => get().earlierVersions(),
    free: () => get().free(),
  };
}

/**
 * The default rubric's session, opened in the core on the first call that needs it. Until then
 * what this build's core said of it when the page was built (scripts/build-dist.mjs,
 * `cyberduty:default-session`) answers: its digest, its earlier versions, the names of the vetoes
 * the summary names, and the live score of the empty draft with no incidents under the shipped
 * policy. So a fresh page's first screen makes no call into the wasm, whose every function is
 * compiled on its first call (~20-30 ms before the first render, benches/HISTORY.md round 8).
 * Any other call, or any other input, goes to the core.
 */
const emptyAssessment = JSON.stringify(known.empty.assessment);

function defaultSession() {
  let opened = null;
  let rubric = null;
  const get = () => opened || (opened = new glue.Session(null));
  const session = wrapSession(get);
  const { setPolicy, score } = session;
  // The digest, earlier versions and labels are the default rubric's, opened or not.
  return Object.assign(session, {
    rubric: () => rubric || (rubric = glue.defaultRubric()),
    digest: () => known.digest,
    isDefault: () => true,
    earlierVersions: () => known.earlier_versions.slice(),
    fieldLabel: (path) => (Object.prototype.hasOwnProperty.call(known.labels, path) ? known.labels[path] : get().fieldLabel(path)),
    // The shipped policy is what a new core session has: setting it opens nothing. Any other opens one.
    setPolicy: (doc) => (!opened && (doc === null || doc === undefined) ? { ok: true, value: undefined } : setPolicy(doc)),
    score: (assessment, incidents) => {
      const none = !incidents || (Array.isArray(incidents) && incidents.length === 0);
      if (!opened && none && typeof assessment === 'object' && JSON.stringify(assessment) === emptyAssessment) {
        return { ok: true, value: JSON.parse(JSON.stringify(known.empty.live)) };
      }
      return score(assessment, incidents);
    },
    free: () => opened && opened.free(),
  });
}

/** A unit key held in wasm memory (never in storage): {unit, fingerprint, pubkey(), toFile(pass), signExport(text), free()}. */
function wrapKey(k) {
  const pubkey = k.pubkey();
  return {
    unit: pubkey.unit,
    keyId: pubkey.key_id,
    fingerprint: k.fingerprint(),
    pubkey: () => pubkey,
    toFile: (passphrase) => call(() => k.toFile(passphrase)),
    signExport: (text) => call(() => k.signExport(text)),
    free: () => k.free(),
  };
}

let vocab = null;

export const core = {
  /** The core's version, asked when the page was built, like the vocabulary. */
  version: () => builtVersion,
  /** Every domain word the page shows: this build's core's own answer, asked when the page was
   * built (scripts/build-dist.mjs), so the first render need not compile the wasm's serialiser. */
  vocabulary: () => vocab || (vocab = JSON.parse(vocabularyText)),
  maxInputBytes: () => glue.maxInputBytes(),
  /** {ok: true} when a file of `bytes` bytes may be read, else the core's E_INPUT_TOO_LARGE. */
  checkSize: (bytes) => call(glue.checkSize, bytes),
  /** Does a batch take this file of a chosen folder (its path relative to the folder)? */
  batchTakes: (path) => glue.batchTakes(path),
  /** {ok, value: the normalised code} or the core's E_UNIT_CODE saying what is wrong. */
  checkUnitCode: (raw) => call(glue.checkUnitCode, raw),
  /** A count as typed (１２, 3.0) as a number, or undefined (1e2, 2.5, words): the core's reading. */
  wholeNumber: (text) => glue.wholeNumber(text),
  /** The core's cleaning of text for a file name. */
  safeFileName: (text) => glue.safeFileName(text),
  /** {ok, value: {kind, schema, name}}: what kind of cyberduty document this is. */
  kindOf: (doc) => call(glue.kindOf, doc),
  /**
   * {ok, value: classification} under a policy document (null or undefined: the shipped policy),
   * with a 整改台账 document reviewed as of `asOf` (YYYY-MM-DD) when one is given.
   */
  classify: (incident, policy, ledger, asOf) => call(glue.classify, incident, policy, ledger, asOf),
  /** {ok, value: proposal}: the 问责建议书 draft, or the core's refusal when no Article 8 situation is met; inputs as classify. */
  propose: (incident, policy, ledger, asOf) => call(glue.propose, incident, policy, ledger, asOf),
  /** {ok, value: {ledger, review}}: a 整改台账 reviewed as of `asOf` (YYYY-MM-DD). */
  reviewLedger: (ledger, asOf) => call(glue.reviewLedger, ledger, asOf),
  /** {ok, value: {ledger, dropped}}: the 整改台账 carried into the next period (已反馈 entries dropped). */
  nextLedger: (ledger) => call(glue.nextLedger, ledger),
  /** {ok, value: session} for a rubric document (null or undefined: the default rubric). */
  session: (rubric) => call(() => {
    const s = new glue.Session(rubric);
    return wrapSession(() => s);
  }),
  /** {ok, value: session} of the default rubric, opened in the core when first needed (defaultSession). */
  defaultSession: () => ({ ok: true, value: defaultSession() }),
  /** {ok, value: key}: a new SM2 unit key (issue 11). */
  generateKey: (code, name, createdAt) => call(() => wrapKey(glue.UnitKey.generate(code, name, createdAt))),
  /** {ok, value: key}: a key file's bytes opened with its passphrase. */
  openKey: (bytes, passphrase) => call(() => wrapKey(glue.UnitKey.open(bytes, passphrase))),
  /** {ok, value: lock}: a new passphrase lock for local drafts (at least 8 characters). */
  createDraftLock: (passphrase) => call(() => glue.DraftLock.create(passphrase)),
  /** {ok, value: lock}: the stored lock opened with its passphrase (E_KEY_PASSPHRASE when wrong). */
  unlockDrafts: (verifier, passphrase) => call(() => glue.DraftLock.unlock(verifier, passphrase)),
  /** Whether a stored text is a locked draft. */
  isLockedDraft: (text) => glue.DraftLock.isLocked(text),
  rosterFromCsv: (bytes, authority, period) => call(glue.rosterFromCsv, bytes, authority, period || undefined),
  rosterCheck: (doc) => call(glue.rosterCheck, doc),
  /** Does a 核对码 typed from the paper report match this one? */
  paperMatches: (typed, checkCode) => glue.paperMatches(typed, checkCode),
  /** {ok, value: {roster, added, text}}. */
  rosterAddKey: (roster, pubkey) => call(glue.rosterAddKey, roster, pubkey, undefined, undefined),
};

/**
 * The core for Web Workers (www/js/aggregate/pool.js): the compiled module of the started core, to
 * post to a worker (nothing is unpacked or compiled again); in a worker, given the module posted
 * to it, the core started from it.
 */
export function workerCore(module) {
  if (module && !started) {
    glue.initSync({ module });
    compiled = module;
    started = true;
  }
  return compiled;
}
