// The portal's own script: mount cyberduty into #cyberduty-slot and show what onChange reports.
// window.cyberduty comes from ../embed.js (a classic script, so this works from file:// too).
const log = document.getElementById('portal-log');
const app = window.cyberduty.mount(document.getElementById('cyberduty-slot'), {
  tabs: ['score', 'incident'],
  storageKey: 'portal-demo',
  onChange(e) {
    if (e.tab === 'score') {
      log.value = e.report ? `自评总分 ${e.report.total},等次 ${e.report.grade},已作答 ${e.report.answered}/${e.report.answerable}` : `自评表输入有误:${e.error.message}`;
    } else {
      log.value = e.classification ? '事件研判已更新' : `事件信息:${e.error.message}`;
    }
  },
});
window.portalApp = app;
