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
