// 汇总分析: a cadre department's batch of sealed exports — many files or whole folders, by picker or
// drag and drop — checked one by one by the core (digest, re-score, reference rubric, Article 8
// consistency, duplicates), then ranked and summarised. Files are read a chunk at a time and handed
// to the core's Aggregation, so a large batch shows progress, keeps the page responsive and never
// holds every file in memory. The page only reads files and draws: every outcome, rank and figure
// is the core's. Everything from a file is shown as text.

import { h, fill, button } from '../dom.js';
import { problemView } from '../problem.js';
import { pickedFiles, droppedFiles, chunks, readFile } from './model.js';
import { dropZone, referenceRow } from './inputs.js';
import { renderResults, ROWS } from './results.js';
import { rosterRow, renderRosterResults } from './roster-box.js';
import { printAggregate } from './print.js';
import { printLayoutSelect } from '../score/print-layout.js';
import { workerPool, checkOnWorkers, workerCount, stopWorkers } from './pool.js';

function create(ctx) {
  const { core, banners } = ctx;
  const sets = { current: [], previous: [] };
  /** The default rubric's session (built once), and the reference rubric file's {name, session, rubric} or null. */
  const base = core.session(null);
  let reference = null;
  let output = null;
  let running = 0;
  const view = { fileFilter: 'problems', shown: { files: ROWS, units: ROWS } };
  /** A JSON path of a file's problem in words, from the core (the reference rubric's names). */
  const labelOf = (path) => {
    const s = reference ? reference.session : base.ok ? base.value : null;
    return s ? s.fieldLabel(path) : null;
  };

  function add(role, list) {
    if (!list.length) {
      banners.show('aggregate-input', { kind: 'warn', message: '没有找到 .json 文件(文件夹中只读取扩展名为 .json 的文件)。' });
      return;
    }
    banners.clear('aggregate-input');
    sets[role] = [...sets[role], ...list];
    renderInputs();
    run();
  }

  async function addDropped(role, dataTransfer) {
    try {
      add(role, await droppedFiles(core, dataTransfer));
    } catch (err) {
      banners.show('aggregate-input', { kind: 'error', title: '无法读取拖入的文件', message: String((err && err.message) || err) });
    }
  }

  const zone = (role, label) => dropZone(role, label, {
    onPicked: (files, fromFolder) => add(role, pickedFiles(core, files, fromFolder)),
    onDrop: (dt) => addDropped(role, dt),
    onClear: () => { sets[role] = []; renderInputs(); run(); },
  });
  const currentZone = zone('current', '本期上报文件');
  const previousZone = zone('previous', '往期上报文件(可选,可含多个考核期,用于比较变化和历年趋势)');
  const ref = referenceRow({
    onFile: (f) => loadReference(f),
    onReset: () => {
      if (reference) reference.session.free();
      reference = null;
      renderInputs();
      run();
    },
  });
  const roster = rosterRow(core, banners, () => run());
  /** 核对码 typed from the paper reports, by unit code and period: kept across runs. */
  const typed = new Map();
  const rosterResults = h('div', { class: 'cd-agg-roster cd-screen' });
  const progressText = h('span', { dataset: { testid: 'progress-text' } });
  const progressBar = h('progress', { max: 1, value: 0 });
  const progress = h('div', { class: 'cd-agg-progress', role: 'status', hidden: true }, progressText, progressBar);
  const results = h('div', { class: 'cd-agg-results cd-screen', attrs: { 'aria-live': 'off' } });
  /** The printed 汇总报告 (print CSS shows it; the screen results are hidden in print). */
  const printHost = h('div', { class: 'cd-print' });
  const printTools = [button('打印汇总报告', () => window.print(), { class: 'cd-btn', title: '打印 A4 汇总报告(可选择“另存为 PDF”)' }), printLayoutSelect(ctx.store)];

  const panel = h(
    'div',
    { class: 'cd-tab-aggregate' },
    h(
      'section',
      { class: 'cd-card cd-agg-inputs cd-screen', attrs: { 'aria-label': '汇总的文件' } },
      h('h2', null, '汇总分析'),
      h('p', { class: 'cd-hint' }, '干部主管部门用:逐个核验各单位的上报文件(摘要、按答案重新计分、是否使用规定细则、第八条一致性、重复报送),再排名并找出共性薄弱指标。文件只在本机浏览器中读取,不上传。'),
      h('div', { class: 'cd-drops' }, currentZone.zone, previousZone.zone),
      ref.row,
      roster.row,
      progress,
    ),
    rosterResults,
    results,
    printHost,
  );
  // A file dropped anywhere on this tab, outside a drop zone, goes to this period's files (and
  // never makes the browser leave the page to show the file).
  panel.addEventListener('dragover', (e) => e.preventDefault());
  panel.addEventListener('drop', (e) => {
    e.preventDefault();
    addDropped('current', e.dataTransfer);
  });

  function renderInputs() {
    for (const [role, z] of [['current', currentZone], ['previous', previousZone]]) {
      const n = sets[role].length;
      z.count.textContent = n ? `已选 ${n} 个文件` : '尚未选择文件';
      z.clear.hidden = !n;
    }
    ref.text.textContent = reference ? `${reference.rubric.title || reference.rubric.id}(${reference.rubric.id} / ${reference.rubric.version},文件 ${reference.name})` : '内置默认细则';
    ref.reset.hidden = !reference;
  }

  async function loadReference(file) {
    const read = await readFile(core, { name: file.name, file });
    const v = read.bytes ? core.session(read.bytes) : core.checkSize(file.size);
    if (!v.ok || !read.bytes) {
      const message = v.ok ? '浏览器无法读取该文件' : problemView(v.error);
      banners.show('aggregate-input', { kind: 'error', title: `无法使用细则“${file.name}”`, message, detail: '仍使用原来的参照细则。' });
      return;
    }
    banners.clear('aggregate-input');
    if (reference) reference.session.free();
    reference = { name: file.name, session: v.value, rubric: v.value.rubric(), bytes: read.bytes };
    renderInputs();
    run();
  }

  const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

  function fail(title, error) {
    banners.show('aggregate-run', { kind: 'error', title, message: problemView(error) });
    progress.hidden = true;
  }

  // ---- the run: a later run (more files, another reference) abandons an earlier one ---------
  async function run() {
    running += 1;
    const me = running;
    if (!sets.current.length) {
      output = null;
      progress.hidden = true;
      render();
      return;
    }
    const started = performance.now();
    const session = reference ? reference.session : base.ok ? base.value : null;
    const a = session ? session.aggregation() : base;
    if (!a.ok) {
      fail('参照细则无效,无法汇总', a.error);
      return;
    }
    const batch = a.value;
    const withRoster = roster.get() ? batch.setRoster(roster.get()) : { ok: true };
    if (!withRoster.ok) {
      batch.free();
      fail('考核单位名单无效,无法汇总', withRoster.error);
      return;
    }
    const total = sets.current.length + sets.previous.length;
    let done = 0;
    const shown = () => {
      progressText.textContent = `正在读取和核验文件 ${done} / ${total}……`;
      progressBar.value = done;
    };
    progress.hidden = false;
    progressBar.max = total;
    const max = core.maxInputBytes();
    const steps = [...chunks(sets.current, max).map((c) => [false, c]), ...chunks(sets.previous, max).map((c) => [true, c])];
    const read = (chunk) => Promise.all(chunk.map((x) => readFile(core, x)));
    const stale = () => me !== running;
    // More than one chunk: checked on every core where the browser allows workers (the same
    // report either way); else here, a chunk per task.
    const pool = steps.length > 1 ? workerPool() : null;
    shown();
    const r = pool
      ? await checkOnWorkers(pool, {
        batch,
        steps,
        read,
        setup: { rubric: reference ? reference.bytes : null, roster: roster.get() || null },
        onTaken: (n) => {
          done += n;
          // As on the page's own thread: the count in progress stays below the total (the total
          // is said once, with 已核验, when the batch is finished).
          if (done < total) shown();
        },
        stale,
      })
      : await onThisThread();
    if (!r || stale()) {
      batch.free();
      return;
    }
    if (!r.ok) {
      batch.free();
      fail('汇总出错', r.error);
      return;
    }
    // For tests and the bench: the workers still running, and the chunks checked on this thread.
    progress.dataset.workers = String(pool ? workerCount() : 0);
    progress.dataset.here = String(pool ? r.here : steps.length);
    progress.dataset.silenced = String(pool ? r.silenced : 0);
    const f = batch.finish();
    if (!f.ok) {
      fail('汇总出错', f.error);
      return;
    }
    banners.clear('aggregate-run');
    output = f.value;
    const seconds = (performance.now() - started) / 1000;
    progressText.textContent = `已核验 ${total} 个文件,用时 ${seconds.toFixed(1)} 秒。`;
    progressBar.value = total;
    render();

    async function onThisThread() {
      for (const [previous, chunk] of steps) {
        shown();
        const files = await read(chunk);
        if (stale()) return null;
        const added = previous ? batch.addPrevious(files) : batch.add(files);
        if (!added.ok) return added;
        done += chunk.length;
        await nextFrame();
        if (stale()) return null;
      }
      return { ok: true };
    }
  }

  function render() {
    if (output) renderRosterResults(rosterResults, core, output.result, typed);
    else fill(rosterResults);
    renderResults(results, { output, weakestItems: output ? output.result.weakest : [], hasFiles: sets.current.length > 0, view, rerender: render, labelOf, printTools });
    fill(printHost, output ? printAggregate({ vocab: core.vocabulary(), result: output.result, version: core.version() }) : null);
  }

  renderInputs();
  render();

  return {
    panel,
    document: () => null,
    result: () => (output ? { ok: true, value: output.result } : null),
    destroy() {
      running += 1;
      stopWorkers();
      if (reference) reference.session.free();
      if (base.ok) base.value.free();
    },
  };
}

export const aggregateTab = { id: 'aggregate', title: '汇总分析', create };
