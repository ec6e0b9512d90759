// Entry of the single-file page (dist/cyberduty.html): start the inlined wasm, render the app into
// #app. Anything that fails here is shown on the page, in Chinese, not only in the console.

import { start, problem } from './js/core.js';
import { createApp } from './js/app.js';

const root = document.getElementById('app');
try {
  start();
  root.replaceChildren();
  root.classList.remove('cd-boot');
  window.cyberduty = createApp(root, { storageKey: 'cyberduty' });
} catch (e) {
  const p = problem(e);
  const box = document.createElement('div');
  box.className = 'cd-fatal';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = '页面无法启动';
  const msg = document.createElement('p');
  msg.textContent = `[${p.code}] ${p.message}。请使用较新版本的浏览器(Chrome、Edge、Firefox,或 360、奇安信等浏览器的“极速模式”)打开本文件。`;
  box.append(title, msg);
  root.replaceChildren(box);
  throw e;
}
