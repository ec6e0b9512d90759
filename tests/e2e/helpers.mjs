// Shared by the end-to-end tests: Debian's Chromium driven by playwright-core (never a downloaded
// browser), a page guard that records every request, console error and uncaught exception, and the
// native CLI to compare against.

import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import assert from 'node:assert/strict';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist');
export const PAGE = join(DIST, 'cyberduty.html');
export const PAGE_URL = pathToFileURL(PAGE).href;
export const FIXTURES = join(ROOT, 'tests', 'e2e', 'fixtures');
/** Screenshots, PDFs, downloads and figures of a run. */
export const OUT = join(ROOT, 'target', 'e2e');
mkdirSync(OUT, { recursive: true });

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// This machine's network is closed: Chromium's own background traffic is switched off.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--disable-quic', '--disable-dev-shm-usage'];

export async function launch() {
  if (!existsSync(PAGE)) throw new Error(`缺少 ${PAGE}:请先运行 make dist`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * A new page in a fresh context (empty storage), guarded: every request whose URL is not one of
 * `allowed` (plus data: and blob:) is recorded, and so is every console error and page error.
 * Call `guard.check()` at the end of each test.
 */
export async function openGuarded(browser, url = PAGE_URL, { allowed = [url], viewport = { width: 1366, height: 900 }, context } = {}) {
  const ctx = context || (await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }));
  const page = await ctx.newPage();
  const guard = { requests: [], errors: [] };
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (allowed.includes(u.split('#')[0])) return;
    guard.requests.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') guard.errors.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => guard.errors.push(`pageerror: ${e.message}`));
  guard.check = () => {
    assert.deepEqual(guard.requests, [], `页面发出了网络请求:${guard.requests.join(', ')}`);
    assert.deepEqual(guard.errors, [], `页面有错误:\n${guard.errors.join('\n')}`);
  };
  if (url) await page.goto(url);
  return { page, ctx, guard };
}

/** Wait until the app says it is ready (data-ready on its root, inside a shadow root or not). */
export async function ready(page) {
  await page.locator('.cd[data-ready="true"]').first().waitFor({ state: 'attached', timeout: 15_000 });
}

let cliBuilt = null;
/** The native CLI, built from the same sources as dist/ (cargo is a no-op when it is fresh). */
export function cli() {
  if (!cliBuilt) {
    execFileSync('cargo', ['build', '--quiet', '--locked', '--bin', 'cyberduty'], { cwd: ROOT, stdio: 'inherit' });
    cliBuilt = join(ROOT, 'target', 'debug', 'cyberduty');
  }
  return cliBuilt;
}

/** `cyberduty <args…> --json`, parsed. */
export function cliJson(...args) {
  return JSON.parse(execFileSync(cli(), [...args, '--json'], { cwd: ROOT, encoding: 'utf8' }));
}

export function fixture(name) {
  return join(FIXTURES, name);
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Click a button and save the download it starts; returns the saved path. */
export async function download(page, clickTarget, name) {
  const [dl] = await Promise.all([page.waitForEvent('download'), clickTarget.click()]);
  const path = join(OUT, name);
  await dl.saveAs(path);
  return { path, suggested: dl.suggestedFilename() };
}

/** Choose a file in the hidden file input that `button` opens. */
export async function chooseFile(page, button, path) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(path);
}

/** Field names of `export interface Name { … }` in TypeScript declarations `dts` (top level of the block only). */
export function interfaceFields(dts, name) {
  const start = dts.indexOf(`export interface ${name} `);
  assert.ok(start >= 0, `interface ${name} is declared`);
  let depth = 0;
  let i = dts.indexOf('{', start);
  const body = [];
  for (; i < dts.length; i += 1) {
    const c = dts[i];
    if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) break;
    }
    body.push(depth === 1 ? c : c === '\n' ? '\n' : ' ');
  }
  const text = body.join('').replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/(?:^|[;{\n])\s*([a-z_0-9]+)\??:/g)].map((m) => m[1]).sort();
}

let glue = null;
/** The core (pkg/, the same build dist/ inlines), started in Node. */
export async function pkg() {
  if (!glue) {
    glue = await import(pathToFileURL(join(ROOT, 'pkg', 'cyberduty.js')).href);
    glue.initSync({ module: readFileSync(join(ROOT, 'pkg', 'cyberduty_bg.wasm')) });
  }
  return glue;
}

/** The core's vocabulary: the words the page shows. */
export async function vocabulary() {
  return (await pkg()).vocabulary();
}

/** The name of `key` in a vocabulary list ({key, name}[]). */
export function nameIn(list, key) {
  const hit = list.find((x) => x.key === key);
  assert.ok(hit, `vocabulary has ${key}`);
  return hit.name;
}
