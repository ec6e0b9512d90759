// The per-dimension attainment chart: inline SVG, one bar per dimension. Bar lengths are the core's
// attainment percentages drawn to scale; the page adds nothing of its own.

import { svg } from './dom.js';
import { fixed2 } from './format.js';

const W = 320; // viewBox width; the SVG scales to its container
const ROW = 40;
const BAR_Y = 18;
const BAR_H = 12;

export function dimensionChart(dimensions, titleId) {
  const height = Math.max(1, dimensions.length) * ROW + 4;
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${height}`,
    class: 'cd-chart',
    role: 'img',
    'aria-labelledby': titleId,
    preserveAspectRatio: 'xMinYMin meet',
  });
  dimensions.forEach((d, i) => {
    const y = i * ROW;
    const pct = d.attainment; // percent with two decimals, or null when nothing applies
    const label = pct === null ? '不适用' : `${fixed2(pct)}%`;
    const g = svg('g', { class: 'cd-chart-row', transform: `translate(0 ${y})` });
    g.append(
      svg('title', { text: `${d.title}:达成率 ${label}(得 ${fixed2(d.earned)} 分 / 适用 ${fixed2(d.applicable)} 分,满分 ${fixed2(d.points)} 分)` }),
      svg('text', { x: 0, y: 13, class: 'cd-chart-label', text: d.title }),
      svg('text', { x: W, y: 13, class: 'cd-chart-value', 'text-anchor': 'end', text: label }),
      svg('rect', { x: 0, y: BAR_Y, width: W, height: BAR_H, rx: 3, class: 'cd-chart-track' }),
    );
    if (pct !== null && pct > 0) {
      g.append(svg('rect', { x: 0, y: BAR_Y, width: (W * Math.min(pct, 100)) / 100, height: BAR_H, rx: 3, class: 'cd-chart-bar' }));
    }
    root.append(g);
  });
  return root;
}

/**
 * Horizontal bars: rows [{label, value, text, title?}], each bar `value / max` of the track (the
 * values are the core's counts or percentages; only their drawing length is worked out here).
 */
export function barChart(rows, max, titleId, { width = W } = {}) {
  const height = Math.max(1, rows.length) * ROW + 4;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'cd-chart',
    role: 'img',
    'aria-labelledby': titleId,
    preserveAspectRatio: 'xMinYMin meet',
  });
  rows.forEach((r, i) => {
    const g = svg('g', { class: 'cd-chart-row', transform: `translate(0 ${i * ROW})` });
    g.append(
      svg('title', { text: r.title || `${r.label}:${r.text}` }),
      svg('text', { x: 0, y: 13, class: 'cd-chart-label', text: r.label }),
      svg('text', { x: width, y: 13, class: 'cd-chart-value', 'text-anchor': 'end', text: r.text }),
      svg('rect', { x: 0, y: BAR_Y, width, height: BAR_H, rx: 3, class: 'cd-chart-track' }),
    );
    if (typeof r.value === 'number' && r.value > 0 && max > 0) {
      g.append(svg('rect', { x: 0, y: BAR_Y, width: (width * Math.min(r.value, max)) / max, height: BAR_H, rx: 3, class: 'cd-chart-bar' }));
    }
    root.append(g);
  });
  return root;
}

/**
 * The histogram of totals: one column per band of the core's `summary.histogram`
 * ([{from, to, count}]), its count above it and its lower bound below.
 */
export function histogramChart(bands, titleId) {
  const HW = 480;
  const HH = 190;
  const top = 18;
  const base = HH - 24;
  const most = Math.max(1, ...bands.map((b) => b.count));
  const step = HW / Math.max(1, bands.length);
  const root = svg('svg', {
    viewBox: `0 0 ${HW} ${HH}`,
    class: 'cd-chart cd-histogram',
    role: 'img',
    'aria-labelledby': titleId,
    preserveAspectRatio: 'xMinYMin meet',
  });
  root.append(svg('line', { x1: 0, y1: base + 0.5, x2: HW, y2: base + 0.5, class: 'cd-chart-axis' }));
  bands.forEach((b, i) => {
    const x = i * step;
    const h = ((base - top) * b.count) / most;
    const last = i === bands.length - 1;
    const range = `${fixed2(b.from)}–${fixed2(b.to)} 分${last ? '(含)' : ''}`;
    const g = svg('g', { class: 'cd-chart-col' });
    g.append(svg('title', { text: `${range}:${b.count} 个单位` }));
    if (b.count > 0) g.append(svg('rect', { x: x + 3, y: base - h, width: step - 6, height: h, rx: 2, class: 'cd-chart-bar' }));
    g.append(
      svg('text', { x: x + step / 2, y: base - h - 4, 'text-anchor': 'middle', class: 'cd-chart-value', text: String(b.count) }),
      svg('text', { x: x + step / 2, y: HH - 8, 'text-anchor': 'middle', class: 'cd-chart-label', text: last ? `${b.from}–${b.to}` : String(b.from) }),
    );
    root.append(g);
  });
  return root;
}

/**
 * Lines across periods: `periods` (labels, oldest first) and `series` [{title, values}] with one
 * value per period (percent, or null where there is none: the line breaks there). The values are
 * the core's; only their drawing positions are worked out here.
 */
export function lineChart(periods, series, titleId) {
  const LW = 600;
  const COLS = 2; // legend columns
  const base = 190;
  const LH = base + 30 + Math.ceil(series.length / COLS) * 16;
  const left = 40;
  const right = 12;
  const top = 12;
  const root = svg('svg', {
    viewBox: `0 0 ${LW} ${LH}`,
    class: 'cd-chart cd-line-chart',
    role: 'img',
    'aria-labelledby': titleId,
    preserveAspectRatio: 'xMinYMin meet',
  });
  const x = (i) => left + (periods.length > 1 ? ((LW - left - right) * i) / (periods.length - 1) : (LW - left - right) / 2);
  const y = (v) => base - ((base - top) * Math.max(0, Math.min(v, 100))) / 100;
  for (const v of [0, 50, 100]) {
    root.append(
      svg('line', { x1: left, y1: y(v) + 0.5, x2: LW - right, y2: y(v) + 0.5, class: 'cd-chart-axis' }),
      svg('text', { x: left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'cd-chart-label', text: `${v}%` }),
    );
  }
  periods.forEach((p, i) => root.append(svg('text', { x: x(i), y: base + 16, 'text-anchor': 'middle', class: 'cd-chart-label', text: p })));
  series.forEach((s, k) => {
    const g = svg('g', { class: `cd-line cd-line-${k % 8}`, 'data-series': s.id || '' });
    g.append(svg('title', { text: `${s.title}:${s.values.map((v, i) => `${periods[i]} ${v === null ? '—' : `${fixed2(v)}%`}`).join(',')}` }));
    let run = [];
    const flush = () => {
      if (run.length > 1) g.append(svg('polyline', { points: run.join(' '), class: 'cd-line-path', fill: 'none' }));
      run = [];
    };
    s.values.forEach((v, i) => {
      if (v === null) return flush();
      run.push(`${x(i)},${y(v)}`);
      g.append(svg('circle', { cx: x(i), cy: y(v), r: 3, class: 'cd-line-dot' }));
    });
    flush();
    // Legend: two columns of series names under the axis.
    const lx = left + (k % COLS) * ((LW - left) / COLS);
    const ly = base + 36 + Math.floor(k / COLS) * 16;
    g.append(
      svg('rect', { x: lx, y: ly - 8, width: 10, height: 4, class: 'cd-line-key' }),
      svg('text', { x: lx + 14, y: ly - 3, class: 'cd-chart-label cd-line-name', text: s.title }),
    );
    root.append(g);
  });
  return root;
}
