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
    accountability: c.accountability.decision,
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

// Issue 10, item 3: 已及时报告 = 是 while the timeline shows a late report. The core's warning is
// shown in the result and beside both sides (the claim and the two times); (一) is undetermined.
test('incident: a claim that contradicts the timeline is shown beside both fields', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = await openIncidentTab(page);
  const dir = join(ROOT, 'tests', 'vectors', 'incident', '14-claimed-on-time-but-late');
  await chooseFile(page, tab.getByRole('button', { name: '打开事件文件…' }), join(dir, 'incident.json'));
  await page.locator('.cd-banner-info', { hasText: '已打开事件文件' }).waitFor();
  const want = readJson(join(dir, 'expected.json'));
  assert.equal(want.warnings.length, 1);
  const message = want.warnings[0].message;
  const box = tab.locator('.cd-side [data-testid="fact-warnings"]');
  await box.waitFor();
  assert.ok((await box.textContent()).includes(message), 'the warning in the result');
  for (const key of ['reported_in_time', 'discovered_at', 'reported_at']) {
    assert.equal(await tab.locator(`[data-fact="${key}"] .cd-fact-warning`).textContent(), message, `beside ${key}`);
  }
  assert.deepEqual(await shown(tab), expected(want));
  assert.equal((await shown(tab)).triggers[0], STATUS.undetermined);
  // No field name or code in the sentence itself: those sit behind 详情, as field labels.
  assert.ok(!/facts\.|W_FACT/.test(message));
  await box.locator('summary', { hasText: '详情' }).click();
  assert.match(await box.textContent(), /W_FACT_CONFLICT/);
  assert.ok((await box.locator('.cd-chip').allTextContents()).includes(L('reported_in_time')));
  assert.equal(await tab.locator('.cd-side [data-testid="deadline"]').textContent(), '发现后 4 小时内');
  await page.screenshot({ path: join(OUT, 'incident-conflict.png'), fullPage: true });
  // Answering 否 resolves it: the warnings go from both places.
  await fact(tab, L('reported_in_time'), '否');
  assert.equal(await tab.locator('.cd-fact-warning').count(), 0);
  assert.equal(await box.count(), 0);
  guard.check();
});

// Issue 10, item 2: a region's policy file replaces the shipped interpretations; the page says
// which policy is in force and keeps it across a reload.
test('incident: a policy file is opened, shown, kept and reset', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = await openIncidentTab(page);
  const leak = join(ROOT, 'tests', 'vectors', 'incident', '04-personal-info-leak-major', 'incident.json');
  await chooseFile(page, tab.getByRole('button', { name: '打开事件文件…' }), leak);
  await page.locator('.cd-banner-info', { hasText: '已打开事件文件' }).waitFor();
  const title = tab.locator('.cd-side [data-testid="policy-title"]');
  const shipped = readJson(join(ROOT, 'data', 'grading-2025.json')).title;
  assert.equal(await title.textContent(), shipped);
  assert.equal((await shown(tab)).triggers[2], STATUS.undetermined);

  // A broken policy file is refused; nothing changes.
  const bad = join(OUT, 'bad-policy.json');
  writeFileSync(bad, '{"schema":"cyberduty.policy/9"}');
  await chooseFile(page, tab.getByRole('toolbar').getByRole('button', { name: '打开政策文件…' }), bad);
  await page.locator('.cd-banner-error', { hasText: 'E_SCHEMA_FUTURE' }).waitFor();
  assert.equal(await title.textContent(), shipped);

  const region = join(OUT, 'region-policy.json');
  writeFileSync(region, readFileSync(join(ROOT, 'data', 'grading-2025.json'), 'utf8')
    .replaceAll('"enabled": false', '"enabled": true')
    .replace(`"title": "${shipped}"`, '"title": "某省网络安全事件研判政策"'));
  await chooseFile(page, tab.getByRole('toolbar').getByRole('button', { name: '打开政策文件…' }), region);
  await page.locator('.cd-banner-info', { hasText: '研判已改用政策文件' }).waitFor();
  assert.equal(await title.textContent(), '某省网络安全事件研判政策');
  const withPolicy = await shown(tab);
  assert.equal(withPolicy.triggers[2], STATUS.met);
  assert.deepEqual(withPolicy, expected(cliJson('classify', leak, '--policy', region)), 'page = CLI --policy');
  const used = tab.locator('.cd-side .cd-interpretations li[data-used="true"]');
  assert.ok((await used.first().textContent()).includes('本工具解释'));
  await page.screenshot({ path: join(OUT, 'incident-policy.png'), fullPage: true });

  await page.reload();
  await ready(page);
  const again = page.locator('.cd-tab-incident');
  assert.equal(await again.locator('.cd-side [data-testid="policy-title"]').textContent(), '某省网络安全事件研判政策', 'kept across a reload');
  await again.getByRole('button', { name: '改回随附政策' }).click();
  assert.equal(await again.locator('.cd-side [data-testid="policy-title"]').textContent(), shipped);
  assert.equal((await shown(again)).triggers[2], STATUS.undetermined);
  guard.check();
});
