// The page on the browsers government units actually have (issue 13): Chromium-80-era kernels of
// 360/奇安信. Simulated in today's Chromium: (1) the shipped JavaScript is ES2019 and uses no API
// newer than Chromium 80; (2) a kernel that refuses to compile a wasm module over 4 KB on the main
// thread (Chromium before ~115: a RangeError from `new WebAssembly.Module`) still starts the page and
// the portal, asynchronously, and scores; (3) a kernel that does not know 'wasm-unsafe-eval'
// (before 97) is sent to dist/cyberduty-compat.html, whose CSP allows 'unsafe-eval' instead.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, describe } from '../../scripts/syntax-floor.mjs';
import { launch, openGuarded, ready, scoresLikeTheCli, DIST, OUT, PAGE, PAGE_URL } from './helpers.mjs';

const COMPAT = join(DIST, 'cyberduty-compat.html');
const COMPAT_URL = pathToFileURL(COMPAT).href;
const PORTAL = pathToFileURL(join(DIST, 'examples', 'portal.html')).href;
const PORTAL_FILES = [PORTAL, ...['examples/portal.css', 'examples/portal.js', 'embed.js'].map((f) => pathToFileURL(join(DIST, f)).href)];

/**
 * Chromium before ~115: synchronous compilation, and instantiation, of a module over 4 KB is refused
 * (its own words). A compiled module's size is not visible from script: one exporting more than the
 * unpacker's few names stands for "over 4 KB" (the core exports hundreds).
 */
const OLD_KERNEL = () => {
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = function (module, ...rest) {
    if (WebAssembly.Module.exports(module).length > 8) {
      window.syncRefused += 1;
      throw new RangeError('WebAssembly.Instance is disallowed on the main thread, if the buffer size is larger than 4KB. Use WebAssembly.instantiate.');
    }
    return new Instance(module, ...rest);
  };
  WebAssembly.Instance.prototype = Instance.prototype;
  const Module = WebAssembly.Module;
  window.syncRefused = 0;
  WebAssembly.Module = function (bytes, ...rest) {
    if (bytes.byteLength > 4096) {
      window.syncRefused += 1;
      throw new RangeError('WebAssembly.Compile is disallowed on the main thread, if the buffer size is larger than 4KB. Use WebAssembly.compile, or compile on a worker thread.');
    }
    return new Module(bytes, ...rest);
  };
  WebAssembly.Module.prototype = Module.prototype;
  Object.assign(WebAssembly.Module, { exports: Module.exports, imports: Module.imports, customSections: Module.customSections });
};

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const inlineScript = (html) => /<script type="module">([\s\S]*?)<\/script>/.exec(html)[1];
const cspOf = (html) => /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1];

test('old browsers: every shipped script is ES2019 and uses no API newer than Chromium 80', () => {
  const files = [
    ['dist/cyberduty.html', inlineScript(readFileSync(PAGE, 'utf8')), 'module'],
    ['dist/cyberduty-compat.html', inlineScript(readFileSync(COMPAT, 'utf8')), 'module'],
    ['dist/embed.mjs', readFileSync(join(DIST, 'embed.mjs'), 'utf8'), 'module'],
    ['dist/embed.js', readFileSync(join(DIST, 'embed.js'), 'utf8'), 'script'],
  ];
  for (const [name, code, type] of files) {
    assert.ok(code.length > 100_000, `${name} carries the app and the wasm`);
    assert.deepEqual(describe(name, check(code, type)), '', name);
  }
});

test('old browsers: the compat page is the page with \'unsafe-eval\' for wasm instead of \'wasm-unsafe-eval\', nothing else', () => {
  const page = readFileSync(PAGE, 'utf8');
  const compat = readFileSync(COMPAT, 'utf8');
  assert.match(cspOf(page), /script-src 'sha256-[^']+' 'wasm-unsafe-eval';/);
  assert.doesNotMatch(cspOf(page), /'unsafe-eval'/);
  assert.match(cspOf(compat), /script-src 'sha256-[^']+' 'unsafe-eval';/);
  assert.doesNotMatch(cspOf(compat), /'wasm-unsafe-eval'|'unsafe-inline'/);
  assert.equal(inlineScript(compat), inlineScript(page), 'the same script (so the same hash)');
  assert.equal(
    compat.replace(cspOf(compat), '').replace('<html lang="zh-CN" data-compat>', '<html lang="zh-CN">'),
    page.replace(cspOf(page), ''),
  );
});

