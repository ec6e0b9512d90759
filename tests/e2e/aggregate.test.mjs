// 汇总分析 in dist/cyberduty.html over file://: a generated batch (tests/e2e/batch.mjs — a few
// hundred CLI exports plus truncated, forged, edited, foreign-rubric, duplicated, inconsistent,
// empty, oversized and not-JSON files, and a unit named with markup) loaded as folders through the
// picker, and files dropped on the page. Every file's outcome and code, the ranking and every
// statistic must equal `cyberduty aggregate --json` on the same folders; the CSV must be the CLI's
// byte for byte; the statistics are also recomputed here from the ranking. Nothing from a file may
// run: no dialog, no <img>. Every test asserts zero network requests and no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, cli, download, OUT } from './helpers.mjs';
import { makeBatch, XSS_NAME } from './batch.mjs';

let browser;
let batch;
let native;
let nativeCsv;
before(async () => {
  const started = Date.now();
  [browser, batch] = await Promise.all([launch(), makeBatch(join(OUT, 'batch'))]);
  // The CLI from the batch's folder, so its paths (batch/…, prev/…) are the page's relative paths.
  const run = (...args) => execFileSync(cli(), ['aggregate', 'batch', '--previous', 'prev', ...args], { cwd: batch.root, maxBuffer: 1 << 28 });
  native = JSON.parse(run('--json').toString('utf8'));
  nativeCsv = run('--csv');
  console.log(`batch: ${batch.expected.size} files generated and aggregated by the CLI in ${Date.now() - started} ms`);
});
after(async () => {
  await browser?.close();
});

const fixed2 = (n) => (n === null ? '—' : n.toFixed(2));

/** A guarded page on the 汇总分析 tab; any dialog (alert …) is recorded — there must be none. */
async function aggregateTab() {
  const opened = await openGuarded(browser);
  const dialogs = [];
  opened.page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  await ready(opened.page);
  await opened.page.getByRole('tab', { name: '汇总分析' }).click();
  return { ...opened, dialogs };
}

