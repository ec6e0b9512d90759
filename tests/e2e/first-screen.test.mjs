// A fresh page's first screen comes from what the build's core said of the default rubric
// (scripts/build-dist.mjs `cyberduty:default-session`, www/js/core.js defaultSession), not from a
// call into the wasm: this checks that it is exactly what the core says now, and that the page
// shows the same once the core itself scores the same empty draft.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openGuarded, ready, pkg } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What the score tab shows of its result: the side panel and the rubric card, as text. */
const shown = (page) => page.evaluate(() => ({
  side: document.querySelector('.cd-tab-score .cd-side').textContent,
  rubric: document.querySelector('.cd-tab-score .cd-rubric-card').textContent,
}));

test('first screen: the empty draft\'s score and the rubric\'s digest are the core\'s, before and after the core is asked', async () => {
  const core = await pkg();
  const session = new core.Session(null);
  const { page, guard } = await openGuarded(browser);
  await ready(page);

  const doc = await page.evaluate(() => window.cyberduty.document('score'));
  assert.deepEqual(doc, { schema: 'cyberduty.assessment/1', rubric: { id: 'cyberduty.default', version: session.rubric().version }, answers: {} });
  const live = session.score(doc, []);
  const first = await page.evaluate(() => window.cyberduty.result('score'));
  assert.equal(first.ok, true);
  assert.deepEqual(first.value, live.score, 'the first screen\'s result is the core\'s live score of the same draft');
  // Exact figures of the empty draft under the default rubric.
  assert.equal(live.score.total, 0);
  assert.equal(live.score.answered, 0);
  assert.equal(await page.locator('[data-testid="total"]').textContent(), '0.00');
  assert.equal(await page.locator('[data-testid="progress"]').textContent(), `0 / ${live.score.answerable}`);
  assert.equal(await page.locator('[data-testid="grade"]').textContent(), live.score.grade);
  // Each automatic veto named by its answer (the core's fieldLabel), as the core names it now.
  const vetoes = await page.locator('[data-testid="auto-vetoes"] li').allTextContents();
  assert.deepEqual(vetoes, live.auto_vetoes.map((v) => `${session.fieldLabel(`$.answers[${JSON.stringify(v.veto)}]`)}:${v.message}`));
  assert.equal(await page.locator('.cd-tab-score .cd-digest').textContent(), session.digest());
  // 差距分析 comes a moment after the score (the core's what-if search, which opens the session).
  await page.locator('[data-testid="whatif-message"]').waitFor();
  const before = await shown(page);

  // A unit name typed (the core scores it), then removed: the same empty draft, now scored by the core.
  const name = page.getByLabel('单位名称').first();
  await name.fill('某单位');
  await page.waitForFunction(() => window.cyberduty.document('score').unit?.name === '某单位');
  await name.fill('');
  await page.waitForFunction(() => !window.cyberduty.document('score').unit);
  const again = await page.evaluate(() => window.cyberduty.result('score'));
  assert.deepEqual(again.value, live.score);
  // The what-if box is redrawn 120 ms after the last edit: wait for it to settle on the same text.
  await page.waitForFunction((side) => document.querySelector('.cd-tab-score .cd-side').textContent === side, before.side, { timeout: 5000 }).catch(() => {});
  assert.deepEqual(await shown(page), before, 'the page shows the same for the same draft either way');
  session.free();
  guard.check();
});
