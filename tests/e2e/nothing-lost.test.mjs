// Nothing lost (issue 6, item 3), in dist/cyberduty.html over file://: every answer, the incident
// being edited, the period's incidents and the latest export survive a reload and a closed tab; a
// full local storage is announced with a banner whose 保存进度 button downloads the answers while
// the form keeps them; every v1 file in tests/vectors (scores, incidents, exports) still opens.
// Zero network requests, no console error, no dialog.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, download, chooseFile, readJson, vocabulary, nameIn, OUT, ROOT, PAGE_URL } from './helpers.mjs';
import { assessment } from './batch.mjs';

const VECTORS = join(ROOT, 'tests', 'vectors');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Close every banner, so the next one waited for is new. */
async function clearBanners(page) {
  const close = page.locator('.cd-banner:visible .cd-banner-close');
  while (await close.count()) await close.first().click();
}

function noDialogs(page) {
  const dialogs = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  return dialogs;
}

/**
 * Everything a user could lose, read from the page: every control of every tab (hidden ones too),
 * the period's incidents, the export box, the selected tab.
 */
async function everything(page) {
  return page.evaluate(() => {
    const controls = (root) => [...root.querySelectorAll('input, textarea, select')]
      .filter((el) => el.type !== 'file')
      .map((el) => (el.type === 'radio' || el.type === 'checkbox' ? `${el.type}:${el.checked}` : `${el.tagName}:${el.value}`));
    return {
      score: controls(document.querySelector('.cd-tab-score')),
      incident: controls(document.querySelector('.cd-tab-incident .cd-form')),
      period: [...document.querySelectorAll('.cd-period-item')].map((li) => li.textContent),
      exported: document.querySelector('.cd-export-body').textContent,
      total: document.querySelector('[data-testid="total"]').textContent,
      tab: document.querySelector('.cd').dataset.tab,
    };
  });
}

/** Fill the score tab from a generated assessment plus typing, an incident, the period list; export. */
async function fillEverything(page) {
  const file = join(OUT, 'nothing-lost-assessment.json');
  writeFileSync(file, JSON.stringify(assessment(21, '2026年度')));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), file);
  const unit = page.getByRole('region', { name: '单位信息' });
  await unit.getByLabel('所在地区').fill('某省某市某县');
  const first = page.locator('.cd-item').first();
  await first.getByLabel('备注').fill('会议纪要见附件 3');
  const unanswered = page.locator('.cd-item[data-item-id="bonus.commend"]');
  await unanswered.getByLabel('备注').fill('尚未作答时写下的备注');

  const tab = page.locator('.cd-tab-incident');
  await page.getByRole('tab', { name: '事件研判' }).click();
  await tab.getByLabel('事件名称').fill('门户网站首页被篡改');
  await tab.getByLabel('受影响对象类型').selectOption('party_gov_portal');
  await tab.getByRole('group', { name: (await vocabulary()).facts.find((f) => f.key === 'tampered').label, exact: true }).getByRole('radio', { name: '是', exact: true }).check();
  await page.getByRole('button', { name: '加入本期事件' }).click();
  await tab.getByLabel('事件名称').fill('门户网站首页被篡改(续报)');
  await page.getByRole('tab', { name: '自评打分' }).click();
  await download(page, page.getByRole('button', { name: '导出上报文件' }), 'nothing-lost-export.json');
  await page.locator('[data-testid="check-code"]').waitFor();
  await page.getByRole('tab', { name: '事件研判' }).click();
}

test('nothing lost: a reload restores every answer, the incident, the period list and the latest export', async () => {
  const { page, guard } = await openGuarded(browser);
  const dialogs = noDialogs(page);
  await ready(page);
  await fillEverything(page);
  const before = await everything(page);
  assert.equal(before.period.length, 1);
  assert.match(before.exported, /核对码/);
  assert.equal(before.tab, 'incident');
  await page.reload();
  await ready(page);
  assert.deepEqual(await everything(page), before, 'everything is back after a reload');
  assert.deepEqual(dialogs, []);
  guard.check();
});

test('nothing lost: a closed tab — a new tab of the same browser shows everything again', async () => {
  const { page, ctx, guard } = await openGuarded(browser);
  const dialogs = noDialogs(page);
  await ready(page);
  await fillEverything(page);
  const before = await everything(page);
  guard.check();
  await page.close();
  const again = await openGuarded(browser, PAGE_URL, { context: ctx });
  await ready(again.page);
  assert.deepEqual(await everything(again.page), before, 'everything is back in a new tab');
  assert.deepEqual(dialogs, []);
  again.guard.check();
  await ctx.close();
});

