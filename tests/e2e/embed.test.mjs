// Embedding: dist/examples/portal.html (over file://) mounts cyberduty with dist/embed.js into a
// shadow root under a deliberately hostile host stylesheet. The app works, the host's CSS does not
// get in, ours does not get out, theming through --cd-* variables does, and mount() options
// (tabs, rubric, onChange, storageKey) behave. No network request, no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openGuarded, ready, fixture, DIST, OUT } from './helpers.mjs';

const PORTAL = pathToFileURL(join(DIST, 'examples', 'portal.html')).href;
// The portal page and its own files; nothing else may be requested.
const ALLOWED = [PORTAL, ...['examples/portal.css', 'examples/portal.js', 'embed.js'].map((f) => pathToFileURL(join(DIST, f)).href)];

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('embed: the portal example works inside a shadow root and the hostile host CSS does not leak in', async () => {
  const { page, guard } = await openGuarded(browser, PORTAL, { allowed: ALLOWED });
  await ready(page);
  assert.ok(await page.evaluate(() => !!document.getElementById('cyberduty-slot').shadowRoot), 'rendered in a shadow root');

  // It works: answering an item reaches the portal through onChange.
  const firstRadio = page.locator('#cyberduty-slot .cd-item').first().getByRole('radio').first();
  await firstRadio.check();
  await page.waitForFunction(() => document.getElementById('portal-log').value.startsWith('自评总分'));
  const total = await page.locator('#cyberduty-slot [data-testid="total"]').textContent();
  assert.match(await page.locator('#portal-log').textContent(), new RegExp(`自评总分 ${Number(total)}`));

  const inside = await page.evaluate(() => {
    const root = document.getElementById('cyberduty-slot').shadowRoot;
    const css = (sel, prop) => getComputedStyle(root.querySelector(sel))[prop];
    return {
      appDisplay: css('.cd', 'display'),
      appFont: css('.cd', 'fontFamily'),
      appSize: css('.cd', 'fontSize'),
      appLineHeight: css('.cd', 'lineHeight'),
      appTransform: css('.cd', 'textTransform'),
      totalSize: css('.cd-total-value', 'fontSize'),
      totalColor: css('.cd-total-value', 'color'),
      buttonVisibility: css('.cd-btn', 'visibility'),
      buttonTransform: css('.cd-btn', 'transform'),
      buttonBorder: css('.cd-btn', 'borderTopStyle'),
      radioDisplay: css('.cd-item input[type=radio]', 'display'),
      boxSizing: css('.cd-card', 'boxSizing'),
    };
  });
  assert.equal(inside.appDisplay, 'block');
  assert.doesNotMatch(inside.appFont, /Comic/);
  assert.equal(inside.appSize, '14px', 'html { font-size: 40px } does not scale the app');
  assert.notEqual(inside.appLineHeight, '56px');
  assert.equal(inside.appTransform, 'none');
  assert.equal(inside.totalSize, '40px');
  assert.equal(inside.totalColor, 'rgb(11, 83, 148)', 'themed through --cd-accent on the host element');
  assert.equal(inside.buttonVisibility, 'visible');
  assert.equal(inside.buttonTransform, 'none');
  assert.equal(inside.buttonBorder, 'solid');
  assert.notEqual(inside.radioDisplay, 'none');
  assert.equal(inside.boxSizing, 'border-box');

  // Ours does not get out: the portal's own element with our class names keeps the portal's styles.
  const probe = await page.evaluate(() => {
    const s = getComputedStyle(document.getElementById('host-probe'));
    return { size: s.fontSize, border: s.borderTopStyle, radius: s.borderTopLeftRadius };
  });
  assert.deepEqual(probe, { size: '22px', border: 'dashed', radius: '0px' });
  await page.screenshot({ path: join(OUT, 'portal.png') });
  guard.check();
});

test('embed: mount() options — tabs, a custom rubric, onChange, storageKey; a bad rubric throws the core error', async () => {
  const { page, guard } = await openGuarded(browser, PORTAL, { allowed: ALLOWED });
  await ready(page);
  const rubric = readFileSync(fixture('rubric-test.json'), 'utf8');
  const result = await page.evaluate((rubricText) => {
    const make = () => document.body.appendChild(document.createElement('div'));
    // Only the incident tab, no header.
    const a = window.cyberduty.mount(make(), { tabs: ['incident'], header: false, storageKey: 'portal-test-a' });
    const aRoot = a.element;
    const tabsA = [...aRoot.querySelectorAll('[role=tab]')].map((t) => t.textContent);
    // A custom rubric, and every change reported.
    const events = [];
    const b = window.cyberduty.mount(make(), { tabs: ['score'], rubric: rubricText, storageKey: 'portal-test-b', onChange: (e) => events.push(e) });
    const radio = b.element.querySelector('.cd-item[data-item-id="org.leader"] input[type=radio][value=yes]');
    radio.click();
    const last = events[events.length - 1];
    // A rubric that is not valid: mount throws the core's Error with code and path.
    let thrown = null;
    try {
      window.cyberduty.mount(make(), { rubric: { schema: 'cyberduty.rubric/1', id: 'x' } });
    } catch (e) {
      thrown = { isError: e instanceof Error, code: e.code, path: e.path, message: e.message };
    }
    const stored = Object.keys(localStorage).filter((k) => k.startsWith('portal-test-'));
    b.unmount();
    return {
      tabsA,
      header: !!aRoot.querySelector('.cd-header'),
      rubricId: last.assessment.rubric.id,
      tab: last.tab,
      answered: last.report.answered,
      hasTotal: typeof last.report.total === 'number',
      thrown,
      stored,
      unmounted: b.element.isConnected,
      version: window.cyberduty.version(),
    };
  }, rubric);
  assert.deepEqual(result.tabsA, ['事件研判']);
  assert.equal(result.header, false);
  assert.equal(result.tab, 'score');
  assert.equal(result.rubricId, 'cyberduty.test-fixture');
  assert.equal(result.answered, 1);
  assert.ok(result.hasTotal);
  assert.equal(result.thrown.isError, true);
  assert.equal(result.thrown.code, 'E_FIELD_MISSING');
  assert.equal(result.thrown.path, '$.version');
  assert.ok(result.stored.some((k) => k.startsWith('portal-test-b/v2/score/draft/cyberduty.test-fixture@1.0.0')));
  assert.equal(result.unmounted, false);
  assert.match(result.version, /^\d+\.\d+\.\d+/);
  guard.check();
});
