// Notifications belong to the tab that raised them (shown only while it is open, dismissible, one
// per subject), and importing the same incident twice into the period's list warns instead of
// counting it twice.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openGuarded, ready, chooseFile, ROOT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const INCIDENT = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json');

test('a tab\'s banners show only on that tab; the same incident is not imported twice', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '事件研判' }).click();
  const tab = page.locator('.cd-tab-incident');
  const importBtn = tab.getByRole('button', { name: '导入事件文件到本期…' });
  await chooseFile(page, importBtn, INCIDENT);
  const banner = page.locator('.cd-banner[data-tab="incident"]');
  assert.match(await banner.textContent(), /已加入本期事件 1 个/);
  await chooseFile(page, importBtn, INCIDENT);
  assert.equal(await banner.count(), 1, 'one banner per subject, replaced, not stacked');
  assert.match(await banner.textContent(), /已加入本期事件 0 个,1 项未加入1 个事件已在本期事件中,未重复加入/);
  assert.equal(await tab.locator('.cd-period-body li').count(), 1);

  // Another tab does not show this tab's banner; coming back shows it again.
  await page.getByRole('tab', { name: '自评打分' }).click();
  assert.equal(await banner.isVisible(), false);
  await page.getByRole('tab', { name: '事件研判' }).click();
  assert.equal(await banner.isVisible(), true);
  await banner.getByRole('button', { name: '关闭此提示' }).click();
  assert.equal(await page.locator('.cd-banner').count(), 0);
  guard.check();
});
