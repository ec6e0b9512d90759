// The live summary of 自评打分: total, grade, progress, the per-dimension chart and every point lost,
// all as the core reported them (the live score is the sealed score: the period's incidents are
// applied by the core exactly as when sealing).

import { h, fill, uid, button } from '../dom.js';
import { fixed2, answerIdOf, answerPath } from '../format.js';
import { problemView } from '../problem.js';
import { dimensionChart } from '../chart.js';

/** The core's check of the attached incidents' dates against the period, when there are incidents. */
function periodNote(live, labelOf) {
  const pc = live.period_check;
  if (!pc || !live.classifications.length) return null;
  if (pc.error) return h('p', { class: 'cd-hint cd-warn-text', dataset: { testid: 'period-check' }, role: 'alert' }, problemView(pc.error, labelOf));
  return h('p', { class: pc.checked && !pc.undated ? 'cd-hint' : 'cd-hint cd-warn-text', dataset: { testid: 'period-check' } }, pc.message);
}

/**
 * Fill `summary` (total, grade, progress) and `more` (chart, lost list) from `result`.
 * `goTo(id)` moves to an item card (or is null when there is none); `lost` keeps the list's
 * open state across updates ({open}).
 */
export function renderSummary(summary, more, { result, hints, goTo, lost, labelOf, invalid = [], nextMissing = null }) {
  if (!result.ok) {
    const err = result.error;
    const id = answerIdOf(err.path);
    fill(
      summary,
      h('div', { class: 'cd-total' }, h('span', { class: 'cd-total-label' }, '总分'), h('span', { class: 'cd-total-value cd-total-none', dataset: { testid: 'total' } }, '—'), h('span', { class: 'cd-total-max' }, '改正后显示')),
      h(
        'div',
        { class: 'cd-error-box', role: 'alert' },
        h('strong', null, '有输入需要改正,暂时无法计分'),
        h('p', null, problemView(err, labelOf)),
        id && goTo(id) ? button('转到该项', () => goTo(id)(), { class: 'cd-btn' }) : null,
      ),
    );
    fillMore(more, () => fill(more));
    return;
  }
  const r = result.value.score;
  const chartTitle = uid('chart');
  const pending = Object.keys(hints).length;
  fill(
    summary,
    h(
      'div',
      { class: 'cd-total' },
      h('span', { class: 'cd-total-label' }, '总分'),
      h('span', { class: 'cd-total-value', dataset: { testid: 'total' } }, fixed2(r.total)),
      h('span', { class: 'cd-total-max' }, `满分 ${fixed2(r.max)}`),
    ),
    h(
      'div',
      { class: ['cd-grade', r.vetoed && 'cd-grade-vetoed'] },
      '等次:',
      h('strong', { dataset: { testid: 'grade' } }, r.grade),
      r.vetoed ? h('span', { class: 'cd-badge cd-badge-bad', dataset: { testid: 'vetoed' } }, '触发一票否决') : null,
    ),
    h('p', { class: 'cd-breakdown' }, `基础分 ${fixed2(r.base)} + 加分 ${fixed2(r.bonus)}`),
    h(
      'div',
      { class: 'cd-progress' },
      h('div', null, '作答进度 ', h('strong', { dataset: { testid: 'progress' } }, `${r.answered} / ${r.answerable}`)),
      h('progress', { max: r.answerable, value: r.answered, attrs: { 'aria-label': `作答进度 ${r.answered} / ${r.answerable}` } }),
      r.complete ? h('p', { class: 'cd-hint' }, '已全部作答。') : h('p', { class: 'cd-hint' }, `尚有 ${r.missing.length} 项未作答,未作答项按 0 分计。`,
        nextMissing ? button('下一未答项', nextMissing, { class: 'cd-btn-text', title: '转到下一个未作答的指标(快捷键 Alt+N)', attrs: { 'aria-keyshortcuts': 'Alt+N' }, dataset: { testid: 'next-missing' } }) : null),
      pending ? h('p', { class: 'cd-hint cd-warn-text' }, `${pending} 项填写不完整,暂按未作答计。`) : null,
      invalid.length
        ? h('p', { class: 'cd-hint cd-warn-text', dataset: { testid: 'invalid-count' } }, `${invalid.length} 项输入有误(已在该项标出),暂按未作答计;改正后才能导出上报文件。`,
          goTo(invalid[0]) ? button('转到该项', () => goTo(invalid[0])(), { class: 'cd-btn-text' }) : null)
        : null,
    ),
    result.value.auto_vetoes.length
      ? h('ul', { class: 'cd-auto-vetoes', dataset: { testid: 'auto-vetoes' } }, result.value.auto_vetoes.map((v) => {
        // Several vetoes may be automatic: each line names its veto (the core's name for it).
        const name = labelOf ? labelOf(answerPath(v.veto)) : null;
        return h('li', { dataset: { veto: v.veto } }, name ? `${name}:${v.message}` : v.message);
      }))
      : null,
    periodNote(result.value, labelOf),
  );
  fillMore(more, () => fill(
    more,
    h('h3', { id: chartTitle, class: 'cd-side-sub' }, '各维度达成率'),
    dimensionChart(r.dimensions, chartTitle),
    lostList(r, goTo, lost),
  ));
}

// The chart and 失分明细 sit below the first screen of the side panel (under the live score, the
// gap to the next grade and the export box): like the item cards past the first screen, the first
// render leaves them to the task right after ready, built from the latest result by then.
const firstFill = new WeakMap(); // `more` → its first fill: { build } while pending, and `done`

function fillMore(more, build) {
  const first = firstFill.get(more);
  if (first && first.build) first.build = build;
  else if (first) build();
  else {
    const pending = { build };
    pending.done = new Promise((resolve) => setTimeout(() => {
      const b = pending.build;
      pending.build = null;
      b();
      resolve();
    }, 0));
    firstFill.set(more, pending);
  }
}

/** Resolves once the chart and 失分明细 have been built (the tab's `rendered` waits for it). */
export function summaryShown(more) {
  return firstFill.get(more)?.done ?? Promise.resolve();
}

/** Every point lost, largest first, each linking to its item; open state kept across updates. */
function lostList(r, goTo, lost) {
  const d = h(
    'details',
    { class: 'cd-lost-box', open: lost.open },
    h('summary', { class: 'cd-side-sub' }, `失分明细(${r.lost.length} 项)`),
    r.lost.length
      ? h(
        'ol',
        { class: 'cd-lost' },
        r.lost.map((l) =>
          h(
            'li',
            null,
            h('span', { class: 'cd-lost-points' }, `−${fixed2(l.points)}`),
            ' ',
            button(l.title, () => goTo(l.id) && goTo(l.id)(), { class: 'cd-link' }),
            h('span', { class: 'cd-lost-why' }, l.explanation),
          ),
        ),
      )
      : h('p', { class: 'cd-hint' }, '没有失分项。'),
  );
  d.addEventListener('toggle', () => { lost.open = d.open; });
  return d;
}
