// www/js/aggregate/model.js: which files a batch takes (asked of the core), order, chunks, reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byPath, folderFiles, pickedFiles, chunks, readFile, CHUNK_FILES } from '../../www/js/aggregate/model.js';

const file = (size, body = 'x') => ({ size, arrayBuffer: async () => new TextEncoder().encode(body).buffer });
const asked = [];
const fakeCore = {
  batchTakes: (p) => { asked.push(p); return p.endsWith('.json') && !p.includes('skip'); },
  checkSize: (n) => (n > 10 ? { ok: false, error: { code: 'E_INPUT_TOO_LARGE' } } : { ok: true }),
};

test('a folder: the core says which files are taken; the CLI’s component-wise order', () => {
  asked.length = 0;
  const list = ['d/b.json', 'd/a/z.json', 'd/skip.json', 'd/a.txt', 'd/a.json'].map((name) => ({ name, file: file(1) }));
  assert.deepEqual(folderFiles(fakeCore, list).map((x) => x.name), ['d/a/z.json', 'd/a.json', 'd/b.json']);
  assert.equal(asked.length, 5);
  assert.ok(byPath({ name: 'a/b' }, { name: 'a/b/c' }) < 0);
  const picked = pickedFiles(fakeCore, [{ name: 'x.txt', webkitRelativePath: 'f/x.txt', size: 1 }, { name: 'y.json', webkitRelativePath: 'f/y.json', size: 1 }], true);
  assert.deepEqual(picked.map((x) => x.name), ['f/y.json']);
  assert.deepEqual(pickedFiles(fakeCore, [{ name: 'x.txt', size: 1 }], false).map((x) => x.name), ['x.txt'], 'files picked one by one are all taken');
});

test('chunks: at most CHUNK_FILES files, about 8 MiB each, an oversized file counted at the limit', () => {
  const many = Array.from({ length: CHUNK_FILES * 2 + 1 }, (_, i) => ({ name: `${i}`, file: file(1) }));
  assert.deepEqual(chunks(many, 100).map((c) => c.length), [16, 16, 1]);
  const big = [{ name: 'a', file: file(5e6) }, { name: 'b', file: file(5e6) }, { name: 'c', file: file(1e9) }, { name: 'd', file: file(1) }];
  assert.deepEqual(chunks(big, 1e7).map((c) => c.map((x) => x.name)), [['a'], ['b'], ['c'], ['d']]);
  assert.deepEqual(chunks(big, 2e6).map((c) => c.map((x) => x.name)), [['a', 'b'], ['c', 'd']], 'a file is counted at most at the limit + 1');
});

test('a file the core refuses by size is not read', async () => {
  assert.deepEqual(await readFile(fakeCore, { name: 'big', file: file(11) }), { name: 'big', size: 11 });
  const small = await readFile(fakeCore, { name: 's', file: file(2, 'ab') });
  assert.deepEqual([small.name, small.size, [...small.bytes]], ['s', 2, [97, 98]]);
});
