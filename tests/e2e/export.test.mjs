// 导出上报文件 and opening exports in dist/cyberduty.html over file://: the page seals byte for byte
// what `cyberduty export` seals from the same documents at the same time (the page's clock is fixed
// with Playwright's clock), with the period's incidents attached from 事件研判 and the Article 8 veto
// set from them; export → open → export gives the same bytes; the printed report shows the check
// code and says when the answers no longer match the file (the core re-seals to decide); tampered
// files are refused with the core's code. Zero network requests, no console error, no dialog.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, cli, download, chooseFile, vocabulary, OUT, PAGE_URL, ROOT } from './helpers.mjs';

import { assessment } from './batch.mjs';

const VEC = join(ROOT, 'tests', 'vectors', 'export');
const v02 = (f) => join(VEC, '02-article8-met', f);
const INCIDENT_MET = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A guarded page whose clock stands at `at` (new Date().toISOString() gives it), dialogs recorded. */
async function openAt(at, context) {
  const opened = await openGuarded(browser, null, { allowed: [PAGE_URL], context });
  await opened.page.clock.setFixedTime(new Date(at));
  await opened.page.goto(PAGE_URL);
  const dialogs = [];
  opened.page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await ready(opened.page);
  return { ...opened, dialogs };
}

// Answer labels are the core's (vocabulary().methods): a check item's and a veto's yes/no.
const V = await vocabulary();
const field = (kind) => V.methods.find((m) => m.kind === kind).fields[0];

const checkCode = (digest) => digest.slice(4, 20).match(/.{4}/g).join(' ');
const exportButton = (page) => page.getByRole('button', { name: '导出上报文件' });
const status = (page) => page.locator('[data-testid="export-status"]');

async function importIncidents(page, files) {
  await page.getByRole('tab', { name: '事件研判' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '导入事件文件到本期…' }).click()]);
  await chooser.setFiles(files);
  await page.locator('.cd-period-item').nth(files.length - 1).waitFor();
  await page.getByRole('tab', { name: '自评打分' }).click();
}

/** `cyberduty export` of the same documents at the same time, as bytes. */
function cliExport(name, args) {
  const out = join(OUT, name);
  execFileSync(cli(), ['export', ...args, '-o', out, '--force'], { cwd: ROOT });
  return readFileSync(out);
}

