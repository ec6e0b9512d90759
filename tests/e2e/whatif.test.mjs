// 差距分析 under the total (issue 14, item 4 on the page): the core's what-if plan as the page shows
// it — the same message and steps as Session.whatIf in Node on the same answers, each step a link to
// its item card, refreshed with the live score.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, chooseFile, fixture, pkg, OUT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('what-if: the plan to the next grade is shown under the total, links to its items and follows the score', async () => {
  const g = await pkg();
  const session = new g.Session(readFileSync(fixture('rubric-test.json')));
  const plan = session.whatIf(JSON.parse(readFileSync(fixture('assessment-test.json'), 'utf8')), []);
  assert.equal(plan.outcome, 'reachable');
  assert.ok(plan.steps.length >= 1);

  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), fixture('rubric-test.json'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), fixture('assessment-test.json'));
  await page.locator('[data-testid="total"]', { hasText: '57.63' }).waitFor();
  const box = page.locator('[data-testid="whatif"]');
  // Debounced: the plan follows the last edit a moment later.
  await box.locator('[data-testid="whatif-message"]', { hasText: plan.message }).waitFor();
  assert.equal(await box.locator('[data-testid="whatif-message"]').textContent(), plan.message);
  assert.match(plan.message, /^距离“[^”]+”还差 \d+\.\d\d 分:完成以下 \d+ 项即可/);
  const steps = box.locator('li');
  assert.equal(await steps.count(), plan.steps.length);
  for (let i = 0; i < plan.steps.length; i += 1) {
    const s = plan.steps[i];
    assert.equal(await steps.nth(i).getAttribute('data-item'), s.id);
    assert.ok((await steps.nth(i).textContent()).includes(`${s.from} → ${s.to}`), `step ${i + 1} shows from → to`);
  }
  // The box sits right under the total, before the export box.
  const order = await page.evaluate(() => {
    const w = document.querySelector('[data-testid="whatif"]');
    const t = document.querySelector('[data-testid="total"]');
    return t.compareDocumentPosition(w) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  assert.ok(order, 'the plan follows the total');
  await page.locator('.cd-tab-score .cd-side').screenshot({ path: join(OUT, 'whatif.png') });

  // A step's link moves to its item card.
  const first = plan.steps[0];
  await steps.nth(0).getByRole('button').click();
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.closest('[data-item-id]') && document.activeElement.closest('[data-item-id]').dataset.itemId);
  assert.equal(focused, first.id, 'the link focuses the item card');

  // Following the plan reaches its total, and the plan moves on to the next grade.
  const card = page.locator(`[data-item-id="${first.id}"]`);
  const a = first.answer;
  if ('numerator' in a) {
    await card.locator('input[type=text]').nth(0).fill(String(a.numerator));
    await card.locator('input[type=text]').nth(1).fill(String(a.denominator));
  } else if ('count' in a) await card.locator('input[type=text]').first().fill(String(a.count));
  else if ('level' in a) await card.locator('input[type=radio]').nth(a.level).check();
  else await card.locator('input[type=radio]').first().check();
  await page.locator('[data-testid="total"]', { hasText: plan.resulting_total.toFixed(2) }).waitFor();
  await page.waitForFunction((b) => document.querySelector('[data-testid="whatif-message"]').textContent !== b, plan.message);
  guard.check();
  session.free();
});
