// 差距分析 under the total: the core's what-if plan (cyberduty.whatif/1) — the fewest item
// improvements that reach the next grade — each step linking to its item card, from → to. The
// plan and its message are the core's; the page only lays them out.

import { h, fill, button } from '../dom.js';
import { fixed2 } from '../format.js';

/**
 * The box under the total: `schedule(compute)` shows `compute()` (the core's {ok, value: WhatIf})
 * a moment after the last edit — the core searches item subsets, and typing should not wait for
 * it; `schedule(null)` hides it (no score to improve on).
 */
export function whatIfBox(goTo) {
  const host = h('div', { class: 'cd-whatif', hidden: true, dataset: { testid: 'whatif' }, attrs: { 'aria-live': 'polite' } });
  let timer = 0;
  return {
    host,
    schedule(compute) {
      clearTimeout(timer);
      if (!compute) renderWhatIf(host, null, goTo);
      else timer = setTimeout(() => renderWhatIf(host, compute(), goTo), 120);
    },
    destroy: () => clearTimeout(timer),
  };
}

/** Fill `host` from `plan` ({ok, value: WhatIf} | {ok: false} | null); `goTo(id)` moves to a card. */
export function renderWhatIf(host, plan, goTo) {
  if (!plan || !plan.ok) {
    fill(host);
    host.hidden = true;
    return;
  }
  const p = plan.value;
  host.hidden = false;
  fill(
    host,
    h('p', { class: p.outcome === 'reachable' ? 'cd-whatif-head' : 'cd-hint', dataset: { testid: 'whatif-message', outcome: p.outcome } }, p.message),
    p.steps.length
      ? h('ol', { class: 'cd-whatif-steps' }, p.steps.map((s) => h(
        'li',
        { dataset: { item: s.id } },
        goTo(s.id) ? button(s.title, () => goTo(s.id)(), { class: 'cd-link' }) : s.title,
        h('span', { class: 'cd-whatif-change' }, `${s.from} → ${s.to}`),
        h('span', { class: 'cd-whatif-gain' }, `+${fixed2(s.raised)}`),
      )))
      : null,
  );
}
