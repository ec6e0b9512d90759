// How the page looks, as far as a test can say: the accent colour is not the colour that means
// "bad", and dark mode follows the system while a portal's own variables still win.

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

async function colours(page) {
  return page.evaluate(() => {
    const root = document.querySelector('.cd');
    const s = getComputedStyle(root);
    const v = (n) => s.getPropertyValue(n).trim();
    return { accent: v('--cd-accent'), bad: v('--cd-bad'), bg: getComputedStyle(root).backgroundColor, header: getComputedStyle(document.querySelector('.cd-header')).backgroundColor };
  });
}

for (const scheme of ['light', 'dark']) {
  test(`${scheme}: the accent is not the "bad" colour`, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, locale: 'zh-CN' });
    const { page, guard } = await openGuarded(browser, undefined, { context: ctx });
    await ready(page);
    const c = await colours(page);
    assert.notEqual(c.accent, c.bad);
    assert.equal(c.bg, scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(243, 244, 246)');
    assert.equal(c.header, scheme === 'dark' ? 'rgb(122, 167, 230)' : 'rgb(29, 79, 145)');
    await page.screenshot({ path: join(OUT, `look-${scheme}.png`) });
    guard.check();
    await ctx.close();
  });
}

test('a portal variable set on the page wins over dark mode', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark', locale: 'zh-CN' });
  const { page, guard } = await openGuarded(browser, undefined, { context: ctx });
  await ready(page);
  await page.evaluate(() => document.querySelector('.cd').style.setProperty('--cd-accent', '#0b5394'));
  assert.equal((await colours(page)).header, 'rgb(11, 83, 148)');
  guard.check();
  await ctx.close();
});
