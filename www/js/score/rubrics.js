// Which rubric 自评打分 uses, without the DOM: the base one (the embedder's options.rubric, or the
// built-in default) and a custom one loaded from a file (kept in local storage as its text), each
// as a core Session (validated and digested once), and the storage keys of the drafts and exports
// made under each. Every check is the core's.

import { problemText } from '../format.js';

/** A rubric in use: {session, rubric, digest, text, source, name}. */
function entry(session, text, source, name) {
  return { session, rubric: session.rubric(), digest: session.digest(), text, source, name };
}

/**
 * @param core the bridge (www/js/core.js)
 * @param store the namespaced store
 * @param baseDoc options.rubric (object, JSON text) or null/undefined for the default rubric
 * @param warn (title, message) called when the stored custom rubric cannot be used
 */
export function createRubrics(core, store, baseDoc, warn) {
  const given = baseDoc !== undefined && baseDoc !== null;
  const b = given ? core.session(baseDoc) : core.defaultSession();
  if (!b.ok) {
    // A bad base rubric is the embedder's mistake and stops mount() with the core's error.
    const err = new Error(`options.rubric 不是有效的考核细则:${problemText(b.error)}`);
    Object.assign(err, { code: b.error.code, path: b.error.path });
    throw err;
  }
  const base = entry(b.value, null, given ? '嵌入页面提供的细则' : '内置默认细则');

  let custom = null;
  const stored = store.load('score/rubric');
  if (stored && typeof stored.text === 'string') {
    const s = core.session(stored.text);
    if (s.ok) custom = entry(s.value, stored.text, `自定义细则(${stored.name || '文件'})`, stored.name);
    else warn('本机保存的自定义细则无法使用,已改用默认细则', problemText(s.error));
  }

  const current = () => custom || base;
  const tag = () => `${current().rubric.id}@${current().rubric.version}`;
  return {
    base: () => base,
    current,
    isCustom: () => custom !== null,
    draftKey: () => `score/draft/${tag()}`,
    /** The stored draft of the rubric in use, else one kept under an earlier version whose answers carry over (left in place). */
    loadDraft() {
      const own = store.load(`score/draft/${tag()}`);
      if (own) return own;
      for (const v of current().session.earlierVersions()) {
        const old = store.load(`score/draft/${current().rubric.id}@${v}`);
        if (old) return old;
      }
      return null;
    },
    exportKey: () => `score/export/${tag()}`,
    /** Use a custom rubric (from fromText) or, with null, the base one again. */
    use(next) {
      if (custom && custom !== next) custom.session.free();
      custom = next;
      if (next) store.save('score/rubric', { text: next.text, name: next.name });
      else store.remove('score/rubric');
    },
    /** A rubric file's bytes (or text) → {ok, value: a custom rubric to use()} or the core's error. */
    fromFile(doc, name, source) {
      const s = core.session(doc);
      if (!s.ok) return s;
      const text = typeof doc === 'string' ? doc : new TextDecoder('utf-8').decode(doc);
      return { ok: true, value: entry(s.value, text, source, name) };
    },
  };
}
