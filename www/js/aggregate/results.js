// The results of 汇总分析: counts, each file's outcome, statistics, distributions, ranking, the
// weakest items and the change since the last period — all as the core reported them.

import { h, fill, uid, button, download } from '../dom.js';
import { fixed2, nameOf } from '../format.js';
import { core } from '../core.js';
import { barChart, histogramChart } from '../chart.js';
import { downloadXlsx } from '../xlsx.js';
import { problemView } from '../problem.js';
import { trendsView } from './trends.js';

/** Rows shown before “显示全部”. */
export const ROWS = 200;

/** Badge colour per file outcome; the words are the core's (vocabulary().file_status). */
const BADGE = { accepted: 'cd-badge-good', rejected: 'cd-badge-bad', duplicate: 'cd-badge-unknown' };
const statusName = (key) => nameOf(core.vocabulary().file_status, key);

function when(d) {
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}

function section(title, ...children) {
  const id = uid('agg');
  return h('section', { class: 'cd-card cd-agg-section', attrs: { 'aria-labelledby': id } }, h('h2', { id }, title), ...children);
}

function more({ view, rerender }, key, n) {
  return n > view.shown[key]
    ? h('p', { class: 'cd-more' }, `仅显示前 ${view.shown[key]} 行,共 ${n} 行。`, button('显示全部', () => { view.shown[key] = Infinity; rerender(); }, { class: 'cd-btn-text' }))
    : null;
}

