// 事件研判 → 问责建议书 and the report forms, as a new user meets them in dist/cyberduty.html: open an
// incident in which Article 8 is met, name the people in the form, see the draft with each share
// of responsibility exactly as `cyberduty propose` gives it, print it (a PDF is written and
// looked at), and see the 事件处置总结报告 fall due 30 days after handling ended, as of the
// page's "now" (a fixed clock). No network request, no console error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openGuarded, ready, chooseFile, cliJson, vocabulary, nameIn, OUT, ROOT, PAGE_URL } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const V = await vocabulary();
const ROLE = (k) => nameIn(V.accountability.roles, k);
const FORM = (k) => nameIn(V.accountability.form_statuses, k);
const VECTOR = join(ROOT, 'tests', 'vectors', 'incident', '01-prefecture-portal-defaced', 'incident.json');
const PEOPLE = [
  { name: '张三', post: '市政府秘书长', role: 'principal', took: '' },
  { name: '赵六', post: '办公室副主任', role: 'other_member', took: '否' },
  { name: '孙八', post: '网站运维工程师', role: 'person_involved', took: '' },
];

async function openAt(time) {
  const { page, guard } = await openGuarded(browser, null, { allowed: [PAGE_URL] });
  await page.clock.install({ time: new Date(time) });
  await page.goto(PAGE_URL);
  await ready(page);
  await page.getByRole('tab', { name: '事件研判' }).click();
  const tab = page.locator('.cd-tab-incident');
  await chooseFile(page, tab.getByRole('button', { name: '打开事件文件…' }), VECTOR);
  await tab.locator('[data-testid="form-due-summary"]', { hasText: '2026年3月31日' }).waitFor();
  return { page, guard, tab };
}

test('proposal: name people, see each share as the CLI drafts it, print it', async () => {
  // 20 days after handling ended (2026-03-01 17:10): the summary report is due, not overdue.
  const { page, guard, tab } = await openAt('2026-03-21T10:00:00+08:00');
  const people = tab.locator('[data-testid="people"]');
  for (const [n, p] of PEOPLE.entries()) {
    await people.getByRole('button', { name: '添加人员' }).click();
    const row = people.locator(`[data-row="${n}"]`);
    await row.getByLabel('姓名').fill(p.name);
    await row.getByLabel('职务').fill(p.post);
    await row.getByLabel('角色').selectOption({ label: ROLE(p.role) });
    if (p.took) await row.getByLabel('是否参与相关工作决策').selectOption({ label: p.took });
  }
  const card = tab.locator('[data-testid="proposal-card"]');
  await card.locator('[data-testid="share"]').nth(PEOPLE.length - 1).waitFor();

  // The same incident with the same people, through the CLI.
  const incident = JSON.parse(readFileSync(VECTOR, 'utf8'));
  incident.people = PEOPLE.map((p) => ({ name: p.name, post: p.post, role: p.role, ...(p.took ? { took_part_in_decision: p.took === '是' } : {}) }));
  const file = join(OUT, 'proposal-incident.json');
  writeFileSync(file, JSON.stringify(incident));
  const want = cliJson('propose', file, '--json');
  const rows = await card.locator('[data-testid="share"]').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => [r[0], r[2], r[4], r[5]]), want.people.map((x) => [x.name, x.role_name, x.collective || '', x.individual]));
  assert.equal(rows[0][4], '主要领导责任');
  assert.match(rows[1][6], /^不予追究/);
  assert.equal(await card.locator('[data-testid="draft-notice"]').textContent(), V.accountability.draft_notice);
  assert.match(await card.locator('h1').textContent(), /问责的建议\(草稿\)$/);

  // Print: the print view holds the proposal (semantic headings, the table), and a PDF is written.
  await page.evaluate(() => { window.print = () => {}; });
  await card.locator('[data-testid="print-proposal"]').click();
  await page.emulateMedia({ media: 'print' });
  const printed = tab.locator('.cd-print [data-testid="proposal"]');
  assert.ok(await printed.isVisible(), 'the proposal is what prints');
  assert.equal(await printed.locator('h2').count(), 5);
  assert.equal(await printed.locator('[data-testid="share"]').count(), PEOPLE.length);
  await page.pdf({ path: join(OUT, 'proposal.pdf'), format: 'A4' });
  await page.screenshot({ path: join(OUT, 'proposal-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  guard.check();
});

test('report forms: the summary report falls due 30 days after handling, and is overdue after', async () => {
  const due = async (time) => {
    const { page, guard, tab } = await openAt(time);
    const forms = tab.locator('[data-testid="report-forms"]');
    const out = {
      status: await forms.locator('[data-testid="form-status-summary"]').textContent(),
      due: await forms.locator('[data-testid="form-due-summary"]').textContent(),
      first: await forms.locator('[data-testid="form-status-first"]').textContent(),
    };
    return { page, guard, tab, out };
  };
  const before = await due('2026-03-31T17:00:00+08:00');
  assert.equal(before.out.status, FORM('due'));
  assert.match(before.out.due, /2026年3月31日 17:10 前/);
  assert.equal(before.out.first, FORM('filed'));
  // The summary report form prints with its items, 责任追究 pre-filled from the classification.
  await before.page.evaluate(() => { window.print = () => {}; });
  await before.tab.locator('[data-testid="print-form-summary"]').click();
  await before.page.emulateMedia({ media: 'print' });
  const form = before.tab.locator('.cd-print [data-testid="form-summary"]');
  assert.ok(await form.isVisible());
  assert.match(await form.locator('tbody tr').nth(3).textContent(), /应当追究/);
  await before.page.pdf({ path: join(OUT, 'summary-report-form.pdf'), format: 'A4' });
  before.guard.check();

  const afterDue = await due('2026-03-31T17:11:00+08:00');
  assert.equal(afterDue.out.status, FORM('overdue'));
  await afterDue.page.screenshot({ path: join(OUT, 'report-forms-overdue.png') });
  afterDue.guard.check();
});