async function chooseFolder(page, role, dir) {
  const button = page.locator(`.cd-drop[data-role="${role}"]`).getByRole('button', { name: '选择文件夹' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(dir);
}

/** Independent statistics of the ranked totals (floating point, compared to the hundredth). */
function statistics(totals) {
  const n = totals.length;
  const sorted = [...totals].sort((a, b) => a - b);
  const mean = totals.reduce((s, t) => s + t, 0) / n;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  const sd = Math.sqrt(totals.reduce((s, t) => s + (t - mean) ** 2, 0) / n);
  return { mean, median, min: sorted[0], max: sorted[n - 1], sd };
}

test('aggregate: folders chosen in the page give every file the CLI outcome, and the same ranking, statistics and CSV', async () => {
  const { page, guard, dialogs } = await aggregateTab();
  // The page must hand control back between chunks (so it stays responsive): a timer task of its
  // own samples the progress text, and sees many intermediate counts only if the batch yields. The
  // longest task is printed as a figure, not asserted: its length is the machine's load, not ours.
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ entryTypes: ['longtask'] });
    window.progressSeen = new Set();
    const el = document.querySelector('[data-testid="progress-text"]');
    const sample = () => {
      const m = /(\d+) \/ (\d+)/.exec(el.textContent || '');
      if (m) window.progressSeen.add(Number(m[1]));
      setTimeout(sample, 0);
    };
    sample();
  });
  const started = Date.now();
  await chooseFolder(page, 'current', batch.batch);
  await chooseFolder(page, 'previous', batch.prev);
  const total = batch.expected.size;
  await page.locator('[data-testid="progress-text"]', { hasText: `已核验 ${total} 个文件` }).waitFor({ timeout: 60_000 });
  const ms = Date.now() - started;
  const longest = await page.evaluate(() => Math.max(0, ...window.longTasks));
  const progressCounts = await page.evaluate(() => [...window.progressSeen].filter((k) => k > 0));
  const final = await page.locator('[data-testid="progress-text"]').textContent();
  console.log(`page: ${total} files read and checked in ${ms} ms from the first choice (${final}); longest task ${longest.toFixed(0)} ms; ${progressCounts.length} intermediate counts seen`);
  assert.ok(total > 16 * 10, 'the batch spans more than ten chunks');
  assert.ok(progressCounts.length >= 10, `the page yields between chunks: a timer saw ${progressCounts.length} intermediate counts (${progressCounts.slice(0, 5)}…)`);
  assert.ok(progressCounts.every((k) => k < total), 'intermediate counts are below the total');

  // The whole result, downloaded as JSON, is the CLI's field for field (paths included).
  const json = await download(page, page.getByRole('button', { name: '下载完整结果 JSON' }), 'aggregate-page.json');
  assert.match(json.suggested, /^汇总分析_\d{8}-\d{4}\.json$/);
  const ours = JSON.parse(readFileSync(json.path, 'utf8'));
  assert.deepEqual(ours, native, 'the page JSON equals cyberduty aggregate --json');

  // Every input file exactly once, each with the outcome and code it must have.
  assert.equal(ours.files.length, total);
  const seen = new Map(ours.files.map((f) => [f.path, f]));
  assert.equal(seen.size, total, 'no file twice');
  for (const [path, want] of batch.expected) {
    const got = seen.get(path);
    assert.ok(got, `${path} has an outcome`);
    assert.deepEqual({ status: got.status, code: got.code }, want, path);
    assert.ok(got.message.length > 0, `${path} has a Chinese message`);
  }
  assert.ok(!seen.has('batch/说明.txt') && !seen.has('batch/sub/.hidden.json'), 'only visible *.json files in folders');
  const counts = await page.locator('[data-testid="counts"]').textContent();
  assert.equal(counts, `文件共 ${total} 个:接收 ${native.summary.files.accepted}退回 ${native.summary.files.rejected}重复 ${native.summary.files.duplicate}`);
  assert.deepEqual(native.summary.files, { accepted: 340, rejected: 9, duplicate: 2 });

  // The table shows the problems first (the default filter) with the core's codes and messages.
  const problems = ours.files.filter((f) => f.code !== 'OK');
  const rows = page.locator('[data-testid="files"] tbody tr');
  assert.equal(await rows.count(), problems.length);
  for (const f of problems) {
    const row = page.locator(`[data-testid="files"] tbody tr[data-path="${f.path}"]`);
    assert.equal(await row.getAttribute('data-code'), f.code, f.path);
    assert.ok((await row.textContent()).includes(f.message), `${f.path}: message shown`);
  }
  // A rejected file's message names the field as the core does; code and path behind 详情.
  const a8 = page.locator('[data-testid="files"] tbody tr[data-path="batch/bad-article8.json"] .cd-file-message');
  assert.match(await a8.locator('.cd-problem-text').textContent(), /^「本考核期内发生实施办法第八条所列情形之一」:前后矛盾/);
  assert.equal(await a8.locator('.cd-problem-code').isVisible(), false);
  assert.match(await a8.locator('details').textContent(), /E_EXPORT_ARTICLE8 · 位置 \$\.assessment\.answers\["veto\.art8"\]$/);
  await page.getByLabel('显示:').selectOption('all');
  assert.equal(await rows.count(), 200, 'the first 200 of all files');
  await page.locator('.cd-more').first().getByRole('button', { name: '显示全部' }).click();
  assert.equal(await rows.count(), total);

  // Statistics shown = the core's, and = an independent computation from the ranked totals.
  const s = native.summary;
  for (const [key, value] of [['count', String(s.count)], ['incomplete', String(s.incomplete)], ['mean', fixed2(s.mean)],
    ['median', fixed2(s.median)], ['max', fixed2(s.max)], ['min', fixed2(s.min)], ['std', fixed2(s.std_dev_population)]]) {
    assert.equal(await page.locator(`[data-testid="stat-${key}"]`).textContent(), value, key);
  }
  const mine = statistics(native.units.map((u) => u.total));
  assert.equal(s.count, 300);
  for (const [k, v] of [['mean', s.mean], ['median', s.median], ['min', s.min], ['max', s.max], ['sd', s.std_dev_population]]) {
    assert.ok(Math.abs(mine[k] - v) <= 0.005 + 1e-9, `${k}: ${mine[k]} vs ${v}`);
  }
  // Ranking: units without a veto first, then vetoed ones (each with its reason in 备注); within
  // each by total (desc) then unit code; equal totals share a rank.
  assert.ok(native.units.some((u) => u.vetoed) && native.units.some((u) => !u.vetoed));
  native.units.forEach((u, i) => {
    const prev = native.units[i - 1];
    assert.equal(u.remark.startsWith('一票否决('), u.vetoed, `remark at ${i}`);
    if (prev) {
      const same = prev.vetoed === u.vetoed && prev.total === u.total;
      assert.ok((!prev.vetoed && u.vetoed) || (prev.vetoed === u.vetoed && (prev.total > u.total || (same && prev.code < u.code))), `order at ${i}`);
      assert.equal(u.rank, same ? prev.rank : i + 1, `rank at ${i}`);
    } else assert.equal(u.rank, 1);
  });
  assert.equal(s.grades.reduce((n, g) => n + g.count, 0), s.count);
  assert.equal(s.histogram.reduce((n, b) => n + b.count, 0), s.count);
  assert.ok(s.grades.every((g) => g.count > 0), 'every grade occurs in the batch');
  assert.equal(s.vetoed.length, native.units.filter((u) => u.vetoed).length);
  assert.ok(s.changes && s.changes.improved + s.changes.declined + s.changes.unchanged === 40, 'the 40 units of the previous period are compared');

  // The ranking table, with the change column, and the unit named with markup shown as text.
  const ranking = page.locator('[data-testid="ranking"] tbody tr');
  assert.equal(await ranking.count(), 200);
  await page.locator('.cd-more').last().getByRole('button', { name: '显示全部' }).click();
  assert.equal(await ranking.count(), 300);
  // The page's 备注 is the core's, and a vetoed unit stands where the JSON and CSV put it.
  const firstVetoed = native.units.findIndex((u) => u.vetoed);
  const vetoedRow = ranking.nth(firstVetoed);
  assert.equal(await vetoedRow.getAttribute('data-code'), native.units[firstVetoed].code);
  assert.equal(await vetoedRow.locator('.cd-remark').textContent(), native.units[firstVetoed].remark);
  const top = native.units[0];
  assert.equal((await ranking.first().locator('td').allTextContents()).slice(0, 6).join('|'),
    [String(top.rank), top.name, top.code, top.period, fixed2(top.total), top.grade].join('|'));
  const xss = native.units.find((u) => u.name === XSS_NAME);
  assert.ok(xss, 'the unit with markup in its name was accepted');
  const xssRow = page.locator(`[data-testid="ranking"] tbody tr[data-code="${xss.code}"]`);
  assert.equal(await xssRow.locator('.cd-unit-name').textContent(), XSS_NAME);
  assert.equal(await page.locator('img').count(), 0, 'no <img> element was created');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img').length), 0);
  const changed = native.units.find((u) => u.change);
  assert.equal(await page.locator(`[data-testid="ranking"] tbody tr[data-code="${changed.code}"] td`).nth(7).textContent(),
    `${changed.change.delta > 0 ? '+' : ''}${fixed2(changed.change.delta)}`);

  // Charts and lists: histogram columns, grade bars, weakest indicators.
  assert.equal(await page.locator('.cd-histogram .cd-chart-col').count(), s.histogram.length);
  const weakest = native.items.filter((it) => it.units_lost > 0).slice(0, 10);
  const wrows = page.locator('[data-testid="weakest"] tbody tr');
  assert.equal(await wrows.count(), weakest.length);
  assert.equal(await wrows.first().getAttribute('data-item'), weakest[0].id);
  assert.equal(await page.locator('[data-testid="vetoed"] li').count(), s.vetoed.length);
  assert.match(await page.locator('[data-testid="changes"]').textContent(), new RegExp(`上升 ${s.changes.improved} 个,下降 ${s.changes.declined} 个`));

  // The CSV is the core's, BOM and all, byte for byte the CLI's.
  const csv = await download(page, page.getByRole('button', { name: '下载排名 CSV' }), 'aggregate-page.csv');
  const bytes = readFileSync(csv.path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  assert.ok(bytes.equals(nativeCsv), 'the page CSV equals cyberduty aggregate --csv');

  // The first screen of results (a full-page shot of 650 table rows would take seconds).
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(OUT, 'aggregate.png') });
  assert.deepEqual(dialogs, [], 'no dialog opened');
  guard.check();
});

