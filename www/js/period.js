// The period's incidents (本期事件): the incident documents a unit attaches to its sealed export.
// Kept in local storage like everything else and shared by two tabs — 事件研判 fills the list,
// 自评打分 attaches it when it seals the export. Only documents are kept; every verdict shown
// about them comes from the core (classify, seal).

const KEY = 'incident/period';

/** A stored list, tolerating anything: entries that are not incident-shaped objects are dropped. */
function sanitize(x) {
  if (!Array.isArray(x)) return [];
  return x
    .filter((e) => e && typeof e === 'object' && e.doc && typeof e.doc === 'object' && !Array.isArray(e.doc))
    .map((e) => ({ id: typeof e.id === 'string' ? e.id : newId(), doc: e.doc }));
}

let seq = 0;
function newId() {
  seq += 1;
  return `p${Date.now().toString(36)}${seq}`;
}

/** JSON text with keys sorted at every level: two documents that say the same compare equal. */
function canonical(x) {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical(x[k])}`).join(',')}}`;
  return JSON.stringify(x);
}

export function createPeriod(store) {
  let entries = sanitize(store.load(KEY));
  const listeners = new Set();
  const changed = () => {
    store.save(KEY, entries);
    for (const fn of listeners) fn();
  };
  return {
    /** [{id, doc}] in the order added. */
    entries: () => entries.slice(),
    /** The incident documents, as attached to an export. */
    docs: () => entries.map((e) => e.doc),
    get: (id) => entries.find((e) => e.id === id) || null,
    /** The entry holding the same document (same content, any key order), or null. */
    same(doc) {
      const c = canonical(doc);
      return entries.find((e) => canonical(e.doc) === c) || null;
    },
    add(doc) {
      const id = newId();
      entries = [...entries, { id, doc }];
      changed();
      return id;
    },
    update(id, doc) {
      entries = entries.map((e) => (e.id === id ? { id, doc } : e));
      changed();
    },
    remove(id) {
      entries = entries.filter((e) => e.id !== id);
      changed();
    },
    /** Replace the whole list (opening an export brings its incidents back). */
    replace(docs) {
      entries = docs.map((doc) => ({ id: newId(), doc }));
      changed();
    },
    /** Put back a list taken with entries() (undo). */
    restore(list) {
      entries = sanitize(list);
      changed();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
