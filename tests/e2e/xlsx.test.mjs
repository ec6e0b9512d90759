// The Excel buttons of dist/cyberduty.html over file://: 下载Excel自评表 gives the CLI's template byte
// for byte; filled with openpyxl (a real third-party library, tests/xlsx/fill.py) and imported with
// 导入Excel自评表 it gives the CLI's total; a template with mistakes lists every one by row and column;
// the aggregation's 下载Excel is the CLI's `aggregate --xlsx` byte for byte.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { launch, openGuarded, ready, cli, download, chooseFile, ROOT, OUT } from './helpers.mjs';

const PYTHON = process.env.CYBERDUTY_PYTHON || join(process.env.CYBERDUTY_VENV || join(homedir(), '.cache', 'cyberduty', 'venv'), 'bin', 'python');
const FILL = join(ROOT, 'tests', 'xlsx', 'fill.py');
const RUBRIC = join(ROOT, 'rubrics', 'default.json');
const DIR = join(OUT, 'xlsx');

let browser;
before(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  // Fails loudly without openpyxl (scripts/setup.sh installs it): never skipped.
  execFileSync(PYTHON, ['-c', 'import openpyxl']);
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function scoreTab() {
  const opened = await openGuarded(browser);
  await ready(opened.page);
  return opened;
}

test('xlsx: the page template is the CLI template; filled with openpyxl and imported, it scores as the CLI scores the JSON', async () => {
  const { page, guard } = await scoreTab();
  const got = await download(page, page.getByRole('button', { name: '下载Excel自评表' }), 'xlsx/page-template.xlsx');
  assert.match(got.suggested, /^自评表_.+\.xlsx$/);
  const native = join(DIR, 'cli-template.xlsx');
  execFileSync(cli(), ['template', '--xlsx', '-o', native, '--force']);
  assert.ok(readFileSync(got.path).equals(readFileSync(native)), 'page template = CLI template, byte for byte');

  const filled = join(DIR, '填好的自评表.xlsx');
  const expected = join(DIR, 'expected.json');
  execFileSync(PYTHON, [FILL, RUBRIC, got.path, filled, expected, 'good']);
  const cliScore = JSON.parse(execFileSync(cli(), ['score', expected, '--json'], { encoding: 'utf8' }));
  await chooseFile(page, page.getByRole('button', { name: '导入Excel自评表…' }), filled);
  await page.locator('.cd-banner', { hasText: '已导入 Excel 自评表' }).waitFor();
  assert.equal(await page.locator('[data-testid="total"]').textContent(), cliScore.total.toFixed(2));
  assert.equal(await page.locator('[data-testid="grade"]').textContent(), cliScore.grade);
  // What 保存进度 downloads is the JSON openpyxl's filling stands for.
  const saved = await download(page, page.getByRole('button', { name: '保存进度' }), 'xlsx/saved.json');
  assert.deepEqual(JSON.parse(readFileSync(saved.path, 'utf8')), JSON.parse(readFileSync(expected, 'utf8')));
  await page.screenshot({ path: join(OUT, 'xlsx-imported.png') });
  guard.check();
});

test('xlsx: a template with mistakes is not imported; every problem is listed by row and column', async () => {
  const { page, guard } = await scoreTab();
  const template = join(DIR, 't.xlsx');
  execFileSync(cli(), ['template', '--xlsx', '-o', template, '--force']);
  const bad = join(DIR, 'bad.xlsx');
  execFileSync(PYTHON, [FILL, RUBRIC, template, bad, '-', 'bad']);
  const before = await page.locator('[data-testid="total"]').textContent();
  await chooseFile(page, page.getByRole('button', { name: '导入Excel自评表…' }), bad);
  const list = page.locator('[data-testid="xlsx-problems"] li');
  await list.first().waitFor();
  const items = await list.allTextContents();
  assert.equal(items.length, 9);
  assert.equal(items[1], '[E_XLSX_CELL] 工作表“自评表”第 12 行 H 列:“也许”无效,应为“是”或“否”');
  assert.equal(items[6], '[E_ANSWER_RANGE] 工作表“自评表”第 24 行 H 列:达标数 9 大于总数 4');
  assert.match(await page.locator('.cd-banner', { has: list.first() }).textContent(), /有 9 处问题,未导入/);
  assert.equal(await page.locator('[data-testid="total"]').textContent(), before, 'nothing changed');
  await page.screenshot({ path: join(OUT, 'xlsx-problems.png') });
  guard.check();
});

test('xlsx: the aggregation 下载Excel is the CLI `aggregate --xlsx`, byte for byte', async () => {
  const root = join(DIR, 'agg');
  mkdirSync(join(root, 'in'), { recursive: true });
  // A unit's answers, independent of the other tests: the template filled by openpyxl, as JSON.
  const template = join(root, 't.xlsx');
  execFileSync(cli(), ['template', '--xlsx', '-o', template, '--force']);
  execFileSync(PYTHON, [FILL, RUBRIC, template, join(root, 'filled.xlsx'), join(root, 'unit-assessment.json'), 'good']);
  execFileSync(cli(), ['export', join(root, 'unit-assessment.json'), '-o', join(root, 'in', 'unit.json'), '--generated-at', '2026-01-15T08:00:00Z', '--force']);
  writeFileSync(join(root, 'in', 'broken.json'), '{');
  const native = join(DIR, 'cli-aggregate.xlsx');
  execFileSync(cli(), ['aggregate', 'in', '--xlsx', native], { cwd: root });

  const { page, guard } = await scoreTab();
  await page.getByRole('tab', { name: '汇总分析' }).click();
  const pick = page.locator('.cd-drop[data-role="current"]').getByRole('button', { name: '选择文件夹' });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), pick.click()]);
  await chooser.setFiles(join(root, 'in'));
  await page.locator('[data-testid="progress-text"]', { hasText: '已核验 2 个文件' }).waitFor();
  const got = await download(page, page.getByRole('button', { name: '下载Excel' }), 'xlsx/page-aggregate.xlsx');
  assert.match(got.suggested, /^汇总分析_.+\.xlsx$/);
  assert.ok(readFileSync(got.path).equals(readFileSync(native)), 'page workbook = CLI workbook, byte for byte');
  const sheets = execFileSync(PYTHON, ['-c', `import openpyxl; print(openpyxl.load_workbook(${JSON.stringify(got.path)}).sheetnames)`], { encoding: 'utf8' });
  assert.equal(sheets.trim(), "['排名', '共性薄弱指标', '文件核验', '各单位明细']");
  await page.screenshot({ path: join(OUT, 'xlsx-aggregate.png') });
  guard.check();
});
