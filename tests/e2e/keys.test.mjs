// 单位密钥 and signed exports in dist/cyberduty.html over file:// (issue 11): a unit opens its key
// file (and a wrong passphrase is refused), the page's signed export equals the CLI's byte for byte,
// a key made in the page opens in the CLI, and the 汇总分析 tab builds a roster from a CSV, registers
// a public key, and catches the unsigned, forged and unknown-unit files, lists the missing unit
// and checks a 核对码 typed from paper. No network request, no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, cli, download, chooseFile, fixture, OUT, PAGE_URL } from './helpers.mjs';

const AT = '2026-01-15T08:00:00.000Z';
const PASS = 'correct horse battery';
const A = '91350100M000100Y43';
const B = '91350100M000200Y4T';
const C = '91350100M000300Y4J';
const env = { ...process.env, CYBERDUTY_PASSPHRASE: PASS };

let browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openAt(at) {
  const opened = await openGuarded(browser, null, { allowed: [PAGE_URL] });
  await opened.page.clock.setFixedTime(new Date(at));
  await opened.page.goto(PAGE_URL);
  await ready(opened.page);
  return opened;
}

/** The e2e assessment with unit code `code`, written to target/e2e. */
function assessmentFor(code) {
  const text = readFileSync(fixture('assessment-test.json'), 'utf8').replace('11100000MB0000000P', code);
  const path = join(OUT, `keys-assessment-${code}.json`);
  writeFileSync(path, text);
  return path;
}

function cliExport(name, args) {
  const out = join(OUT, name);
  execFileSync(cli(), ['export', ...args, '--rubric', fixture('rubric-test.json'), '--generated-at', AT, '-o', out, '--force'], { cwd: join(OUT, '..', '..'), env });
  return out;
}

test('keys: open, sign exactly as the CLI, create a key the CLI opens', async () => {
  const { page, guard } = await openAt(AT);
  await page.getByRole('tab', { name: '单位密钥' }).click();
  await page.getByLabel('密钥口令').fill('wrong passphrase');
  await chooseFile(page, page.getByRole('button', { name: '选择密钥文件…' }), fixture('unit-test.key'));
  await page.locator('.cd-banner', { hasText: '口令不正确' }).waitFor();
  await page.getByLabel('密钥口令').fill(PASS);
  await chooseFile(page, page.getByRole('button', { name: '选择密钥文件…' }), fixture('unit-test.key'));
  assert.equal(await page.locator('[data-testid="fingerprint"]').textContent(), '0365 a0ea ebb1 65ed');

  await page.getByRole('tab', { name: '自评打分' }).click();
  await chooseFile(page, page.getByRole('button', { name: '加载其他细则…' }), fixture('rubric-test.json'));
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), assessmentFor(A));
  const got = await download(page, page.getByRole('button', { name: '导出上报文件' }), 'keys-page-signed.json');
  const theirs = cliExport('keys-cli-signed.json', [assessmentFor(A), '--key', fixture('unit-test.key')]);
  assert.ok(readFileSync(got.path).equals(readFileSync(theirs)), 'the page signs as cyberduty export --key, byte for byte');
  const doc = JSON.parse(readFileSync(got.path, 'utf8'));
  assert.equal(doc.schema, 'cyberduty.export/2');
  await page.locator('.cd-banner', { hasText: '已用单位密钥签名' }).waitFor();
  assert.equal(await page.locator('[data-testid="export-status"]').getAttribute('data-same'), 'true');
  // Opened again (a signed file), it still matches the answers.
  await chooseFile(page, page.getByRole('button', { name: '打开自评表…' }), got.path);
  await page.locator('.cd-banner', { hasText: '已打开上报文件' }).waitFor();
  assert.equal(await page.locator('.cd-export-name').textContent(), 'keys-page-signed.json');
  assert.equal(await page.locator('[data-testid="export-status"]').getAttribute('data-same'), 'true');

  // A new key made in the page: the CLI opens it with the same passphrase.
  await page.getByRole('tab', { name: '单位密钥' }).click();
  const keysTab = page.locator('.cd-tab-keys');
  await keysTab.getByLabel('统一社会信用代码').fill(B.toLowerCase());
  await keysTab.getByLabel('单位名称').fill('乙单位');
  await keysTab.getByLabel('口令(至少 8 个字符)', { exact: true }).fill(PASS);
  await keysTab.getByLabel('再次输入口令', { exact: true }).fill(PASS);
  const key = await download(page, page.getByRole('button', { name: '生成并下载密钥文件' }), 'keys-page.key');
  const pub = JSON.parse(execFileSync(cli(), ['pubkey', key.path], { env }).toString('utf8'));
  assert.equal(pub.unit.code, B);
  assert.equal(await page.locator('[data-testid="fingerprint"]').textContent(), pub.key_id.match(/.{4}/g).join(' '));
  await page.screenshot({ path: join(OUT, 'keys.png'), fullPage: true });
  guard.check();
});

