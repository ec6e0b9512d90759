// The 上报文件 box of 自评打分: the latest export (sealed here or opened), whether the current
// answers and incidents still give it (as the core found by sealing them again), and what an
// export will attach.

import { h, fill } from '../dom.js';
import { nowText } from '../format.js';
import { problemView } from '../problem.js';

/**
 * @param {Element} box
 * @param {{lastExport: object|null, state: {same: boolean, error: object|null}|null, attached: number}} p
 */
export function renderExportBox(box, { lastExport, state, attached, labelOf }) {
  const note = h(
    'p',
    { class: 'cd-hint', dataset: { testid: 'attached' } },
    attached
      ? `导出时附上本期事件 ${attached} 个(在“事件研判”页签管理),据此判定由事件自动判定的一票否决项,并核对事件是否在考核期内。`
      : '本期事件列表为空:导出时不附事件,由事件判定的一票否决项按自评表填写。',
  );
  if (!lastExport) {
    fill(box, h('p', { class: 'cd-hint' }, '尚未导出。填写统一社会信用代码和考核期后,点击“导出上报文件”生成报送干部主管部门的文件。'), note);
    return;
  }
  const e = lastExport;
  const status = state && state.same
    ? h('p', { class: 'cd-export-status cd-export-same', dataset: { testid: 'export-status', same: 'true' } }, '当前作答与该文件一致。')
    : h(
      'p',
      { class: 'cd-export-status cd-export-changed', role: 'status', dataset: { testid: 'export-status', same: 'false' } },
      '导出后自评表或本期事件已修改,与该文件不一致:请重新导出。',
      state && state.error ? h('span', { class: 'cd-hint' }, ' 当前无法导出:', problemView(state.error, labelOf)) : null,
    );
  fill(
    box,
    h(
      'dl',
      { class: 'cd-dl' },
      h('dt', null, e.source === 'opened' ? '打开的文件' : '最近导出'), h('dd', { class: 'cd-export-name' }, e.file_name),
      h('dt', null, '生成时间'), h('dd', null, nowText(new Date(e.generated_at))),
      h('dt', null, '核对码'), h('dd', null, h('strong', { class: 'cd-check-code', dataset: { testid: 'check-code' } }, e.check_code)),
    ),
    status,
    e.messages.length ? h('ul', { class: 'cd-export-messages' }, e.messages.map((m) => h('li', null, m))) : null,
    note,
  );
}
