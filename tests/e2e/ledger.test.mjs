// 整改台账 in dist/cyberduty.html over file://: a ledger file opens and is reviewed as the CLI
// reviews it (same states, same Article 8(五) verdict); entries typed in the form survive a reload;
// a date out of order is shown beside its field; the saved file is what the CLI reads.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openGuarded, ready, cliJson, fixture, readJson, download, chooseFile, vocabulary, nameIn, OUT } from './helpers.mjs';
import { join } from 'node:path';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const V = await vocabulary();
const LEDGER = fixture('ledger-sample.json');

async function openLedgerTab(page) {
  await page.getByRole('tab', { name: '整改台账' }).click();
  return page.locator('.cd-tab-ledger');
}

test('an opened ledger is reviewed as the CLI reviews it', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = await openLedgerTab(page);
  await tab.getByLabel('检查日期').fill('2026-04-01');
  await chooseFile(page, tab.getByRole('button', { name: '打开台账文件…' }), LEDGER);
  const cli = cliJson('ledger', LEDGER, '--as-of', '2026-04-01');
  await assert.doesNotReject(tab.getByTestId('ledger-entry').nth(2).waitFor());
  const states = await tab.getByTestId('ledger-state').allTextContents();
  assert.deepEqual(states, cli.review.entries.map((e) => e.state_name));
  assert.deepEqual(states, ['逾期', '即将到期', '已整改']);
  assert.equal(await tab.getByTestId('ledger-overdue').textContent(), `${nameIn(V.ledger.states, 'overdue')} 1 项`);
  const art = tab.getByTestId('ledger-art85');
  assert.equal(await art.textContent(), `第八条第(五)项「不及时整改并造成严重后果」:符合${cli.review.article8_5.reasons[0]}`);
  await page.screenshot({ path: join(OUT, 'ledger.png'), fullPage: true });
  guard.check();
});

test('typed entries survive a reload, a date out of order is shown at its field, the saved file reads back', async () => {
  const { page, ctx, guard } = await openGuarded(browser);
  await ready(page);
  let tab = await openLedgerTab(page);
  await tab.getByLabel('检查日期').fill('2026-05-20');
  await tab.getByRole('button', { name: '新增事项' }).click();
  const card = tab.getByTestId('ledger-entry').first();
  await card.getByLabel('通报来源').selectOption({ label: nameIn(V.ledger.notifiers, 'cac') });
  await card.getByLabel('通报日期').fill('2026-05-01');
  await card.getByLabel('整改期限').fill('2026-04-01');
  await card.getByLabel('问题和风险隐患').fill('政务新媒体账号被盗用');
  await card.getByLabel('整改状态').selectOption({ label: nameIn(V.ledger.statuses, 'in_progress') });
  const err = tab.locator('[data-field="deadline"] .cd-fact-error');
  assert.equal(await err.locator('.cd-problem-text').textContent(), '整改期限早于通报日期:请核对日期');
  assert.equal(await err.locator('.cd-problem-code').textContent(), '错误代码 E_LEDGER_DATE_ORDER');
  await card.getByLabel('整改期限').fill('2026-05-15');
  await card.getByLabel('是否造成严重后果').selectOption({ label: '是' });
  assert.equal(await tab.locator('.cd-fact-error').count(), 0);
  assert.equal(await tab.getByTestId('ledger-state').first().textContent(), '逾期');
  assert.match(await tab.getByTestId('ledger-art85').textContent(), /:符合/);

  await page.reload();
  await ready(page);
  tab = await openLedgerTab(page);
  assert.equal(await tab.getByTestId('ledger-entry').first().getByLabel('问题和风险隐患').inputValue(), '政务新媒体账号被盗用');
  const saved = await download(page, tab.getByRole('button', { name: '保存台账' }), 'ledger-saved.json');
  const doc = readJson(saved.path);
  assert.equal(doc.schema, V.ledger.schema);
  assert.deepEqual(doc.entries[0], {
    id: 'R1', notified_by: 'cac', notified_on: '2026-05-01', problem: '政务新媒体账号被盗用', deadline: '2026-05-15',
    status: 'in_progress', serious_consequence: true,
  });
  const cli = cliJson('ledger', saved.path, '--as-of', '2026-05-20');
  assert.equal(cli.review.article8_5.status, 'met');
  assert.equal(cli.review.entries[0].days_left, -5);
  guard.check();
  await ctx.close();
});

test('事件研判 takes Article 8(五)\'s third alternative from the kept ledger', async () => {
  const { page, guard } = await openGuarded(browser);
  await ready(page);
  const tab = await openLedgerTab(page);
  await chooseFile(page, tab.getByRole('button', { name: '打开台账文件…' }), LEDGER);
  await tab.getByTestId('ledger-entry').nth(2).waitFor();
  await page.getByRole('tab', { name: '事件研判' }).click();
  const incident = page.locator('.cd-tab-incident');
  const five = incident.locator('.cd-side .cd-trigger[data-item="5"]');
  assert.equal(await five.getAttribute('data-status'), 'met');
  const finding = five.getByTestId('ledger-finding');
  assert.match(await finding.textContent(), /^整改台账:符合某市委网信办通报的「门户网站存在高危漏洞」/);
  await page.screenshot({ path: join(OUT, 'ledger-in-incident.png'), fullPage: true });
  guard.check();
});
