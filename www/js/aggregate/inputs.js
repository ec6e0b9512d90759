// The inputs of 汇总分析: a drop zone per set of files (this period's, the last period's), each with
// file and folder pickers, and the reference-rubric row.

import { h, button } from '../dom.js';

/** A hidden file input; `onFiles(files)` after each choice. */
export function picker(multiple, directory, onFiles) {
  const input = h('input', {
    type: 'file',
    class: 'cd-hidden',
    accept: directory ? null : '.json,application/json',
    attrs: { multiple: multiple || null, webkitdirectory: directory || null, tabindex: '-1', 'aria-hidden': 'true' },
    on: {
      change: () => {
        const files = [...(input.files || [])];
        input.value = '';
        onFiles(files);
      },
    },
  });
  return input;
}

/**
 * A drop zone. `onPicked(files, fromFolder)` after a choice, `onDrop(dataTransfer)` after a drop,
 * `onClear()` for its 清空 button. Returns {zone, count, clear}.
 */
export function dropZone(role, label, { onPicked, onDrop, onClear }) {
  const files = picker(true, false, (f) => onPicked(f, false));
  const folder = picker(false, true, (f) => onPicked(f, true));
  const count = h('p', { class: 'cd-drop-count', dataset: { testid: `${role}-count` } });
  const clear = button('清空', onClear, { class: 'cd-btn-text' });
  const zone = h(
    'div',
    { class: 'cd-drop', dataset: { role } },
    h('strong', { class: 'cd-drop-title' }, label),
    h('p', { class: 'cd-hint' }, '把上报文件或整个文件夹拖到这里(文件夹中的 .json 文件逐层读取),或:'),
    h(
      'div',
      { class: 'cd-drop-buttons' },
      button('选择文件…', () => files.click(), { class: 'cd-btn', attrs: { 'aria-label': `${label}:选择文件` } }),
      button('选择文件夹…', () => folder.click(), { class: 'cd-btn', attrs: { 'aria-label': `${label}:选择文件夹` } }),
      clear,
    ),
    count,
    files,
    folder,
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('cd-drop-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('cd-drop-over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    zone.classList.remove('cd-drop-over');
    onDrop(e.dataTransfer);
  });
  return { zone, count, clear };
}

/** The reference-rubric row: {row, text, reset}. */
export function referenceRow({ onFile, onReset }) {
  const input = picker(false, false, (f) => f[0] && onFile(f[0]));
  const text = h('span', { class: 'cd-ref-text', dataset: { testid: 'reference' } });
  const reset = button('改用默认细则', onReset, { class: 'cd-btn-text' });
  const row = h(
    'div',
    { class: 'cd-ref' },
    h('span', { class: 'cd-ref-label' }, '参照细则:'),
    text,
    button('选择细则文件…', () => input.click(), { class: 'cd-btn' }),
    reset,
    input,
  );
  return { row, text, reset };
}
