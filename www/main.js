// Entry of the single-file page (dist/cyberduty.html, and dist/cyberduty-compat.html with the CSP
// old kernels need): start the inlined wasm, render the app into #app. Anything that fails here is
// shown on the page, in Chinese, not only in the console. The same script started as a Web Worker
// (no `document`: www/js/aggregate/pool.js starts it so) checks files for 汇总分析 instead.

import { start, problem } from './js/core.js';
import { createApp } from './js/app.js';
import { fill } from './js/dom.js';
import { enableWorkers } from './js/aggregate/pool.js';
import { serve } from './js/aggregate/worker.js';

const inWorker = typeof document === 'undefined';
const root = inWorker ? null : document.getElementById('app');
// build-dist.mjs marks the compatibility page: it is the page to send an old kernel to.
const compat = !inWorker && document.documentElement.hasAttribute('data-compat');

function render() {
  fill(root);
  root.classList.remove('cd-boot');
  window.cyberduty = createApp(root, { storageKey: 'cyberduty' });
}

function fatal(e) {
  const p = problem(e);
  // A CSP the kernel does not understand ('wasm-unsafe-eval' arrived in Chromium 97) refuses to
  // compile any wasm: the compatibility page's CSP allows it there.
  const refused = typeof WebAssembly === 'object' && e instanceof WebAssembly.CompileError && !compat;
  const box = document.createElement('div');
  box.className = 'cd-fatal';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = '页面无法启动';
  const msg = document.createElement('p');
  msg.textContent = refused
    ? '这是 Chromium 97 以前的浏览器内核打开本页面时的表现:它不认识本页面允许运行计算核心的安全策略。请改用同一目录下的兼容版页面 cyberduty-compat.html,或使用较新版本的浏览器。'
    : `[${p.code}] ${p.message}。请使用较新版本的浏览器(Chrome、Edge、Firefox,或 360、奇安信等浏览器的“极速模式”)打开本文件。`;
  box.append(title, msg);
  if (refused) {
    const why = document.createElement('p');
    why.textContent = `浏览器给出的原因:${p.message}`;
    box.append(why);
  }
  root.classList.remove('cd-boot');
  fill(root, box);
  throw e;
}

function boot() {
  // Workers run this very script: its element, taken now, while the document is the file as it
  // came (nothing the page later shows can stand in for it), and only when it is the one module
  // script; its text is empty when served as a file (www/index.html): no workers then.
  const scripts = document.querySelectorAll('script[type=module]');
  const own = scripts.length === 1 ? scripts[0] : null;
  enableWorkers(() => (own ? own.textContent : ''));
  // On Chromium before ~115 the core starts asynchronously; "正在加载……" stays until it is there.
  const pending = start();
  if (pending) pending.then(render).catch(fatal);
  else render();
}

if (inWorker) serve(self);
else {
  try {
    boot();
  } catch (e) {
    fatal(e);
  }
}