function fileTable({ view, rerender, labelOf }, r) {
  const problems = r.files.filter((f) => f.code !== 'OK');
  const rows = view.fileFilter === 'all' ? r.files : problems;
  const id = uid('ff');
  const filter = h(
    'div',
    { class: 'cd-agg-filter' },
    h('label', { for: id }, '显示:'),
    h(
      'select',
      { id, class: 'cd-input', on: { change: (e) => { view.fileFilter = e.target.value; view.shown.files = ROWS; rerender(); } } },
      h('option', { value: 'problems', selected: view.fileFilter === 'problems' }, `需要处理的文件(退回、重复、未完成,${problems.length} 个)`),
      h('option', { value: 'all', selected: view.fileFilter === 'all' }, `全部文件(${r.files.length} 个)`),
    ),
  );
  const table = rows.length
    ? h(
      'div',
      { class: 'cd-table-wrap cd-table-wrap-files' },
      h(
        'table',
        { class: 'cd-table cd-files', dataset: { testid: 'files' } },
        h('thead', null, h('tr', null, ['文件', '结果', '代码', '说明'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, rows.slice(0, view.shown.files).map((f) => {
          const text = statusName(f.status);
          const cls = BADGE[f.status] || 'cd-badge-unknown';
          return h(
            'tr',
            { dataset: { status: f.status, code: f.code, path: f.path } },
            h('td', { class: 'cd-file-path' }, f.path, f.role === 'previous' ? h('span', { class: 'cd-hint' }, '(上期)') : null),
            h('td', null, h('span', { class: ['cd-badge', cls] }, text)),
            h('td', { class: 'cd-code' }, f.code),
            // A rejected file: the core's message (the field named), its code and path behind 详情.
            h('td', { class: 'cd-file-message' }, f.status === 'rejected' ? problemView({ code: f.code, path: f.at, message: f.message }, labelOf) : f.message),
          );
        })),
      ),
    )
    : h('p', { class: 'cd-hint' }, '所有文件均检查通过,已接收。');
  return [filter, table, more({ view, rerender }, 'files', rows.length)];
}

function rankingTable({ view, rerender }, r) {
  if (!r.units.length) return h('p', { class: 'cd-hint' }, '没有可排名的单位(没有接收的文件)。');
  const withChange = r.summary.changes !== null;
  // 逾期整改: only when some file carries a 整改台账.
  const withOverdue = r.units.some((u) => u.overdue !== null);
  return [
    h(
      'div',
      { class: 'cd-table-wrap' },
      h(
        'table',
        { class: 'cd-table cd-ranking', dataset: { testid: 'ranking' } },
        h('thead', null, h('tr', null, ['排名', '单位名称', '统一社会信用代码', '考核期', '总分', '等次', '备注', withChange ? '较上期' : null, withOverdue ? '逾期整改' : null, '核对码']
          .filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, r.units.slice(0, view.shown.units).map((u) => {
          const c = u.change;
          return h(
            'tr',
            { dataset: { code: u.code, rank: String(u.rank) }, class: u.vetoed ? 'cd-row-vetoed' : null },
            h('td', { class: 'cd-num' }, String(u.rank)),
            h('td', { class: 'cd-unit-name' }, u.name === null ? '(未填写名称)' : u.name),
            h('td', { class: 'cd-code' }, u.code),
            h('td', null, u.period),
            h('td', { class: 'cd-num' }, fixed2(u.total)),
            h('td', null, u.grade),
            h('td', { class: 'cd-remark' }, u.remark),
            withChange
              ? h('td', { class: 'cd-num', title: c ? `${c.previous_period}:${fixed2(c.previous_total)},${c.previous_grade}${c.same_rubric ? '' : '(细则不同)'}` : null },
                c ? `${c.delta > 0 ? '+' : ''}${fixed2(c.delta)}` : '—')
              : null,
            withOverdue ? h('td', { class: 'cd-num cd-overdue', title: '上报文件所附整改台账中,截至文件生成日逾期未整改的事项数' }, u.overdue === null ? '—' : String(u.overdue)) : null,
            h('td', { class: 'cd-code' }, u.check_code),
          );
        })),
      ),
    ),
    more({ view, rerender }, 'units', r.units.length),
  ];
}

function statistics(r) {
  const s = r.summary;
  const n = (x) => (x === null ? '—' : fixed2(x));
  const stat = (label, value, key) => [h('dt', null, label), h('dd', { dataset: { testid: `stat-${key}` } }, value)];
  return h(
    'dl',
    { class: 'cd-dl cd-stats' },
    stat('单位数', String(s.count), 'count'),
    stat('其中自评未完成', String(s.incomplete), 'incomplete'),
    stat('考核期', s.periods.join('、') || '—', 'periods'),
    stat('平均分', n(s.mean), 'mean'),
    stat('中位数', n(s.median), 'median'),
    stat('最高分', n(s.max), 'max'),
    stat('最低分', n(s.min), 'min'),
    stat('标准差(总体)', n(s.std_dev_population), 'std'),
  );
}

function distribution(r) {
  const s = r.summary;
  const gradeTitle = uid('g');
  const histTitle = uid('hg');
  const dimTitle = uid('d');
  const most = Math.max(0, ...s.grades.map((g) => g.count));
  return [
    h('h3', { id: histTitle, class: 'cd-side-sub' }, '总分分布'),
    histogramChart(s.histogram, histTitle),
    h('h3', { id: gradeTitle, class: 'cd-side-sub' }, '等次分布'),
    barChart(s.grades.map((g) => ({ label: `${g.name}(≥ ${fixed2(g.min)})`, value: g.count, text: `${g.count} 个` })), most, gradeTitle, { width: 600 }),
    h('h3', { id: dimTitle, class: 'cd-side-sub' }, '各维度平均达成率'),
    barChart(s.dimensions.map((d) => ({
      label: d.title,
      value: d.mean_attainment,
      text: d.mean_attainment === null ? '不适用' : `${fixed2(d.mean_attainment)}%`,
      title: `${d.title}:平均达成率 ${d.mean_attainment === null ? '不适用' : `${fixed2(d.mean_attainment)}%`}(${d.units} 个单位适用)`,
    })), 100, dimTitle, { width: 600 }),
  ];
}

function vetoed(r) {
  const v = r.summary.vetoed;
  if (!v.length) return h('p', { class: 'cd-hint' }, '没有单位触发一票否决。');
  return h('ul', { class: 'cd-agg-list', dataset: { testid: 'vetoed' } }, v.map((u) =>
    h('li', null, h('strong', null, u.name === null ? '(未填写名称)' : u.name), `(${u.code},${u.period}):`, u.vetoes.join(';'))));
}

function weakest(r, list) {
  if (!list.length) return h('p', { class: 'cd-hint' }, '各单位均未失分。');
  const dims = new Map(r.summary.dimensions.map((d) => [d.id, d.title]));
  return h(
    'div',
    { class: 'cd-table-wrap' },
    h(
      'table',
      { class: 'cd-table cd-weakest', dataset: { testid: 'weakest' } },
      h('thead', null, h('tr', null, ['序号', '指标', '维度', '分值', '平均失分比例', '失分单位'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, list.map((it, i) => h(
        'tr',
        { dataset: { item: it.id } },
        h('td', { class: 'cd-num' }, String(i + 1)),
        h('td', null, it.title),
        h('td', null, dims.get(it.dimension) || it.dimension),
        h('td', { class: 'cd-num' }, fixed2(it.points)),
        h('td', { class: 'cd-num' }, it.mean_lost_percent === null ? '—' : `${fixed2(it.mean_lost_percent)}%`),
        h('td', { class: 'cd-num' }, `${it.units_lost} / ${it.applicable}`),
      ))),
    ),
  );
}

function changes(r) {
  const c = r.summary.changes;
  if (!c) return null;
  return section(
    '与上期比较',
    h('p', { dataset: { testid: 'changes' } }, `上升 ${c.improved} 个,下降 ${c.declined} 个,持平 ${c.unchanged} 个,无上期数据 ${c.without_previous} 个。各单位的变化见排名表“较上期”一列。`),
  );
}

/**
 * The results of a batch into `host`. `view` is the tab's display state ({fileFilter, shown}),
 * `rerender()` draws again after it changes; `output` is the core's {result, csv}, or null.
 */
export function renderResults(host, { output, weakestItems, hasFiles, view, rerender, labelOf, printTools }) {
  const ctx = { view, rerender, labelOf };
  if (!output) {
    fill(host, hasFiles ? null : h('p', { class: 'cd-agg-empty cd-hint' }, '选择或拖入本期上报文件后,这里显示每个文件的核验结果、排名和统计。'));
    return;
  }
  const r = output.result;
  const f = r.summary.files;
  const stamp = when(new Date());
  fill(
    host,
    h(
      'section',
      { class: 'cd-card cd-agg-overview', attrs: { 'aria-label': '汇总概况' } },
      h(
        'p',
        { class: 'cd-agg-counts', dataset: { testid: 'counts' } },
        `文件共 ${r.files.length} 个:`,
        h('span', { class: 'cd-badge cd-badge-good' }, `${statusName('accepted')} ${f.accepted}`),
        h('span', { class: 'cd-badge cd-badge-bad' }, `${statusName('rejected')} ${f.rejected}`),
        h('span', { class: 'cd-badge cd-badge-unknown' }, `${statusName('duplicate')} ${f.duplicate}`),
      ),
      h('p', { class: 'cd-hint' }, `参照细则 ${r.reference.id} / ${r.reference.version},摘要 `, h('span', { class: 'cd-digest' }, r.reference.digest)),
      h(
        'div',
        { class: 'cd-toolbar' },
        button('下载排名 CSV', () => download(`汇总分析_${stamp}.csv`, output.csv, 'text/csv'), { class: 'cd-btn cd-btn-primary', title: 'UTF-8(带 BOM)CSV,Excel 和 WPS 可直接打开' }),
        output.xlsx ? button('下载Excel', () => downloadXlsx(`汇总分析_${stamp}.xlsx`, output.xlsx), { class: 'cd-btn cd-btn-primary', title: 'Excel 工作簿:排名、共性薄弱指标、文件核验、各单位明细' }) : null,
        button('下载完整结果 JSON', () => download(`汇总分析_${stamp}.json`, `${JSON.stringify(r, null, 2)}\n`), { class: 'cd-btn', title: '汇总结果文件:每个文件的结果、排名、统计和指标' }),
        ...(printTools || []),
      ),
    ),
    section('文件核验结果', fileTable(ctx, r)),
    h(
      'div',
      { class: 'cd-agg-grid' },
      section('统计', statistics(r), h('h3', { class: 'cd-side-sub' }, '一票否决的单位'), vetoed(r)),
      section('分布', distribution(r)),
    ),
    section('排名', h('p', { class: 'cd-hint' }, '未被一票否决的单位在前,按等次和总分从高到低排列,同分同名次;一票否决的单位排在其后,原因见备注。与导出的 CSV 顺序相同。'), rankingTable(ctx, r)),
    section(`共性薄弱指标(平均失分比例最高的 ${weakestItems.length} 项)`, weakest(r, weakestItems)),
    changes(r),
    r.trends ? section('历年趋势', trendsView(output, stamp)) : null,
  );
}