test('aggregate: files dropped on the page are checked; a reference rubric file and clearing the list re-run the batch', async () => {
  const { page, guard, dialogs } = await aggregateTab();
  const names = ['batch/unit-0001.json', 'batch/unit-0002.json', 'batch/bad-foreign-rubric.json', 'batch/bad-edited-answer.json'];
  const files = names.map((n) => ({ name: n.split('/').pop(), text: readFileSync(join(batch.root, n), 'utf8') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'application/json' }));
    const zone = document.querySelector('.cd-drop[data-role="current"]');
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.locator('[data-testid="progress-text"]', { hasText: '已核验 4 个文件' }).waitFor();
  assert.equal(await page.locator('[data-testid="current-count"]').textContent(), '已选 4 个文件');
  const code = (name) => page.locator(`[data-testid="files"] tbody tr[data-path="${name}"]`).getAttribute('data-code');
  assert.equal(await code('bad-foreign-rubric.json'), 'E_EXPORT_FOREIGN_RUBRIC');
  assert.equal(await code('bad-edited-answer.json'), 'E_EXPORT_DIGEST');

  // Against the other department's rubric: that file is accepted, the default-rubric ones are not.
  const rubric = join(batch.root, 'src', 'foreign-rubric.json');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '选择细则文件…' }).click()]);
  await chooser.setFiles(rubric);
  await page.locator('[data-testid="reference"]', { hasText: 'foreign-rubric.json' }).waitFor();
  await page.locator('[data-testid="counts"]', { hasText: '接收 1' }).waitFor();
  const json = await download(page, page.getByRole('button', { name: '下载完整结果 JSON' }), 'aggregate-dropped.json');
  const ours = JSON.parse(readFileSync(json.path, 'utf8'));
  const theirs = JSON.parse(execFileSync(cli(), ['aggregate', '--rubric', rubric, ...names, '--json'], { cwd: batch.root, encoding: 'utf8' }));
  const strip = (a) => ({ ...a, files: a.files.map(({ path, ...f }) => f), units: a.units.map(({ path, ...u }) => u) });
  assert.deepEqual(strip(ours), strip(theirs), 'same as the CLI, file paths aside');
  assert.deepEqual(ours.files.map((f) => f.code), ['E_EXPORT_FOREIGN_RUBRIC', 'E_EXPORT_FOREIGN_RUBRIC', 'OK', 'E_EXPORT_DIGEST']);

  // Back to the default rubric, then an empty list: the results go away.
  await page.getByRole('button', { name: '改用默认细则' }).click();
  await page.locator('[data-testid="counts"]', { hasText: '接收 2' }).waitFor();
  await page.locator('.cd-drop[data-role="current"]').getByRole('button', { name: '清空' }).click();
  await page.locator('.cd-agg-empty').waitFor();
  assert.deepEqual(dialogs, []);
  guard.check();
});
