// 开始下一考核期: a small form under the toolbar. The core makes the new assessment (every answer
// reset, notes and evidence names kept under `carried`); the tab replaces its draft, with undo.

import { h, uid, button } from '../dom.js';
import { problemText } from '../format.js';

/**
 * @param opts {session: () => Session, doc: () => the current assessment, onNext(assessment)}
 * @returns {button, box}
 */
export function nextPeriodBox({ session, doc, onNext }) {
  const id = uid('next');
  const input = h('input', { id, type: 'text', class: 'cd-input cd-next-period-input', placeholder: '如 2027、2027-H1' });
  const error = h('p', { class: 'cd-item-error', role: 'alert', hidden: true });
  const box = h(
    'div',
    { class: 'cd-card cd-next-period cd-screen', hidden: true },
    h('p', null, '开始下一考核期:保留单位信息,清空全部作答(包括否决项),本期各项的备注和证明材料名称作为“上期”参考保留。请先用“保存进度”保存本期自评表。'),
    h('label', { for: id }, '下一考核期'),
    ' ',
    input,
    ' ',
    button('开始', () => start(), { class: 'cd-btn cd-btn-primary cd-next-period-go' }),
    ' ',
    button('取消', () => { box.hidden = true; }, { class: 'cd-btn' }),
    error,
  );
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') start(); });

  function start() {
    const v = session().nextPeriod(doc(), input.value.trim());
    error.hidden = v.ok;
    if (!v.ok) {
      error.textContent = problemText(v.error);
      return;
    }
    box.hidden = true;
    onNext(v.value);
  }

  return {
    button: button('开始下一考核期…', () => { box.hidden = false; input.focus(); }, { class: 'cd-btn', title: '以本期为基础开始新的考核期:清空作答,保留单位和备注参考' }),
    box,
  };
}
