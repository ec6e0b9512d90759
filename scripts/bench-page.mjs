// One load of a single-file page over file:// in headless Chromium, read off the page's own marks
// (www/js/core.js, www/js/app.js): shared by scripts/bench-browser.mjs (`make bench`) and
// scripts/bench-ready.mjs (side by side).
import { pathToFileURL } from 'node:url';

export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'];

/** The page's marks, in the order it passes them. */
export const MARKS = ['cyberduty-unpacked', 'cyberduty-core', 'cyberduty-ready', 'cyberduty-rendered'];

/** Navigation start → HTML parsed (`html`, a module script runs after it) and → each mark, in ms. */
export async function loadOnce(browser, file) {
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  await p.goto(pathToFileURL(file).href);
  // A page from before `cyberduty-rendered` existed has only the ready mark.
  await p.waitForFunction(() => performance.getEntriesByName('cyberduty-ready').length > 0, null, { timeout: 15000 });
  await p.waitForFunction(() => performance.getEntriesByName('cyberduty-rendered').length > 0, null, { timeout: 15000 }).catch(() => {});
  const t = await p.evaluate((marks) => {
    const at = (n) => (performance.getEntriesByName(n)[0] || {}).startTime;
    const nav = performance.getEntriesByType('navigation')[0];
    return { html: nav.domInteractive, ...Object.fromEntries(marks.map((m) => [m, at(m)])) };
  }, MARKS);
  await ctx.close();
  return t;
}
