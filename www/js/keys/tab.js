// 单位密钥: a unit's SM2 key — create, open, change its passphrase, save the key file, show and print
// the public-key fingerprint, download the public key to register with the cadre department. The
// private key stays in memory (the core's wasm object) and is never put in storage; sealing in
// 自评打分 signs with it. Every rule (codes, passphrase length, formats) is the core's.

import { lockSection } from './lock.js';
import { h, fill, uid, button, filePicker, readBytes, download } from '../dom.js';
import { problemText } from '../format.js';

function field(label, props) {
  const id = uid('k');
  const input = h('input', { id, type: 'text', class: 'cd-input', ...props });
  return { input, row: h('div', { class: 'cd-field' }, h('label', { for: id }, label), input) };
}

function create(ctx) {
  const { core, banners, keys } = ctx;
  const vocab = core.vocabulary();
  const min = vocab.signing.min_passphrase_chars;
  const status = h('div', { class: 'cd-key-status', dataset: { testid: 'key-status' } });
  const say = (kind, title, message) => banners.show('keys', { kind, title, message });

  // Create.
  const code = field('统一社会信用代码', { name: 'key-code', autocomplete: 'off' });
  const name = field('单位名称', { name: 'key-name', autocomplete: 'off' });
  const pass1 = field(`口令(至少 ${min} 个字符)`, { type: 'password', name: 'key-pass', autocomplete: 'new-password' });
  const pass2 = field('再次输入口令', { type: 'password', name: 'key-pass2', autocomplete: 'new-password' });
  function newPassphrase(a, b) {
    if (a.input.value !== b.input.value) {
      say('error', '两次输入的口令不一致', '请重新输入。');
      return null;
    }
    return a.input.value;
  }
  function save(key, passphrase, title) {
    const f = key.toFile(passphrase);
    if (!f.ok) {
      say('error', title, problemText(f.error));
      return false;
    }
    download(`${core.safeFileName(key.unit.code)}.cyberduty-key.json`, f.value);
    return true;
  }
  function generate() {
    const p = newPassphrase(pass1, pass2);
    if (p === null) return;
    const k = core.generateKey(code.input.value, name.input.value, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    if (!k.ok) {
      say('error', '无法生成单位密钥', problemText(k.error));
      return;
    }
    if (!save(k.value, p, '无法保存单位密钥')) {
      k.value.free();
      return;
    }
    keys.set(k.value);
    pass1.input.value = '';
    pass2.input.value = '';
    say('info', '已生成单位密钥并下载密钥文件', `公钥指纹 ${k.value.fingerprint}。请妥善保管密钥文件和口令,并把公钥文件交干部主管部门登记。`);
  }

  // Open.
  const openPass = field('密钥口令', { type: 'password', name: 'key-open-pass', autocomplete: 'current-password' });
  const openPicker = filePicker('.json,application/json', async (file) => {
    const bytes = await readBytes(file, core.maxInputBytes());
    const k = core.openKey(bytes, openPass.input.value);
    if (!k.ok) {
      say('error', `无法打开密钥文件“${file.name}”`, problemText(k.error));
      return;
    }
    openPass.input.value = '';
    keys.set(k.value);
    banners.clear('keys');
  });

  // Change passphrase / save again.
  const change1 = field(`新口令(至少 ${min} 个字符)`, { type: 'password', name: 'key-new-pass', autocomplete: 'new-password' });
  const change2 = field('再次输入新口令', { type: 'password', name: 'key-new-pass2', autocomplete: 'new-password' });
  function resave() {
    const k = keys.get();
    const p = newPassphrase(change1, change2);
    if (!k || p === null) return;
    if (save(k, p, '无法保存密钥文件')) {
      change1.input.value = '';
      change2.input.value = '';
      say('info', '已用新口令保存密钥文件', '请用新下载的文件替换原密钥文件。');
    }
  }

  const opened = h('section', { class: 'cd-card cd-key-open cd-screen' });
  function render() {
    const k = keys.get();
    if (!k) {
      fill(status, h('p', null, '尚未打开单位密钥。导出的上报文件不带签名;干部主管部门按名单汇总时将退回未签名的文件。'));
      opened.hidden = true;
      return;
    }
    fill(
      status,
      h(
        'dl',
        { class: 'cd-dl' },
        h('dt', null, '单位'), h('dd', null, `${k.unit.name}(${k.unit.code})`),
        h('dt', null, '公钥指纹'), h('dd', null, h('strong', { class: 'cd-fingerprint', dataset: { testid: 'fingerprint' } }, k.fingerprint)),
      ),
      h('p', { class: 'cd-hint cd-screen' }, '密钥只保存在本页内存中,关闭或刷新页面后需重新打开。在“自评打分”页签导出的上报文件将用它签名。'),
      // Printed (打印公钥指纹): the registration slip the unit stamps and hands over.
      h(
        'div',
        { class: 'cd-print' },
        h('p', null, '公钥(SM2,未压缩点):'),
        k.pubkey().public_key.match(/.{1,66}/g).map((part) => h('p', { class: 'cd-digest' }, part)),
        h('p', null, `生成时间:${k.pubkey().created_at}`),
        h('p', null, '单位(盖章):                    日期:'),
      ),
    );
    fill(
      opened,
      h('h3', null, '已打开的密钥'),
      h(
        'div',
        { class: 'cd-drop-buttons' },
        button('下载公钥文件(交干部主管部门登记)', () => download(`${core.safeFileName(k.unit.code)}.pubkey.json`, `${JSON.stringify(k.pubkey(), null, 2)}\n`), { class: 'cd-btn' }),
        button('打印公钥指纹', () => window.print(), { class: 'cd-btn' }),
        button('关闭密钥', () => keys.close(), { class: 'cd-btn-text' }),
      ),
      h('h4', null, '修改口令 / 另存密钥文件'),
      change1.row,
      change2.row,
      button('用新口令保存密钥文件', resave, { class: 'cd-btn' }),
    );
    opened.hidden = false;
  }
  const off = keys.on(render);

  const panel = h(
    'div',
    { class: 'cd-tab-keys' },
    h(
      'section',
      { class: 'cd-card' },
      h('h2', null, '单位密钥'),
      h('p', { class: 'cd-hint' }, '用国密 SM2 签名上报文件,证明文件出自本单位。密钥文件中的私钥用口令经 SM4 加密;口令遗失无法找回,只能重新生成并重新登记。'),
      status,
    ),
    opened,
    h(
      'section',
      { class: 'cd-card cd-screen', dataset: { testid: 'where-stored' } },
      h('h3', null, '草稿和密钥保存在哪里'),
      h('p', { class: 'cd-hint' }, '自评表、事件等草稿自动保存在本浏览器的本地存储中。直接从磁盘打开本页(file://)时,本浏览器打开的任何本地网页都能读取和改写这些草稿,使用本计算机同一账户的人也能看到。涉密或敏感内容请不要只留在草稿里:用“自评打分”页签的下载功能把进度保存为文件,放在受控位置。'),
      h('p', { class: 'cd-hint' }, '单位密钥从不写入本地存储:只在打开期间保存在本页内存中,关闭或刷新页面即清除。'),
    ),
    lockSection(ctx.core, ctx.store, ctx.banners),
    h(
      'section',
      { class: 'cd-card cd-screen' },
      h('h3', null, '打开密钥文件'),
      openPass.row,
      button('选择密钥文件…', () => openPicker.open(), { class: 'cd-btn' }),
      openPicker.element,
    ),
    h(
      'section',
      { class: 'cd-card cd-screen' },
      h('h3', null, '生成新的单位密钥'),
      code.row,
      name.row,
      pass1.row,
      pass2.row,
      button('生成并下载密钥文件', generate, { class: 'cd-btn cd-btn-primary' }),
    ),
  );
  render();
  return { panel, document: () => null, result: () => null, destroy: () => off() };
}

export const keysTab = { id: 'keys', title: '单位密钥', create };
