// The unit key open in this page: held in memory only (the core's wasm object), never written to
// any storage. One per app; the 单位密钥 tab opens it, sealing signs with it.

export function createKeyHolder() {
  let key = null;
  const listeners = new Set();
  const tell = () => listeners.forEach((fn) => fn(key));
  return {
    /** The open key ({unit, fingerprint, signExport, …}) or null. */
    get: () => key,
    set(k) {
      if (key && key !== k) key.free();
      key = k;
      tell();
    },
    close() {
      this.set(null);
    },
    /** `fn(key)` on every change; returns the unsubscribe function. */
    on(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
