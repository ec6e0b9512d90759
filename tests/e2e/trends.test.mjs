// Issue 12, items 1, 4 and 5 in the page: aggregate three periods (2024, 2025, 2026) and see an item
// lost two years running in 历年趋势 (as `cyberduty aggregate --json` reports it), with the
// dimension lines drawn; a 整改台账 suggesting the notified-problem counts, taken with one click;
// 开始下一考核期 resetting every answer but keeping notes as references; the ledger carried forward.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, cli, chooseFile, fixture, OUT, PAGE_URL } from './helpers.mjs';

const DIR = join(OUT, 'trends');
const CODE = '91350100M000100Y43';
let browser;
const files = {};

/** Every item answered at full marks, vetoes not triggered, bonus not met — then `lost` items failed. */
function assessment(rubric, period, lost, note) {
  const answers = {};
  for (const d of rubric.dimensions) {
    for (const i of d.items) {
      const m = i.method.kind;
      answers[i.id] = m === 'check' ? { met: true } : m === 'levels' ? { level: 0 } : m === 'ratio' ? { numerator: 1, denominator: 1 } : { count: 0 };
    }
  }
  for (const v of rubric.vetoes) answers[v.id] = { triggered: false };
  for (const b of rubric.bonus) answers[b.id] = b.method.kind === 'levels' ? { level: b.method.levels.length - 1 } : { met: false };
  for (const id of lost) answers[id] = { met: false };
  if (note) answers['org.roles'].note = note;
  return { schema: 'cyberduty.assessment/1', rubric: { id: rubric.id, version: rubric.version }, unit: { name: '某市某局', code: CODE }, period, answers };
}

before(async () => {
  mkdirSync(DIR, { recursive: true });
  browser = await launch();
  const rubric = JSON.parse(execFileSync(cli(), ['rubric'], { encoding: 'utf8' }));
  // org.plan lost in 2025 and 2026 (two years running); org.body lost in 2024 only.
  const plan = { 2024: ['org.body'], 2025: ['org.plan'], 2026: ['org.plan'] };
  for (const year of ['2024', '2025', '2026']) {
    const a = join(DIR, `a${year}.json`);
    writeFileSync(a, JSON.stringify(assessment(rubric, year, plan[year], year === '2026' ? '已发文明确第一责任人' : null)));
    files[`a${year}`] = a;
    files[`e${year}`] = join(DIR, `e${year}.cyberduty.json`);
    execFileSync(cli(), ['export', a, '--generated-at', `${year}-12-20T08:00:00Z`, '-o', files[`e${year}`], '--force',
      ...(year === '2026' ? ['--ledger', fixture('ledger-sample.json')] : [])]);
  }
});
after(async () => {
  await browser?.close();
});

test('three periods aggregated: an item lost two years running, the trend lines and the overdue count', async () => {
  const native = JSON.parse(execFileSync(cli(), ['aggregate', files.e2026, '--previous', files.e2025, '--previous', files.e2024, '--json'], { encoding: 'utf8' }));
  assert.deepEqual(native.trends.periods, ['2024', '2025', '2026']);
  assert.deepEqual(native.trends.lost_running.map((l) => [l.item, l.periods, l.ongoing]), [['org.plan', ['2025', '2026'], true]]);
  assert.equal(native.units[0].overdue, 2);

  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '汇总分析' }).click();
  await chooseFile(page, page.getByRole('button', { name: '本期上报文件:选择文件', exact: true }), files.e2026);
  const prev = page.getByRole('button', { name: /^往期上报文件.*:选择文件$/ });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), prev.click()]);
  await chooser.setFiles([files.e2025, files.e2024]);

  const runs = page.locator('[data-testid="lost-running"] tbody tr');
  await runs.first().waitFor({ timeout: 15_000 });
  assert.equal(await runs.count(), 1);
  assert.equal(await runs.first().getAttribute('data-item'), 'org.plan');
  const cells = await runs.first().locator('td').allTextContents();
  assert.deepEqual(cells, ['某市某局', CODE, '印发年度网络安全工作计划', '2025、2026', '仍在失分']);
  // One line per dimension of the default rubric, each with a dot per period.
  const chart = page.locator('[data-testid="trend-chart"] svg');
  assert.equal(await chart.locator('g.cd-line').count(), native.trends.dimensions.length);
  assert.equal(await chart.locator('g.cd-line').first().locator('circle').count(), 3);
  assert.equal(await page.locator('[data-testid="ranking"] td.cd-overdue').first().textContent(), '2');
  await page.locator('[data-testid="trend-chart"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'trends.png'), fullPage: false });
  guard.check();
});

