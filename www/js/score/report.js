// The printed A4 report of an assessment: built from the core's score report (every figure) and
// the unit details as entered. Shown only by print CSS.

import { h } from '../dom.js';
import { fixed2, nowText, problemText, nameOf } from '../format.js';

function row(label, value) {
  return h('tr', null, h('th', { scope: 'row' }, label), h('td', null, value || '(未填写)'));
}

function signature(role) {
  return h(
    'div',
    { class: 'cd-sign' },
    h('div', { class: 'cd-sign-role' }, `${role}(签字):`),
    h('div', { class: 'cd-sign-line' }),
    h('div', { class: 'cd-sign-date' }, '日期:        年      月      日'),
  );
}

/**
 * The check code of the latest export, and — as the core found by sealing the current answers
 * again at that export's time — whether this report still matches it.
 */
function exportRows(exported) {
  if (!exported) return [row('上报文件核对码', '(尚未导出上报文件)')];
  return [
    h('tr', { class: 'cd-print-check' },
      h('th', { scope: 'row' }, '上报文件核对码'),
      h('td', null,
        h('strong', { class: 'cd-print-code', dataset: { testid: 'print-check-code' } }, exported.check_code),
        `  (${exported.file_name},生成于 ${nowText(new Date(exported.generated_at))})`)),
    h('tr', null,
      h('th', { scope: 'row' }, '一致性'),
      h('td', { class: exported.same ? null : 'cd-print-warn', dataset: { testid: 'print-export-status' } },
        exported.same
          ? '本报告的作答与该上报文件一致。'
          : '注意:该上报文件导出后,自评表或所附事件已修改,本报告与上报文件不一致,请重新导出上报文件后再打印盖章。')),
  ];
}

/** Evidence names of an answer ([{name, sm3?}]), joined for print. */
const evidenceText = (a) => (a && Array.isArray(a.evidence) ? a.evidence.map((e) => (e && e.name) || '').filter(Boolean).join('、') : '');

/**
 * 一票否决项: each veto's status and why — the core's message for an automatic veto (which names the
 * incidents) and the unit's own note.
 */
function vetoList(vocab, report, answers, autoVetoes) {
  return h('ul', { class: 'cd-print-list', dataset: { testid: 'print-vetoes' } }, report.vetoes.map((v) => {
    const auto = autoVetoes.filter((a) => a.veto === v.id).map((a) => a.message);
    const a = answers[v.id];
    const why = [...auto, a && a.note ? `说明:${a.note}` : null, evidenceText(a) ? `佐证材料:${evidenceText(a)}` : null].filter(Boolean);
    return h('li', null, `${v.title}:${nameOf(vocab.veto_status, v.status)}`, why.length ? `。${why.join(';')}` : '');
  }));
}

/** 作答说明与佐证材料: every item, bonus or veto whose answer carries a note or evidence names, in report order. */
function notesTable(report, answers) {
  const rows = [...report.items, ...report.bonus_items]
    .filter((i) => answers[i.id] && (answers[i.id].note || evidenceText(answers[i.id])))
    .map((i) => h('tr', null, h('td', null, i.title), h('td', null, answers[i.id].note || ''), h('td', null, evidenceText(answers[i.id]))));
  if (!rows.length) return h('p', null, '各项均未填写说明或佐证材料。');
  return h('table', { class: 'cd-print-table', dataset: { testid: 'print-notes' } },
    h('thead', null, h('tr', null, h('th', null, '指标'), h('th', null, '说明'), h('th', null, '佐证材料'))),
    h('tbody', null, rows));
}

/**
 * @param {{vocab: object, report: object|null, error: object|null, draft: object,
 *          rubric: {id: string, version: string, title?: string, digest?: string}, version: string,
 *          exported?: {check_code: string, file_name: string, generated_at: string, same: boolean} | null,
 *          periodName?: string|null, assessment?: object|null, autoVetoes?: object[]}} p  periodName: the
 *          core's name of the period (2026年度); assessment: the document as scored (notes, evidence);
 *          autoVetoes: the core's automatic veto decisions; invalid: ids of answers the core refused
 *          (left out of this score)
 */
