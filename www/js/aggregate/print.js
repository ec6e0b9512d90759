// The printed 汇总报告 of 汇总分析: the core's aggregation as a report for the file — overview,
// ranking with each unit's 备注 (the veto that placed it last, with its reason), the vetoed units,
// the weakest items, every file that was not accepted and, with a roster, the units that did not
// report. Plain h1/h2/table inside `.cd-print-report`, so the 打印版式 (公文 or compact) applies.

import { h } from '../dom.js';
import { fixed2, nowText, nameOf } from '../format.js';

const dash = (v) => (v === null || v === undefined ? '—' : fixed2(v));

/** Column kinds: true a figure (right, one line), 'tight' a short word kept on one line. */
const CLASS = { true: 'cd-num', tight: 'cd-print-tight', false: null };

function table(head, rows, testid) {
  return h('table', { class: 'cd-print-table', dataset: testid ? { testid } : {} },
    h('thead', null, h('tr', null, head.map(([t, kind]) => h('th', { class: CLASS[kind] }, t)))),
    h('tbody', null, rows.map((cells) => h('tr', null, cells.map((c, i) => h('td', { class: CLASS[head[i][1]] }, c))))));
}

/** @param {{vocab: object, result: object, version: string}} p  result: the core's cyberduty.aggregate/1 */
export function printAggregate({ vocab, result: r, version }) {
  const s = r.summary;
  const status = (k) => nameOf(vocab.file_status, k);
  const meta = h('table', { class: 'cd-print-meta' }, h('tbody', null,
    h('tr', null, h('th', { scope: 'row' }, '参照细则'), h('td', null, `${r.reference.id},版本 ${r.reference.version}`)),
    h('tr', null, h('th', { scope: 'row' }, '细则摘要'), h('td', { dataset: { testid: 'print-digest' } }, r.reference.digest)),
    h('tr', null, h('th', { scope: 'row' }, '考核期'), h('td', null, s.periods.join('、') || '(无)')),
    h('tr', null, h('th', { scope: 'row' }, '文件'), h('td', null,
      `共 ${r.files.length} 个:${status('accepted')} ${s.files.accepted},${status('rejected')} ${s.files.rejected},${status('duplicate')} ${s.files.duplicate}`))));
  const rejected = r.files.filter((f) => f.status !== 'accepted');
  return h(
    'article',
    { class: 'cd-print-report cd-print-aggregate' },
    h('h1', null, '网络安全工作责任制检查考核汇总报告'),
    h('p', { class: 'cd-print-sub' }, `生成于 ${nowText()} · cyberduty ${version}`),
    meta,
    h('h2', null, '一、总体情况'),
    h('p', null, `参加排名的单位 ${s.count} 个,其中未完成作答 ${s.incomplete} 个、触发一票否决 ${s.vetoed.length} 个。`
      + `平均分 ${dash(s.mean)},中位数 ${dash(s.median)},最高 ${dash(s.max)},最低 ${dash(s.min)}。`
      + `等次分布:${s.grades.map((g) => `${g.name} ${g.count} 个`).join(',')}。`
      + `${s.senders_verified ? `发送单位${vocab.signing.senders_verified}` : vocab.signing.senders_unverified}。`),
    h('h2', null, '二、排名'),
    table([['名次', true], ['单位', false], ['统一社会信用代码', false], ['总分', true], ['等次', false], ['备注', false]],
      r.units.map((u) => [String(u.rank), u.name || '(未填写)', u.code, fixed2(u.total), u.grade, u.remark || '']), 'print-ranking'),
    h('h2', null, '三、一票否决的单位'),
    s.vetoed.length
      ? h('ul', { class: 'cd-print-list' }, s.vetoed.map((v) => h('li', null, `${v.name || v.code}(${v.code}):${v.vetoes.join(';')}`)))
      : h('p', null, '无。'),
    h('h2', null, '四、共性薄弱指标'),
    r.weakest.length
      ? table([['指标', false], ['失分单位数', true], ['平均失分比例', true]],
        r.weakest.map((i) => [i.title, String(i.units_lost), i.mean_lost_percent === null ? '不适用' : `${fixed2(i.mean_lost_percent)}%`]))
      : h('p', null, '各单位均未在同一指标上失分。'),
    h('h2', null, '五、未通过核验的文件'),
    rejected.length
      ? table([['文件', false], ['结果', 'tight'], ['说明', false]], rejected.map((f) => [f.path, status(f.status), `${f.message}(${f.code})`]), 'print-files')
      : h('p', null, '全部文件均通过核验。'),
    s.missing ? [h('h2', null, `六、${vocab.signing.missing}`), s.missing.length ? h('ul', { class: 'cd-print-list' }, s.missing.map((m) => h('li', null, `${m.name}(${m.code})`))) : h('p', null, '名单内单位均已上报。')] : null,
  );
}
