// Presentation only: how the core's numbers and codes are written in Chinese. No figure is
// computed here; the core rounds every number once and the page shows it with two decimals.

/** A figure from the core (already rounded to hundredths) written with two decimals. */
export function fixed2(n) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '—';
}

/** A points value from a rubric as written (3, 1.5). */
export function points(n) {
  return typeof n === 'number' ? String(n) : '—';
}

/** The name of `key` in a list of the core's vocabulary ({key, name}[]); the key itself when unknown. */
export function nameOf(list, key) {
  const hit = (list || []).find((x) => x.key === key);
  return hit ? hit.name : key == null ? '' : String(key);
}

/**
 * Form text → JSON value: blank is absent (undefined); a JSON number literal becomes a number;
 * anything else stays text, so the core — not the page — says what is wrong with it.
 */
export function parseNumber(text) {
  const t = String(text ?? '').trim();
  if (t === '') return undefined;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return t;
}

/** The answer id an error path points into (`$.answers.x…` or `$.answers["x"]…`), or null. */
export function answerIdOf(path) {
  const m = /^\$\.answers(?:\.([A-Za-z_][A-Za-z0-9_]*)|\[("(?:[^"\\]|\\.)*")\])/.exec(path || '');
  if (!m) return null;
  if (m[1] !== undefined) return m[1];
  try {
    return JSON.parse(m[2]);
  } catch {
    return null;
  }
}

/** The path of answer `id` (the inverse of answerIdOf), as the core names fields by path. */
export function answerPath(id) {
  return `$.answers[${JSON.stringify(id)}]`;
}

/** "[E_CODE] $.x:消息" — the core's own `display` (the CLI's form) when it gave one. */
export function problemText(p) {
  if (p && typeof p.display === 'string' && p.display) return p.display;
  const where = p.path && p.path !== '$' ? ` ${p.path}` : '';
  return `[${p.code}]${where}:${p.message}`;
}

/** Local date and time for a printed report, e.g. 2026年3月1日 09:40. */
export function nowText(d = new Date()) {
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${two(d.getHours())}:${two(d.getMinutes())}`;
}
