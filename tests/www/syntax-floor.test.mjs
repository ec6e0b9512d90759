// The checker that keeps the shipped JavaScript at ES2019 and the APIs of Chromium 80
// (scripts/syntax-floor.mjs, run by scripts/build-dist.mjs on every file it writes; the shipped
// files themselves are checked again in tests/e2e/old-browsers.test.mjs). Here: it does fail.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, describe, NEWER_APIS } from '../../scripts/syntax-floor.mjs';

const found = (code, type) => check(code, type).map((f) => [f.what.split(':')[0], f.since ?? null, f.line]);

test('syntax newer than ES2019 is refused, with its line', () => {
  assert.deepEqual(found('const a = 1;\nconst b = a?.c;'), [['ES2019 以后的语法', null, 2]]);
  assert.deepEqual(found('let x = y ?? 1;'), [['ES2019 以后的语法', null, 1]]);
  assert.deepEqual(found('class A { #p = 1 }'), [['ES2019 以后的语法', null, 1]]);
  assert.deepEqual(found('const n = 10n;'), [['ES2019 以后的语法', null, 1]]);
  assert.deepEqual(found('const u = import.meta.url;'), [['ES2019 以后的语法', null, 1]]);
  assert.deepEqual(found('a ||= 1;'), [['ES2019 以后的语法', null, 1]]);
  // A script (embed.js is an IIFE) is parsed as one.
  assert.deepEqual(found('var cyberduty = (() => { const x = a?.b; })();', 'script'), [['ES2019 以后的语法', null, 1]]);
});

test('ES2019 itself passes: what esbuild emits for the page', () => {
  const ok = `
    const { a, ...rest } = obj; const arr = [...xs].flatMap((x) => [x]);
    async function f() { for await (const c of s) await c; try { g(); } catch { } }
    const o = Object.fromEntries([['k', 1]]); export default o; \`\${a}\`; label: for (;;) break label;
    queueMicrotask(() => globalThis.x); String.prototype.trimStart; new TextDecoder('utf-8', { fatal: true });`;
  assert.deepEqual(check(ok), []);
});

test('runtime APIs newer than Chromium 80 are refused, each with the version that brought it', () => {
  const code = [
    'structuredClone(x);',
    'xs.at(-1);',
    'Object.hasOwn(o, "k");',
    's.replaceAll("a", "b");',
    'xs.findLast(f);',
    'crypto.randomUUID();',
    'window.crypto.randomUUID();',
    'AbortSignal.timeout(1000);',
    'el.replaceChildren();',
    'new WeakRef(o);',
    'Promise.any(ps);',
    'xs.toSorted();',
  ].join('\n');
  assert.deepEqual(found(code), [
    ['structuredClone', 98, 1],
    ['.at()', 92, 2],
    ['Object.hasOwn', 93, 3],
    ['.replaceAll()', 85, 4],
    ['.findLast()', 97, 5],
    ['.randomUUID()', 92, 6],
    ['.randomUUID()', 92, 7],
    ['AbortSignal.timeout', 103, 8],
    ['.replaceChildren()', 86, 9],
    ['WeakRef', 84, 10],
    ['Promise.any', 85, 11],
    ['.toSorted()', 110, 12],
  ]);
  assert.equal(describe('dist/embed.js', check('\n  xs.at(-1);')), 'dist/embed.js:2:3: .at()(Chromium 92 起才有,下限是 80)');
});

test('a feature-tested use passes; the test itself, and an untested use, do not', () => {
  // wasm-bindgen's glue: FinalizationRegistry only where it exists.
  assert.deepEqual(check("const R = typeof FinalizationRegistry === 'undefined' ? { register() {} } : new FinalizationRegistry((p) => f(p));"), []);
  assert.deepEqual(check("if ('replaceChildren' in el) el.replaceChildren(); else el.textContent = '';"), []);
  assert.deepEqual(check('const y = xs.at && xs.at(-1);'), []);
  assert.deepEqual(found('if (xs.at(-1)) f();'), [['.at()', 92, 1]]);
  assert.deepEqual(found("if (typeof structuredClone === 'function') f(); structuredClone(o);"), [['structuredClone', 98, 1]]);
  // Names that are only property keys are not uses.
  assert.deepEqual(check('const o = { WeakRef: 1, at: 2 }; o.WeakRef; o.at;'), []);
});

test('every denylisted API has a version above the floor', () => {
  for (const a of NEWER_APIS) assert.ok(a.since > 80, JSON.stringify(a));
});
