// 历年趋势 of 汇总分析: the core's trends across periods — the batch's dimension attainment per
// period as a line chart, and the items units lost in two or more periods running (连续失分).

import { h, uid, button, download } from '../dom.js';
import { lineChart } from '../chart.js';

/** The 历年趋势 section's content, or null when the batch had no earlier periods. */
export function trendsView(output, stamp) {
  const t = output.result.trends;
  if (!t) return null;
  const chartTitle = uid('tr');
  const runs = t.lost_running;
  return [
    h('p', { class: 'cd-hint' }, `考核期:${t.periods.join('、')}(往期文件按考核期排列;同一单位同一考核期只取一个文件)。`),
    output.trends_csv
      ? h('div', { class: 'cd-toolbar' }, button('下载历年趋势 CSV', () => download(`历年趋势_${stamp}.csv`, output.trends_csv, 'text/csv'), { class: 'cd-btn', title: '各单位各考核期的总分、维度达成率、指标得分率和连续失分期数' }))
      : null,
    h('h3', { id: chartTitle, class: 'cd-side-sub' }, '各维度平均达成率'),
    h('div', { dataset: { testid: 'trend-chart' } }, lineChart(t.periods, t.dimensions, chartTitle)),
    h('h3', { class: 'cd-side-sub' }, `连续失分(连续两期及以上失分的指标,${runs.length} 项)`),
    runs.length
      ? h(
        'div',
        { class: 'cd-table-wrap' },
        h(
          'table',
          { class: 'cd-table cd-lost-running', dataset: { testid: 'lost-running' } },
          h('thead', null, h('tr', null, ['单位名称', '统一社会信用代码', '指标', '连续失分的考核期', '现状'].map((x) => h('th', { scope: 'col' }, x)))),
          h('tbody', null, runs.map((l) => h(
            'tr',
            { dataset: { code: l.code, item: l.item } },
            h('td', null, l.name === null ? '(未填写名称)' : l.name),
            h('td', { class: 'cd-code' }, l.code),
            h('td', null, l.title),
            h('td', null, l.periods.join('、')),
            h('td', null, l.ongoing ? '仍在失分' : '已改善'),
          ))),
        ),
      )
      : h('p', { class: 'cd-hint' }, '没有连续两期及以上失分的指标。'),
  ];
}
