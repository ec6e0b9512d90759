// The app shell: header, tab bar, banners, and the tabs themselves. Used by the single-file page
// (rendered into the document) and by mount() for portals (rendered into a shadow root).

import { h, fill, uid, button } from './dom.js';
import { core, problem, mark } from './core.js';
import { createStore } from './store.js';
import { createPeriod } from './period.js';
import { problemView } from './problem.js';
import { TABS } from './tabs.js';
import { unlockGate } from './keys/lock.js';
import { createKeyHolder } from './keys/holder.js';

/**
 * Banners: one per key, replaced when shown again; errors are announced (role=alert). A tab's
 * banners (see `forTab`) show only while that tab is open; the app's own (storage) always show.
 */
function createBanners() {
  const host = h('div', { class: 'cd-banners cd-screen' });
  const shown = new Map();
  let current = null;
  const api = {
    host,
    show(key, { kind = 'info', title, message, detail, actions = [], tab = null }) {
      const el = h(
        'div',
        { class: ['cd-banner', `cd-banner-${kind}`], role: kind === 'error' ? 'alert' : 'status', dataset: { key, tab: tab || '' } },
        h(
          'div',
          { class: 'cd-banner-text' },
          title ? h('strong', null, title) : null,
          message ? h('span', null, message) : null,
          detail ? h('span', { class: 'cd-banner-detail' }, detail) : null,
        ),
        h(
          'div',
          { class: 'cd-banner-actions' },
          actions.map((a) => button(a.label, a.run, { class: 'cd-btn' })),
          button('×', () => api.clear(key), { class: 'cd-btn-text cd-banner-close', attrs: { 'aria-label': '关闭此提示' } }),
        ),
      );
      el.hidden = Boolean(tab) && tab !== current;
      const old = shown.get(key);
      if (old) old.replaceWith(el);
      else host.append(el);
      shown.set(key, el);
    },
    clear(key) {
      const el = shown.get(key);
      if (el) el.remove();
      shown.delete(key);
    },
    /** Show the banners of tab `id` (and the app's), hide the other tabs'. */
    showTab(id) {
      current = id;
      for (const el of shown.values()) el.hidden = Boolean(el.dataset.tab) && el.dataset.tab !== id;
    },
    /** The banners as tab `id` uses them: its keys its own, shown only while it is open. */
    forTab(id) {
      return {
        host,
        show: (key, spec) => api.show(`${id}:${key}`, { ...spec, tab: id }),
        clear: (key) => api.clear(`${id}:${key}`),
      };
    },
  };
  return api;
}

/**
 * Render the app into `root` (an element, in the page or in a shadow root).
 * options: {tabs?: string[], rubric?: object|string, onChange?: (event) => void,
 *           storageKey?: string, header?: boolean}
 */
