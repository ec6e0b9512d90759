// 自评打分 in dist/cyberduty.html over file://: the same answers give the CLI's exact total and
// grade, everything survives a reload, files load (bad ones leave the work untouched), another
// rubric can be loaded, storage failures are shown, and the A4 report prints.
// Every test asserts zero network requests and no console error or uncaught exception.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { launch, openGuarded, ready, cliJson, fixture, readJson, download, chooseFile, OUT, PAGE, PAGE_URL, vocabulary, scoresLikeTheCli } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const fixed2 = (n) => n.toFixed(2);
const unitCard = (page) => page.getByRole('region', { name: '单位信息' });

/**
 * Answer every item of whatever rubric the page shows, by a fixed pattern over the item's position
 * and its controls (so the test follows the rubric, not the other way round).
 */
async function answerAll(page) {
  const unit = unitCard(page);
  await unit.getByLabel('单位名称').fill('测试单位<img src=x onerror=alert(1)>');
  await unit.getByLabel('统一社会信用代码').fill('11100000MB0000000P');
  await unit.getByLabel('行政层级').selectOption('prefecture');
  await unit.getByLabel('所在地区').fill('某省某市');
  await unit.getByLabel('考核期').fill('2026年度');
  await unit.getByLabel('填报人').fill('张三');
  const cards = page.locator('.cd-item');
  const n = await cards.count();
  assert.ok(n > 0, 'no items rendered');
  for (let i = 0; i < n; i += 1) {
    const card = cards.nth(i);
    const kind = await card.evaluate((el) => (el.classList.contains('cd-item-veto') ? 'veto' : el.classList.contains('cd-item-bonus') ? 'bonus' : 'item'));
    const na = card.getByRole('checkbox', { name: '不适用' });
    if (kind === 'item' && (await na.count()) && i % 5 === 0) {
      await na.check();
      await card.getByLabel((await vocabulary()).na.reason_label).fill('本单位无此类系统');
      continue;
    }
    const radios = card.getByRole('radio');
    const r = await radios.count();
    if (r) {
      // Vetoes: not triggered (the first choice); others: cycle through the choices.
      await radios.nth(kind === 'veto' ? 0 : i % r).check();
    } else if (await card.getByLabel('达标数').count()) {
      await card.getByLabel('达标数').fill(String((i % 4) + 1));
      await card.getByLabel('总数').fill(String((i % 4) + 3));
    } else if (await card.getByLabel('发生次数').count()) {
      await card.getByLabel('发生次数').fill(String(i % 3));
    }
    if (i % 7 === 3) await card.getByLabel('备注').fill(`第 ${i} 项的备注:见会议纪要`);
  }
  return n;
}

/** Every control's state, card by card, plus the unit fields: what must survive a reload. */
async function snapshot(page) {
  return page.evaluate(() => {
    const state = (root) => [...root.querySelectorAll('input, textarea, select')]
      .filter((el) => el.type !== 'file')
      .map((el) => (el.type === 'radio' || el.type === 'checkbox' ? `${el.type}:${el.checked}` : `${el.tagName}:${el.value}`));
    const cards = [...document.querySelectorAll('.cd-item')].map((c) => [c.dataset.itemId, ...state(c)]);
    const unit = state(document.querySelector('.cd-tab-score .cd-grid'));
    return { unit, cards };
  });
}

test('page: one self-contained file, no request, figures printed', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const raw = statSync(PAGE).size;
  const gz = gzipSync(readFileSync(PAGE), { level: 9 }).length;
  const readyMs = await page.evaluate(() => performance.getEntriesByName('cyberduty-ready')[0].startTime);
  const html = readFileSync(PAGE, 'utf8');
  assert.equal((html.match(/<script\b/g) || []).length, 1, 'exactly one script element');
  assert.match(html, /<script type="module">/);
  assert.match(html, /http-equiv="Content-Security-Policy"[^>]*default-src 'none'[^>]*'wasm-unsafe-eval'[^>]*connect-src 'none'/);
  assert.doesNotMatch(html, /\bsrc="(?!data:)|\bhref="(?!data:)/, 'no external resource');
  const figures = { page_bytes: raw, page_gzip_bytes: gz, ready_ms: Math.round(readyMs) };
  writeFileSync(join(OUT, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`dist/cyberduty.html: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzip; navigation → ready ${readyMs.toFixed(0)} ms`);
  await page.screenshot({ path: join(OUT, 'score-empty.png') });
  guard.check();
});

