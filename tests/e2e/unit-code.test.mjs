// Issue 10 on the page: the unit code is checked by the core as the user types (a wrong check
// character, a code that is not one, a code typed in lower case with a stray space), and the core's
// refusals show a plain Chinese message with the field named, the code and path behind 详情.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, openGuarded, ready, OUT, ROOT } from './helpers.mjs';

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

test('period: an attached incident outside the period is shown in the live score and refused on export', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  // The vector incident occurred on 1 March 2026.
  const incident = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json');
  await page.getByRole('tab', { name: '事件研判' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入事件文件到本期…' }).click()]);
  await chooser.setFiles([incident]);
  await page.locator('.cd-period-item').first().waitFor();
  await page.getByRole('tab', { name: '自评打分' }).click();
  const unit = page.getByRole('region', { name: '单位信息' });
  await unit.getByLabel('统一社会信用代码').fill('91350100M000100Y43');
  const note = page.locator('[data-testid="period-check"]');

  await unit.getByLabel('考核期').fill('2026年度');
  await page.locator('[data-testid="period-check"]:not(.cd-warn-text)').waitFor();
  assert.equal(await note.textContent(), '考核期 2026年度(2026年1月1日 至 2026年12月31日):已按发生时间(未填写时按发现时间)核对 1 个事件');

  await unit.getByLabel('考核期').fill('2025年第四季度');
  await page.locator('[data-testid="period-check"][role="alert"]').waitFor();
  assert.match(await note.locator('.cd-problem-text').textContent(), /^第 1 个事件「.+」发生于 2026年3月1日.*不在考核期 2025年第四季度\(2025年10月1日 至 2025年12月31日\)内/);
  await page.getByRole('button', { name: '导出上报文件' }).click();
  const banner = page.locator('.cd-banner-error');
  await banner.waitFor();
  assert.match(await banner.locator('.cd-problem-text').textContent(), /^第 1 个事件「某市政府门户网站被篡改」发生于 2026年3月1日/);
  await banner.locator('summary', { hasText: '详情' }).click();
  assert.equal(await banner.locator('details.cd-problem-more').textContent(), '详情错误代码 E_EXPORT_INCIDENT_PERIOD · 位置 $.incidents[0]');

  await unit.getByLabel('考核期').fill('第二批');
  await page.locator('[data-testid="period-check"].cd-warn-text:not([role])').waitFor();
  assert.match(await note.textContent(), /「第二批」不是年度/);
  await page.screenshot({ path: join(OUT, 'period-check.png'), fullPage: false });
  guard.check();
});
