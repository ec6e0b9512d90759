// Excel files the core writes and reads (the page only offers and shows them): the assessment
// template (下载Excel自评表 / 导入Excel自评表) on the score tab, the aggregation workbook on the
// aggregation tab. The problems of an import come from the core, each with its sheet, row and column.

import { h, button, filePicker, readBytes, download } from './dom.js';
import { problemText } from './format.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPT_XLSX = `.xlsx,${XLSX_TYPE}`;

/** Offer workbook bytes as a download. */
export function downloadXlsx(name, bytes) {
  download(name, bytes, XLSX_TYPE);
}

/**
 * The score tab's two buttons and their hidden file input. `session()` is the rubric's session in
 * use; `onAssessment(assessment, fileName)` takes an imported assessment (already checked by the core).
 */
export function templateTools({ core, session, banners, fileName, onAssessment }) {
  const picker = filePicker(ACCEPT_XLSX, (f) => importFile(f));
  async function importFile(file) {
    const size = core.checkSize(file.size);
    if (!size.ok) {
      banners.show('xlsx', { kind: 'error', title: `无法导入“${file.name}”`, message: problemText(size.error) });
      return;
    }
    let r;
    try {
      r = session().importXlsx(await readBytes(file, core.maxInputBytes()));
    } catch (e) {
      banners.show('xlsx', { kind: 'error', title: `无法读取文件“${file.name}”`, message: String(e && e.message ? e.message : e) });
      return;
    }
    if (!r.ok) {
      banners.show('xlsx', { kind: 'error', title: `无法导入“${file.name}”`, message: problemText(r.error) });
      return;
    }
    const { assessment, problems } = r.value;
    if (!assessment) {
      banners.show('xlsx', {
        kind: 'error',
        title: `Excel 自评表“${file.name}”有 ${problems.length} 处问题,未导入`,
        message: h('ul', { class: 'cd-xlsx-problems', dataset: { testid: 'xlsx-problems' } }, ...problems.map((p) => h('li', {}, `[${p.code}] ${p.message}`))),
        detail: '请在 Excel 或 WPS 中按提示改正后重新导入;当前填写的内容没有改动。',
      });
      return;
    }
    banners.clear('xlsx');
    onAssessment(assessment, file.name);
  }
  const buttons = [
    button('下载Excel自评表', () => {
      const r = session().templateXlsx();
      if (r.ok) downloadXlsx(`${fileName()}.xlsx`, r.value);
      else banners.show('xlsx', { kind: 'error', title: '无法生成 Excel 自评表', message: problemText(r.error) });
    }, { class: 'cd-btn', title: '下载按当前细则生成的 Excel 自评表,可在 Excel 或 WPS 中填写后导入' }),
    button('导入Excel自评表…', () => picker.open(), { class: 'cd-btn', title: '读回在 Excel 或 WPS 中填好的自评表(.xlsx),逐项检查' }),
    picker.element,
  ];
  return { buttons };
}
