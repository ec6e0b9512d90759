// The printouts as PDF (issue 14, item 1): the 考核结果报告, the 研判意见 and the 汇总报告 printed
// by Chromium (page.pdf, the same engine as 打印 → 另存为 PDF) in the 公文 layout of GB/T 9704-2012
// and in the compact one. Measured from the PDF with poppler (pdfinfo, pdftotext -bbox): A4, the
// text inside the 版心 (left 28 mm, top 37 mm, 156 × 225 mm), a page number “— n —” on every page
// under the 版心; each page is also rendered to PNG (pdftoppm) in target/e2e/ to be looked at.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { launch, openGuarded, ready, chooseFile, fixture, OUT, ROOT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const MM = 72 / 25.4;
const mm = (pt) => pt / MM;

/** Every word of every page with its box in PDF points (origin top left), from pdftotext -bbox. */
function words(pdf) {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pages = [];
  for (const page of html.split('<page ').slice(1)) {
    const [, w, hgt] = page.match(/width="([\d.]+)" height="([\d.]+)"/);
    const list = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
      .map((m) => ({ x0: +m[1], y0: +m[2], x1: +m[3], y1: +m[4], text: m[5] }));
    pages.push({ width: +w, height: +hgt, words: list });
  }
  return pages;
}

/** Render each page to PNG (target/e2e/<name>-<n>.png) to look at. */
function pngs(pdf, name) {
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(OUT, name)]);
}

/**
 * The page geometry of a printed PDF: page size, the text's extent outside the page-number line and
 * the page numbers found (the words of the line under the text block).
 */
function measure(pdf, bottomOfBlockMm) {
  const pages = words(pdf);
  return pages.map((p, i) => {
    const body = p.words.filter((w) => mm(w.y0) < bottomOfBlockMm);
    const foot = p.words.filter((w) => mm(w.y0) >= bottomOfBlockMm).map((w) => w.text).join(' ');
    return {
      n: i + 1,
      width: mm(p.width),
      height: mm(p.height),
      left: Math.min(...body.map((w) => mm(w.x0))),
      right: Math.max(...body.map((w) => mm(w.x1))),
      top: Math.min(...body.map((w) => mm(w.y0))),
      bottom: Math.max(...body.map((w) => mm(w.y1))),
      foot,
      footWords: p.words.filter((w) => mm(w.y0) >= bottomOfBlockMm),
    };
  });
}

/** The 公文 checks on every page of `pdf`. */
function checkGongwen(pdf, label) {
  const pages = measure(pdf, 262);
  assert.ok(pages.length >= 1, `${label}: at least one page`);
  for (const p of pages) {
    const at = `${label} p.${p.n}`;
    assert.ok(Math.abs(p.width - 210) < 0.5 && Math.abs(p.height - 297) < 0.5, `${at}: A4 (got ${p.width.toFixed(1)} × ${p.height.toFixed(1)} mm)`);
    // Text starts at the 版心's left edge (a table cell's padding and border: within 3 mm) and top.
    assert.ok(p.left >= 27.5 && p.left <= 31, `${at}: left margin 28 mm (text from ${p.left.toFixed(1)} mm)`);
    assert.ok(p.right <= 184.5, `${at}: text within 28 + 156 mm (to ${p.right.toFixed(1)} mm)`);
    assert.ok(p.top >= 36 && p.top <= 45, `${at}: top margin 37 mm (text from ${p.top.toFixed(1)} mm)`);
    assert.ok(p.bottom <= 262.5, `${at}: text within 37 + 225 mm (to ${p.bottom.toFixed(1)} mm)`);
    // “— n —”: odd pages right, even pages left, one 4号 character in from the 版心's edge.
    assert.match(p.foot, new RegExp(`^— ${p.n} —$`), `${at}: page number “— ${p.n} —” under the text (got “${p.foot}”)`);
    const f = p.footWords;
    const y = mm(f[0].y0);
    assert.ok(y > 262 + 5 && y < 262 + 12, `${at}: page number about 7 mm under the 版心 (at ${y.toFixed(1)} mm)`);
    if (p.n % 2) assert.ok(Math.abs(mm(f[f.length - 1].x1) - (184 - 4.94)) < 1.5, `${at}: odd page number right, one character in`);
    else assert.ok(Math.abs(mm(f[0].x0) - (28 + 4.94)) < 1.5, `${at}: even page number left, one character in`);
  }
  return pages;
}

async function printPdf(page, name) {
  await page.emulateMedia({ media: 'print' });
  const path = join(OUT, `${name}.pdf`);
  await page.pdf({ path, preferCSSPageSize: true, printBackground: false });
  await page.emulateMedia({ media: 'screen' });
  pngs(path, name);
  return path;
}

async function scoreReady(page) {
  await ready(page);
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), fixture('rubric-test.json'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), fixture('assessment-test.json'));
  await page.locator('[data-testid="total"]', { hasText: '57.63' }).waitFor();
}

