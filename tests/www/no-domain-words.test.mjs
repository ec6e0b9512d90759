// The page holds no rule or domain word of its own: every word comes from the core's vocabulary()
// or its results. A grep over www/js for the words and decisions that used to be copied there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const JS = join(ROOT, 'www', 'js');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : []));
}

/** Source without comments (a comment may name what it does not contain). */
function code(path) {
  return readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN = [
  ['an Article 8 citation', /第八条第[((]/],
  ['an Article 8 clause text', /国家秘密泄露|瘫痪 ?6 ?小时|重点新闻网站|关键信息基础设施遭受攻击/],
  ['a unit level name', /中央和国家机关|['"`]省级['"`]|地市级|['"`]县级['"`]|乡镇级/],
  ['a target name', /党政机关门户网站|大型网络平台/],
  ['a three-state name as a status word', /['"`](符合|不符合|待定)['"`]/],
  ['an item or veto status word', /['"`](满分|部分得分|未得分|未作答|已触发|未触发)['"`]/],
  ['an incident grade name', /['"`](特别重大|重大|较大|一般)['"`]/],
  ['an assessment grade name', /['"`](优秀|良好|合格|不合格)['"`]/],
  ['a fact label', /遭受网络攻击|被攻击篡改|受影响人数|直接经济损失/],
  ['a schema tag', /cyberduty\.[a-z]+\/\d/],
  ['a regulation title', /《[^》]*(办法|规定|指南)》/],
  ['a Chinese numeral list', /['"`]一['"`],\s*['"`]二['"`]|一二三四五六七/],
];

test('www/js names no domain word, clause, status, grade, fact label or schema tag', () => {
  const found = [];
  for (const f of files(JS)) {
    const text = code(f);
    for (const [what, re] of FORBIDDEN) {
      const m = re.exec(text);
      if (m) found.push(`${relative(ROOT, f)}: ${what} (${m[0]})`);
    }
  }
  assert.deepEqual(found, []);
});

test('www/js decides nothing by an error code: E_ codes appear only where the bridge makes its own errors', () => {
  const found = [];
  for (const f of files(JS)) {
    if (relative(JS, f) === 'core.js') continue;
    for (const m of code(f).matchAll(/['"`]E_[A-Z_]+['"`]/g)) found.push(`${relative(ROOT, f)}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
});

test('no file in www/js is over 400 lines', () => {
  const long = files(JS).map((f) => [relative(ROOT, f), readFileSync(f, 'utf8').split('\n').length - 1]).filter(([, n]) => n > 400);
  assert.deepEqual(long, []);
});
