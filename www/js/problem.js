// A core error or warning as the page shows it: the plain Chinese message first (prefixed with the
// field's name when the core can name the path), the code and the JSON path behind a 详情 toggle
// for whoever has to report it. Every tab shows problems through this one helper.

import { h } from './dom.js';

/**
 * p: {code, path, message}; labelOf: optional (path) => the field's name from the core
 * (session.fieldLabel), or null/undefined when it cannot name it.
 */
export function problemView(p, labelOf) {
  const path = p && typeof p.path === 'string' && p.path !== '$' ? p.path : '';
  let label = null;
  if (path && typeof labelOf === 'function') {
    try {
      label = labelOf(path) || null;
    } catch {
      label = null;
    }
  }
  const message = (p && p.message) || '';
  return h(
    'span',
    { class: 'cd-problem' },
    h('span', { class: 'cd-problem-text' }, label && !message.startsWith(label) ? `${label}:${message}` : message),
    ' ',
    h(
      'details',
      { class: 'cd-problem-more' },
      h('summary', null, '详情'),
      h('span', { class: 'cd-problem-code' }, `错误代码 ${(p && p.code) || ''}`),
      path ? h('span', { class: 'cd-problem-path' }, ` · 位置 ${path}`) : null,
    ),
  );
}
