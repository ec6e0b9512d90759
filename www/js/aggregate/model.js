// 汇总分析, without the DOM: which files a batch takes and in what order, how they are cut into
// chunks for the core's Aggregation, and reading one file (the core says whether its size may be
// read). The core decides which files of a folder a batch takes (`batchTakes`).

/** Files handed to the core per step, and bytes per step at most (whichever comes first). */
export const CHUNK_FILES = 16;
export const CHUNK_BYTES = 8 * 1024 * 1024;

/** Component-wise path order, as the CLI sorts a folder's files. */
export function byPath(a, b) {
  const x = a.name.split('/');
  const y = b.name.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** A folder's files ({name: relative path, file}) the batch takes, in the CLI's order. */
export function folderFiles(core, list) {
  return list.filter((x) => core.batchTakes(x.name)).sort(byPath);
}

/** Picked files → {name, file}; from a folder, only those the batch takes. */
export function pickedFiles(core, files, fromFolder) {
  const list = files.map((f) => ({ name: (fromFolder && f.webkitRelativePath) || f.name, file: f }));
  return fromFolder ? folderFiles(core, list) : list;
}

/** The chunks of a list of {name, file}: at most CHUNK_FILES files and about CHUNK_BYTES each. */
export function chunks(list, maxInputBytes) {
  const out = [];
  let cur = [];
  let bytes = 0;
  for (const x of list) {
    if (cur.length && (cur.length >= CHUNK_FILES || bytes + x.file.size > CHUNK_BYTES)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(x);
    bytes += Math.min(x.file.size, maxInputBytes + 1);
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * {name, size, bytes?}: a file the core refuses by size is not read (the core then refuses it by
 * its size in the batch); nor is one the browser cannot read.
 */
export async function readFile(core, { name, file }) {
  if (!core.checkSize(file.size).ok) return { name, size: file.size };
  try {
    return { name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch {
    return { name, size: file.size };
  }
}

/**
 * Every file under a dropped folder entry (readEntries returns a folder in parts). A folder is not
 * entered when the core would take no .json file in it (a hidden folder): asked, not decided here.
 */
async function walk(core, entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    out.push({ name: entry.fullPath.replace(/^\/+/, ''), file });
    return;
  }
  if (!entry.isDirectory || !core.batchTakes(`${entry.fullPath.replace(/^\/+/, '')}/x.json`)) return;
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walk(core, child, out);
  }
}

/** The files of a drop: dropped files are taken as they are, dropped folders are walked. */
export async function droppedFiles(core, dataTransfer) {
  const out = [];
  const items = [...(dataTransfer.items || [])].filter((i) => i.kind === 'file');
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  const files = items.map((i) => i.getAsFile());
  for (let i = 0; i < items.length; i += 1) {
    const entry = entries[i];
    if (entry && entry.isDirectory) {
      const found = [];
      await walk(core, entry, found);
      out.push(...folderFiles(core, found));
    } else if (files[i]) out.push({ name: files[i].name, file: files[i] });
  }
  if (!items.length) for (const f of dataTransfer.files || []) out.push({ name: f.name, file: f });
  return out;
}