test('nothing lost: with local storage full, a banner offers 保存进度, which downloads the answers; the form keeps them', async () => {
  const { page, guard } = await openGuarded(browser);
  const dialogs = noDialogs(page);
  await ready(page);
  // Fill this origin's local storage to the last byte (no stub: the browser's own quota).
  const filled = await page.evaluate(() => {
    let size = 1 << 20;
    let n = 0;
    let bytes = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`fill-${n}`, 'x'.repeat(size));
        bytes += size;
        n += 1;
      } catch (e) {
        if (e.name !== 'QuotaExceededError') throw e;
        size = Math.floor(size / 2);
      }
    }
    return bytes;
  });
  assert.ok(filled > 1_000_000, `local storage filled (${filled} characters)`);
  const unit = page.getByRole('region', { name: '单位信息' });
  await unit.getByLabel('单位名称').fill('存储已满时填写的单位');
  await unit.getByLabel('统一社会信用代码').fill('11100000MB0000000P');
  const item = page.locator('.cd-item').first();
  await item.getByRole('radio').first().check();
  await item.getByLabel('备注').fill('这段备注写在本地存储已满之后');

  const banner = page.locator('.cd-banner-error', { hasText: '自动保存失败' });
  await banner.waitFor();
  const text = await banner.textContent();
  assert.match(text, /存储空间已满/);
  assert.match(text, /保存进度/);
  assert.equal(await banner.getByRole('button', { name: '保存事件' }).count(), 1, 'the incident can be saved from the banner too');
  const saved = await download(page, banner.getByRole('button', { name: '保存进度' }), 'storage-full-progress.json');
  const doc = readJson(saved.path);
  assert.equal(doc.schema, 'cyberduty.assessment/1');
  assert.equal(doc.unit.name, '存储已满时填写的单位');
  const id = await item.getAttribute('data-item-id');
  assert.equal(doc.answers[id].note, '这段备注写在本地存储已满之后');
  // The form still holds everything typed.
  assert.equal(await unit.getByLabel('单位名称').inputValue(), '存储已满时填写的单位');
  assert.equal(await item.getByLabel('备注').inputValue(), '这段备注写在本地存储已满之后');
  assert.ok(await item.getByRole('radio').first().isChecked());
  await page.screenshot({ path: join(OUT, 'storage-full.png') });
  assert.deepEqual(dialogs, []);
  guard.check();
});

test('nothing lost: every v1 file in tests/vectors still opens — scores, incidents and exports', async () => {
  const { page, guard } = await openGuarded(browser);
  const dialogs = noDialogs(page);
  await ready(page);
  const open = page.getByRole('button', { name: '打开自评表…' });
  const scores = readdirSync(join(VECTORS, 'score')).sort();
  for (const v of scores) {
    const dir = join(VECTORS, 'score', v);
    const want = readJson(join(dir, 'expected.json'));
    await clearBanners(page);
    await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), join(dir, 'rubric.json'));
    await page.locator('.cd-banner-info', { hasText: '已改用细则' }).waitFor();
    await chooseFile(page, open, join(dir, 'assessment.json'));
    await page.locator('.cd-banner-info', { hasText: '已打开自评表' }).waitFor();
    assert.equal(await page.locator('[data-testid="total"]').textContent(), want.total.toFixed(2), `${v}: total`);
    assert.equal(await page.locator('[data-testid="grade"]').textContent(), want.grade, `${v}: grade`);
    assert.equal(await page.locator('[data-testid="progress"]').textContent(), `${want.answered} / ${want.answerable}`, `${v}: progress`);
  }

  await page.getByRole('tab', { name: '事件研判' }).click();
  const tab = page.locator('.cd-tab-incident');
  const incidents = readdirSync(join(VECTORS, 'incident')).sort();
  for (const f of incidents) {
    const want = readJson(join(VECTORS, 'incident', f, 'expected.json'));
    await clearBanners(page);
    await chooseFile(page, page.getByRole('button', { name: '打开事件文件…' }), join(VECTORS, 'incident', f, 'incident.json'));
    await page.locator('.cd-banner-info', { hasText: '已打开事件文件' }).waitFor();
    await tab.locator('.cd-side [data-testid="incident-grade"]', { hasText: nameIn((await vocabulary()).incident_grades, want.grade.level) }).waitFor();
    const statuses = await tab.locator('.cd-side .cd-trigger').evaluateAll((els) => els.map((el) => el.dataset.status));
    assert.deepEqual(statuses, want.triggers.map((t) => t.status), `${f}: Article 8 situations`);
  }

  await page.getByRole('tab', { name: '自评打分' }).click();
  const exports = readdirSync(join(VECTORS, 'export')).sort();
  for (const v of exports) {
    const file = join(VECTORS, 'export', v, 'expected.cyberduty.json');
    const want = JSON.parse(readFileSync(file, 'utf8'));
    await clearBanners(page);
    await chooseFile(page, open, file);
    const banner = page.locator('.cd-banner[data-key="score:open"]');
    await banner.waitFor();
    const offer = banner.getByRole('button', { name: '改用文件内嵌的细则并打开' });
    if (await offer.count()) await offer.click();
    await page.locator('.cd-banner-info', { hasText: '已打开上报文件' }).waitFor();
    assert.equal(await page.locator('[data-testid="total"]').textContent(), want.score.total.toFixed(2), `${v}: total`);
    assert.equal(await page.locator('[data-testid="export-status"]').getAttribute('data-same'), 'true', `${v}: sealed again, the same digest`);
  }
  console.log(`opened ${scores.length} score, ${incidents.length} incident and ${exports.length} export vectors`);
  assert.deepEqual(dialogs, []);
  guard.check();
});
