// 下一未答项: the button in the summary and Alt+N anywhere in 自评打分 move to the next unanswered
// card (the core's list of missing answers) after the one that has focus (or the one last moved
// to), wrapping round.

/** Returns nextMissing(); listens for Alt+N on `panel`. */
export function missingNavigator(panel, cards, result, goTo) {
  /** The card last moved to: the button in the summary takes focus, so it goes on from there. */
  let last = null;
  function nextMissing() {
    const r = result();
    if (!r || !r.ok) return;
    const missing = new Set(r.value.score.missing);
    const ids = cards().ids;
    const active = panel.getRootNode().activeElement;
    const here = active && active.closest ? active.closest('[data-item-id]') : null;
    const from = ids.indexOf(here ? here.dataset.itemId : last);
    const id = [...ids.slice(from + 1), ...ids.slice(0, from + 1)].find((x) => missing.has(x));
    if (id && goTo(id)) {
      last = id;
      goTo(id)();
    }
  }
  panel.addEventListener('keydown', (e) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
      e.preventDefault();
      nextMissing();
    }
  });
  return nextMissing;
}
