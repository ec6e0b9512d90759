// The 本期事件 list of 事件研判: each incident of the period with the core's grade and one-line
// Article 8 verdict, and buttons to open or remove it.

import { h, fill, button } from '../dom.js';
import { gradeText, summaryBadge } from './result.js';

/**
 * @param {Element} host
 * @param {{vocab: object, entries: {id: string, doc: object}[], classify: (doc) => {ok, value?, error?},
 *          editing: string|null, open: (id) => void, remove: (id) => void}} p
 */
export function renderPeriodList(host, { vocab, entries, classify, editing, open, remove }) {
  fill(
    host,
    h('p', { class: 'cd-hint' }, entries.length
      ? `共 ${entries.length} 个。“自评打分”页签的实时得分和导出的上报文件都计入这些事件,并据此核对第八条一票否决项。`
      : '列表为空。研判完一个事件后点击“加入本期事件”,或用“导入事件文件到本期…”一次加入多个;导出上报文件时一并附上。'),
    entries.length
      ? h('ol', { class: 'cd-period-list' }, entries.map((e, i) => {
        const c = classify(e.doc);
        const title = (typeof e.doc.title === 'string' && e.doc.title) || '(未命名事件)';
        return h(
          'li',
          { class: ['cd-period-item', editing === e.id && 'cd-period-editing'], dataset: { periodId: e.id } },
          h('span', { class: 'cd-period-no' }, `${i + 1}.`),
          h('span', { class: 'cd-period-title' }, title),
          c.ok ? h('span', { class: 'cd-period-grade' }, gradeText(vocab, c.value.grade)) : null,
          c.ok ? summaryBadge(vocab, c.value) : h('span', { class: 'cd-badge cd-badge-bad' }, `有误:${c.error.code}`),
          h(
            'span',
            { class: 'cd-period-actions' },
            button('打开', () => open(e.id), { class: 'cd-btn-text', attrs: { 'aria-label': `在表单中打开“${title}”` } }),
            button('移除', () => remove(e.id), { class: 'cd-btn-text', attrs: { 'aria-label': `从本期事件中移除“${title}”` } }),
          ),
        );
      }))
      : null,
  );
}
