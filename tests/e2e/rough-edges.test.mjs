// The page's rough edges (issue 14, item 5), each as a user meets it: counts typed with a Chinese
// input method, a bad field among good ones, N/A items, an oversized or foreign file, the screen
// reader's view of bad inputs and of the total, keyboard paths through the form, the time zone,
// and the aggregation on a phone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, chooseFile, fixture, OUT, ROOT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const card = (page, id) => page.locator(`.cd-item[data-item-id="${id}"]`);
const total = (page) => page.locator('[data-testid="total"]');

async function withFixture(page) {
  await ready(page);
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), fixture('rubric-test.json'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), fixture('assessment-test.json'));
  await total(page).filter({ hasText: '57.63' }).waitFor();
}

test('counts: full-width digits are read by the core; 1e2 marks only its item and the rest of the total still shows', async () => {
  const { page, guard } = await openGuarded(browser);
  await withFixture(page);
  const vulns = card(page, 'tech.vulns').locator('input[data-field="count"]');
  // 2 → ２ (full width): the same answer, the same total.
  await vulns.fill('２');
  await page.waitForTimeout(100);
  assert.equal(await total(page).textContent(), '57.63');
  assert.equal(await card(page, 'tech.vulns').getAttribute('data-status'), 'partial');
  assert.equal(await vulns.getAttribute('aria-invalid'), null);
  // １ scores as 1 would.
  await vulns.fill('１');
  const fullWidth = await total(page).textContent();
  await vulns.fill('1');
  assert.equal(await total(page).textContent(), fullWidth);
  assert.notEqual(fullWidth, '57.63');

  // 1e2 is not a count: that item is marked, the total goes on without it.
  await vulns.fill('1e2');
  await card(page, 'tech.vulns').and(page.locator('[data-status="error"]')).waitFor();
  assert.match(await total(page).textContent(), /^\d+\.\d\d$/, 'the rest of the total still shows');
  assert.match(await page.locator('[data-testid="invalid-count"]').textContent(), /^1 项输入有误/);
  assert.equal(await vulns.getAttribute('aria-invalid'), 'true');
  const errorId = await card(page, 'tech.vulns').locator('.cd-item-error').getAttribute('id');
  assert.ok((await vulns.getAttribute('aria-describedby')).split(' ').includes(errorId), 'the input is described by its error');
  assert.ok(await card(page, 'tech.vulns').locator('.cd-item-error').isVisible());
  // The printed report says the item is left out of its score.
  assert.match(await page.locator('.cd-tab-score [data-testid="print-invalid"]').textContent(), /^注意:1 项输入有误/);
  await card(page, 'tech.vulns').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(OUT, 'rough-bad-count.png') });
  // Put right: marks gone.
  await vulns.fill('2');
  await total(page).filter({ hasText: '57.63' }).waitFor();
  assert.equal(await vulns.getAttribute('aria-invalid'), null);
  assert.ok(!((await vulns.getAttribute('aria-describedby')) || '').split(' ').includes(errorId), 'no longer described by the error');
  assert.equal(await page.locator('[data-testid="invalid-count"]').count(), 0);
  guard.check();
});

test('N/A items show 不适用 on their card, not 0.00 / 0.00', async () => {
  const { page, guard } = await openGuarded(browser);
  await withFixture(page);
  assert.equal(await card(page, 'tech.cii').locator('.cd-item-score').textContent(), '不适用');
  assert.equal(await card(page, 'org.leader').locator('.cd-item-score').textContent(), '10.00 / 10.00');
  guard.check();
});

test('files: the size message names the real size; a file of another kind says what it is', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const big = join(OUT, 'too-large.json');
  const size = 17 * 1024 * 1024 + 5;
  writeFileSync(big, Buffer.alloc(size, 0x20));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), big);
  const banner = page.locator('.cd-banner-error');
  await banner.waitFor();
  assert.ok((await banner.textContent()).includes(`${size} 字节`), `the message names ${size} 字节: ${await banner.textContent()}`);
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json'));
  await page.locator('.cd-banner-error', { hasText: '事件' }).waitFor();
  guard.check();
});

test('the total is in a polite live region; radio groups are one tab stop each; 下一未答项 and Alt+N', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const live = page.locator('[data-testid="total-live"]');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  assert.equal(await live.getAttribute('role'), 'status');
  assert.match(await live.textContent(), /^总分 \d+\.\d\d,等次 /);

  // One tab stop per radio group: Tab from a group's first radio leaves the group.
  const group = page.locator('.cd-tab-score fieldset.cd-choices').first();
  const first = group.locator('input[type=radio]').first();
  await first.focus();
  await page.keyboard.press('Tab');
  const stillIn = await group.evaluate((g) => g.contains(g.getRootNode().activeElement));
  assert.equal(stillIn, false, 'Tab leaves the radio group');
  // Arrow keys move within it (and answer).
  await first.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await group.evaluate((g) => g.contains(g.getRootNode().activeElement)), true);

  // 下一未答项: from the top, Alt+N goes to the first unanswered card, then the next.
  const missingIds = await page.evaluate(() => [...document.querySelectorAll('.cd-tab-score .cd-item[data-status="missing"]')].map((c) => c.dataset.itemId));
  await page.locator('.cd-tab-score').getByLabel('单位名称').focus();
  await page.keyboard.press('Alt+N');
  const at = () => page.evaluate(() => { const a = document.activeElement; const c = a && a.closest('[data-item-id]'); return c ? c.dataset.itemId : null; });
  assert.equal(await at(), missingIds[0]);
  await page.keyboard.press('Alt+N');
  assert.equal(await at(), missingIds[1]);
  await page.locator('[data-testid="next-missing"]').click();
  assert.equal(await at(), missingIds[2]);
  guard.check();
});

test('incident: the time zone is a select, 北京时间 by default', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '事件研判' }).click();
  const tz = page.locator('.cd-tab-incident [data-fact="occurred_at"] .cd-input-offset');
  assert.equal(await tz.evaluate((e) => e.tagName), 'SELECT');
  assert.equal(await tz.inputValue(), '+08:00');
  await tz.selectOption('Z');
  assert.equal(await tz.inputValue(), 'Z');
  guard.check();
});

test('aggregation at 375 px: no horizontal scroll, the digest can be copied whole', async () => {
  const { page, guard } = await openGuarded(browser, undefined, { viewport: { width: 375, height: 800 } });
  await ready(page);
  await page.getByRole('tab', { name: '汇总分析' }).click();
  await chooseFile(page, page.getByRole('button', { name: '选择细则文件…' }), fixture('rubric-test.json'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '本期上报文件:选择文件', exact: true }).click()]);
  await chooser.setFiles([fixture('signed-test.json'), join(ROOT, 'tests', 'released', 'v0.1.0', 'assessment.json')]);
  await page.locator('[data-testid="counts"]').waitFor();
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
  await page.screenshot({ path: join(OUT, 'aggregate-375.png'), fullPage: true });
  assert.ok(widths.doc <= widths.view, `no horizontal scroll (page ${widths.doc} px, window ${widths.view} px)`);
  const digest = page.locator('.cd-agg-overview .cd-digest');
  assert.match(await digest.textContent(), /^sm3:[0-9a-f]{64}$/, 'the whole digest is in the text (to copy)');
  guard.check();
});