for (const [name, url] of [['cyberduty.html', PAGE_URL], ['cyberduty-compat.html', COMPAT_URL]]) {
  test(`old browsers: ${name} starts asynchronously where synchronous compilation is refused, and scores`, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await ctx.addInitScript(OLD_KERNEL);
    const { page, guard } = await openGuarded(browser, url, { context: ctx, allowed: [url] });
    await ready(page);
    assert.equal(await page.evaluate(() => window.syncRefused), 1, 'the synchronous start was tried once and refused');
    await scoresLikeTheCli(page);
    await page.screenshot({ path: join(OUT, `old-kernel-${name.replace('.html', '')}.png`) });
    guard.check();
    await ctx.close();
  });
}

test('old browsers: without DecompressionStream (Firefox < 113, Safari < 16.4) the page unpacks the core with its own decoder and scores', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript(() => {
    delete window.DecompressionStream;
  });
  const { page, guard } = await openGuarded(browser, PAGE_URL, { context: ctx, allowed: [PAGE_URL] });
  await ready(page);
  assert.equal(await page.evaluate(() => typeof DecompressionStream), 'undefined');
  await scoresLikeTheCli(page);
  guard.check();
  await ctx.close();
});

test('old browsers: a kernel without \'wasm-unsafe-eval\' is told to open the compat page', async () => {
  // What Chromium before 97 does with the strict page: the CSP gives no permission to compile wasm.
  const page0 = readFileSync(PAGE, 'utf8');
  const strict = join(OUT, 'no-wasm-unsafe-eval.html');
  writeFileSync(strict, page0.replace(cspOf(page0), cspOf(page0).replace(" 'wasm-unsafe-eval'", '')));
  const url = pathToFileURL(strict).href;
  const { page, guard } = await openGuarded(browser, url, { allowed: [url] });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /^页面无法启动这是 Chromium 97 以前的浏览器内核.*兼容版页面 cyberduty-compat\.html.*浏览器给出的原因:WebAssembly/);
  await page.screenshot({ path: join(OUT, 'old-kernel-refused.png') });
  assert.deepEqual(guard.requests, []);
  assert.ok(guard.errors.some((e) => /WebAssembly.*Content Security/.test(e)), guard.errors.join('\n'));
});

test('old browsers: the example portal mounts and works where the core starts asynchronously', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript(OLD_KERNEL);
  const { page, guard } = await openGuarded(browser, PORTAL, { context: ctx, allowed: PORTAL_FILES });
  await ready(page);
  assert.equal(await page.evaluate(() => window.syncRefused), 1);
  await page.locator('#cyberduty-slot .cd-item').first().getByRole('radio').first().check();
  await page.waitForFunction(() => document.getElementById('portal-log').value.startsWith('自评总分'));
  await page.screenshot({ path: join(OUT, 'old-kernel-portal.png') });
  guard.check();
  await ctx.close();
});

test('old browsers: while the core starts, the handle mount() returns is a placeholder that keeps its promises', async () => {
  const embed = pathToFileURL(join(DIST, 'embed.js')).href;
  const file = join(OUT, 'old-kernel-mount.html');
  writeFileSync(file, `<!doctype html><meta charset="utf-8"><body><div id="a"></div><div id="b"></div>
<script src="${embed}"></script>
<script>
  const a = cyberduty.mount(document.getElementById('a'), { tabs: ['score', 'incident'], storageKey: 'old-kernel-a' });
  window.seen = { placeholder: a.element.textContent, document: a.document('score'), result: a.result('score') };
  try { cyberduty.version(); } catch (e) { seen.version = e.message; }
  a.select('incident');
  const bad = cyberduty.mount(document.getElementById('b'), { rubric: { schema: 'cyberduty.rubric/1', id: 'x' } });
  window.done = Promise.all([
    a.ready.then(() => ({ tab: a.element.dataset.tab, ready: a.element.dataset.ready, version: cyberduty.version() })),
    bad.ready.then(() => 'resolved', (e) => e.code),
  ]);
</script>`);
  const url = pathToFileURL(file).href;
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  await ctx.addInitScript(OLD_KERNEL);
  const { page, guard } = await openGuarded(browser, url, { context: ctx, allowed: [url, embed] });
  const [after, refused] = await page.evaluate(() => window.done);
  const seen = await page.evaluate(() => window.seen);
  assert.deepEqual(seen, {
    placeholder: '正在加载……',
    document: null,
    result: null,
    version: 'cyberduty.version: 计算核心仍在启动(较旧的浏览器内核异步启动),请在 mount() 返回的 ready 之后再调用',
  });
  assert.deepEqual({ tab: after.tab, ready: after.ready }, { tab: 'incident', ready: 'true' }, 'select() before ready is applied');
  assert.match(after.version, /^\d+\.\d+\.\d+/);
  assert.equal(refused, 'E_FIELD_MISSING', 'an invalid rubric rejects ready with the core\'s error');
  assert.equal(await page.locator('#b').evaluate((el) => el.shadowRoot.childNodes.length), 0, 'and leaves nothing behind');
  guard.check();
  await ctx.close();
});
