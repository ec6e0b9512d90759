// 汇总分析: a cadre department's batch of sealed exports (cyberduty.export/1) — many files or whole
// folders, by picker or drag and drop — checked one by one by the core (digest, re-score, reference
// rubric, Article 8 consistency, duplicates), then ranked and summarised. Files are read a chunk at
// a time and handed to the core's Aggregation, so a large batch shows progress, keeps the page
// responsive and never holds every file in memory. The page only reads files and draws: every
// outcome, rank and figure is the core's. Everything from a file is shown as text.

import { h, fill, uid, button, download } from './dom.js';
import { fixed2, problemText } from './format.js';
import { barChart, histogramChart } from './chart.js';

/** Files handed to the core per step, and bytes per step at most (whichever comes first). */
const CHUNK_FILES = 16;
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Rows shown before “显示全部”. */
const ROWS = 200;
/** How many of the weakest indicators are listed (the JSON and CSV carry all). */
const WEAKEST = 10;

const STATUS = { accepted: ['接收', 'cd-badge-good'], rejected: ['退回', 'cd-badge-bad'], duplicate: ['重复', 'cd-badge-unknown'] };

/** Component-wise path order, as the CLI sorts a folder's files. */
function byPath(a, b) {
  const x = a.name.split('/');
  const y = b.name.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

/** In a folder, like the CLI: only *.json, nothing hidden (a name starting with “.”). */
function wantedInFolder(path) {
  const parts = path.split('/').filter(Boolean);
  return /\.json$/i.test(parts[parts.length - 1] || '') && !parts.some((p) => p.startsWith('.'));
}

/** Every file under a dropped folder entry (readEntries returns a folder in parts). */
async function walk(entry, out) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    const name = entry.fullPath.replace(/^\/+/, '');
    if (wantedInFolder(name)) out.push({ name, file });
    return;
  }
  if (!entry.isDirectory || entry.name.startsWith('.')) return;
  const reader = entry.createReader();
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (!batch.length) break;
    for (const child of batch) await walk(child, out);
  }
}

/** The files of a drop: dropped files are taken as they are, dropped folders are walked. */
async function droppedFiles(dataTransfer) {
  const out = [];
  const items = [...(dataTransfer.items || [])].filter((i) => i.kind === 'file');
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  const files = items.map((i) => i.getAsFile());
  for (let i = 0; i < items.length; i += 1) {
    const entry = entries[i];
    if (entry && entry.isDirectory) {
      const found = [];
      await walk(entry, found);
      found.sort(byPath);
      out.push(...found);
    } else if (files[i]) out.push({ name: files[i].name, file: files[i] });
  }
  if (!items.length) for (const f of dataTransfer.files || []) out.push({ name: f.name, file: f });
  return out;
}