test('keys: aggregation with a roster made in the page catches every outcome and lists the missing', async () => {
  const signed = cliExport('keys-a.json', [assessmentFor(A), '--key', fixture('unit-test.key')]);
  const unsigned = cliExport('keys-b.json', [assessmentFor(B)]);
  const stranger = cliExport('keys-x.json', [assessmentFor('91350100M000400Y4A')]);
  // Forgeries: an edited file (digest no longer matches), and A's file signed by a key someone
  // else made for A's code (valid signature, key not registered).
  const edited = JSON.parse(readFileSync(signed, 'utf8'));
  edited.generated_at = '2026-01-16T08:00:00Z';
  const forgedPath = join(OUT, 'keys-forged.json');
  writeFileSync(forgedPath, JSON.stringify(edited, null, 2));
  const otherKey = join(OUT, 'keys-other.key');
  execFileSync(cli(), ['keygen', '--unit', A, '--name', '冒充者', '-o', otherKey, '--force'], { env });
  const resigned = cliExport('keys-resigned.json', [assessmentFor(A), '--key', otherKey]);
  const csv = join(OUT, 'keys-roster.csv');
  writeFileSync(csv, `\ufeff统一社会信用代码,单位名称\r\n${A},甲单位\r\n${B},乙单位\r\n${C},丙单位\r\n`);

  const { page, guard } = await openAt(AT);
  await page.getByRole('tab', { name: '汇总分析' }).click();
  await chooseFile(page, page.getByRole('button', { name: '选择细则文件…' }), fixture('rubric-test.json'));
  await page.getByLabel('干部主管部门(由 CSV 新建名单时填写)').fill('某市委组织部');
  await chooseFile(page, page.getByRole('button', { name: '由 CSV 新建名单…' }), csv);
  await chooseFile(page, page.getByRole('button', { name: '登记公钥文件…' }), fixture('unit-test.pubkey.json'));
  await page.locator('[data-testid="roster"]', { hasText: '某市委组织部:3 个单位,已登记公钥 1 个单位' }).waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: '本期上报文件:选择文件', exact: true }).click()]);
  await chooser.setFiles([signed, unsigned, stranger, forgedPath, resigned]);
  await page.locator('[data-testid="missing"]').waitFor();
  const codes = await page.locator('[data-testid="files"] tbody tr').evaluateAll((rows) => rows.map((r) => [r.dataset.path, r.dataset.code]));
  assert.deepEqual(codes, [
    ['keys-b.json', 'E_EXPORT_UNSIGNED'],
    ['keys-x.json', 'E_EXPORT_UNKNOWN_UNIT'],
    ['keys-forged.json', 'E_EXPORT_DIGEST'],
    ['keys-resigned.json', 'E_EXPORT_UNKNOWN_KEY'],
  ]);
  assert.equal(await page.locator('[data-testid="missing"]').textContent(), `未上报(2 个单位)乙单位(${B})丙单位(${C})`);
  assert.match(await page.locator('[data-testid="senders"]').textContent(), /已按名单核验/);
  const code = JSON.parse(readFileSync(signed, 'utf8')).digest.slice(4, 20);
  const input = page.locator('[data-testid="paper-check"] input');
  await input.fill(code.toUpperCase());
  assert.equal(await page.locator('[data-testid="paper-mark"]').textContent(), '一致');
  await input.fill('0000 0000 0000 0000');
  assert.equal(await page.locator('[data-testid="paper-mark"]').textContent(), '不一致');
  await page.screenshot({ path: join(OUT, 'keys-aggregate.png'), fullPage: true });
  guard.check();
});
