// Embedding in portals: mount(element, options) renders the app inside `element`'s shadow root, so
// the host page's CSS cannot reach it (and ours cannot leak out). Built into dist/embed.js (a
// classic script defining window.cyberduty) and dist/embed.mjs (an ES module); both carry the wasm
// inlined, so a portal needs no connect-src at all. See docs/EMBEDDING.md for the CSP to allow.

import { start, core } from './js/core.js';
import { createApp } from './js/app.js';
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
 * @param {Element} element host element (its content is replaced by a shadow root)
 * @param {import('./embed').MountOptions} [options]
 * @returns {import('./embed').Mounted}
 * @throws the core's Error (code, path, message) when options.rubric is not a valid rubric
 */
export function mount(element, options = {}) {
  if (!element || typeof element.attachShadow !== 'function') {
    throw new TypeError('cyberduty.mount: 第一个参数必须是页面中的一个元素(如 div)');
  }
  start();
  const previous = mounted.get(element);
  if (previous) previous.unmount();
  const shadow = element.shadowRoot || element.attachShadow({ mode: 'open' });
  shadow.replaceChildren();
  adoptStyles(shadow);
  const root = document.createElement('div');
  root.className = 'cd-root';
  shadow.append(root);
  let app;
  try {
    app = createApp(root, { storageKey: 'cyberduty', ...options, rethrow: true });
  } catch (e) {
    shadow.replaceChildren();
    throw e;
  }
  const handle = {
    element: app.element,
    select: app.select,
    document: app.document,
    result: app.result,
    unmount() {
      if (mounted.get(element) !== handle) return;
      mounted.delete(element);
      app.destroy();
      shadow.replaceChildren();
    },
  };
  mounted.set(element, handle);
  return handle;
}

/** @returns {string} the cyberduty version of this build */
export function version() {
  start();
  return core.version();
}
