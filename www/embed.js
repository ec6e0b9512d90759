// Embedding in portals: mount(element, options) renders the app inside `element`'s shadow root, so
// the host page's CSS cannot reach it (and ours cannot leak out). Built into dist/embed.js (a
// classic script defining window.cyberduty) and dist/embed.mjs (an ES module); both carry the wasm
// inlined, so a portal needs no connect-src at all. See docs/EMBEDDING.md for the CSP to allow.

import { start, core } from './js/core.js';
import { createApp } from './js/app.js';
import { h, fill } from './js/dom.js';
import css from 'cyberduty:css';

/** Host element → its mounted app, so mounting again first unmounts the old one. */
const mounted = new WeakMap();

function adoptStyles(shadow) {
  // Constructable stylesheets are not inline <style>: a portal's style-src need not allow them.
  if (typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype && 'adoptedStyleSheets' in shadow) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}

/**
 * Render cyberduty inside `element`'s shadow root. The types (options, the returned handle, the
 * onChange events) are declared once, in www/embed.d.ts (shipped as dist/embed.d.ts).
 *
 * Where the browser compiles the core synchronously the app is there when mount() returns (and an
 * invalid options.rubric throws). On Chromium before ~115 the core starts asynchronously: mount()
 * returns at once with a "正在加载" placeholder; the handle's `element` is the placeholder until the
 * app replaces it, `select()` is remembered, `document()`/`result()` give null, `unmount()` cancels,
 * and `ready` settles when the app is there (rejected with the core's Error for an invalid rubric,
 * which then is not thrown). `ready` is resolved at once in the synchronous case.
 * @param {Element} element host element (its content is replaced by a shadow root)
 * @param {import('./embed').MountOptions} [options]
 * @returns {import('./embed').Mounted}
 * @throws the core's Error (code, path, message) when options.rubric is not a valid rubric
 */
export function mount(element, options = {}) {
  if (!element || typeof element.attachShadow !== 'function') {
    throw new TypeError('cyberduty.mount: 第一个参数必须是页面中的一个元素(如 div)');
  }
  const pending = start();
  const previous = mounted.get(element);
  if (previous) previous.unmount();
  const shadow = element.shadowRoot || element.attachShadow({ mode: 'open' });
  fill(shadow);
  adoptStyles(shadow);
  const root = h('div', { class: 'cd-root' });
  shadow.append(root);
  let app = null;
  let tab = null;
  const render = () => {
    fill(root);
    try {
      app = createApp(root, { storageKey: 'cyberduty', ...options, rethrow: true });
    } catch (e) {
      if (mounted.get(element) === handle) mounted.delete(element);
      fill(shadow);
      throw e;
    }
    if (tab) app.select(tab);
  };
  const handle = {
    get element() {
      return app ? app.element : root;
    },
    select: (id) => (app ? app.select(id) : (tab = id)),
    document: (id) => (app ? app.document(id) : null),
    result: (id) => (app ? app.result(id) : null),
    ready: null,
    rendered: null,
    unmount() {
      if (mounted.get(element) !== handle) return;
      mounted.delete(element);
      if (app) app.destroy();
      fill(shadow);
    },
  };
  if (pending) {
    fill(root, h('p', { class: 'cd-boot' }, '正在加载……'));
    handle.ready = pending.then(() => {
      if (mounted.get(element) === handle) render();
    });
  } else {
    render();
    handle.ready = Promise.resolve();
  }
  // Every tab and item card built (most cards are built in the tasks after ready). Rejected as
  // `ready` is; that rejection is reported through `ready` alone, not a second time unhandled.
  handle.rendered = handle.ready.then(() => (app ? app.rendered : undefined));
  handle.rendered.catch(() => {});
  mounted.set(element, handle);
  return handle;
}

/** @returns {string} the cyberduty version of this build (once the core has started: see mount's `ready`) */
export function version() {
  if (start()) throw new Error('cyberduty.version: 计算核心仍在启动(较旧的浏览器内核异步启动),请在 mount() 返回的 ready 之后再调用');
  return core.version();
}