export function createApp(root, options = {}) {
  const wanted = Array.isArray(options.tabs) ? options.tabs : null;
  const tabs = TABS.filter((t) => !wanted || wanted.includes(t.id));
  if (!tabs.length) throw new Error(`options.tabs 中没有可用的页签(可用:${TABS.map((t) => t.id).join('、')})`);

  const banners = createBanners();
  const instances = [];
  // What each tab can download when the browser cannot keep its work (a full local storage):
  // offered as buttons in the banner, so nothing typed is lost.
  const saveActions = () => instances.flatMap((x) => x.saveActions || []);
  const store = createStore(options.storageKey || 'cyberduty', (op, message) => {
    const key = `storage-${op}`;
    if (message === null) banners.clear(key);
    else if (op === 'save') {
      const actions = saveActions();
      banners.show(key, {
        kind: 'error',
        title: '自动保存失败',
        message: `${message}。`,
        detail: `页面上填写的内容都还在,但关闭或刷新页面后会丢失:请立即${actions.length ? `点击${actions.map((a) => `“${a.label}”`).join('或')}` : ''}下载进度文件保存到本机,以后用“打开”即可继续。`,
        actions,
      });
    } else banners.show(key, { kind: 'warn', title: '无法读取本机保存的进度', message });
  }, { isLocked: core.isLockedDraft });
  if (options.draftLock) store.unlock(options.draftLock);
  if (store.lockedOut()) {
    // Locked drafts: ask for the passphrase first; the app starts once it opens them.
    let unlocked;
    const rendered = new Promise((resolve) => { unlocked = resolve; });
    const api = { element: null, rendered, select() {}, document: () => null, result: () => null, destroy() { gate.remove(); } };
    const gate = unlockGate(core, store, (lock) => {
      gate.remove();
      const app = createApp(root, { ...options, draftLock: lock });
      Object.assign(api, app, { rendered });
      unlocked(app.rendered);
    });
    api.element = gate;
    root.append(gate);
    return api;
  }
  const notify = (event) => {
    if (typeof options.onChange !== 'function') return;
    try {
      options.onChange(event);
    } catch (e) {
      console.warn('cyberduty: onChange 回调出错', e);
    }
  };
  const ctx = { core, store, banners, options, notify, period: createPeriod(store), keys: createKeyHolder() };

  const shell = h('div', { class: 'cd', lang: 'zh-CN' });
  const tabBar = h('div', { class: 'cd-tabs', role: 'tablist', attrs: { 'aria-label': '功能' } });
  const panels = h('div', { class: 'cd-panels' });
  const tabButtons = [];
  const ui = store.load('ui') || {};

  function select(id, focus) {
    for (const [i, t] of tabs.entries()) {
      const on = t.id === id;
      tabButtons[i].setAttribute('aria-selected', String(on));
      tabButtons[i].tabIndex = on ? 0 : -1;
      // A tab built just now has read everything fresh; one built before refreshes (below).
      const wasHidden = instances[i].wrap.hidden && instances[i].built;
      instances[i].wrap.hidden = !on;
      if (on) built(i);
      if (on && focus) tabButtons[i].focus();
      // A tab that shows what another tab keeps (the ledger in 事件研判) refreshes when shown.
      if (on && wasHidden && typeof instances[i].shown === 'function') instances[i].shown();
    }
    shell.dataset.tab = id;
    banners.showTab(id);
    store.save('ui', { tab: id });
  }

  for (const [i, t] of tabs.entries()) {
    const tabId = uid('tab');
    const panelId = uid('panel');
    const b = h('button', {
      type: 'button',
      role: 'tab',
      id: tabId,
      class: 'cd-tab',
      attrs: { 'aria-controls': panelId, 'aria-selected': 'false' },
      on: {
        click: () => select(t.id, false),
        keydown: (e) => {
          const k = e.key;
          let j = null;
          if (k === 'ArrowRight') j = (i + 1) % tabs.length;
          else if (k === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
          else if (k === 'Home') j = 0;
          else if (k === 'End') j = tabs.length - 1;
          if (j !== null) {
            e.preventDefault();
            select(tabs[j].id, true);
          }
        },
      },
    }, t.title);
    tabButtons.push(b);
    tabBar.append(b);
    // Built when first shown (or asked for its document): the page is ready once the visible tab is.
    const wrap = h('section', { class: 'cd-panel', id: panelId, role: 'tabpanel', attrs: { 'aria-labelledby': tabId } });
    wrap.hidden = true;
    instances.push({ wrap, id: t.id, tab: t, built: false, destroy() {}, document: () => null, result: () => null });
    panels.append(wrap);
  }

  /** The instance of tab `i`, built on first use. */
  function built(i) {
    const x = instances[i];
    if (x.built) return x;
    x.built = true;
    let inst;
    try {
      inst = x.tab.create({ ...ctx, banners: banners.forTab(x.id) });
    } catch (e) {
      if (options.rethrow) throw e;
      const p = problem(e);
      inst = { panel: h('div', { class: 'cd-error-box', role: 'alert' }, h('strong', null, `“${x.tab.title}”无法启动`), h('p', null, problemView(p))), destroy() {}, document: () => null, result: () => null };
    }
    Object.assign(x, inst);
    x.wrap.append(inst.panel);
    return x;
  }

  const header = options.header === false
    ? null
    : h(
      'header',
      { class: 'cd-header cd-screen' },
      h(
        'div',
        { class: 'cd-brand' },
        h('h1', { class: 'cd-title' }, '网络安全工作责任制 · 考核打分与事件研判'),
        h('p', { class: 'cd-subtitle' }, `依据${core.vocabulary().basis.regulation} · 全部计算在本机浏览器中完成,不联网、不上传 · cyberduty ${core.version()}`),
      ),
    );
  fill(shell, header, h('nav', { class: 'cd-nav cd-screen' }, tabBar), banners.host, panels);
  root.append(shell);
  select(tabs.some((t) => t.id === ui.tab) ? ui.tab : tabs[0].id, false);

  shell.dataset.ready = 'true';
  mark('cyberduty-ready');
  shell.dispatchEvent(new CustomEvent('cyberduty:ready', { bubbles: true, composed: true }));
  // The hidden tabs are built after ready, one per task: the first paint waits for the visible tab
  // only, and a moment later every tab is there to follow what the others change.
  // `rendered` (and data-rendered, and the cyberduty:rendered event) say when every tab and every
  // card is there: a tab may build part of itself after ready too (自评打分's item cards).
  let destroyed = false;
  let whenRendered;
  const rendered = new Promise((resolve) => { whenRendered = resolve; });
  const rest = instances.map((_, i) => i).filter((i) => !instances[i].built);
  const buildNext = () => {
    if (destroyed) return;
    if (rest.length) {
      built(rest.shift());
      setTimeout(buildNext, 0);
      return;
    }
    Promise.all(instances.map((x) => (typeof x.rendered === 'function' ? x.rendered() : null))).then(() => {
      if (destroyed) return;
      shell.dataset.rendered = 'true';
      mark('cyberduty-rendered');
      shell.dispatchEvent(new CustomEvent('cyberduty:rendered', { bubbles: true, composed: true }));
      whenRendered();
    });
  };
  // The visible tab's own rest first (what the user scrolls to), then the hidden tabs.
  const shown = instances.find((x) => x.built);
  Promise.resolve(shown && typeof shown.rendered === 'function' ? shown.rendered() : null).then(() => setTimeout(buildNext, 0));

  const byId = (id) => {
    const i = instances.findIndex((x) => x.id === id);
    return i < 0 ? null : built(i);
  };
  return {
    element: shell,
    /** Settles when every tab and every item card is built (never, if destroyed first). */
    rendered,
    select: (id) => select(id, false),
    /** The current document of a tab: the assessment (score) or the incident (incident). */
    document: (id) => (byId(id) ? byId(id).document() : null),
    /** The core's latest result for a tab: {ok, value} or {ok: false, error}. */
    result: (id) => (byId(id) ? byId(id).result() : null),
    destroy() {
      destroyed = true;
      for (const x of instances) x.destroy();
      shell.remove();
    },
  };
}
