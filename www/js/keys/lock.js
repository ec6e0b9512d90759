// The passphrase lock on local drafts: the gate shown before the tabs when stored drafts are
// locked, and the section of 单位密钥 that sets, changes or removes the lock. The cryptography is
// the core's (DraftLock: PBKDF2-HMAC-SM3, SM4-CTR, HMAC-SM3); the opened lock lives in memory only.

import { h, uid, button, fill } from '../dom.js';
import { problemView } from '../problem.js';

function passwordRow(label) {
  const id = uid('pw');
  const input = h('input', { id, type: 'password', class: 'cd-input', attrs: { autocomplete: 'off' } });
  return { input, row: h('div', { class: 'cd-field' }, h('label', { for: id }, label), input) };
}

/** Shown instead of the tabs while drafts are locked; `onOpen(lock)` once the passphrase opens it. */
export function unlockGate(core, store, onOpen) {
  const pass = passwordRow('草稿口令');
  const msg = h('div', { attrs: { 'aria-live': 'polite' } });
  const tryOpen = () => {
    const r = core.unlockDrafts(store.lockVerifier(), pass.input.value);
    if (!r.ok) {
      fill(msg, h('p', { class: 'cd-error-box', role: 'alert' }, problemView(r.error)));
      pass.input.select();
      return;
    }
    onOpen(r.value);
  };
  pass.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') tryOpen();
  });
  const gate = h(
    'section',
    { class: 'cd cd-card cd-lock-gate', lang: 'zh-CN', dataset: { testid: 'lock-gate' } },
    h('h2', null, '本机草稿已加口令锁'),
    h('p', { class: 'cd-hint' }, '本机保存的自评表、事件和台账草稿已用口令加密。输入口令后才能打开和继续保存;口令只在本页内存中使用,不会保存。'),
    pass.row,
    button('解锁', tryOpen, { class: 'cd-btn cd-btn-primary' }),
    msg,
  );
  setTimeout(() => pass.input.focus(), 0);
  return gate;
}

/** The 单位密钥 tab's section: set, change or remove the lock on local drafts. */
export function lockSection(core, store, banners) {
  const host = h('section', { class: 'cd-card cd-screen', dataset: { testid: 'draft-lock' } });
  const render = () => {
    const locked = store.lockVerifier() !== null;
    const p1 = passwordRow(locked ? '新的草稿口令' : '草稿口令(至少 8 个字符)');
    const p2 = passwordRow('再次输入草稿口令');
    const apply = () => {
      if (p1.input.value !== p2.input.value) {
        banners.show('draft-lock', { kind: 'error', title: '两次输入的口令不一致', message: '请重新输入。' });
        return;
      }
      const made = core.createDraftLock(p1.input.value);
      if (!made.ok) {
        banners.show('draft-lock', { kind: 'error', title: '无法设置草稿口令', message: made.error.message });
        return;
      }
      if (store.relock(made.value)) banners.show('draft-lock', { kind: 'info', message: locked ? '已更换草稿口令。' : '已为本机草稿加口令锁。以后打开本页须先输入口令。' });
      render();
    };
    const remove = () => {
      if (store.relock(null)) banners.show('draft-lock', { kind: 'info', message: '已解除草稿口令锁,草稿以明文保存在本机。' });
      render();
    };
    fill(
      host,
      h('h3', null, '草稿口令锁'),
      h('p', { class: 'cd-hint', dataset: { testid: 'draft-lock-state' } }, locked ? '本机草稿已加口令锁:保存时用国密 SM4 加密,其他本地网页读到的只是密文。' : '本机草稿未加锁。加锁后,草稿以国密 SM4 加密保存,打开本页须先输入口令;口令遗失则草稿无法恢复(请另行下载进度文件保存)。'),
      p1.row,
      p2.row,
      button(locked ? '更换口令' : '为本机草稿加锁', apply, { class: 'cd-btn' }),
      locked ? button('解除口令锁', remove, { class: 'cd-btn cd-btn-danger' }) : null,
    );
  };
  render();
  return host;
}
