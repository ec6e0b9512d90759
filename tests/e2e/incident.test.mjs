// 事件研判 in dist/cyberduty.html over file://: facts entered with the three-state controls give
// the CLI's classification for the same incident, live; the form survives a reload; incident files
// open (bad ones leave the work untouched). Zero network requests, no console error, every test.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, cliJson, readJson, download, chooseFile, vocabulary, nameIn, OUT, ROOT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The page's words are the core's: taken from its vocabulary (pkg/, the build dist/ inlines).
const V = await vocabulary();
const TRI = (k) => nameIn(V.tristate, k);
const STATUS = { met: TRI('met'), not_met: TRI('not_met'), undetermined: TRI('undetermined') };
const GRADE = Object.fromEntries(V.incident_grades.map((g) => [g.key, g.name]));
const YESNO = (v) => (v === true ? '是' : v === false ? '否' : TRI('undetermined'));
/** The label of a fact or a time, as the core names it. */
const L = (key) => [...V.facts, ...V.timeline].find((f) => f.key === key).label;
const VECTOR = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced');

async function openIncidentTab(page) {
  await page.getByRole('tab', { name: '事件研判' }).click();
  return page.locator('.cd-tab-incident');
}

/** Answer a three-state fact (是 / 否 / 未知) by its legend. */
async function fact(tab, label, choice) {
  await tab.getByRole('group', { name: label, exact: true }).getByRole('radio', { name: choice, exact: true }).check();
}

/** What the page shows for the classification, in the CLI JSON's terms. */
async function shown(tab) {
  const side = tab.locator('.cd-side');
  const triggers = await tab.locator('.cd-side .cd-trigger').evaluateAll((els) => els.map((el) => el.querySelector('.cd-badge').textContent));
  return {
    triggers,
    accountability: await side.locator('[data-testid="accountability"]').textContent(),
    grade: await side.locator('[data-testid="incident-grade"]').textContent(),
    required: await side.locator('[data-testid="report-required"]').textContent(),
    onTime: await side.locator('[data-testid="on-time"]').textContent(),
  };
}

function expected(c) {
  return {
    triggers: c.triggers.map((t) => STATUS[t.status]),
    accountability: STATUS[c.accountability.status],
    grade: `${GRADE[c.grade.level]}${c.grade.at_least ? '(至少)' : ''}`,
    required: YESNO(c.reporting.required),
    onTime: YESNO(c.reporting.on_time),
  };
}

async function formState(tab) {
  return tab.locator('.cd-main').evaluate((root) => [...root.querySelectorAll('input, select')]
    .filter((el) => el.type !== 'file')
    .map((el) => (el.type === 'radio' ? `${el.checked}` : el.value)));
}

