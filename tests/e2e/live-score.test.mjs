// The live score is the sealed score: with incidents meeting Article 8 in 本期事件, the score card
// shows the lowest grade and the Article 8 veto as triggered before anything is exported, and the
// file 导出上报文件 then seals has the card's total and grade. Zero network requests, no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, download, chooseFile, pkg, nameIn, OUT, ROOT } from './helpers.mjs';
import { assessment } from './batch.mjs';

// (04's 大面积个人信息泄露 is the user's answer since the shipped policy enables no interpretation: 06 meets (五).)
const INCIDENTS = ['01-prefecture-portal-defaced', '06-concealed-obstructed-supervision']
  .map((c) => join(ROOT, 'tests', 'vectors', 'incident', c, 'incident.json'));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('live score: two incidents meeting Article 8 give the lowest grade and the triggered veto before any export; the sealed file agrees', async () => {
  const core = await pkg();
  const V = core.vocabulary();
  // The lowest grade of the default rubric, as the rubric names it.
  const lowest = [...core.defaultRubric().grades].sort((a, b) => a.min - b.min)[0].name;
  for (const f of INCIDENTS) assert.equal(core.classify(readFileSync(f)).accountability.status, 'met', `${f} meets Article 8`);

  const { page, guard } = await openGuarded(browser);
  await ready(page);
  // A complete, good assessment (every veto answered "not triggered").
  const file = join(OUT, 'live-assessment.json');
  writeFileSync(file, JSON.stringify(assessment(23, '2026年度', 23)));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), file);
  await page.locator('[data-testid="progress"]', { hasText: '55 / 55' }).waitFor();
  const gradeBefore = await page.locator('[data-testid="grade"]').textContent();
  assert.notEqual(gradeBefore, lowest, `a good assessment is not ${lowest}`);
  const veto = page.locator('.cd-item[data-item-id="veto.art8"]');
  assert.equal(await veto.getAttribute('data-status'), 'clear');

  // Two incidents meeting Article 8 into 本期事件, on the incident tab.
  await page.getByRole('tab', { name: '事件研判' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入事件文件到本期…' }).click()]);
  await chooser.setFiles(INCIDENTS);
  await page.locator('.cd-period-item').nth(1).waitFor();
  await page.getByRole('tab', { name: '自评打分' }).click();

  // Before any export: the lowest grade, the veto triggered, the core's reason on the card.
  await page.locator('[data-testid="grade"]', { hasText: lowest }).waitFor();
  assert.ok(await page.locator('[data-testid="vetoed"]').isVisible(), 'the card says a veto is triggered');
  assert.equal(await veto.getAttribute('data-status'), 'triggered');
  assert.equal(await veto.locator('.cd-item-status').textContent(), nameIn(V.veto_status, 'triggered'));
  assert.match(await page.locator('[data-testid="auto-vetoes"]').textContent(), /第八条/);
  assert.match(await page.locator('.cd-export-body').textContent(), /尚未导出/);
  const total = await page.locator('[data-testid="total"]').textContent();
  const grade = await page.locator('[data-testid="grade"]').textContent();
  await page.screenshot({ path: join(OUT, 'live-score-vetoed.png') });

  // 导出上报文件: the sealed file's total and grade are the card's, and the card does not move.
  const got = await download(page, page.getByRole('button', { name: '导出上报文件' }), 'live-export.json');
  const doc = JSON.parse(readFileSync(got.path, 'utf8'));
  assert.equal(doc.incidents.length, 2);
  assert.equal(doc.score.total.toFixed(2), total);
  assert.equal(doc.score.grade, grade);
  assert.equal(doc.score.vetoed, true);
  assert.equal(await page.locator('[data-testid="total"]').textContent(), total);
  assert.equal(await page.locator('[data-testid="grade"]').textContent(), grade);
  assert.equal(await page.locator('[data-testid="export-status"]').getAttribute('data-same'), 'true');
  guard.check();
});

test('N/A on an item that does not allow it (a saved draft says so): sent, and the core’s refusal shown on that item', async () => {
  const core = await pkg();
  const rubric = core.defaultRubric();
  const item = rubric.dimensions.flatMap((d) => d.items).find((i) => !i.na_allowed);
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  // Written under an earlier release's key (no `/v2/`): the page migrates it on first read.
  const key = `cyberduty/score/draft/${rubric.id}@${rubric.version}`;
  await page.evaluate(({ key, id }) => {
    for (const k of Object.keys(localStorage)) localStorage.removeItem(k);
    localStorage.setItem(key, JSON.stringify({ unit: {}, items: { [id]: { na: true, reason: '本单位无此项' } } }));
  }, { key, id: item.id });
  await page.reload();
  await ready(page);
  const keys = await page.evaluate(() => Object.keys(localStorage));
  assert.ok(keys.includes(key.replace('cyberduty/', 'cyberduty/v2/')) && !keys.includes(key), keys.join(', '));
  const card = page.locator(`.cd-item[data-item-id="${item.id}"]`);
  await card.locator('.cd-item-error', { hasText: 'E_ANSWER_NA_NOT_ALLOWED' }).waitFor();
  assert.equal(await card.getAttribute('data-status'), 'error');
  // Issue 14: the refused answer is left out and the rest of the total still shows.
  assert.equal(await page.locator('[data-testid="total"]').textContent(), '0.00');
  assert.match(await page.locator('[data-testid="invalid-count"]').textContent(), /^1 项输入有误/);
  // The card offers the N/A box, so the user can take it back: then the page scores again.
  await card.getByRole('checkbox', { name: core.vocabulary().na.label }).uncheck();
  await page.locator('[data-testid="invalid-count"]').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid="total"]').textContent(), '0.00');
  assert.equal(await card.locator('.cd-item-error').isVisible(), false);
  guard.check();
});
