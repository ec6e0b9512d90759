// The passphrase lock on local drafts (issue 11): once set in 单位密钥, what local storage holds is
// SM4 ciphertext (another local page reading it sees no answer), a reload asks for the passphrase
// before anything is read or written, a wrong one is refused with nothing lost, and removing the
// lock writes the drafts back in the clear.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openGuarded, ready, OUT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const PASS = 'draft lock passphrase';
const storedValues = (page) => page.evaluate(() => Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));

test('drafts locked with a passphrase are ciphertext at rest and open only with it', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByLabel('单位名称').first().fill('某市机密测试单位');
  await page.getByRole('tab', { name: '单位密钥' }).click();
  const lock = page.getByTestId('draft-lock');
  await lock.getByLabel('草稿口令(至少 8 个字符)').fill(PASS);
  await lock.getByLabel('再次输入草稿口令').fill(PASS);
  await lock.getByRole('button', { name: '为本机草稿加锁' }).click();
  await page.locator('.cd-banner', { hasText: '已为本机草稿加口令锁' }).waitFor();
  let stored = await storedValues(page);
  assert.ok(stored.some(([k]) => k.endsWith('/v2/lock')), 'the lock verifier is stored');
  assert.ok(stored.every(([, v]) => !v.includes('某市机密测试单位')), 'no draft text in the clear');
  assert.ok(stored.some(([, v]) => v.includes('cyberduty.locked/1')));

  // A change after locking is stored locked too.
  await page.getByRole('tab', { name: '自评打分' }).click();
  await page.getByLabel('所在地区').first().fill('某省某市');
  stored = await storedValues(page);
  assert.ok(stored.every(([, v]) => !v.includes('某省某市')));

  await page.reload();
  const gate = page.getByTestId('lock-gate');
  await gate.waitFor();
  await gate.getByLabel('草稿口令').fill('not the passphrase');
  await gate.getByRole('button', { name: '解锁' }).click();
  assert.equal(await gate.locator('.cd-problem-text').textContent(), '口令不正确,无法打开本机草稿');
  await page.screenshot({ path: join(OUT, 'draft-lock-gate.png') });
  // Nothing was read or overwritten while locked.
  assert.ok((await storedValues(page)).some(([, v]) => v.includes('cyberduty.locked/1')));
  await gate.getByLabel('草稿口令').fill(PASS);
  await gate.getByRole('button', { name: '解锁' }).click();
  await ready(page);
  assert.equal(await page.getByLabel('单位名称').first().inputValue(), '某市机密测试单位');
  assert.equal(await page.getByLabel('所在地区').first().inputValue(), '某省某市');

  // Removing the lock writes the drafts back in the clear.
  await page.getByRole('tab', { name: '单位密钥' }).click();
  await page.getByTestId('draft-lock').getByRole('button', { name: '解除口令锁' }).click();
  stored = await storedValues(page);
  assert.ok(!stored.some(([k]) => k.endsWith('/v2/lock')));
  assert.ok(stored.some(([, v]) => v.includes('某市机密测试单位')));
  await page.reload();
  await ready(page);
  assert.equal(await page.getByLabel('单位名称').first().inputValue(), '某市机密测试单位');
  guard.check();
});
