// A generated batch of sealed exports for the aggregation tests, made with the native CLI
// (`cyberduty export --generated-at …`): a few hundred valid exports with varied answers on the
// default rubric, a previous period, and every kind of bad file a cadre department receives —
// truncated, re-signed after an edited total, edited in an answer without re-signing, built on
// another rubric, duplicated (a copy and an older export), inconsistent with its Article 8
// incidents, an assessment instead of an export, not JSON, empty, over the size limit — plus a
// unit whose name is markup. Re-signing is done here independently of the core: RFC 8785 canonical
// JSON (sorted keys, ECMAScript number form — what JSON.stringify writes) and SM3 from Node's
// OpenSSL; `resign` is checked against the CLI's own digest before it is used.

import { execFile as execFileCb, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync, truncateSync, openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import assert from 'node:assert/strict';
import { ROOT, cli } from './helpers.mjs';

const execFile = promisify(execFileCb);

export const XSS_NAME = '<img src=x onerror=alert(1)>';

/** RFC 8785 canonical JSON of a JSON value (objects: keys sorted by UTF-16 code units). */
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** `sm3:<hex>` over the canonical JSON of an export without its digest. */
export function digestOf(doc) {
  const { digest: _, ...rest } = doc;
  return `sm3:${createHash('sm3').update(canonical(rest), 'utf8').digest('hex')}`;
}

/** An export document re-signed after an edit: a forger who knows the format. */
export function resign(doc) {
  return { ...doc, digest: digestOf(doc) };
}

/** A small deterministic generator (an LCG), one per unit. */
function rng(seed) {
  let s = (seed * 2654435761 + 12345) >>> 0;
  return (m) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s >>> 8) % m;
  };
}

const DEFAULT_RUBRIC = JSON.parse(readFileSync(join(ROOT, 'rubrics', 'default.json'), 'utf8'));
const LEVELS = ['central', 'provincial', 'prefecture', 'county', 'township'];