function when(d) {
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${two(d.getMonth() + 1)}${two(d.getDate())}-${two(d.getHours())}${two(d.getMinutes())}`;
}

function create(ctx) {
  const { core, banners } = ctx;
  const sets = { current: [], previous: [] };
  /** {name, bytes, rubric, digest} of the reference rubric file, or null for the default rubric. */
  let reference = null;
  let output = null;
  let running = 0;
  let fileFilter = 'problems';
  const shown = { files: ROWS, units: ROWS };

  // ---- inputs ------------------------------------------------------------------------------
  function picker(multiple, directory, onFiles) {
    const input = h('input', {
      type: 'file',
      class: 'cd-hidden',
      accept: directory ? null : '.json,application/json',
      attrs: { multiple: multiple || null, webkitdirectory: directory || null, tabindex: '-1', 'aria-hidden': 'true' },
      on: {
        change: () => {
          const files = [...(input.files || [])];
          input.value = '';
          onFiles(files);
        },
      },
    });
    return input;
  }

  function addPicked(role, files, fromFolder) {
    let list = files.map((f) => ({ name: (fromFolder && f.webkitRelativePath) || f.name, file: f }));
    if (fromFolder) list = list.filter((x) => wantedInFolder(x.name)).sort(byPath);
    add(role, list);
  }

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

  function dropZone(role, label) {
    const files = picker(true, false, (f) => addPicked(role, f, false));
    const folder = picker(false, true, (f) => addPicked(role, f, true));
    const count = h('p', { class: 'cd-drop-count', dataset: { testid: `${role}-count` } });
    const clear = button('清空', () => {
      sets[role] = [];
      renderInputs();
      run();
    }, { class: 'cd-btn-text' });
    const zone = h(
      'div',
      { class: 'cd-drop', dataset: { role } },
      h('strong', { class: 'cd-drop-title' }, label),
      h('p', { class: 'cd-hint' }, '把上报文件或整个文件夹拖到这里(文件夹中的 .json 文件逐层读取),或:'),
      h(
        'div',
        { class: 'cd-drop-buttons' },
        button('选择文件…', () => files.click(), { class: 'cd-btn', attrs: { 'aria-label': `${label}:选择文件` } }),
        button('选择文件夹…', () => folder.click(), { class: 'cd-btn', attrs: { 'aria-label': `${label}:选择文件夹` } }),
        clear,
      ),
      count,
      files,
      folder,
    );
    zone.addEventListener('dragover', (e) => {
      e.preventDefault();
      e.stopPropagation();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      zone.classList.add('cd-drop-over');
    });
    zone.addEventListener('dragleave', () => zone.classList.remove('cd-drop-over'));
    zone.addEventListener('drop', async (e) => {
      e.preventDefault();
      e.stopPropagation();
      zone.classList.remove('cd-drop-over');
      try {
        add(role, await droppedFiles(e.dataTransfer));
      } catch (err) {
        banners.show('aggregate-input', { kind: 'error', title: '无法读取拖入的文件', message: String((err && err.message) || err) });
      }
    });
    return { zone, count, clear };
  }

  const currentZone = dropZone('current', '本期上报文件');
  const previousZone = dropZone('previous', '上期上报文件(可选,用于比较变化)');
  const refInput = picker(false, false, (f) => f[0] && loadReference(f[0]));
  const refText = h('span', { class: 'cd-ref-text', dataset: { testid: 'reference' } });
  const refReset = button('改用默认细则', () => {
    reference = null;
    renderInputs();
    run();
  }, { class: 'cd-btn-text' });
  const refRow = h(
    'div',
    { class: 'cd-ref' },
    h('span', { class: 'cd-ref-label' }, '参照细则:'),
    refText,
    button('选择细则文件…', () => refInput.click(), { class: 'cd-btn' }),
    refReset,
    refInput,
  );
  const progressText = h('span', { dataset: { testid: 'progress-text' } });
  const progressBar = h('progress', { max: 1, value: 0 });
  const progress = h('div', { class: 'cd-agg-progress', role: 'status', hidden: true }, progressText, progressBar);
  const results = h('div', { class: 'cd-agg-results', attrs: { 'aria-live': 'off' } });

  const panel = h(
    'div',
    { class: 'cd-tab-aggregate' },
    h(
      'section',
      { class: 'cd-card cd-agg-inputs cd-screen', attrs: { 'aria-label': '汇总的文件' } },
      h('h2', null, '汇总分析'),
      h('p', { class: 'cd-hint' }, '干部主管部门用:逐个核验各单位的上报文件(摘要、按答案重新计分、是否使用规定细则、第八条一致性、重复报送),再排名并找出共性薄弱指标。文件只在本机浏览器中读取,不上传。'),
      h('div', { class: 'cd-drops' }, currentZone.zone, previousZone.zone),
      refRow,
      progress,
    ),
    results,
  );
  // A file dropped anywhere on this tab, outside a drop zone, goes to this period's files (and
  // never makes the browser leave the page to show the file).
  panel.addEventListener('dragover', (e) => e.preventDefault());
  panel.addEventListener('drop', async (e) => {
    e.preventDefault();
    try {
      add('current', await droppedFiles(e.dataTransfer));
    } catch (err) {
      banners.show('aggregate-input', { kind: 'error', title: '无法读取拖入的文件', message: String((err && err.message) || err) });
    }
  });

  function renderInputs() {
    for (const [role, zone] of [['current', currentZone], ['previous', previousZone]]) {
      const n = sets[role].length;
      zone.count.textContent = n ? `已选 ${n} 个文件` : '尚未选择文件';
      zone.clear.hidden = !n;
    }
    refText.textContent = reference ? `${reference.rubric.title || reference.rubric.id}(${reference.rubric.id} / ${reference.rubric.version},文件 ${reference.name})` : '内置默认细则';
    refReset.hidden = !reference;
  }

  async function loadReference(file) {
    const bytes = await readFile({ name: file.name, file });
    const v = bytes.bytes ? core.validateRubric(bytes.bytes) : { ok: false, error: { code: 'E_INPUT_TOO_LARGE', path: '', message: '文件过大,未读取' } };
    if (!v.ok) {
      banners.show('aggregate-input', { kind: 'error', title: `无法使用细则“${file.name}”`, message: problemText(v.error), detail: '仍使用原来的参照细则。' });
      return;
    }
    banners.clear('aggregate-input');
    reference = { name: file.name, bytes: bytes.bytes, rubric: v.value.rubric, digest: v.value.digest };
    renderInputs();
    run();
  }

  /** {name, size, bytes?}: files over the core's limit are not read (the core refuses them by size). */
  async function readFile({ name, file }) {
    if (file.size > core.maxInputBytes()) return { name, size: file.size };
    try {
      return { name, size: file.size, bytes: new Uint8Array(await file.arrayBuffer()) };
    } catch {
      return { name, size: file.size };
    }
  }

  const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 0));

  // ---- the run -----------------------------------------------------------------------------
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
    const a = core.aggregation(reference ? reference.bytes : null);
    if (!a.ok) {
      banners.show('aggregate-run', { kind: 'error', title: '参照细则无效,无法汇总', message: problemText(a.error) });
      return;
    }
    const batch = a.value;
    const total = sets.current.length + sets.previous.length;
    let done = 0;
    progress.hidden = false;
    progressBar.max = total;
    const steps = [...chunks(sets.current).map((c) => ['add', c]), ...chunks(sets.previous).map((c) => ['addPrevious', c])];
    for (const [method, chunk] of steps) {
      progressText.textContent = `正在读取和核验文件 ${done} / ${total}……`;
      progressBar.value = done;
      const files = await Promise.all(chunk.map(readFile));
      if (me !== running) {
        batch.free();
        return;
      }
      const r = batch[method](files);
      if (!r.ok) {
        batch.free();
        banners.show('aggregate-run', { kind: 'error', title: '汇总出错', message: problemText(r.error) });
        progress.hidden = true;
        return;
      }
      done += chunk.length;
      await nextFrame();
      if (me !== running) {
        batch.free();
        return;
      }
    }
    const f = batch.finish();
    if (!f.ok) {
      banners.show('aggregate-run', { kind: 'error', title: '汇总出错', message: problemText(f.error) });
      progress.hidden = true;
      return;
    }
    banners.clear('aggregate-run');
    output = f.value;
    const seconds = (performance.now() - started) / 1000;
    progressText.textContent = `已核验 ${total} 个文件,用时 ${seconds.toFixed(1)} 秒。`;
    progressBar.value = total;
    render();
  }

  function chunks(list) {
    const out = [];
    let cur = [];
    let bytes = 0;
    for (const x of list) {
      if (cur.length && (cur.length >= CHUNK_FILES || bytes + x.file.size > CHUNK_BYTES)) {
        out.push(cur);
        cur = [];
        bytes = 0;
      }
      cur.push(x);
      bytes += Math.min(x.file.size, core.maxInputBytes() + 1);
    }
    if (cur.length) out.push(cur);
    return out;
  }

  // ---- results -----------------------------------------------------------------------------
  function section(title, ...children) {
    const id = uid('agg');
    return h('section', { class: 'cd-card cd-agg-section', attrs: { 'aria-labelledby': id } }, h('h2', { id }, title), ...children);
  }

  function more(key, n) {
    return n > shown[key]
      ? h('p', { class: 'cd-more' }, `仅显示前 ${shown[key]} 行,共 ${n} 行。`, button('显示全部', () => { shown[key] = Infinity; render(); }, { class: 'cd-btn-text' }))
      : null;
  }

  function fileTable(r) {
    const problems = r.files.filter((f) => f.code !== 'OK');
    const rows = fileFilter === 'all' ? r.files : problems;
    const id = uid('ff');
    const filter = h(
      'div',
      { class: 'cd-agg-filter' },
      h('label', { for: id }, '显示:'),
      h(
        'select',
        { id, class: 'cd-input', on: { change: (e) => { fileFilter = e.target.value; shown.files = ROWS; render(); } } },
        h('option', { value: 'problems', selected: fileFilter === 'problems' }, `需要处理的文件(退回、重复、未完成,${problems.length} 个)`),
        h('option', { value: 'all', selected: fileFilter === 'all' }, `全部文件(${r.files.length} 个)`),
      ),
    );
    const table = rows.length
      ? h(
        'div',
        { class: 'cd-table-wrap cd-table-wrap-files' },
        h(
          'table',
          { class: 'cd-table cd-files', dataset: { testid: 'files' } },
          h('thead', null, h('tr', null, ['文件', '结果', '代码', '说明'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, rows.slice(0, shown.files).map((f) => {
            const [text, cls] = STATUS[f.status] || [f.status, 'cd-badge-unknown'];
            return h(
              'tr',
              { dataset: { status: f.status, code: f.code, path: f.path } },
              h('td', { class: 'cd-file-path' }, f.path, f.role === 'previous' ? h('span', { class: 'cd-hint' }, '(上期)') : null),
              h('td', null, h('span', { class: ['cd-badge', cls] }, text)),
              h('td', { class: 'cd-code' }, f.code),
              h('td', { class: 'cd-file-message' }, f.message, f.at ? h('span', { class: 'cd-hint cd-file-at' }, ` 位置 ${f.at}`) : null),
            );
          })),
        ),
      )
      : h('p', { class: 'cd-hint' }, '所有文件均检查通过,已接收。');
    return [filter, table, more('files', rows.length)];
  }

  function rankingTable(r) {
    if (!r.units.length) return h('p', { class: 'cd-hint' }, '没有可排名的单位(没有接收的文件)。');
    const withChange = r.summary.changes !== null;
    return [
      h(
        'div',
        { class: 'cd-table-wrap' },
        h(
          'table',
          { class: 'cd-table cd-ranking', dataset: { testid: 'ranking' } },
          h('thead', null, h('tr', null, ['排名', '单位名称', '统一社会信用代码', '考核期', '总分', '等次', '备注', withChange ? '较上期' : null, '核对码']
            .filter(Boolean).map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', null, r.units.slice(0, shown.units).map((u) => {
            const notes = [u.vetoed ? '一票否决' : null, u.complete ? null : `未完成 ${u.missing} 项`].filter(Boolean).join(';');
            const c = u.change;
            return h(
              'tr',
              { dataset: { code: u.code, rank: String(u.rank) }, class: u.vetoed ? 'cd-row-vetoed' : null },
              h('td', { class: 'cd-num' }, String(u.rank)),
              h('td', { class: 'cd-unit-name' }, u.name === null ? '(未填写名称)' : u.name),
              h('td', { class: 'cd-code' }, u.code),
              h('td', null, u.period),
              h('td', { class: 'cd-num' }, fixed2(u.total)),
              h('td', null, u.grade),
              h('td', null, notes),
              withChange
                ? h('td', { class: 'cd-num', title: c ? `${c.previous_period}:${fixed2(c.previous_total)},${c.previous_grade}${c.same_rubric ? '' : '(细则不同)'}` : null },
                  c ? `${c.delta > 0 ? '+' : ''}${fixed2(c.delta)}` : '—')
                : null,
              h('td', { class: 'cd-code' }, u.check_code),
            );
          })),
        ),
      ),
      more('units', r.units.length),
    ];
  }

  function statistics(r) {
    const s = r.summary;
    const n = (x) => (x === null ? '—' : fixed2(x));
    const stat = (label, value, key) => [h('dt', null, label), h('dd', { dataset: { testid: `stat-${key}` } }, value)];
    return h(
      'dl',
      { class: 'cd-dl cd-stats' },
      stat('单位数', String(s.count), 'count'),
      stat('其中自评未完成', String(s.incomplete), 'incomplete'),
      stat('考核期', s.periods.join('、') || '—', 'periods'),
      stat('平均分', n(s.mean), 'mean'),
      stat('中位数', n(s.median), 'median'),
      stat('最高分', n(s.max), 'max'),
      stat('最低分', n(s.min), 'min'),
      stat('标准差(总体)', n(s.std_dev_population), 'std'),
    );
  }

  function distribution(r) {
    const s = r.summary;
    const gradeTitle = uid('g');
    const histTitle = uid('hg');
    const dimTitle = uid('d');
    const most = Math.max(0, ...s.grades.map((g) => g.count));
    return [
      h('h3', { id: histTitle, class: 'cd-side-sub' }, '总分分布'),
      histogramChart(s.histogram, histTitle),
      h('h3', { id: gradeTitle, class: 'cd-side-sub' }, '等次分布'),
      barChart(s.grades.map((g) => ({ label: `${g.name}(≥ ${fixed2(g.min)})`, value: g.count, text: `${g.count} 个` })), most, gradeTitle, { width: 600 }),
      h('h3', { id: dimTitle, class: 'cd-side-sub' }, '各维度平均达成率'),
      barChart(s.dimensions.map((d) => ({
        label: d.title,
        value: d.mean_attainment,
        text: d.mean_attainment === null ? '不适用' : `${fixed2(d.mean_attainment)}%`,
        title: `${d.title}:平均达成率 ${d.mean_attainment === null ? '不适用' : `${fixed2(d.mean_attainment)}%`}(${d.units} 个单位适用)`,
      })), 100, dimTitle, { width: 600 }),
    ];
  }

  function vetoed(r) {
    const v = r.summary.vetoed;
    if (!v.length) return h('p', { class: 'cd-hint' }, '没有单位触发一票否决。');
    return h('ul', { class: 'cd-agg-list', dataset: { testid: 'vetoed' } }, v.map((u) =>
      h('li', null, h('strong', null, u.name === null ? '(未填写名称)' : u.name), `(${u.code},${u.period}):`, u.vetoes.join(';'))));
  }

  function weakest(r) {
    const list = r.items.filter((it) => it.units_lost > 0).slice(0, WEAKEST);
    if (!list.length) return h('p', { class: 'cd-hint' }, '各单位均未失分。');
    const dims = new Map(r.summary.dimensions.map((d) => [d.id, d.title]));
    return h(
      'div',
      { class: 'cd-table-wrap' },
      h(
        'table',
        { class: 'cd-table cd-weakest', dataset: { testid: 'weakest' } },
        h('thead', null, h('tr', null, ['序号', '指标', '维度', '分值', '平均失分比例', '失分单位'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, list.map((it, i) => h(
          'tr',
          { dataset: { item: it.id } },
          h('td', { class: 'cd-num' }, String(i + 1)),
          h('td', null, it.title),
          h('td', null, dims.get(it.dimension) || it.dimension),
          h('td', { class: 'cd-num' }, fixed2(it.points)),
          h('td', { class: 'cd-num' }, it.mean_lost_percent === null ? '—' : `${fixed2(it.mean_lost_percent)}%`),
          h('td', { class: 'cd-num' }, `${it.units_lost} / ${it.applicable}`),
        ))),
      ),
    );
  }

  function changes(r) {
    const c = r.summary.changes;
    if (!c) return null;
    return section(
      '与上期比较',
      h('p', { dataset: { testid: 'changes' } }, `上升 ${c.improved} 个,下降 ${c.declined} 个,持平 ${c.unchanged} 个,无上期数据 ${c.without_previous} 个。各单位的变化见排名表“较上期”一列。`),
    );
  }

  function render() {
    if (!output) {
      fill(results, sets.current.length ? null : h('p', { class: 'cd-agg-empty cd-hint' }, '选择或拖入本期上报文件后,这里显示每个文件的核验结果、排名和统计。'));
      return;
    }
    const r = output.result;
    const f = r.summary.files;
    const stamp = when(new Date());
    fill(
      results,
      h(
        'section',
        { class: 'cd-card cd-agg-overview', attrs: { 'aria-label': '汇总概况' } },
        h(
          'p',
          { class: 'cd-agg-counts', dataset: { testid: 'counts' } },
          `文件共 ${r.files.length} 个:`,
          h('span', { class: 'cd-badge cd-badge-good' }, `接收 ${f.accepted}`),
          h('span', { class: 'cd-badge cd-badge-bad' }, `退回 ${f.rejected}`),
          h('span', { class: 'cd-badge cd-badge-unknown' }, `重复 ${f.duplicate}`),
        ),
        h('p', { class: 'cd-hint' }, `参照细则 ${r.reference.id} / ${r.reference.version},摘要 `, h('span', { class: 'cd-digest' }, r.reference.digest)),
        h(
          'div',
          { class: 'cd-toolbar' },
          button('下载排名 CSV', () => download(`汇总分析_${stamp}.csv`, output.csv, 'text/csv'), { class: 'cd-btn cd-btn-primary', title: 'UTF-8(带 BOM)CSV,Excel 和 WPS 可直接打开' }),
          button('下载完整结果 JSON', () => download(`汇总分析_${stamp}.json`, `${JSON.stringify(r, null, 2)}\n`), { class: 'cd-btn', title: 'cyberduty.aggregate/1:每个文件的结果、排名、统计和指标' }),
        ),
      ),
      section('文件核验结果', fileTable(r)),
      h(
        'div',
        { class: 'cd-agg-grid' },
        section('统计', statistics(r), h('h3', { class: 'cd-side-sub' }, '一票否决的单位'), vetoed(r)),
        section('分布', distribution(r)),
      ),
      section('排名', h('p', { class: 'cd-hint' }, '按总分从高到低,同分同名次;一票否决的单位按其得分排列并在备注中注明。'), rankingTable(r)),
      section(`共性薄弱指标(平均失分比例最高的 ${WEAKEST} 项)`, weakest(r)),
      changes(r),
    );
  }

  renderInputs();
  render();

  return {
    panel,
    document: () => null,
    result: () => (output ? { ok: true, value: output.result } : null),
    destroy() {
      running += 1;
    },
  };
}

export const aggregateTab = { id: 'aggregate', title: '汇总分析', create };
