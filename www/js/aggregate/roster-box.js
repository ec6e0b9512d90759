// 考核单位名单 in 汇总分析: open a roster (cyberduty.roster/1), or start one from a CSV of
// 统一社会信用代码,单位名称 and register units' public-key files in it, save it; then the results'
// roster part — who signed, who has not reported (未上报), and the paper check of each unit's 核对码.
// The rules (codes, keys, matching) are the core's; this file reads files and draws.

import { h, fill, uid, button, download } from '../dom.js';
import { problemText } from '../format.js';
import { picker } from './inputs.js';
import { readFile } from './model.js';

/** The roster row. `onChange(roster|null)` after every change. Returns {row, get()}. */
export function rosterRow(core, banners, onChange) {
  let roster = null;
  let name = '';
  const say = (title, error) => banners.show('aggregate-roster', { kind: 'error', title, message: problemText(error) });
  const authorityId = uid('ra');
  const authority = h('input', { id: authorityId, type: 'text', class: 'cd-input', name: 'roster-authority', placeholder: '如:某市委组织部' });
  const text = h('span', { class: 'cd-ref-text', dataset: { testid: 'roster' } });
  const bytesOf = async (f) => {
    const r = await readFile(core, { name: f.name, file: f });
    return r.bytes || new Uint8Array(0);
  };
  const set = (doc, label) => {
    roster = doc;
    name = label;
    banners.clear('aggregate-roster');
    render();
    onChange(roster);
  };
  const openFile = picker(false, false, async ([f]) => {
    if (!f) return;
    const v = core.rosterCheck(await bytesOf(f));
    if (v.ok) set(v.value, f.name);
    else say(`无法使用名单“${f.name}”`, v.error);
  });
  const csvFile = h('input', {
    type: 'file', class: 'cd-hidden', accept: '.csv,text/csv', attrs: { tabindex: '-1', 'aria-hidden': 'true' },
    on: {
      change: async () => {
        const f = csvFile.files && csvFile.files[0];
        csvFile.value = '';
        if (!f) return;
        const v = core.rosterFromCsv(await bytesOf(f), authority.value, null);
        if (v.ok) set(v.value, f.name);
        else say(`无法由“${f.name}”生成名单`, v.error);
      },
    },
  });
  const keyFiles = picker(true, false, async (files) => {
    let doc = roster;
    for (const f of files) {
      const v = core.rosterAddKey(doc, await bytesOf(f));
      if (!v.ok) {
        say(`无法登记公钥文件“${f.name}”`, v.error);
        break;
      }
      doc = v.value.roster;
    }
    if (doc !== roster) set(doc, name);
  });
  const addKeys = button('登记公钥文件…', () => keyFiles.click(), { class: 'cd-btn' });
  const save = button('保存名单', () => download(`${core.safeFileName(roster.authority)}_考核单位名单.json`, `${JSON.stringify(roster, null, 2)}\n`), { class: 'cd-btn' });
  const drop = button('不用名单', () => set(null, ''), { class: 'cd-btn-text' });
  function render() {
    const keyed = roster ? roster.units.filter((u) => u.keys.length).length : 0;
    text.textContent = roster
      ? `${roster.authority}:${roster.units.length} 个单位,已登记公钥 ${keyed} 个单位(${name})`
      : '未使用(不核验发送单位)';
    addKeys.hidden = !roster;
    save.hidden = !roster;
    drop.hidden = !roster;
  }
  render();
  const row = h(
    'div',
    { class: 'cd-ref cd-roster' },
    h('span', { class: 'cd-ref-label' }, '考核单位名单:'),
    text,
    button('打开名单文件…', () => openFile.click(), { class: 'cd-btn' }),
    addKeys,
    save,
    drop,
    h('span', { class: 'cd-field' }, h('label', { for: authorityId }, '干部主管部门(由 CSV 新建名单时填写)'), authority),
    button('由 CSV 新建名单…', () => csvFile.click(), { class: 'cd-btn', title: 'CSV 每行:统一社会信用代码,单位名称(UTF-8 编码)' }),
    openFile,
    csvFile,
    keyFiles,
  );
  return { row, get: () => roster };
}

/** The results' roster part: senders, missing units, and the paper check of each unit's 核对码. */
export function renderRosterResults(host, core, result, typed) {
  const words = core.vocabulary().signing;
  const s = result.summary;
  const missing = s.missing;
  const rows = result.units.map((u) => {
    const id = uid('pc');
    const mark = h('span', { class: 'cd-paper-mark', dataset: { testid: 'paper-mark' } });
    const show = (v) => {
      typed.set(`${u.code}|${u.period}`, v);
      const ok = core.paperMatches(v, u.check_code);
      mark.textContent = v.trim() ? (ok ? '一致' : '不一致') : '';
      mark.className = `cd-paper-mark cd-badge ${v.trim() ? (ok ? 'cd-badge-good' : 'cd-badge-bad') : ''}`;
    };
    const input = h('input', { id, type: 'text', class: 'cd-input', autocomplete: 'off', attrs: { 'aria-label': `${u.name || u.code} 纸质报告上的核对码` }, on: { input: (e) => show(e.target.value) } });
    input.value = typed.get(`${u.code}|${u.period}`) || '';
    show(input.value);
    return h(
      'tr',
      { dataset: { code: u.code } },
      h('td', null, u.name || u.code),
      h('td', { class: 'cd-check-code' }, u.check_code),
      h('td', null, u.key_id ? u.key_id.replace(/(.{4})(?=.)/g, '$1 ') : words.unsigned),
      h('td', null, input, ' ', mark),
    );
  });
  fill(
    host,
    h(
      'section',
      { class: 'cd-card', attrs: { 'aria-label': '发送单位与核对码' } },
      h('h2', null, '发送单位与核对码'),
      h('p', { class: s.senders_verified ? 'cd-hint' : 'cd-agg-unverified', dataset: { testid: 'senders' } }, s.senders_verified ? words.senders_verified : `${words.senders_unverified}:未使用考核单位名单,签名只核对了自身一致,无法确认文件出自哪个单位。`),
      missing
        ? h('div', { dataset: { testid: 'missing' } }, h('h3', { class: 'cd-side-sub' }, `${words.missing}(${missing.length} 个单位)`),
          missing.length ? h('ul', null, missing.map((m) => h('li', null, `${m.name}(${m.code})`))) : h('p', { class: 'cd-hint' }, '名单中的单位均已上报。'))
        : null,
      rows.length
        ? h('div', { class: 'cd-table-wrap' }, h('table', { class: 'cd-table', dataset: { testid: 'paper-check' } },
          h('thead', null, h('tr', null, ['单位', '核对码', '签名密钥指纹', '纸质报告上的核对码'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, rows)))
        : null,
    ),
  );
}
