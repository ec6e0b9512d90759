// The policy file 事件研判 classifies with: the shipped one (null) or a region's own, opened from a
// file and kept in local storage like the other inputs. The core checks the file and decides
// everything in it; the page only holds the document and shows which one is in force.

import { h, button, filePicker, readBytes } from '../dom.js';
import { problemText } from '../format.js';

const KEY = 'incident/policy';

/** The policy document 事件研判 uses (null: the shipped one), for the tabs that seal and score. */
export function storedPolicyDoc(store) {
  const p = sanitizePolicy(store.load(KEY));
  return p ? p.doc : null;
}

/** A stored policy: {name, doc}, or null (the shipped one). Anything else is dropped. */
export function sanitizePolicy(x) {
  return x && typeof x === 'object' && typeof x.name === 'string' && x.doc && typeof x.doc === 'object' ? { name: x.name, doc: x.doc } : null;
}

/**
 * The holder: `doc()` for core.classify, `open()` asks for a file, `reset()` goes back to the
 * shipped policy; `changed()` is called after either. A file the core refuses is not taken.
 */
export function policyHolder({ core, store, banners, vocab, changed }) {
  let current = sanitizePolicy(store.load(KEY));
  // A stored file a newer or older build cannot read any more: fall back, and say so.
  if (current && !core.classify({ schema: vocab.schemas.incident }, current.doc).ok) {
    banners.show('incident-policy', { kind: 'warn', title: `已保存的政策文件“${current.name}”无法使用,已改用随附政策`, message: problemText(core.classify({ schema: vocab.schemas.incident }, current.doc).error) });
    current = null;
    store.save(KEY, null);
  }
  const picker = filePicker('.json,application/json', async (file) => {
    let bytes;
    try {
      bytes = await readBytes(file, core.maxInputBytes());
    } catch (e) {
      banners.show('incident-policy', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return;
    }
    const checked = core.classify({ schema: vocab.schemas.incident }, bytes);
    if (!checked.ok) {
      banners.show('incident-policy', { kind: 'error', title: `无法使用政策文件“${file.name}”`, message: problemText(checked.error), detail: '研判仍使用原来的政策。' });
      return;
    }
    current = { name: file.name, doc: JSON.parse(new TextDecoder('utf-8').decode(bytes)) };
    store.save(KEY, current);
    banners.show('incident-policy', { kind: 'info', message: `研判已改用政策文件“${file.name}”(${checked.value.policy.title})。` });
    changed();
  });
  return {
    element: picker.element,
    doc: () => (current ? current.doc : null),
    name: () => (current ? current.name : null),
    open: () => picker.open(),
    reset() {
      current = null;
      store.save(KEY, null);
      banners.show('incident-policy', { kind: 'info', message: '研判已改回随附政策。' });
      changed();
    },
  };
}

/** Which policy is in force and what it reads into Article 8 (its 「本工具解释」). */
export function policyView(c, holder) {
  const p = c.policy;
  const file = holder && holder.name();
  return h(
    'div',
    { class: 'cd-result-block cd-policy', dataset: { testid: 'policy' } },
    h('p', null, '所用政策:', h('strong', { dataset: { testid: 'policy-title' } }, p.title), `(${p.id}${p.shipped ? ',随本工具发布' : file ? `,文件“${file}”` : ''})`),
    holder
      ? h('p', { class: 'cd-screen' }, button('打开政策文件…', () => holder.open(), { class: 'cd-btn cd-btn-small', title: '用本地区的政策文件替换随附的分级标准和解释' }), file ? button('改回随附政策', () => holder.reset(), { class: 'cd-btn cd-btn-small' }) : null)
      : null,
    c.interpretations.length
      ? h(
        'ul',
        { class: 'cd-interpretations' },
        c.interpretations.map((i) =>
          h(
            'li',
            { dataset: { interpretation: i.id, used: String(i.used) } },
            h('span', { class: 'cd-badge cd-badge-unknown' }, i.label),
            ` 「${i.term}」:${i.rule}`,
            i.used ? h('strong', null, '(本次研判用到)') : null,
            h('details', { class: 'cd-because' }, h('summary', null, '理由与出处'), h('p', null, i.reasoning), h('p', null, i.source)),
          ),
        ),
      )
      : null,
  );
}
