// The bad-input catalogue (tests/bad_inputs/<kind>/<CODE>--<what>.json) through the wasm binding
// (pkg/, in Node): every file is refused with a JS Error carrying its code — the same code the CLI
// gives (tests/bad_inputs.rs) — and never a panic (a wasm trap would be a RuntimeError, not Error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cd = await import(pathToFileURL(join(ROOT, 'pkg', 'cyberduty.js')).href);
cd.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });

// How each kind of document is read through the binding: rubrics by building a Session, assessments
// by a default-rubric Session's validateAssessment and score (each must refuse), incidents by
// classify, exports by a default-rubric Session's verify.
const session = new cd.Session(null);
const readAs = {
  rubric: [(bytes) => new cd.Session(bytes)],
  assessment: [(bytes) => session.validateAssessment(bytes), (bytes) => session.score(bytes, null)],
  incident: [(bytes) => cd.classify(bytes)],
  export: [(bytes) => session.verify(bytes)],
  // Issue 11: public keys read by registering them in an empty roster; rosters checked; key files
  // opened with the fixture key's passphrase.
  pubkey: [(bytes) => cd.rosterAddKey({ schema: 'cyberduty.roster/1', authority: '部', units: [] }, bytes)],
  roster: [(bytes) => cd.rosterCheck(bytes)],
  key: [(bytes) => cd.UnitKey.open(bytes, 'correct horse battery')],
};

/** What each reader of `kind` threw for `bytes` (null when one accepted it). */
function refusals(kind, bytes) {
  return readAs[kind].map((read) => {
    try {
      read(bytes);
    } catch (e) {
      return e;
    }
    return null;
  });
}

for (const kind of Object.keys(readAs)) {
  const dir = join(ROOT, 'tests', 'bad_inputs', kind);
  if (!existsSync(dir)) continue;
  test(`bad inputs: every ${kind} file is refused with its code`, () => {
    const files = readdirSync(dir).sort();
    assert.ok(files.length > 0);
    const wrong = [];
    for (const name of files) {
      const code = name.split('--')[0];
      // A score does not identify the unit: a bad unit code is refused by validation (and sealing),
      // while the live score goes on and the page shows the code's check beside the field.
      const got = refusals(kind, new Uint8Array(readFileSync(join(dir, name))));
      for (const e of code === 'E_UNIT_CODE' ? got.slice(0, 1) : got) {
        if (!(e instanceof Error) || e.code !== code || !e.message || typeof e.path !== 'string' || !e.display?.startsWith(`[${code}]`)) {
          wrong.push(`${name}: ${e ? `${e.constructor.name} ${e.code} ${e.message}` : 'accepted'}`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
}

test('bad inputs: the catalogue has at least 40 files', () => {
  const n = Object.keys(readAs)
    .map((k) => join(ROOT, 'tests', 'bad_inputs', k))
    .filter(existsSync)
    .reduce((s, d) => s + readdirSync(d).length, 0);
  assert.ok(n >= 40, `${n} files`);
});

test('bad inputs: a document over the size limit is refused before parsing', () => {
  const limit = cd.maxInputBytes();
  assert.equal(limit, 16 * 1024 * 1024);
  // Valid JSON, only too large: a reader that parsed first would accept it.
  const text = `{"schema":"cyberduty.rubric/1","description":"${'x'.repeat(limit)}"}`;
  for (const kind of ['rubric', 'assessment', 'incident', 'export']) {
    for (const e of refusals(kind, new TextEncoder().encode(text))) {
      assert.equal(e?.code, 'E_INPUT_TOO_LARGE', `${kind}: ${e?.message}`);
      assert.match(e.message, /16 MiB/);
    }
  }
});
