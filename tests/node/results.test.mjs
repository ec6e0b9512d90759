// Results cross the boundary as JSON text (src/wasm/mod.rs `out`): every character comes back as
// written, whatever its UTF-8 length (a guard for any change to how that text is handed over).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cd = await import(pathToFileURL(join(ROOT, 'pkg', 'cyberduty.js')).href);
cd.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });

test('characters of 1 to 4 UTF-8 bytes, controls and quotes come back as written', () => {
  const session = new cd.Session(null);
  const rubric = cd.defaultRubric();
  const name = 'A\u00e9\u00ff\u0100\u07ff\u0800中\uffff\u{10000}😀\u{10ffff}"\\\n\u0001/ z';
  const assessment = { schema: 'cyberduty.assessment/1', rubric: { id: rubric.id, version: rubric.version },
    unit: { name, level: 'county' }, period: '2026', answers: {} };
  const r = session.score(assessment, null);
  assert.equal(r.assessment.unit.name, name);
});

test('the default rubric handed over as shipped is what the core gives for the same document read in', () => {
  // Session(null).rubric() and defaultRubric() return the shipped document itself (no serialiser at
  // load); a session built from that document's text serialises what it validated. Same text after
  // JSON.stringify: same values, same key order, so the page renders the same.
  const text = readFileSync(join(ROOT, 'rubrics', 'default.json'), 'utf8');
  const shipped = JSON.stringify(new cd.Session(null).rubric());
  assert.equal(shipped, JSON.stringify(new cd.Session(text).rubric()));
  assert.equal(JSON.stringify(cd.defaultRubric()), shipped);
  assert.equal(new cd.Session(null).digest(), new cd.Session(text).digest());
  assert.equal(JSON.parse(shipped).dimensions.flatMap((d) => d.items).length, 52);
});
