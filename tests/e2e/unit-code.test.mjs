// Issue 10 on the page: the unit code is checked by the core as the user types (a wrong check
// character, a code that is not one, a code typed in lower case with a stray space), and the core's
// refusals show a plain Chinese message with the field named, the code and path behind 详情.

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

test('unit code: the core checks it as the user types; export is refused with the field named', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const unit = page.getByRole('region', { name: '单位信息' });
  const input = unit.getByLabel('统一社会信用代码');
  const note = unit.locator('[data-testid="unit-code-check"]');

  await input.fill('11330100002491234X');
  assert.equal(await note.getAttribute('data-ok'), 'false');
  assert.equal(
    await note.locator('.cd-problem-text').textContent(),
    '统一社会信用代码「11330100002491234X」校验不通过:按前 17 位,第 18 位校验码应为 0,现为 X;请核对是否抄错',
  );
  assert.equal(await note.locator('.cd-problem-code').isVisible(), false, 'the code hides behind 详情');
  await note.locator('summary', { hasText: '详情' }).click();
  assert.equal(await note.locator('.cd-problem-code').textContent(), '错误代码 E_UNIT_CODE');

  await input.fill('abc / 测试');
  assert.match(await note.locator('.cd-problem-text').textContent(), /应为 18 位/);

  await input.fill(' 91350100m000100y43 ');
  assert.equal(await note.getAttribute('data-ok'), 'true');
  assert.equal(await note.textContent(), '代码校验通过,将按 91350100M000100Y43 保存');

  // The live score goes on while the code is wrong; exporting is refused, naming the field once.
  await input.fill('11330100002491234X');
  await unit.getByLabel('考核期').fill('2026年度');
  await page.getByRole('button', { name: '导出上报文件' }).click();
  const banner = page.locator('.cd-banner-error');
  await banner.waitFor();
  assert.match(await banner.locator('.cd-problem-text').textContent(), /^统一社会信用代码「11330100002491234X」校验不通过/);
  await banner.locator('summary', { hasText: '详情' }).click();
  assert.equal(await banner.locator('details.cd-problem-more').textContent(), '详情错误代码 E_UNIT_CODE · 位置 $.unit.code');
  await page.screenshot({ path: join(OUT, 'unit-code-check.png'), fullPage: false });
  guard.check();
});