export function printReport({ vocab, report, error, draft, rubric, version, exported = null, periodName = null, assessment = null, autoVetoes = [], invalid = [] }) {
  const answers = (assessment && assessment.answers) || {};
  const unit = draft.unit || {};
  const meta = h(
    'table',
    { class: 'cd-print-meta' },
    h(
      'tbody',
      null,
      row('单位名称', unit.name),
      row('统一社会信用代码', unit.code),
      row('行政层级', nameOf(vocab.unit_levels, unit.level)),
      row('所在地区', unit.region),
      row('考核期', periodName || draft.period),
      row('填报人', draft.assessor),
      row('考核细则', `${rubric.title ? `${rubric.title} ` : ''}(${rubric.id},版本 ${rubric.version})`),
      row('细则摘要', (report && report.rubric.digest) || rubric.digest),
      exportRows(exported),
    ),
  );
  const head = [
    h('h1', null, '网络安全工作责任制检查考核自评报告'),
    h('p', { class: 'cd-print-sub' }, `依据${vocab.basis.assessment} · 生成于 ${nowText()} · cyberduty ${version}`),
    meta,
  ];
  if (!report) {
    return h(
      'article',
      { class: 'cd-print-report' },
      head,
      h('p', { class: 'cd-print-error' }, `自评表有输入错误,无法生成得分:${problemText(error)}`),
    );
  }
  const totals = h(
    'table',
    { class: 'cd-print-total' },
    h(
      'tbody',
      null,
      h('tr', null,
        h('th', { scope: 'row' }, '总分'),
        h('td', { class: 'cd-print-big' }, fixed2(report.total)),
        h('th', { scope: 'row' }, '等次'),
        h('td', { class: 'cd-print-big' }, report.grade, report.vetoed ? '(触发一票否决)' : '')),
      h('tr', null,
        h('th', { scope: 'row' }, '构成'),
        h('td', null, `基础分 ${fixed2(report.base)} + 加分 ${fixed2(report.bonus)}(满分 ${fixed2(report.max)})`),
        h('th', { scope: 'row' }, '作答'),
        h('td', null, `${report.answered} / ${report.answerable}`, report.complete ? '' : '(未完成,未作答项按 0 分计)')),
    ),
  );
  const dims = h(
    'table',
    { class: 'cd-print-table' },
    h('thead', null, h('tr', null, h('th', null, '考核维度'), h('th', null, '分值'), h('th', null, '适用分值'), h('th', null, '得分'), h('th', null, '达成率'))),
    h('tbody', null, report.dimensions.map((d) =>
      h('tr', null,
        h('td', null, d.title),
        h('td', { class: 'cd-num' }, fixed2(d.points)),
        h('td', { class: 'cd-num' }, fixed2(d.applicable)),
        h('td', { class: 'cd-num' }, fixed2(d.earned)),
        h('td', { class: 'cd-num' }, d.attainment === null ? '不适用' : `${fixed2(d.attainment)}%`)))),
  );
  const lost = report.lost.length
    ? h(
      'table',
      { class: 'cd-print-table' },
      h('thead', null, h('tr', null, h('th', { class: 'cd-print-tight' }, '序号'), h('th', null, '指标'), h('th', null, '失分'), h('th', null, '原因'))),
      h('tbody', null, report.lost.map((l, i) =>
        h('tr', null,
          h('td', { class: 'cd-num' }, String(i + 1)),
          h('td', null, l.title),
          h('td', { class: 'cd-num' }, fixed2(l.points)),
          h('td', null, l.explanation)))),
    )
    : h('p', null, '无失分项。');
  const na = report.items.filter((i) => i.status === 'na');
  const bonus = report.bonus_items.filter((b) => b.earned > 0);
  const heads = ['四', '五', '六'];
  const next = () => heads.shift();
  return h(
    'article',
    { class: 'cd-print-report' },
    head,
    invalid.length ? h('p', { class: 'cd-print-error', dataset: { testid: 'print-invalid' } }, `注意:${invalid.length} 项输入有误,未计入本报告得分(按未作答计);改正后重新打印。`) : null,
    totals,
    h('h2', null, '一、各维度得分'),
    dims,
    h('h2', null, `二、失分明细(共 ${report.lost.length} 项)`),
    lost,
    h('h2', null, '三、一票否决项'),
    vetoList(vocab, report, answers, autoVetoes),
    na.length ? [h('h2', null, `${next()}、不适用项(不计入应得分)`), h('ul', { class: 'cd-print-list' }, na.map((i) => h('li', null, `${i.title}:${i.explanation || ''}`)))] : null,
    bonus.length ? [h('h2', null, `${next()}、加分项`), h('ul', { class: 'cd-print-list' }, bonus.map((b) => h('li', null, `${b.title}:${b.explanation || ''}`)))] : null,
    h('h2', null, `${next()}、作答说明与佐证材料`),
    notesTable(report, answers),
    h('div', { class: 'cd-signatures' }, signature('主要负责人'), signature('网络安全负责人')),
    h('p', { class: 'cd-print-seal' }, '单位(盖章)'),
  );
}
