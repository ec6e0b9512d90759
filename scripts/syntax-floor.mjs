// The shipped JavaScript's floor: ES2019 syntax and no runtime API newer than Chromium 80 (the
// kernels of the 360/奇安信 browsers government intranets run). esbuild lowers syntax to its target
// but never adds a missing API, so scripts/build-dist.mjs runs check() on every file it writes and
// stops the build on a finding; tests/www/syntax-floor.test.mjs shows that the check can fail.

import { parse } from 'acorn';

export const ECMA_VERSION = 2019;
export const FLOOR = 80;

/**
 * Runtime APIs newer than Chromium 80, with the Chromium version that introduced each:
 * `global` a global name, `object` + `property` a static member (`Object.hasOwn`), `method` a
 * method called on any value (`x.at(-1)`, whatever x is: the name decides).
 */
export const NEWER_APIS = [
  { global: 'structuredClone', since: 98 },
  { global: 'WeakRef', since: 84 },
  { global: 'FinalizationRegistry', since: 84 },
  { global: 'AggregateError', since: 85 },
  { global: 'scheduler', since: 94 },
  { global: 'Iterator', since: 122 },
  { object: 'Object', property: 'hasOwn', since: 93 },
  { object: 'Object', property: 'groupBy', since: 117 },
  { object: 'Map', property: 'groupBy', since: 117 },
  { object: 'Promise', property: 'any', since: 85 },
  { object: 'Promise', property: 'withResolvers', since: 119 },
  { object: 'Array', property: 'fromAsync', since: 121 },
  { object: 'AbortSignal', property: 'timeout', since: 103 },
  { object: 'AbortSignal', property: 'any', since: 116 },
  { object: 'Intl', property: 'Segmenter', since: 87 },
  { object: 'Intl', property: 'DisplayNames', since: 81 },
  { object: 'URL', property: 'canParse', since: 120 },
  { object: 'Atomics', property: 'waitAsync', since: 87 },
  { object: 'Uint8Array', property: 'fromBase64', since: 140 },
  { method: 'at', since: 92 },
  { method: 'replaceAll', since: 85 },
  { method: 'findLast', since: 97 },
  { method: 'findLastIndex', since: 97 },
  { method: 'randomUUID', since: 92 },
  { method: 'replaceChildren', since: 86 },
  { method: 'toSorted', since: 110 },
  { method: 'toReversed', since: 110 },
  { method: 'toSpliced', since: 110 },
  { method: 'with', since: 110 },
  { method: 'isWellFormed', since: 111 },
  { method: 'toWellFormed', since: 111 },
  { method: 'transferToFixedLength', since: 114 },
  { method: 'showPicker', since: 99 },
  { method: 'checkVisibility', since: 105 },
  { method: 'isSubsetOf', since: 122 },
  { method: 'isSupersetOf', since: 122 },
  { method: 'isDisjointFrom', since: 122 },
  { method: 'symmetricDifference', since: 122 },
];

const GLOBALS = new Map(NEWER_APIS.filter((a) => a.global).map((a) => [a.global, a]));
const STATICS = new Map(NEWER_APIS.filter((a) => a.object).map((a) => [`${a.object}.${a.property}`, a]));
const METHODS = new Map(NEWER_APIS.filter((a) => a.method).map((a) => [a.method, a]));

const nameOf = (n) => (n.type === 'Identifier' ? n.name : n.type === 'Literal' && typeof n.value === 'string' ? n.value : null);

/** Does the subtree `node` mention `name` (typeof X, 'x' in y, y.x)? A feature test does. */
function mentions(node, name) {
  let hit = false;
  walk(node, [], (n) => {
    if (nameOf(n) === name) hit = true;
  });
  return hit;
}

/** A use is feature-tested when an enclosing if / ?: / && / || tests for the same name first. */
function guarded(name, node, ancestors) {
  for (let i = ancestors.length - 1; i >= 0; i -= 1) {
    const a = ancestors[i];
    const child = ancestors[i + 1] || node;
    const test = a.type === 'IfStatement' || a.type === 'ConditionalExpression' ? a.test : a.type === 'LogicalExpression' ? a.left : null;
    if (test && child !== test && mentions(test, name)) return true;
  }
  return false;
}

function walk(node, ancestors, visit) {
  visit(node, ancestors);
  ancestors.push(node);
  for (const key of Object.keys(node)) {
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, ancestors, visit);
    } else if (v && typeof v.type === 'string' && key !== 'loc') walk(v, ancestors, visit);
  }
  ancestors.pop();
}

/**
 * Findings in the JavaScript `code` (`sourceType` 'module' or 'script'): a syntax error at ES2019
 * (the first one only: the parser stops there), then each unguarded use of a NEWER_APIS entry.
 * Each finding is {line, column, what, since?}; an empty list means the code runs on Chromium 80.
 */
export function check(code, sourceType = 'module') {
  let ast;
  try {
    ast = parse(code, { ecmaVersion: ECMA_VERSION, sourceType, locations: true });
  } catch (e) {
    return [{ line: e.loc?.line ?? 0, column: e.loc?.column ?? 0, what: `ES${ECMA_VERSION} 以后的语法:${e.message}` }];
  }
  const found = [];
  const report = (n, api, what) => found.push({ line: n.loc.start.line, column: n.loc.start.column, what, since: api.since });
  walk(ast, [], (n, ancestors) => {
    const parent = ancestors[ancestors.length - 1];
    if (n.type === 'Identifier' && GLOBALS.has(n.name)) {
      // A property key is no use; neither is `typeof X`, the feature test itself.
      const isKey = parent && ((parent.type === 'MemberExpression' && parent.property === n && !parent.computed)
        || (parent.type === 'Property' && parent.key === n && !parent.computed)
        || (parent.type === 'UnaryExpression' && parent.operator === 'typeof'));
      if (!isKey && !guarded(n.name, n, ancestors)) report(n, GLOBALS.get(n.name), n.name);
    } else if (n.type === 'MemberExpression' && !n.computed && n.object.type === 'Identifier') {
      const key = `${n.object.name}.${n.property.name}`;
      if (STATICS.has(key) && !guarded(n.property.name, n, ancestors)) report(n, STATICS.get(key), key);
    }
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed) {
      const m = n.callee.property.name;
      if (METHODS.has(m) && !guarded(m, n, ancestors)) report(n, METHODS.get(m), `.${m}()`);
    }
  });
  return found;
}

/** One line per finding, for a build log or an assertion message. */
export function describe(file, findings) {
  return findings.map((f) => `${file}:${f.line}:${f.column + 1}: ${f.what}${f.since ? `(Chromium ${f.since} 起才有,下限是 ${FLOOR})` : ''}`).join('\n');
}
