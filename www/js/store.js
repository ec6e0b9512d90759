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
  // The core's own errors (a locked draft that does not open) say what happened themselves.
  if (e && typeof e.code === 'string') return e.message;
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
export function createStore(namespace, onProblem, crypto = null) {
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
  // The optional passphrase lock (crypto: {isLocked(text)}; a lock: {seal(text), open(text)}).
  // While drafts are locked and not yet unlocked nothing is read or written, so nothing stored
  // is lost to an empty page saving over it.
  let lock = null;
  const LOCK = 'lock';
  const lockedOut = () => Boolean(crypto) && !lock && hasLock();
  function hasLock() {
    try {
      return storageOrThrow().getItem(key(LOCK)) !== null;
    } catch {
      return false;
    }
  }
  /** Every key of this namespace's current layout except the lock itself. */
  function ownKeys() {
    const s = storageOrThrow();
    const prefix = key('');
    const out = [];
    for (let i = 0; i < s.length; i += 1) {
      const k = s.key(i);
      if (k && k.startsWith(prefix) && k !== key(LOCK) && !k.endsWith('.损坏')) out.push(k);
    }
    return out;
  }
  return {
    /** The stored lock's verifier, or null when drafts are not locked. */
    lockVerifier() {
      try {
        return storageOrThrow().getItem(key(LOCK));
      } catch {
        return null;
      }
    },
    /** Whether drafts are locked and the passphrase has not been given yet. */
    lockedOut,
    /** Use an opened lock for every read and write from now on. */
    unlock(opened) {
      lock = opened;
    },
    /**
     * Lock every stored draft under `newLock` (or unlock them all when null), rewriting each entry;
     * true when every entry was rewritten.
     */
    relock(newLock) {
      try {
        const s = storageOrThrow();
        const plain = ownKeys().map((k) => {
          const text = s.getItem(k);
          return [k, lock && crypto.isLocked(text) ? lock.open(text) : text];
        });
        for (const [k, text] of plain) s.setItem(k, newLock ? newLock.seal(text) : text);
        if (newLock) s.setItem(key(LOCK), newLock.verifier());
        else s.removeItem(key(LOCK));
        lock = newLock;
        onProblem('save', null);
        return true;
      } catch (e) {
        onProblem('save', explain(e));
        return false;
      }
    },
    load(k) {
      if (lockedOut()) return null;
      let text;
      try {
        text = read(k);
        if (text !== null && lock && crypto.isLocked(text)) text = lock.open(text);
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
      if (lockedOut()) {
        onProblem('save', '本机草稿已加口令锁,尚未输入口令,这次修改没有保存');
        return false;
      }
      try {
        const st = storageOrThrow();
        const text = JSON.stringify(value);
        st.setItem(key(k), lock ? lock.seal(text) : text);
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