test('page: served over http it works the same and requests nothing but itself', async () => {
  const server = createServer((req, res) => {
    if (req.url !== '/cyberduty.html') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(PAGE));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/cyberduty.html`;
  try {
    const { page, guard } = await openGuarded(browser, url);
    await ready(page);
    await page.locator('.cd-item').first().getByRole('radio').first().check();
    assert.notEqual(await page.locator('[data-testid="total"]').textContent(), '—');
    guard.check();
  } finally {
    server.close();
  }
});

test('score: the answers filled in the page give the CLI total and grade; every answer survives a reload', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const n = await answerAll(page);
  const total = await page.locator('[data-testid="total"]').textContent();
  const grade = await page.locator('[data-testid="grade"]').textContent();
  const progress = await page.locator('[data-testid="progress"]').textContent();
  assert.notEqual(total, '—', 'the page shows a total');

  const { path, suggested } = await download(page, page.getByRole('button', { name: '保存进度' }), 'assessment-default.json');
  assert.match(suggested, /^自评表_11100000MB0000000P_2026年度\.json$/);
  const saved = readJson(path);
  assert.equal(saved.unit.name, '测试单位<img src=x onerror=alert(1)>');
  const native = cliJson('score', path);
  assert.equal(total, fixed2(native.total), 'page total = CLI total');
  assert.equal(grade, native.grade, 'page grade = CLI grade');
  assert.equal(progress, `${native.answered} / ${native.answerable}`);
  console.log(`${n} items answered in the page: total ${total}, grade ${grade} (CLI: ${fixed2(native.total)} ${native.grade})`);
  // Every point lost is listed, with the core's explanation.
  assert.equal(await page.locator('.cd-lost li').count(), native.lost.length);
  if (native.lost.length) assert.equal(await page.locator('.cd-lost-why').first().textContent(), native.lost[0].explanation);
  // The unit name is text, never markup.
  assert.equal(await page.locator('.cd img').count(), 0);

  const before = await snapshot(page);
  await page.screenshot({ path: join(OUT, 'score-filled.png') });
  await page.reload();
  await ready(page);
  const afterReload = await snapshot(page);
  assert.deepEqual(afterReload, before, 'every control is restored after a reload');
  assert.equal(await page.locator('[data-testid="total"]').textContent(), total);
  assert.equal(await page.locator('[data-testid="grade"]').textContent(), grade);
  guard.check();
});

test('score: another rubric from a file, its assessment opened, a bad file rejected without losing work', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await scoresLikeTheCli(page);
  assert.equal(await page.locator('.cd-lost li').count(), 6);
  assert.equal(await unitCard(page).getByLabel('单位名称').inputValue(), '某市网信办(测试)');
  const before = await snapshot(page);

  // Not JSON: rejected with the core's code; nothing changes.
  const bad = join(OUT, 'bad.json');
  writeFileSync(bad, '{"schema": "cyberduty.assessment/1", ');
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), bad);
  const banner = page.locator('.cd-banner-error');
  await banner.waitFor();
  assert.match(await banner.textContent(), /E_JSON_SYNTAX/);
  assert.match(await banner.textContent(), /当前填写的内容没有改动/);
  // Valid JSON with an answer out of range: the core's code and path.
  const outOfRange = join(OUT, 'out-of-range.json');
  const doc = readJson(fixture('assessment-test.json'));
  doc.answers['org.officers'] = { numerator: 10, denominator: 9 };
  writeFileSync(outOfRange, JSON.stringify(doc));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), outOfRange);
  await page.locator('.cd-banner-error', { hasText: 'E_ANSWER_RANGE' }).waitFor();
  // The message in plain Chinese with the item named by the core; the code and path behind 详情.
  const shown = page.locator('.cd-banner-error .cd-problem-text');
  assert.equal(await shown.textContent(), '「各内设部门明确网络安全联络员」:达标数 10 大于总数 9');
  const more = page.locator('.cd-banner-error details.cd-problem-more');
  assert.equal(await more.getAttribute('open'), null, 'the details start closed');
  assert.equal(await more.locator('.cd-problem-code').isVisible(), false);
  await more.locator('summary', { hasText: '详情' }).click();
  assert.equal(await more.textContent(), '详情错误代码 E_ANSWER_RANGE · 位置 $.answers["org.officers"].numerator');
  // A rubric file is not an assessment.
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), fixture('rubric-test.json'));
  await page.locator('.cd-banner-error', { hasText: 'E_SCHEMA_UNKNOWN' }).waitFor();
  assert.deepEqual(await snapshot(page), before, 'bad files leave the work as it was');
  assert.equal(await page.locator('[data-testid="total"]').textContent(), '57.63');

  // An answer typed out of range is shown on its item with the core's message, and kept.
  const officers = page.locator('.cd-item[data-item-id="org.officers"]');
  await officers.getByLabel('达标数').fill('12');
  await officers.locator('.cd-item-error', { hasText: 'E_ANSWER_RANGE' }).waitFor();
  // Issue 14: only that item is left out; the rest of the total still shows.
  assert.equal(await page.locator('[data-testid="total"]').textContent(), '44.67');
  assert.match(await page.locator('[data-testid="invalid-count"]').textContent(), /^1 项输入有误/);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.cd-item[data-item-id="org.officers"]').getByLabel('达标数').inputValue(), '12');
  await page.locator('.cd-item[data-item-id="org.officers"]').getByLabel('达标数').fill('7');
  await page.locator('[data-testid="total"]', { hasText: '57.63' }).waitFor();

  // Back to the default rubric; the fixture rubric's answers are kept for later.
  await page.getByRole('button', { name: '恢复默认细则' }).click();
  await page.getByText('cyberduty.test-fixture / 1.0.0').waitFor({ state: 'detached' });
  guard.check();
});

test('score: a storage failure is shown, not swallowed', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function setItem() {
      throw new DOMException('quota', 'QuotaExceededError');
    };
  });
  const { page, guard } = await openGuarded(browser, PAGE_URL, { context });
  await ready(page);
  await unitCard(page).getByLabel('单位名称').fill('某单位');
  const banner = page.locator('.cd-banner-error', { hasText: '自动保存失败' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /存储空间已满/);
  assert.match(await banner.textContent(), /保存进度/);
  await page.screenshot({ path: join(OUT, 'storage-failure.png') });
  guard.check();
  await context.close();
});

test('score: print preview renders the A4 report with signature lines', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), fixture('rubric-test.json'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), fixture('assessment-test.json'));
  await page.locator('[data-testid="total"]', { hasText: '57.63' }).waitFor();
  await page.emulateMedia({ media: 'print' });
  const report = page.locator('.cd-panel:not([hidden]) .cd-print-report');
  assert.ok(await report.isVisible(), 'the report is visible in print');
  assert.equal(await page.locator('.cd-toolbar').first().isVisible(), false, 'screen controls are hidden in print');
  const text = await report.textContent();
  for (const s of ['网络安全工作责任制检查考核自评报告', '某市网信办(测试)', '2026年度', 'cyberduty.test-fixture', '1.0.0',
    'sm3:347eaa0f4b059fa480bb624e4365b6d898e5527cae91dc42ac3579bb64975e9f', '57.63', '不合格',
    '主要负责人(签字)', '网络安全负责人(签字)', '失分明细(共 6 项)', '具备攻击监测手段,先于通报发现入侵']) {
    assert.ok(text.includes(s), `the printed report shows ${s}`);
  }
  assert.equal(await report.locator('.cd-print-table').first().locator('tbody tr').count(), 3, 'one row per dimension');
  await page.screenshot({ path: join(OUT, 'print-preview.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', path: join(OUT, 'report.pdf') });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 3, `the report fits on 1–3 A4 pages (got ${pages})`);
  console.log(`print: ${pages} A4 page(s), PDF ${(pdf.length / 1024).toFixed(0)} KiB`);
  guard.check();
});

test('score: keyboard only — tabs switch with arrow keys, focus is visible, radios answer', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = page.getByRole('tab', { name: '自评打分' });
  await tab.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: '事件研判' }).getAttribute('aria-selected'), 'true');
  assert.ok(await page.evaluate(() => document.activeElement.textContent === '事件研判'));
  await page.keyboard.press('ArrowLeft');
  assert.equal(await tab.getAttribute('aria-selected'), 'true');
  // Tab to the first radio of the first item and answer it with the keyboard.
  const first = page.locator('.cd-item').first().getByRole('radio').first();
  await first.focus();
  await page.keyboard.press('Space');
  assert.ok(await first.isChecked());
  const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused control shows a focus ring');
  guard.check();
});