test('print: the 考核结果报告 in 公文 layout — A4, 版心 and page numbers measured from the PDF', async () => {
  const { page, guard } = await openGuarded(browser);
  await scoreReady(page);
  assert.equal(await page.locator('[data-testid="print-layout"]').inputValue(), 'gongwen', '公文 is the default');
  const pdf = await printPdf(page, 'print-score-gongwen');
  const pages = checkGongwen(pdf, '考核结果报告');
  assert.ok(pages.length >= 2, `the report runs over several pages (got ${pages.length})`);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  const first = text.split('\f')[0];
  for (const s of ['网络安全工作责任制检查考核自评报告', 'cyberduty', '347eaa0f4b059fa4', '细则摘要']) {
    assert.ok(first.includes(s), `the first page shows ${s}`);
  }
  for (const s of ['一票否决项', '作答说明与佐证材料']) assert.ok(text.includes(s), `the report has ${s}`);
  // The grid: a wrapped body paragraph (the N/A item's line, indented two characters) fills the
  // 版心's width, and its line pitch fits 22 lines in 225 mm.
  const body = words(pdf).flatMap((p) => p.words);
  const line1 = body.find((w) => w.text.startsWith('关键信息基础设施每年至少一次检测评估'));
  const line2 = body[body.indexOf(line1) + 1];
  // (Punctuation here is half-width, so a line is measured by its ends, not its characters.)
  assert.ok(Math.abs(mm(line1.x0) - 28 - (2 * 156) / 28) < 0.2, `indented two grid characters (text from ${mm(line1.x0).toFixed(2)} mm)`);
  assert.ok(mm(line1.x1) > 184 - 156 / 28 && mm(line1.x1) < 184.3, `a full line ends at the 版心's right edge (${mm(line1.x1).toFixed(2)} mm)`);
  assert.equal(mm(line2.x0).toFixed(1), '28.0', 'the next line starts at the left edge');
  const pitch = mm(line2.y0 - line1.y0);
  assert.equal(Math.floor(225 / pitch), 22, `22 lines in 225 mm (pitch ${pitch.toFixed(2)} mm)`);
  console.log(`print: 考核结果报告 ${pages.length} pages; text block ${pages.map((p) => `${p.left.toFixed(1)}–${p.right.toFixed(1)} × ${p.top.toFixed(1)}–${p.bottom.toFixed(1)} mm`).join('; ')}`);
  guard.check();
});

test('print: the compact layout is a stored choice, and the same report prints with small margins', async () => {
  const { page, ctx, guard } = await openGuarded(browser);
  await scoreReady(page);
  await page.locator('[data-testid="print-layout"]').selectOption('compact');
  const pdf = await printPdf(page, 'print-score-compact');
  const pages = measure(pdf, 297);
  assert.ok(Math.abs(pages[0].width - 210) < 0.5, 'A4');
  assert.ok(pages[0].left < 20 && pages[0].top < 24, `compact margins (text from ${pages[0].left.toFixed(1)}, ${pages[0].top.toFixed(1)} mm)`);
  // Kept across a reload.
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('[data-testid="print-layout"]').inputValue(), 'compact');
  await page.locator('[data-testid="print-layout"]').selectOption('gongwen');
  guard.check();
  await ctx.close();
});

test('print: the 研判意见 in 公文 layout', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '事件研判' }).click();
  const tab = page.locator('.cd-tab-incident');
  const vector = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced');
  await chooseFile(page, tab.getByRole('button', { name: '打开事件文件…' }), join(vector, 'incident.json'));
  await page.locator('.cd-banner-info', { hasText: '已打开事件文件' }).waitFor();
  const pdf = await printPdf(page, 'print-incident-gongwen');
  const pages = checkGongwen(pdf, '研判意见');
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  assert.ok(text.includes('网络安全事件研判意见') && text.includes('某市政府门户网站被篡改'));
  console.log(`print: 研判意见 ${pages.length} pages`);
  guard.check();
});

test('print: the 汇总报告 in 公文 layout', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  await page.getByRole('tab', { name: '汇总分析' }).click();
  // The signed fixture is accepted against its own rubric; the assessment (not an export) is refused.
  await chooseFile(page, page.getByRole('button', { name: '选择细则文件…' }), fixture('rubric-test.json'));
  const button = page.getByRole('button', { name: '本期上报文件:选择文件', exact: true });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles([fixture('signed-test.json'), join(ROOT, 'tests', 'released', 'v0.1.0', 'assessment.json')]);
  await page.locator('[data-testid="counts"]').waitFor();
  assert.ok(await page.getByRole('button', { name: '打印汇总报告' }).isVisible());
  const pdf = await printPdf(page, 'print-aggregate-gongwen');
  const pages = checkGongwen(pdf, '汇总报告');
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  for (const s of ['网络安全工作责任制检查考核汇总报告', '排名', '共性薄弱指标', '未通过核验的文件', 'E_SCHEMA_UNKNOWN', '57.63']) {
    assert.ok(text.includes(s), `the 汇总报告 shows ${s}`);
  }
  console.log(`print: 汇总报告 ${pages.length} pages`);
  guard.check();
});
