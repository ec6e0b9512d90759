// Sealing for 导出上报文件: the core seals (with the period's incidents and, when one is kept, the
// 整改台账) and, with a unit key open, signs — cyberduty.export/2. Only the banners are worded here.

import { fixed2, answerIdOf, problemText } from '../format.js';
import { problemView } from '../problem.js';

/**
 * {file, sealed, key, generatedAt} — the file to download (signed when a key is open) — or
 * {error: banner} saying why nothing was made.
 */
export function sealAndSign({ session, key, doc, incidents, ledger, labelOf, goTo }) {
  const generatedAt = new Date().toISOString();
  const s = session.seal(doc, incidents, generatedAt, ledger);
  if (!s.ok) {
    const id = answerIdOf(s.error.path);
    return {
      error: {
        kind: 'error',
        title: '无法导出上报文件',
        message: problemView(s.error, labelOf),
        detail: '请按提示改正后再导出;填写的内容已自动保存在本机。',
        actions: goTo(id) ? [{ label: '转到该项', run: goTo(id) }] : [],
      },
    };
  }
  const sealed = s.value;
  const signed = key ? key.signExport(sealed.text) : null;
  if (signed && !signed.ok) {
    return { error: { kind: 'error', title: '无法签名上报文件', message: problemText(signed.error), detail: '可在“单位密钥”页签关闭或更换密钥后再导出。' } };
  }
  return { file: signed ? signed.value : sealed, sealed, key, generatedAt };
}

/** The banner after a successful export: file, 核对码, signature, total, and what the core decided. */
export function exportedBanner(vocab, { file, sealed, key, ledger }) {
  const sc = sealed.score;
  return {
    kind: 'info',
    title: `已导出${key ? '并签名' : ''}上报文件“${file.file_name}”`,
    message: `核对码 ${file.check_code}(打印的自评报告上显示同一核对码)。${key ? `已用单位密钥签名(公钥指纹 ${key.fingerprint})。` : `${vocab.signing.unsigned}:在“单位密钥”页签打开本单位密钥后导出,文件即带 SM2 签名。`}总分 ${fixed2(sc.total)},${sc.grade}${sc.vetoed ? '(触发一票否决)' : ''}${sc.complete ? '' : `;尚有 ${sc.missing.length} 项未作答`}。`,
    detail: [...sealed.auto_vetoes.map((v) => v.message), ledger ? `已附整改台账(${ledger.entries.length} 项)` : ''].filter(Boolean).join(';') || null,
  };
}
