// DOM helpers. Every piece of text goes in through textContent (strings become text nodes), never
// innerHTML, so a unit name or a note from a file can never become markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (typeof c === 'string' || typeof c === 'number') el.append(document.createTextNode(String(c)));
    else el.append(c);
  }
}

/** Set as DOM properties (live state); everything else is set as an attribute. */
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'type', 'name', 'id', 'placeholder',
  'rows', 'step', 'inputMode', 'autocomplete', 'spellcheck', 'tabIndex', 'accept', 'href', 'download', 'min', 'max', 'title']);

function apply(el, props) {
  for (const [k, v] of Object.entries(props || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.setAttribute('class', Array.isArray(v) ? v.filter(Boolean).join(' ') : v);
    else if (k === 'on') for (const [type, fn] of Object.entries(v)) el.addEventListener(type, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'attrs') for (const [a, av] of Object.entries(v)) { if (av !== null && av !== undefined && av !== false) el.setAttribute(a, av === true ? '' : String(av)); }
    else if (k === 'text') el.textContent = String(v);
    else if (PROPS.has(k)) el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

/** h('div', {class: 'x', on: {click}}, 'text', child…) → HTMLElement. */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  apply(el, props);
  append(el, children);
  return el;
}

/** An SVG element; attributes only (presentation attributes, no style attribute: CSP forbids it). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

let counter = 0;
/** A document-unique element id (data ids such as "org.leader" never become element ids). */
export function uid(prefix = 'cd') {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Append children to `el`, skipping null/undefined/false (native append would write "null"). */
export function add(el, ...children) {
  append(el, children);
  return el;
}

/** Replace the children of `el` (an element or a shadow root; not replaceChildren: Chromium 86+). */
export function fill(el, ...children) {
  el.textContent = '';
  append(el, children);
  return el;
}

/** Offer `text` as a file download (a blob: URL, revoked afterwards: nothing leaves the machine). */
export function download(filename, text, type = 'application/json') {
  const blob = new Blob([text], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, class: 'cd-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file's bytes, reading at most `limit + 1` of them: the core refuses anything over its limit
 * with E_INPUT_TOO_LARGE, and a huge file is never loaded whole.
 */
export async function readBytes(file, limit) {
  const part = file.size > limit ? file.slice(0, limit + 1) : file;
  return new Uint8Array(await part.arrayBuffer());
}

/**
 * A hidden file input opened by `open()`, calling `onFile(file)` for the chosen file; `element`
 * is its place in the page. The input itself is made on first use: a page's first file input took
 * ~1 ms of the first render (benches/HISTORY.md round 7), and most are never opened.
 */
export function filePicker(accept, onFile) {
  const element = h('span', { class: 'cd-hidden' });
  let input = null;
  const open = () => {
    if (!input) {
      input = h('input', {
        type: 'file',
        accept,
        attrs: { tabindex: '-1', 'aria-hidden': 'true' },
        on: {
          change: () => {
            const f = input.files && input.files[0];
            input.value = '';
            if (f) onFile(f);
          },
        },
      });
      element.append(input);
    }
    input.click();
  };
  return { element, open };
}

/** A button: visible text, optional title, click handler. */
export function button(label, onClick, props = {}) {
  return h('button', { type: 'button', ...props, on: { click: onClick, ...(props.on || {}) } }, label);
}

/**
 * Keep a print-only view current without building it on every edit's path: `schedule()` after a
 * change rebuilds it in a task of its own (several changes in one task, once), `beforeprint`
 * rebuilds it at once, and `now()` is for a tab's own print buttons. The score tab's print report
 * was ~8 ms of the first render and of every keystroke.
 */
export function printLater(refresh) {
  let timer = 0;
  const now = () => {
    clearTimeout(timer);
    timer = 0;
    refresh();
  };
  window.addEventListener('beforeprint', now);
  return {
    schedule() {
      if (!timer) timer = setTimeout(now, 0);
    },
    now,
    destroy() {
      clearTimeout(timer);
      window.removeEventListener('beforeprint', now);
    },
  };
}
