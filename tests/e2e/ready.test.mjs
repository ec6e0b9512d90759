// What `ready` promises (issue 13, ready time): 自评打分 shows its first item cards at ready and
// builds the rest in the tasks right after, then says so (data-rendered, the cyberduty:rendered
// event, the handle's `rendered`). Nothing depends on a card being built: what is typed at ready
// is kept, going to an item not built yet builds it, and the printed report is whole from the start
// (built when printing starts, or in the task after an edit).

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

/** Runs in the page before its script: acts at the moment the app says it is ready. */
function atReady() {
  const strip = (el) => (el ? el.textContent.replace(/生成于 [^·]*/, '') : null);
  document.addEventListener('cyberduty:ready', (e) => {
    const shell = e.target;
    const cards = () => shell.querySelectorAll('.cd-tab-score .cd-item').length;
    // Printing at ready: the browser says `beforeprint` first, and the print view is built then at
    // the latest (it is not built on the way to ready).
    window.dispatchEvent(new Event('beforeprint'));
    const more = () => shell.querySelector('.cd-tab-score .cd-summary-more');
    const seen = { cards: cards(), rendered: shell.dataset.rendered || null, print: strip(shell.querySelector('.cd-print')), more: more().childElementCount };
    // Typed at once: the first card's first choice.
    shell.querySelector('.cd-item input[type=radio]').click();
    // 下一未答项 from the last card built: the next one is not built yet.
    const built = shell.querySelectorAll('.cd-tab-score .cd-item');
    built[built.length - 1].querySelector('input').focus();
    shell.querySelector('.cd-tab-score').dispatchEvent(new KeyboardEvent('keydown', { key: 'n', code: 'KeyN', altKey: true, bubbles: true }));
    const active = document.activeElement.closest('.cd-item');
    seen.jumpedTo = active ? active.dataset.itemId : null;
    seen.cardsAfterJump = cards();
    window.atReady = seen;
  });
  document.addEventListener('cyberduty:rendered', (e) => {
    const more = e.target.querySelector('.cd-tab-score .cd-summary-more');
    window.atRendered = { print: strip(e.target.querySelector('.cd-print')), cards: e.target.querySelectorAll('.cd-item').length, lost: more.querySelector('.cd-lost-box summary')?.textContent, charts: more.querySelectorAll('svg.cd-chart').length };
  });
}

test('ready: a screen of cards at ready (5 at 900 px), all 59 after; typing, 下一未答项 and the printed report do not wait', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript(atReady);
  const { page, guard } = await openGuarded(browser, undefined, { context: ctx });
  await ready(page);
  const seen = await page.evaluate(() => window.atReady);
  assert.equal(seen.cards, 5, 'cards built before ready');
  assert.equal(seen.rendered, null);
  // The chart and 失分明细 (below the first screen) come in the task after ready, from the answer
  // typed at ready: 52 lost items before it, 51 after.
  assert.equal(seen.more, 0);
  // The 6th item of the default rubric (dimension 1 has 10): built on the spot to go to it.
  assert.equal(seen.jumpedTo, 'org.officers');
  assert.equal(seen.cardsAfterJump, 59);
  const after = await page.evaluate(async () => {
    await window.cyberduty.rendered;
    return { ...window.atRendered, rendered: document.querySelector('.cd').dataset.rendered, ids: [...document.querySelectorAll('.cd-item')].map((c) => c.dataset.itemId) };
  });
  assert.equal(after.rendered, 'true');
  assert.equal(after.cards, 59);
  assert.equal(after.lost, '失分明细(51 项)');
  assert.equal(after.charts, 1);
  assert.equal(new Set(after.ids).size, 59, 'every card once, none built twice');
  // The printed report is built from the core's report, not from the cards: whole at ready, every
  // unanswered item among the lost ones (after the answer typed at ready, one fewer).
  assert.ok(seen.print.includes('二、失分明细(共 52 项)'), seen.print);
  assert.ok(after.print.includes('二、失分明细(共 51 项)'), after.print);
  // What was typed at ready is in the card and in the saved draft.
  assert.equal(await page.locator('.cd-item').first().locator('input[type=radio]').first().isChecked(), true);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.cd-item').first().locator('input[type=radio]').first().isChecked(), true);
  await page.screenshot({ path: join(OUT, 'ready-rendered.png'), fullPage: false });
  guard.check();
  await ctx.close();
});
