// A region's policy opened in 事件研判 also classifies the period's incidents in 自评打分's live
// score and seal: the screen and the sealed file agree. With the interpretations switched on, the
// 2,000,000-person leak meets Art. 8(三) and the automatic veto is triggered; with the shipped
// policy (interpretations off) it is left to the unit.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, chooseFile, ROOT, OUT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const LEAK = join(ROOT, 'tests', 'vectors', 'incident', '04-personal-info-leak-major', 'incident.json');

test('the policy of 事件研判 reaches the live score of 自评打分', async () => {
  const on = join(OUT, 'policy-interpretations-on.json');
  writeFileSync(on, readFileSync(join(ROOT, 'data', 'grading-2025.json'), 'utf8').replaceAll('"enabled": false', '"enabled": true'));
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '事件研判' }).click();
  const incident = page.locator('.cd-tab-incident');
  await chooseFile(page, incident.getByRole('button', { name: '导入事件文件到本期…' }), LEAK);
  await page.getByRole('tab', { name: '自评打分' }).click();
  assert.equal(await page.getByTestId('vetoed').count(), 0, 'shipped policy: (三) undetermined, no veto');

  await page.getByRole('tab', { name: '事件研判' }).click();
  await chooseFile(page, incident.getByRole('button', { name: '打开政策文件…' }).first(), on);
  await page.getByRole('tab', { name: '自评打分' }).click();
  await page.getByTestId('vetoed').waitFor();
  assert.ok((await page.getByTestId('auto-vetoes').textContent()).includes('由事件研判自动判定为触发:第 1 个事件符合第八条第(三)项'));
  guard.check();
});