test('export: the page seals the CLI export byte for byte, attaches the period incidents and sets the Article 8 veto', async () => {
  const at = '2026-01-15T08:00:00.000Z';
  const { page, guard, dialogs } = await openAt(at);
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), v02('rubric.json'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), v02('assessment.json'));
  await page.locator('[data-testid="total"]', { hasText: '77.00' }).waitFor();
  assert.match(await page.locator('[data-testid="attached"]').textContent(), /本期事件列表为空/);
  await importIncidents(page, [v02('incident-1.json'), v02('incident-2.json')]);
  assert.match(await page.locator('[data-testid="attached"]').textContent(), /附上本期事件 2 个/);
  // The incident tab lists them with the core's Article 8 verdicts.
  const badges = await page.locator('.cd-period-item .cd-badge').allTextContents();
  assert.deepEqual(badges, ['不构成第八条情形', '符合第八条第(三)项']);

  const got = await download(page, exportButton(page), 'page-export-02.json');
  const ours = readFileSync(got.path);
  const theirs = cliExport('cli-export-02.json', [v02('assessment.json'), '--rubric', v02('rubric.json'),
    '--incident', v02('incident-1.json'), '--incident', v02('incident-2.json'), '--generated-at', at]);
  assert.ok(ours.equals(theirs), 'the page export equals cyberduty export byte for byte');
  const doc = JSON.parse(ours.toString('utf8'));
  assert.equal(doc.generated_at, at);
  assert.equal(got.suggested, `91350100M000100Y43_2026_${doc.digest.slice(4, 12)}.cyberduty.json`);
  assert.equal(doc.incidents.length, 2);
  assert.equal(await page.locator('[data-testid="check-code"]').textContent(), checkCode(doc.digest));
  assert.match(await page.locator('.cd-export-messages').textContent(), /由事件研判自动判定为触发:第 2 个事件符合第八条第\(三\)项/);
  // The form now shows the veto the file carries: the totals on screen and in the file agree.
  const veto = page.locator('.cd-item[data-item-id="veto.art8"]');
  assert.ok(await veto.getByRole('radio', { name: field('veto').true_label, exact: true }).isChecked());
  assert.equal(await page.locator('[data-testid="grade"]').textContent(), doc.score.grade);
  assert.equal(await status(page).getAttribute('data-same'), 'true');

  // The printed report carries the check code; an edit makes it say the file no longer matches,
  // undoing the edit makes it match again (the core re-seals the answers at the export's time).
  await page.emulateMedia({ media: 'print' });
  const report = page.locator('.cd-panel:not([hidden]) .cd-print-report');
  assert.equal(await report.locator('[data-testid="print-check-code"]').textContent(), checkCode(doc.digest));
  assert.match(await report.locator('[data-testid="print-export-status"]').textContent(), /一致/);
  await page.emulateMedia({ media: 'screen' });
  const item = page.locator('.cd-item[data-item-id="org.a"]');
  await item.getByRole('radio', { name: field('check').false_label, exact: true }).check();
  assert.equal(await status(page).getAttribute('data-same'), 'false');
  await page.emulateMedia({ media: 'print' });
  assert.match(await report.locator('[data-testid="print-export-status"]').textContent(), /不一致,请重新导出/);
  await page.screenshot({ path: join(OUT, 'print-export-changed.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await item.getByRole('radio', { name: field('check').true_label, exact: true }).check();
  assert.equal(await status(page).getAttribute('data-same'), 'true');
  // Removing an attached incident also changes what would be sealed.
  await page.getByRole('tab', { name: '事件研判' }).click();
  await page.locator('.cd-period-item').first().getByRole('button', { name: '移除' }).click();
  await page.getByRole('tab', { name: '自评打分' }).click();
  assert.equal(await status(page).getAttribute('data-same'), 'false');
  await page.screenshot({ path: join(OUT, 'score-export.png') });
  assert.deepEqual(dialogs, []);
  guard.check();
});

test('export: export → open → export gives the same bytes, incidents included, even after the form was cleared', async () => {
  const at = '2026-02-01T09:30:00.000Z';
  const { page, guard, dialogs } = await openAt(at);
  const file = join(OUT, 'roundtrip-assessment.json');
  writeFileSync(file, JSON.stringify(assessment(12, '2026年度')));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), file);
  await importIncidents(page, [INCIDENT_MET]);
  const first = await download(page, exportButton(page), 'roundtrip-1.json');
  const bytes1 = readFileSync(first.path);
  const doc = JSON.parse(bytes1.toString('utf8'));
  // The assessment said "not triggered"; the incident's situation is met: the core overrode it.
  assert.equal(doc.assessment.answers['veto.art8'].triggered, true);
  assert.match(doc.assessment.answers['veto.art8'].note, /原填写为未触发/);
  assert.ok(bytes1.equals(cliExport('roundtrip-cli.json', [file, '--incident', INCIDENT_MET, '--generated-at', at])), 'same as the CLI');

  // Clear everything: the answers, the period's incidents.
  await page.getByRole('button', { name: '清空作答' }).click();
  await page.getByRole('tab', { name: '事件研判' }).click();
  await page.locator('.cd-period-item').first().getByRole('button', { name: '移除' }).click();
  await page.locator('.cd-period-item').first().waitFor({ state: 'detached' });
  await page.getByRole('tab', { name: '自评打分' }).click();
  assert.equal(await status(page).getAttribute('data-same'), 'false');

  // Open the export: answers, unit, incidents and check code come back; export again.
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), first.path);
  await page.locator('.cd-banner-info', { hasText: '已打开上报文件' }).waitFor();
  assert.match(await page.locator('.cd-banner-info', { hasText: '已打开上报文件' }).textContent(), /1 个本期事件/);
  assert.equal(await page.locator('[data-testid="check-code"]').textContent(), checkCode(doc.digest));
  assert.equal(await status(page).getAttribute('data-same'), 'true');
  assert.equal(await page.getByRole('region', { name: '单位信息' }).getByLabel('统一社会信用代码').inputValue(), doc.assessment.unit.code);
  const second = await download(page, exportButton(page), 'roundtrip-2.json');
  assert.ok(readFileSync(second.path).equals(bytes1), 'export → open → export is byte-identical');
  assert.equal(second.suggested, first.suggested);
  assert.deepEqual(dialogs, []);
  guard.check();
});

test('export: tampered files are refused and the work kept; a file on another rubric opens with its own', async () => {
  const { page, guard, dialogs } = await openAt('2026-03-01T00:00:00.000Z');
  const unit = page.getByRole('region', { name: '单位信息' });
  await unit.getByLabel('单位名称').fill('正在填写的单位');
  // No unit code, no period: the core says what is missing.
  await exportButton(page).click();
  await page.locator('.cd-banner-error', { hasText: '无法导出上报文件' }).waitFor();
  assert.match(await page.locator('.cd-banner-error').textContent(), /E_FIELD_MISSING.*\$\.unit\.code/);

  const tampered = join(OUT, 'tampered-export.json');
  writeFileSync(tampered, readFileSync(v02('expected.cyberduty.json'), 'utf8').replace('"assessor": "考核组"', '"assessor": "考核组(改)"'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), tampered);
  const banner = page.locator('.cd-banner-error', { hasText: '无法打开上报文件' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /E_EXPORT_DIGEST/);
  assert.match(await banner.textContent(), /当前填写的内容没有改动/);
  assert.equal(await unit.getByLabel('单位名称').inputValue(), '正在填写的单位');

  // The golden vector was sealed with the small test rubric: offered, and opened with it.
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), v02('expected.cyberduty.json'));
  const foreign = page.locator('.cd-banner-error', { hasText: 'E_EXPORT_FOREIGN_RUBRIC' });
  await foreign.waitFor();
  await foreign.getByRole('button', { name: '改用文件内嵌的细则并打开' }).click();
  await page.getByText('test.small / 1').waitFor();
  const expected = JSON.parse(readFileSync(v02('expected.cyberduty.json'), 'utf8'));
  assert.equal(await page.locator('[data-testid="total"]').textContent(), expected.score.total.toFixed(2));
  assert.equal(await page.locator('[data-testid="check-code"]').textContent(), checkCode(expected.digest));
  // Sealed again at the vector's own time, the page's answers give the vector's digest.
  assert.equal(await status(page).getAttribute('data-same'), 'true');
  assert.equal(await page.locator('.cd-period-item').count(), 2);
  assert.deepEqual(dialogs, []);
  guard.check();
});