test('the ledger suggests the notified-problem counts; one click takes them', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '整改台账' }).click();
  await chooseFile(page, page.getByRole('button', { name: '打开台账文件…' }), fixture('ledger-sample.json'));
  await page.getByRole('tab', { name: '自评打分' }).click();
  await page.getByRole('textbox', { name: '考核期', exact: true }).fill('2026');
  const card = page.locator('[data-item-id="tech.notified"]');
  const take = card.getByRole('button', { name: '采用建议(3)' });
  await take.waitFor({ timeout: 10_000 });
  // Never applied silently: the count is still empty until the click.
  assert.equal(await card.locator('input[type=text]').inputValue(), '');
  await take.click();
  assert.equal(await card.locator('input[type=text]').inputValue(), '3');
  assert.match(await card.locator('.cd-suggest').textContent(), /已与台账一致/);
  await page.screenshot({ path: join(OUT, 'ledger-suggestion.png') });
  guard.check();
});

test('开始下一考核期 resets every answer, keeps the unit and last period notes; the ledger carries open entries', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), files.a2026);
  await page.getByRole('button', { name: '开始下一考核期…' }).click();
  await page.getByRole('textbox', { name: '下一考核期', exact: true }).fill('2026');
  await page.getByRole('button', { name: '开始', exact: true }).click();
  assert.match(await page.locator('.cd-next-period .cd-item-error').textContent(), /应在本考核期/);
  await page.getByRole('textbox', { name: '下一考核期', exact: true }).fill('2027');
  await page.getByRole('button', { name: '开始', exact: true }).click();
  assert.equal(await page.getByRole('textbox', { name: '考核期', exact: true }).inputValue(), '2027');
  assert.equal(await page.getByRole('textbox', { name: '统一社会信用代码', exact: true }).inputValue(), CODE);
  // No answer survives — not even a veto's 否.
  assert.equal(await page.locator('.cd-item input[type=radio]:checked').count(), 0);
  assert.equal(await page.locator('.cd-item[data-status="missing"]').count(), await page.locator('.cd-item').count());
  assert.match(await page.locator('[data-item-id="org.roles"] .cd-carried').textContent(), /上期\(2026\)备注:已发文明确第一责任人/);
  await page.locator('[data-item-id="org.roles"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'next-period.png') });

  await page.getByRole('tab', { name: '整改台账' }).click();
  await chooseFile(page, page.getByRole('button', { name: '打开台账文件…' }), fixture('ledger-sample.json'));
  await page.getByRole('button', { name: '结转到下一考核期' }).click();
  assert.match(await page.locator('.cd-banner').filter({ hasText: '已结转' }).textContent(), /保留未办结事项 3 项,已反馈的 0 项不再结转/);
  guard.check();
});

test('a draft kept under the default rubric 2026.2 still opens under 2026.3 (the old entry is left in place)', async () => {
  const { page, ctx, guard } = await openGuarded(browser, null, { allowed: [PAGE_URL] });
  const key = 'cyberduty/v2/score/draft/cyberduty.default@2026.2';
  // Stored before the page first runs, as an earlier release left it.
  await page.addInitScript((k) => {
    if (!localStorage.getItem('seeded')) {
      localStorage.setItem(k, JSON.stringify({ unit: { name: '旧草稿单位' }, period: '2026', items: { 'org.roles': { choice: 'yes', note: '升级前填写' } } }));
      localStorage.setItem('seeded', '1');
    }
  }, key);
  await page.goto(PAGE_URL);
  await ready(page);
  assert.equal(await page.getByRole('textbox', { name: '单位名称', exact: true }).inputValue(), '旧草稿单位');
  assert.equal(await page.locator('[data-item-id="org.roles"] textarea').inputValue(), '升级前填写');
  assert.ok(await page.evaluate((k) => localStorage.getItem(k) !== null, key));
  guard.check();
  await ctx.close();
});
