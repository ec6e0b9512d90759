// Local storage for work in progress. Every failure (quota, private mode, storage disabled by
// policy) is reported through `onProblem`, never swallowed: the page shows it in a banner.

/** The layout of stored keys (see createStore). */
const VERSION = 'v2';

function storageOrThrow() {
  const s = globalThis.localStorage; // the getter itself throws where storage is forbidden
  if (!s) throw new Error('localStorage 不可用');
  return s;
}

function explain(e) {
  const name = e && e.name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return '浏览器本地存储空间已满';
  }
  if (name === 'SecurityError') {
    return '浏览器禁止本页使用本地存储(可能处于隐私/无痕模式,或被管理策略禁用)';
  }
  return `浏览器本地存储不可用(${(e && e.message) || e})`;
}

/**
 * A namespaced JSON store. `onProblem(op, message)` is called with a Chinese explanation when an
 * operation fails and with `null` message when a save succeeds again.
 */
export function createStore(namespace, onProblem) {
  // Versioned keys (`<namespace>/v2/<k>`): a later layout can migrate from these as this one
  // migrates the unversioned keys of earlier releases (`<namespace>/<k>`) on first read.
  const key = (k) => `${namespace}/${VERSION}/${k}`;
  const legacy = (k) => `${namespace}/${k}`;
  /** The stored text under the current key, moving an earlier release's entry over first (copied, then removed only once the copy is written: nothing is lost). */
  function read(k) {
    const s = storageOrThrow();
    const text = s.getItem(key(k));
    if (text !== null) return text;
    const old = s.getItem(legacy(k));
    if (old === null) return null;
    try {
      s.setItem(key(k), old);
      s.removeItem(legacy(k));
    } catch {
      /* storage full: keep reading the old entry; the next successful save moves it */
    }
    return old;
  }
  return {
    load(k) {
      let text;
      try {
        text = read(k);
      } catch (e) {
        onProblem('load', explain(e));
        return null;
      }
      if (text === null) return null;
      try {
        return JSON.parse(text);
      } catch {
        onProblem('load', `本机保存的“${k}”已损坏,无法读取(原内容保留在 ${key(k)}.损坏 中)`);
        try {
          storageOrThrow().setItem(`${key(k)}.损坏`, text);
        } catch {
          /* the problem above is already shown */
        }
        return null;
      }
    },
    save(k, value) {
      try {
        const st = storageOrThrow();
        st.setItem(key(k), JSON.stringify(value));
        st.removeItem(legacy(k));
        onProblem('save', null);
        return true;
      } catch (e) {
        onProblem('save', explain(e));
        return false;
      }
    },
    remove(k) {
      try {
        storageOrThrow().removeItem(key(k));
        storageOrThrow().removeItem(legacy(k));
      } catch (e) {
        onProblem('save', explain(e));
      }
    },
  };
}
