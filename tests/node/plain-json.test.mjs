// The binding's `plainJson` (src/wasm/mod.rs): which JS values it writes as JSON text for serde_json,
// and which it leaves to serde-wasm-bindgen (undefined) because JSON.stringify would write them
// differently from how serde-wasm-bindgen reads them. The table was checked case for case against
// the JSON.stringify-replacer version it replaced (round 12).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const snippets = join(ROOT, 'pkg', 'snippets');
const file = readdirSync(snippets, { recursive: true }).map(String)
  .find((f) => f.endsWith('.js') && f.includes('inline'));
const { plainJson } = await import(pathToFileURL(join(snippets, file)).href);

const cyclic = {};
cyclic.self = cyclic;
const extraProps = [1, 2];
extraProps.x = 5;
const arrayToJSON = [1];
arrayToJSON.toJSON = () => 2;
class Klass { constructor() { this.a = 1; } }
const nullProto = Object.create(null);
nullProto.a = 1;
const hidden = {};
Object.defineProperty(hidden, 'h', { value: NaN, enumerable: false });
let deep = 1;
for (let i = 0; i < 200; i++) deep = [deep];

const accepted = {
  'integer': 1, 'minus zero': -0, 'decimal': 0.5, 'largest safe integer': 2 ** 53 - 1,
  'string': 'x', 'lone surrogate (serde_json refuses the text: read by serde-wasm-bindgen)': '\ud800',
  'boolean': true, 'null': null, 'empty array': [], 'empty object': {},
  'nested': { a: { b: { c: [1.5, -3, null, 'z', { d: [true] }] } } },
  'array with a non-index property (not written)': extraProps,
  'symbol-keyed property (not written)': { a: 1, [Symbol('s')]: 2 },
  'getter': { get a() { return 1; } },
  'non-enumerable NaN (not written)': hidden,
  '200 nested arrays (over serde_json\'s 128: read by serde-wasm-bindgen)': deep,
};
const refused = {
  'beyond 2^53': 2 ** 53, 'NaN': NaN, 'Infinity': Infinity, '-Infinity': -Infinity,
  'undefined': undefined, 'function': () => 1, 'symbol': Symbol('s'), 'BigInt': 10n,
  'undefined property': { a: undefined }, 'NaN property': { a: NaN }, 'undefined element': [undefined],
  'function element': [() => 1], 'cycle': cyclic, 'array hole': [1, , 3],
  'toJSON': { toJSON() { return 1; } }, 'array toJSON': arrayToJSON, 'Date': new Date(0),
  'Map': new Map(), 'Set': new Set(), 'class instance': new Klass(), 'null prototype': nullProto,
  'iterable object': { a: 1, [Symbol.iterator]: function* () {} },
  'throwing getter': { get a() { throw new Error('x'); } },
  'String object': new String('s'), 'Number object': new Number(1), 'typed array': new Uint8Array(2),
  'inherited property': Object.assign(Object.create({ inherited: 1 }), { a: 1 }),
};

test('plain JSON data is written as JSON.stringify writes it', () => {
  for (const [what, value] of Object.entries(accepted)) {
    assert.equal(plainJson(value), JSON.stringify(value), what);
  }
  assert.equal(plainJson(extraProps), '[1,2]');
  assert.equal(plainJson(-0), '0');
});

test('anything serde-wasm-bindgen would read otherwise is left to it', () => {
  for (const [what, value] of Object.entries(refused)) {
    assert.equal(plainJson(value), undefined, what);
  }
});