test('incident: facts entered in the page classify exactly as the CLI, live, and survive a reload', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = await openIncidentTab(page);
  // Nothing known yet: every situation is undetermined, nothing is invented.
  assert.deepEqual((await shown(tab)).triggers, Array(7).fill(STATUS.undetermined));

  await tab.getByLabel('事件名称').fill('某市政府门户网站被篡改');
  await tab.getByLabel('事件类别(GB/T 20986-2023)').fill('网络攻击事件/网页篡改');
  await tab.getByLabel('发生事件的单位').fill('某市人民政府办公室');
  await tab.getByLabel('单位行政层级').selectOption('prefecture');
  await tab.getByLabel('受影响对象类型').selectOption('party_gov_portal');
  await fact(tab, L('attacked'), '是');
  await fact(tab, L('tampered'), '是');
  await fact(tab, L('harmful_info_spread_widely'), '是');
  await fact(tab, L('reported_in_time'), '否');
  await fact(tab, L('handled_in_time'), '否');
  await tab.getByLabel(L('outage_hours')).fill('7.5');
  await tab.getByLabel(L('discovered_at'), { exact: true }).fill('2026-03-01T10:05:00');
  await tab.getByLabel(L('reported_at'), { exact: true }).fill('2026-03-01T14:30:00');

  const first = await shown(tab);
  assert.equal(first.triggers[0], STATUS.met);
  assert.equal(first.triggers[1], STATUS.met);
  const a = await download(page, tab.getByRole('button', { name: '保存事件' }), 'incident-1.json');
  assert.deepEqual(first, expected(cliJson('classify', a.path)), 'page = CLI');

  // 5.9 hours is under the 6-hour line of 第八条第(二)项: the page follows at once.
  await tab.getByLabel(L('outage_hours')).fill('5.9');
  const second = await shown(tab);
  assert.equal(second.triggers[1], STATUS.not_met);
  const b = await download(page, tab.getByRole('button', { name: '保存事件' }), 'incident-2.json');
  assert.deepEqual(second, expected(cliJson('classify', b.path)), 'page = CLI after a change');
  await page.screenshot({ path: join(OUT, 'incident.png') });

  // A missing fact links to its control.
  const chip = tab.locator('.cd-side .cd-trigger[data-item="3"] .cd-chip', { hasText: L('state_secret_leaked') });
  await chip.click();
  assert.equal(await page.evaluate(() => document.activeElement.closest('[data-fact]')?.dataset.fact), 'state_secret_leaked');

  const before = await formState(tab);
  await page.reload();
  await ready(page);
  const again = page.locator('.cd-tab-incident');
  assert.ok(await again.isVisible(), 'the incident tab is still the open one');
  assert.deepEqual(await formState(again), before, 'every fact is restored after a reload');
  guard.check();
});

test('incident: a file opens and shows the golden verdicts; a bad file is refused and the form kept', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = await openIncidentTab(page);
  await tab.getByLabel('事件名称').fill('手工填写的事件');
  const before = await formState(tab);

  const bad = join(OUT, 'bad-incident.json');
  writeFileSync(bad, readFileSync(`${VECTOR}/incident.json`, 'utf8').replace('2026-03-01T06:30:00Z', '2026年3月1日下午'));
  await chooseFile(page, tab.getByRole('button', { name: '打开事件文件…' }), bad);
  const banner = page.locator('.cd-banner-error', { hasText: 'E_TIMESTAMP' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /\$\.timeline\.reported_at/);
  assert.deepEqual(await formState(tab), before, 'the form is untouched');

  await chooseFile(page, tab.getByRole('button', { name: '打开事件文件…' }), `${VECTOR}/incident.json`);
  await page.locator('.cd-banner-info', { hasText: '已打开事件文件' }).waitFor();
  assert.equal(await tab.getByLabel('事件名称').inputValue(), '某市政府门户网站被篡改');
  assert.deepEqual(await shown(tab), expected(readJson(`${VECTOR}/expected.json`)));
  // The timestamp written in UTC keeps its offset.
  assert.equal(await tab.locator('[data-fact="reported_at"] .cd-input-offset').inputValue(), 'Z');
  // Saved again, it classifies the same.
  const saved = await download(page, tab.getByRole('button', { name: '保存事件' }), 'incident-roundtrip.json');
  assert.deepEqual(expected(cliJson('classify', saved.path)), expected(readJson(`${VECTOR}/expected.json`)));
  // Undo brings the hand-filled form back.
  await page.locator('.cd-banner-info').getByRole('button', { name: '撤销' }).click();
  assert.equal(await tab.getByLabel('事件名称').inputValue(), '手工填写的事件');

  // An impossible value typed in the form: the core's message, on the field.
  await tab.getByLabel(L('personal_info_leaked_persons')).fill('-3');
  await tab.locator('[data-fact="personal_info_leaked_persons"] .cd-fact-error').waitFor();
  assert.match(await tab.locator('.cd-side .cd-error-box').textContent(), /E_FIELD/);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await tab.locator('.cd-print-report').isVisible());
  guard.check();
});
