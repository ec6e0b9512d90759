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

/**
 * Wait until the app is ready and completely built (data-ready, then data-rendered on its root,
 * inside a shadow root or not). At `ready` the visible tab shows its first screen; 自评打分 builds
 * the rest of its item cards in the tasks after it (tests/e2e/ready.test.mjs): tests that count or
 * walk the cards wait for all of them.
 */
export async function ready(page) {
  await page.locator('.cd[data-ready="true"]').first().waitFor({ state: 'attached', timeout: 15_000 });
  await page.locator('.cd[data-rendered="true"]').first().waitFor({ state: 'attached', timeout: 15_000 });
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

/**
 * The TypeScript declarations `dts` read as types a value can be checked against (a small parser for
 * the subset the package uses: primitives, string and number literals, unions, intersections, arrays,
 * tuples, object literals, `Record<K, V>`, `T["key"]` and references to the file's own `export
 * interface` / `export type`). `check(value, type)` returns every mismatch as `path: what`, exact
 * about fields (a field present but not declared, or declared required but absent, is a mismatch).
 * `uncovered()` lists, for every union of string literals a check has visited, the members no checked
 * value ever had — so a union member deleted (a value fails) or made up (never seen) both show
 * (`only`: just the unions written in these declarations).
 */
export function declarations(dts) {
  const text = dts.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  const sources = new Map();
  for (const m of text.matchAll(/^export (interface|type) (\w+)(?: extends \w+)?\s*(=)?/gm)) {
    let i = m.index + m[0].length;
    let body;
    if (m[1] === 'interface') {
      const open = text.indexOf('{', i);
      let depth = 0;
      let j = open;
      for (; j < text.length; j += 1) {
        if (text[j] === '{') depth += 1;
        else if (text[j] === '}' && --depth === 0) break;
      }
      body = text.slice(open, j + 1);
    } else {
      let depth = 0;
      let j = i;
      for (; j < text.length; j += 1) {
        const c = text[j];
        if ('{([<'.includes(c)) depth += 1;
        else if ('})]>'.includes(c)) depth -= 1;
        else if (c === ';' && depth === 0) break;
      }
      body = text.slice(i, j);
    }
    sources.set(m[2], body);
  }
  const parsed = new Map();
  const unions = [];

  function parse(src, label) {
    const tokens = [...src.matchAll(/\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[A-Za-z_$][\w$]*|=>|\S)/g)].map((m) => m[1]);
    let p = 0;
    const peek = () => tokens[p];
    const take = (t) => {
      const got = tokens[p++];
      if (t !== undefined && got !== t) throw new Error(`${label}: expected ${t}, got ${got} in ${src}`);
      return got;
    };
    function union() {
      if (peek() === '|') take();
      const members = [intersection()];
      while (peek() === '|') {
        take();
        members.push(intersection());
      }
      if (members.length === 1) return members[0];
      const node = { k: 'union', members, label };
      unions.push(node);
      return node;
    }
    function intersection() {
      const members = [postfix()];
      while (peek() === '&') {
        take();
        members.push(postfix());
      }
      return members.length === 1 ? members[0] : { k: 'inter', members };
    }
    function postfix() {
      let t = primary();
      while (peek() === '[') {
        take('[');
        if (peek() === ']') {
          take(']');
          t = { k: 'arr', el: t };
        } else {
          const key = JSON.parse(take());
          take(']');
          t = { k: 'idx', base: t, key };
        }
      }
      return t;
    }
    function primary() {
      const t = take();
      if (t === '(') {
        const inner = union();
        take(')');
        return inner;
      }
      if (t === '{') return object();
      if (t === '[') {
        const els = [];
        while (peek() !== ']') {
          els.push(union());
          if (peek() === ',') take();
        }
        take(']');
        return { k: 'tuple', els };
      }
      if (t.startsWith('"')) return { k: 'lit', value: JSON.parse(t) };
      if (/^-?\d/.test(t)) return { k: 'lit', value: Number(t) };
      if (t === 'true' || t === 'false') return { k: 'lit', value: t === 'true' };
      if (['string', 'number', 'boolean', 'null', 'undefined', 'object', 'any', 'unknown', 'void'].includes(t)) return { k: 'prim', name: t };
      if (!/^[A-Za-z_$]/.test(t)) throw new Error(`${label}: unexpected ${t} in ${src}`);
      const args = [];
      if (peek() === '<') {
        take('<');
        args.push(union());
        while (peek() === ',') {
          take();
          args.push(union());
        }
        take('>');
      }
      return { k: 'ref', name: t, args };
    }
    function object() {
      const fields = [];
      while (peek() !== '}') {
        if (peek() === ';' || peek() === ',') {
          take();
          continue;
        }
        const name = take();
        const optional = peek() === '?';
        if (optional) take('?');
        take(':');
        fields.push({ name, optional, type: union() });
      }
      take('}');
      return { k: 'obj', fields };
    }
    const node = union();
    if (p !== tokens.length) throw new Error(`${label}: trailing ${tokens.slice(p).join(' ')}`);
    return node;
  }

  /** The declared type `name` (an interface or a type alias), parsed once. */
  function type(name) {
    if (!parsed.has(name)) {
      assert.ok(sources.has(name), `type ${name} is declared`);
      parsed.set(name, null);
      parsed.set(name, parse(sources.get(name), name));
    }
    return parsed.get(name);
  }

  /** A type as object members: refs resolved, intersections merged (distributed over unions). */
  function alternatives(t) {
    if (t.k === 'ref' && sources.has(t.name)) return alternatives(type(t.name));
    if (t.k === 'union') return t.members.flatMap(alternatives);
    if (t.k === 'inter') {
      return t.members.map(alternatives).reduce((acc, alts) =>
        acc.flatMap((a) => alts.map((b) => {
          assert.ok(a.k === 'obj' && b.k === 'obj', 'an intersection of object types');
          return { k: 'obj', fields: [...a.fields, ...b.fields] };
        })));
    }
    return [t];
  }

  const seen = new Map();
  const show = (v) => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)?.slice(0, 60));

  function check(value, t, path = '$') {
    switch (t.k) {
      case 'prim':
        switch (t.name) {
          case 'string': case 'number': case 'boolean': case 'undefined':
            return typeof value === t.name && (t.name !== 'number' || Number.isFinite(value)) ? [] : [`${path}: ${show(value)} is not ${t.name}`];
          case 'null': return value === null ? [] : [`${path}: ${show(value)} is not null`];
          case 'object': return value !== null && typeof value === 'object' ? [] : [`${path}: not an object`];
          default: return [`${path}: declared ${t.name}`];
        }
      case 'lit':
        return value === t.value ? [] : [`${path}: ${show(value)} is not ${show(t.value)}`];
      case 'arr':
        if (!Array.isArray(value)) return [`${path}: ${show(value)} is not an array`];
        return value.flatMap((v, i) => check(v, t.el, `${path}[${i}]`));
      case 'tuple':
        if (!Array.isArray(value) || value.length !== t.els.length) return [`${path}: ${show(value)} is not a ${t.els.length}-tuple`];
        return value.flatMap((v, i) => check(v, t.els[i], `${path}[${i}]`));
      case 'obj': {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: ${show(value)} is not an object`];
        const errors = [];
        const declared = new Map(t.fields.map((f) => [f.name, f]));
        for (const key of Object.keys(value)) {
          if (!declared.has(key)) errors.push(`${path}.${key}: present but not declared`);
        }
        for (const f of t.fields) {
          if (!(f.name in value)) {
            if (!f.optional) errors.push(`${path}.${f.name}: declared required but absent`);
          } else errors.push(...check(value[f.name], f.type, `${path}.${f.name}`));
        }
        return errors;
      }
      case 'idx': {
        const [base] = alternatives(t.base);
        const f = base.fields.find((x) => x.name === t.key);
        assert.ok(f, `${t.key} is a field`);
        return check(value, f.type, path);
      }
      case 'ref':
        if (t.name === 'Record') {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: not a record`];
          return Object.entries(value).flatMap(([k, v]) => [...check(k, t.args[0], `${path}[key]`), ...check(v, t.args[1], `${path}[${JSON.stringify(k)}]`)]);
        }
        if (t.name === 'Uint8Array') return value instanceof Uint8Array ? [] : [`${path}: not a Uint8Array`];
        return check(value, type(t.name), path);
      case 'union': {
        let best = null;
        for (const m of t.members) {
          const errors = check(value, m, path);
          if (errors.length === 0) {
            if (m.k === 'lit') {
              if (!seen.has(t)) seen.set(t, new Set());
              seen.get(t).add(m.value);
            }
            return [];
          }
          if (!best || errors.length < best.length) best = errors;
        }
        if (t.members.every((m) => m.k === 'lit' || m.k === 'prim')) {
          return [`${path}: ${show(value)} is not one of ${t.members.map((m) => (m.k === 'lit' ? show(m.value) : m.name)).join(' | ')}`];
        }
        return best;
      }
      case 'inter':
        return check(value, { k: 'union', members: alternatives(t) }, path);
      default:
        throw new Error(`unknown type node ${t.k}`);
    }
  }

  /** The type of a field path of a declared type (`at('Incident', 'facts', 'outage_scope')`). */
  function at(name, ...fields) {
    return fields.reduce((t, key) => {
      const [o] = alternatives(t);
      const f = o.fields?.find((x) => x.name === key);
      assert.ok(f, `${name}.${fields.join('.')} is declared`);
      return f.type.k === 'arr' ? f.type.el : f.type;
    }, { k: 'ref', name, args: [] });
  }

  function uncovered(only = null) {
    const out = [];
    for (const u of unions) {
      if (only && !only.includes(u.label)) continue;
      const lits = u.members.filter((m) => m.k === 'lit' && typeof m.value === 'string');
      if (lits.length === 0 || lits.length + u.members.filter((m) => m.k === 'prim' && (m.name === 'null' || m.name === 'undefined')).length !== u.members.length) continue;
      if (!seen.has(u) && !visited.has(u)) continue;
      const got = seen.get(u) || new Set();
      const missing = lits.map((m) => m.value).filter((v) => !got.has(v));
      if (missing.length) out.push(`${u.label}: ${missing.map(show).join(', ')} never seen`);
    }
    return out;
  }
  const visited = new Set();
  const checkTracked = (value, t, path) => {
    walk(t);
    return check(value, t, path);
  };
  // Every literal union reachable from a type checked against is counted as visited.
  function walk(t, stack = new Set()) {
    if (!t || stack.has(t)) return;
    stack.add(t);
    switch (t.k) {
      case 'union': visited.add(t); t.members.forEach((m) => walk(m, stack)); break;
      case 'inter': t.members.forEach((m) => walk(m, stack)); break;
      case 'arr': walk(t.el, stack); break;
      case 'tuple': t.els.forEach((e) => walk(e, stack)); break;
      case 'obj': t.fields.forEach((f) => walk(f.type, stack)); break;
      case 'idx': walk(t.base, stack); break;
      case 'ref':
        t.args.forEach((a) => walk(a, stack));
        if (sources.has(t.name)) walk(type(t.name), stack);
        break;
      default:
    }
  }

  return { type, at, check: checkTracked, uncovered, names: [...sources.keys()] };
}

/** Load rubric-test.json and open its assessment: the CLI's exact total for the same files. */
export async function scoresLikeTheCli(page) {
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), fixture('rubric-test.json'));
  await page.getByText('cyberduty.test-fixture / 1.0.0').waitFor();
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), fixture('assessment-test.json'));
  const native = cliJson('score', fixture('assessment-test.json'), '--rubric', fixture('rubric-test.json'));
  assert.equal(native.total, 57.63);
  await page.locator('[data-testid="total"]', { hasText: '57.63' }).waitFor();
  assert.equal(await page.locator('[data-testid="grade"]').textContent(), native.grade);
}
