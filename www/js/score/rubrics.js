// Which rubric 自评打分 uses, without the DOM: the base one (the embedder's options.rubric, or the
// built-in default) and a custom one loaded from a file (kept in local storage as its text), and
// the storage keys of the drafts and exports made under each. Every check is the core's.

import { problemText } from '../format.js';

/**
 * @param core the bridge (www/js/core.js)
 * @param store the namespaced store
 * @param baseDoc options.rubric (object, JSON text) or null/undefined for the default rubric
 * @param warn (title, message) called when the stored custom rubric cannot be used
 */
export function createRubrics(core, store, baseDoc, warn) {
  // A bad base rubric is the embedder's mistake and stops mount() with the core's error.
  let base;
  if (baseDoc !== undefined && baseDoc !== null) {
    const v = core.validateRubric(baseDoc);
    if (!v.ok) {
      const err = new Error(`options.rubric 不是有效的考核细则:${problemText(v.error)}`);
      Object.assign(err, { code: v.error.code, path: v.error.path });
      throw err;
    }
    base = { doc: baseDoc, rubric: v.value.rubric, digest: v.value.digest, source: '嵌入页面提供的细则' };
  } else {
    const r = core.defaultRubric();
    if (!r.ok) throw new Error(problemText(r.error));
    const v = core.validateRubric(r.value);
    base = { doc: null, rubric: r.value, digest: v.ok ? v.value.digest : '', source: '内置默认细则' };
  }

  /** The custom rubric loaded from a file, validated, or null. */
  let custom = null;
  const stored = store.load('score/rubric');
  if (stored && typeof stored.text === 'string') {
    const v = core.validateRubric(stored.text);
    if (v.ok) custom = { doc: stored.text, rubric: v.value.rubric, digest: v.value.digest, source: `自定义细则(${stored.name || '文件'})`, name: stored.name };
    else warn('本机保存的自定义细则无法使用,已改用默认细则', problemText(v.error));
  }

  const current = () => custom || base;
  const tag = () => `${current().rubric.id}@${current().rubric.version}`;
  return {
    base: () => base,
    current,
    isCustom: () => custom !== null,
    /** The rubric to check files against: the document, or for the default the rubric itself. */
    reference: () => (current().doc === null ? current().rubric : current().doc),
    draftKey: () => `score/draft/${tag()}`,
    exportKey: () => `score/export/${tag()}`,
    /** A validated custom rubric ({doc: text, rubric, digest, source, name}), or null for the base one. */
    use(next) {
      custom = next;
      if (next) store.save('score/rubric', { text: next.doc, name: next.name });
      else store.remove('score/rubric');
    },
    /** A rubric file's bytes → {ok, value: custom rubric} or the core's error. */
    fromFile(bytes, name, source) {
      const v = core.validateRubric(bytes);
      if (!v.ok) return v;
      const text = typeof bytes === 'string' ? bytes : new TextDecoder('utf-8').decode(bytes);
      return { ok: true, value: { doc: text, rubric: v.value.rubric, digest: v.value.digest, source, name } };
    },
  };
}