export function unitCode(n) {
  const first17 = `91110000MA${String(n).padStart(7, '0')}`;
  // GB 32100-2015's check character, worked out here independently of the core.
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(first17[i]) * (3 ** i % 31);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

/** A unit's assessment on the default rubric, its answers drawn from `seed`. */
export function assessment(n, period, seed = n, { unanswered = 0, name } = {}) {
  const r = rng(seed);
  const answers = {};
  const items = DEFAULT_RUBRIC.dimensions.flatMap((d) => d.items);
  // How often this unit does an item fully right: from 30 % to 100 %, so every grade occurs.
  const quality = 30 + ((seed * 37) % 71);
  for (const item of items) {
    if (item.na_allowed && r(10) === 0) {
      answers[item.id] = { na: '本单位无此类系统' };
      continue;
    }
    const m = item.method;
    if (r(100) < quality) {
      const den = 1 + r(20);
      answers[item.id] = { check: { met: true }, levels: { level: 0 }, ratio: { numerator: den, denominator: den }, deduct: { count: 0 } }[m.kind];
      continue;
    }
    if (m.kind === 'check') answers[item.id] = { met: r(10) < 7 };
    else if (m.kind === 'levels') answers[item.id] = { level: r(m.levels.length) };
    else if (m.kind === 'ratio') {
      const den = 1 + r(20);
      answers[item.id] = { numerator: den - r(Math.ceil(den / 2) + 1), denominator: den };
    } else if (m.kind === 'deduct') answers[item.id] = { count: r(4) };
  }
  for (const v of DEFAULT_RUBRIC.vetoes) answers[v.id] = { triggered: false };
  if (n % 41 === 0) answers['veto.falsified'] = { triggered: true, note: '核查发现材料不实' };
  for (const b of DEFAULT_RUBRIC.bonus) {
    if (r(10) < 3) answers[b.id] = b.method.kind === 'levels' ? { level: r(b.method.levels.length) } : { met: true };
  }
  if (n % 7 === 3) answers[items[n % items.length].id].note = `第 ${n} 号单位的说明,见会议纪要`;
  for (let i = 0; i < unanswered; i += 1) delete answers[items[(n + i * 5) % items.length].id];
  return {
    schema: 'cyberduty.assessment/1',
    rubric: { id: DEFAULT_RUBRIC.id, version: DEFAULT_RUBRIC.version },
    unit: { name: name ?? `测试单位${n}号`, code: unitCode(n), level: LEVELS[n % LEVELS.length], region: '某省' },
    period,
    assessor: '张三',
    answers,
  };
}

function stamp(base, n) {
  const d = new Date(Date.parse(base) + n * 61_000);
  return d.toISOString().replace('.000Z', 'Z');
}

/** Run tasks with at most `limit` at once. */
async function pool(tasks, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const t = tasks[next];
      next += 1;
      await t();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/**
 * Build the batch under `root` (emptied first): `root/batch/` (this period, one sub-folder) and
 * `root/prev/` (the previous period). Returns the folders and, per file path relative to `root`,
 * the outcome it must get: {status, code}.
 */
export async function makeBatch(root, { units = 300, previous = 40 } = {}) {
  const bin = cli();
  rmSync(root, { recursive: true, force: true });
  const src = join(root, 'src');
  const batch = join(root, 'batch');
  const prev = join(root, 'prev');
  for (const d of [src, batch, join(batch, 'sub'), prev]) mkdirSync(d, { recursive: true });
  const expected = new Map();
  const jobs = [];
  const exportJob = (doc, out, at, extra = []) => async () => {
    const a = join(src, `${out.replace(/[\\/]/g, '_')}.assessment.json`);
    writeFileSync(a, JSON.stringify(doc));
    await execFile(bin, ['export', a, '--generated-at', at, '-o', join(root, out), '--force', ...extra], { cwd: ROOT });
  };

  for (let n = 1; n <= units; n += 1) {
    const rel = n % 3 === 0 ? `batch/sub/unit-${String(n).padStart(4, '0')}.json` : `batch/unit-${String(n).padStart(4, '0')}.json`;
    const unanswered = n % 17 === 0 ? 2 : 0;
    const doc = assessment(n, '2026', n, { unanswered, name: n === 7 ? XSS_NAME : undefined });
    jobs.push(exportJob(doc, rel, stamp('2026-01-10T08:00:00Z', n)));
    expected.set(rel, { status: 'accepted', code: unanswered ? 'W_INCOMPLETE' : 'OK' });
  }
  for (let n = 1; n <= previous; n += 1) {
    const rel = `prev/unit-${String(n).padStart(4, '0')}-2025.json`;
    jobs.push(exportJob(assessment(n, '2025', n + 5000), rel, stamp('2025-01-10T08:00:00Z', n)));
    expected.set(rel, { status: 'accepted', code: 'OK' });
  }
  // Material for the bad files, sealed by the CLI like the rest.
  const foreign = { ...DEFAULT_RUBRIC, title: `${DEFAULT_RUBRIC.title}(某部门改编版)` };
  const foreignPath = join(src, 'foreign-rubric.json');
  writeFileSync(foreignPath, JSON.stringify(foreign));
  jobs.push(exportJob(assessment(9001, '2026'), 'src/9001.json', stamp('2026-01-10T08:00:00Z', 9001)));
  jobs.push(exportJob(assessment(9002, '2026'), 'src/9002.json', stamp('2026-01-10T08:00:00Z', 9002)));
  jobs.push(exportJob(assessment(9003, '2026'), 'src/9003.json', stamp('2026-01-10T08:00:00Z', 9003)));
  jobs.push(exportJob(assessment(9004, '2026'), 'batch/bad-foreign-rubric.json', stamp('2026-01-10T08:00:00Z', 9004), ['--rubric', foreignPath]));
  const art8 = assessment(9005, '2026');
  delete art8.answers['veto.art8'];
  jobs.push(exportJob(art8, 'src/9005.json', stamp('2026-01-10T08:00:00Z', 9005),
    ['--incident', join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json')]));
  // Unit 6 sends again later with one answer changed: the earlier file is the duplicate.
  const older = assessment(6, '2026', 6);
  older.answers['org.roles'] = { met: !older.answers['org.roles'].met };
  jobs.push(exportJob(older, 'batch/zz-unit-0006-older.json', stamp('2026-01-09T08:00:00Z', 6)));
  await pool(jobs, 4);

  const read = (rel) => JSON.parse(readFileSync(join(root, rel), 'utf8'));
  const write = (rel, text) => writeFileSync(join(root, rel), text);
  const pretty = (doc) => `${JSON.stringify(doc, null, 2)}\n`;

  // The re-signing helper must reproduce the CLI's digest before it forges anything.
  const genuine = read('src/9002.json');
  assert.equal(digestOf(genuine), genuine.digest, 'JCS + SM3 here gives the CLI digest');

  const whole = readFileSync(join(root, 'src/9001.json'), 'utf8');
  write('batch/bad-truncated.json', whole.slice(0, Math.floor(whole.length / 2)));
  expected.set('batch/bad-truncated.json', { status: 'rejected', code: 'E_JSON_SYNTAX' });

  const edited = structuredClone(genuine);
  edited.score.total = Math.round((edited.score.total + 5) * 100) / 100;
  write('batch/bad-resigned-total.json', pretty(resign(edited)));
  expected.set('batch/bad-resigned-total.json', { status: 'rejected', code: 'E_EXPORT_SCORE_MISMATCH' });

  const answerEdited = read('src/9003.json');
  answerEdited.assessment.answers['org.roles'] = { met: !answerEdited.assessment.answers['org.roles'].met };
  write('batch/bad-edited-answer.json', pretty(answerEdited));
  expected.set('batch/bad-edited-answer.json', { status: 'rejected', code: 'E_EXPORT_DIGEST' });

  expected.set('batch/bad-foreign-rubric.json', { status: 'rejected', code: 'E_EXPORT_FOREIGN_RUBRIC' });

  // Article 8: the incident's situation is met, so the CLI set the veto; a forger clears it,
  // re-scores with the CLI so the score matches, and re-signs.
  const a8 = read('src/9005.json');
  assert.equal(a8.assessment.answers['veto.art8'].triggered, true, 'the export set the Article 8 veto');
  a8.assessment.answers['veto.art8'] = { triggered: false };
  const scratch = join(src, '9005-edited.assessment.json');
  const rubricPath = join(src, '9005-rubric.json');
  writeFileSync(scratch, JSON.stringify(a8.assessment));
  writeFileSync(rubricPath, JSON.stringify(a8.rubric));
  a8.score = JSON.parse(execFileSync(bin, ['score', scratch, '--rubric', rubricPath, '--json'], { encoding: 'utf8' }));
  write('batch/bad-article8.json', pretty(resign(a8)));
  expected.set('batch/bad-article8.json', { status: 'rejected', code: 'E_EXPORT_ARTICLE8' });

  write('batch/bad-assessment-not-export.json', JSON.stringify(assessment(9006, '2026')));
  expected.set('batch/bad-assessment-not-export.json', { status: 'rejected', code: 'E_SCHEMA_UNKNOWN' });
  write('batch/bad-not-json.json', '这不是 JSON 文件,而是一份 Word 文档另存的说明文字。\n');
  expected.set('batch/bad-not-json.json', { status: 'rejected', code: 'E_JSON_SYNTAX' });
  write('batch/sub/bad-empty.json', '');
  expected.set('batch/sub/bad-empty.json', { status: 'rejected', code: 'E_INPUT_EMPTY' });
  // One byte over 16 MiB (sparse: nothing is written), refused by size before it is read.
  const big = join(batch, 'bad-too-large.json');
  closeSync(openSync(big, 'w'));
  truncateSync(big, 16 * 1024 * 1024 + 1);
  expected.set('batch/bad-too-large.json', { status: 'rejected', code: 'E_INPUT_TOO_LARGE' });

  // Duplicates: an exact copy (same time: the smaller path is kept) and unit 6's older export.
  write('batch/zz-copy-of-unit-0005.json', readFileSync(join(root, 'batch/unit-0005.json'), 'utf8'));
  expected.set('batch/zz-copy-of-unit-0005.json', { status: 'duplicate', code: 'E_EXPORT_DUPLICATE' });
  expected.set('batch/zz-unit-0006-older.json', { status: 'duplicate', code: 'E_EXPORT_DUPLICATE' });

  // Not read at all: another extension, and a hidden file.
  write('batch/说明.txt', '汇总说明');
  write('batch/sub/.hidden.json', '{}');

  return { root, batch, prev, expected };
}
