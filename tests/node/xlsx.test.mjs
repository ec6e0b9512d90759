// The Excel template through the wasm binding (pkg/, in Node): Session.templateXlsx gives the CLI's
// bytes, Session.importXlsx reads them back, and bad workbooks come back as problems with codes —
// never a throw for bad content, never a trap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cd = await import(pathToFileURL(join(ROOT, 'pkg', 'cyberduty.js')).href);
cd.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });
const session = new cd.Session(null);

test('templateXlsx is the CLI template byte for byte, and importXlsx reads it back unanswered', () => {
  const bytes = session.templateXlsx();
  assert.ok(bytes instanceof Uint8Array);
  execFileSync('cargo', ['build', '--quiet', '--locked', '--bin', 'cyberduty'], { cwd: ROOT, stdio: 'inherit' });
  const out = join(mkdtempSync(join(tmpdir(), 'cyberduty-xlsx-')), 't.xlsx');
  execFileSync(join(ROOT, 'target', 'debug', 'cyberduty'), ['template', '--xlsx', '-o', out]);
  assert.ok(Buffer.from(bytes).equals(readFileSync(out)));
  const r = session.importXlsx(bytes);
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.assessment.answers, {});
  assert.equal(r.assessment.rubric.id, 'cyberduty.default');
});

test('bad workbooks are problems with codes, not throws', () => {
  const codes = (bytes) => session.importXlsx(bytes).problems.map((p) => [p.code, p.row, p.column]);
  assert.deepEqual(codes(new TextEncoder().encode('{"schema":"cyberduty.assessment/1"}')), [['E_XLSX_ARCHIVE', 0, '']]);
  const t = session.templateXlsx();
  assert.deepEqual(codes(t.slice(0, 1000)), [['E_XLSX_ARCHIVE', 0, '']]);
  const other = new cd.Session(readFileSync(join(ROOT, 'tests', 'e2e', 'fixtures', 'rubric-test.json')));
  const mismatch = session.importXlsx(other.templateXlsx()).problems;
  assert.deepEqual(mismatch.map((p) => [p.code, p.sheet, p.row, p.column]), [['E_ASSESSMENT_RUBRIC_MISMATCH', '自评表', 3, 'B']]);
  assert.match(mismatch[0].message, /^工作表“自评表”第 3 行 B 列:/);
  // Not bytes at all: the binding's own type error.
  assert.throws(() => session.importXlsx(42), (e) => e.code === 'E_FIELD_TYPE');
});
