#!/usr/bin/env node
// Builds dist/ from www/ and pkg/ (run `make wasm` first; `make dist` does both):
//   dist/cyberduty.html   one self-contained page: app + wasm-bindgen glue + the wasm (packed, base64:
//                         see below) in ONE <script type="module">, the CSS in one <style>, and a CSP
//                         meta tag with both sha256 hashes, 'wasm-unsafe-eval', default-src 'none',
//                         connect-src 'none'.
//   dist/cyberduty-compat.html  the same page, with 'unsafe-eval' for kernels before Chromium 97.
//   dist/embed.js         mount() for portals as a classic script (window.cyberduty), wasm inlined.
//   dist/embed.mjs        the same as an ES module.  dist/embed.d.ts  its TypeScript declarations.
//   dist/pkg/             the npm package `cyberduty` (wasm-pack output) for portals with a bundler.
//   dist/examples/        www/examples/ (the portal example).
// esbuild (npm, dev dependency) bundles the ES modules; nothing is fetched at run time.

import { build, transform } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync, gzipSync } from 'node:zlib';
import { inflated, unpack } from './inflate.mjs';
import { check, describe } from './syntax-floor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const pkg = join(root, 'pkg');
const dist = join(root, 'dist');

// Browsers of the units this serves: Chromium-based from version 80 (the kernels of 360/奇安信 on
// government intranets), Firefox, Safari. TARGET lowers the JavaScript syntax to ES2019; the APIs
// newer than Chromium 80 that esbuild cannot lower are refused by scripts/syntax-floor.mjs below.
// What else sets the floor of each artifact (docs/EMBEDDING.md 浏览器要求):
//   - the wasm is WebAssembly 1.0 only (tests/mvp.rs): no floor of its own;
//   - initSync compiles it synchronously, refused by Chromium before ~115 for modules over 4 KB:
//     www/js/core.js then starts it asynchronously from the same bytes;
//   - the CSP's 'wasm-unsafe-eval' is Chromium 97+ (Firefox 102, Safari 16): an older kernel that
//     enforces a CSP compiles wasm only under 'unsafe-eval'. So dist/cyberduty.html keeps the strict
//     CSP (Chromium 97+), and dist/cyberduty-compat.html, the same page whose CSP has 'unsafe-eval'
//     instead, runs from Chromium 80; embed.js runs wherever the portal's CSP lets it compile wasm.
const TARGET = ['es2019', 'chrome80', 'edge80', 'firefox80', 'safari15'];

function fail(message) {
  console.error(`build-dist: ${message}`);
  process.exit(1);
}

for (const f of ['cyberduty.js', 'cyberduty_bg.wasm', 'cyberduty.d.ts']) {
  if (!existsSync(join(pkg, f))) fail(`缺少 pkg/${f}:请先运行 make wasm`);
}

const started = Date.now();
const wasm = readFileSync(join(pkg, 'cyberduty_bg.wasm'));

// The wasm is inlined packed with zlib (level 9) as base64. The page inflates it natively
// (DecompressionStream, asynchronous); embed.js, and browsers without DecompressionStream, inflate
// it synchronously with target/inflate.wasm (scripts/inflate.rs, under 4 KB, itself inlined: even
// kernels that refuse to compile larger modules on the main thread compile it) through
// scripts/inflate.mjs, so nothing changes for mount(). Both ways are checked here, byte for byte.
// LZMA packed it a quarter smaller (301 KB against 398 KB), but its decoder took ~30 ms of the
// page's start against ~5 ms for the browser's inflate (benches/HISTORY.md, ready3).
const decoderPath = join(root, 'target', 'inflate.wasm');
if (!existsSync(decoderPath)) fail('缺少 target/inflate.wasm:请先运行 make wasm');
const decoder = readFileSync(decoderPath);
if (decoder.length > 4096) fail(`target/inflate.wasm 有 ${decoder.length} 字节,超过 4096:旧内核不能在主线程同步编译它`);
const packed = deflateSync(wasm, { level: 9, memLevel: 9 });
if (!Buffer.from(unpack(decoder, packed, wasm.length)).equals(wasm)) fail('打包的 wasm 解包后与 pkg/cyberduty_bg.wasm 不一致');
if (!Buffer.from(await new Response(inflated(packed)).arrayBuffer()).equals(wasm)) fail('打包的 wasm 由 DecompressionStream 解包后与 pkg/cyberduty_bg.wasm 不一致');
// The core's vocabulary (every domain word the page shows), asked of this build's core here and
// inlined: constant within a build, and asking at load compiled the wasm's serialiser for it on the
// page's thread before the first render (~7 ms of the ready time). `cyberduty:vocabulary`.
const glue = await import(pathToFileURL(join(pkg, 'cyberduty.js')).href);
const { emptyDraft, buildAssessment } = await import(pathToFileURL(join(www, 'js', 'score', 'model.js')).href);
const { answerPath } = await import(pathToFileURL(join(www, 'js', 'format.js')).href);
glue.initSync({ module: wasm });
const vocabulary = JSON.stringify(glue.vocabulary());
// What this build's core says of the default rubric's first screen, inlined the same way
// (`cyberduty:default-session`, www/js/core.js defaultSession): its digest, its earlier versions,
// the names of the vetoes the summary names, and the live score of the empty draft (the assessment
// the page builds from it, www/js/score/model.js; no incidents; the shipped policy). A fresh page
// then makes no call into the wasm before its first render: each wasm function is compiled on its
// first call, and opening the session and the first score cost ~20-30 ms of the ready time
// (benches/HISTORY.md round 8). Any other draft is scored by the core as before.
const defaultSession = (() => {
  const session = new glue.Session(null);
  // The vocabulary and rubric the page has (core.vocabulary(), defaultSession's rubric()).
  const { doc } = buildAssessment(JSON.parse(vocabulary), glue.defaultRubric(), emptyDraft(), glue.wholeNumber);
  const live = session.score(doc, []);
  // The summary names each automatic veto by its answer's path (session.fieldLabel).
  const labels = Object.fromEntries(live.auto_vetoes.map((v) => answerPath(v.veto)).map((p) => [p, session.fieldLabel(p)]));
  const known = { digest: session.digest(), earlier_versions: session.earlierVersions(), labels, empty: { assessment: doc, live } };
  session.free();
  return JSON.stringify(known);
})();
// The stylesheets are the <link>s of www/index.html, in their order (one file per part of the page:
// www/css/base.css, score.css, incident.css …); they become one <style> here and one string for mount().
const html = readFileSync(join(www, 'index.html'), 'utf8');
const LINKS = /(?:<link rel="stylesheet" href="(css\/[a-z0-9-]+\.css)">\n)+/;
const links = LINKS.exec(html);
if (!links) fail('www/index.html 中找不到样式表 <link rel="stylesheet" href="css/….css">');
const sheets = [...links[0].matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
const source = sheets.map((f) => readFileSync(join(www, f), 'utf8')).join('\n');
const css = (await transform(source, { loader: 'css', minify: true, target: TARGET })).code.trim();

/**
 * Virtual modules: `cyberduty:wasm`, a function returning the wasm's bytes (unpacked from the
 * inlined base64 on each call) and `unpacked`, a Promise of them (asynchronous, native where the
 * browser can); with `native` (the page) the function is null where the browser has
 * DecompressionStream, so the page waits for the native inflate instead. `cyberduty:css`, the
 * stylesheet as a string; `cyberduty:vocabulary`, the core's vocabulary as JSON text (and its version);
 * `cyberduty:default-session`, what the core says of the default rubric's first screen (an object).
 */
const virtual = (native) => ({
  name: 'cyberduty-virtual',
  setup(b) {
    b.onResolve({ filter: /^cyberduty:(wasm|css|vocabulary|default-session)$/ }, (a) => ({ path: a.path, namespace: 'cyberduty' }));
    b.onLoad({ filter: /.*/, namespace: 'cyberduty' }, (a) => ({
      contents: a.path === 'cyberduty:wasm'
        ? `import { base64, unpack, unpackAsync } from './inflate.mjs';
           const decoder = ${JSON.stringify(decoder.toString('base64'))};
           const packed = ${JSON.stringify(packed.toString('base64'))};
           const size = ${wasm.length};
           export default ${native ? "typeof DecompressionStream === 'function' ? null : " : ''}() => unpack(base64(decoder), base64(packed), size);
           export const unpacked = () => unpackAsync(base64(decoder), base64(packed), size);`
        : a.path === 'cyberduty:default-session'
          ? `export default ${defaultSession};`
          : a.path === 'cyberduty:vocabulary'
            ? `export default ${JSON.stringify(vocabulary)}; export const version = ${JSON.stringify(glue.version())};`
            : `export default ${JSON.stringify(css)};`,
      loader: 'js',
      resolveDir: join(root, 'scripts'),
    }));
  },
});

async function bundle(entry, format, extra = {}, native = false) {
  const r = await build({
    entryPoints: [join(www, entry)],
    bundle: true,
    format,
    minify: true,
    target: TARGET,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
    plugins: [virtual(native)],
    // The glue's fetch path (its only use of import.meta, which ES2019 has not) never runs: the
    // page always hands it the inlined bytes (www/js/core.js).
    logOverride: { 'empty-import-meta': 'silent' },
    ...extra,
  });
  return r.outputFiles[0].text;
}

/** Stop the build when shipped JavaScript needs more than ES2019 / Chromium 80. */
function checkFloor(file, code, sourceType) {
  const findings = check(code, sourceType);
  if (findings.length) fail(`${file} 超出了浏览器下限(ES2019、Chromium 80):\n${describe(file, findings)}`);
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// ---- the single-file page ----------------------------------------------------------------------
const script = (await bundle('main.js', 'esm', {}, true)).trim();
// Inline script and style must not close their own element early.
if (/<\/script|<!--|<script/i.test(script)) fail('内联脚本中出现了 </script、<script 或 <!--');
if (/<\/style/i.test(css)) fail('内联样式中出现了 </style');
checkFloor('dist/cyberduty.html <script type="module">', script, 'module');

/** The page's CSP; `evalFor` is what lets it compile the wasm. */
const csp = (evalFor) => [
  "default-src 'none'",
  `script-src ${sha256(script)} ${evalFor}`,
  `style-src ${sha256(css)}`,
  'img-src data: blob:',
  "connect-src 'none'",
  "font-src 'none'",
  "object-src 'none'",
  "media-src 'none'",
  "frame-src 'none'",
  // Only blob: URLs the page makes itself from its own script (汇总分析's workers, www/js/aggregate/pool.js).
  'worker-src blob:',
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The page from www/index.html; its CSP compiles wasm under `evalFor`, `compat` marks the compat page. */
function page(evalFor, compat) {
  let out = html;
  const replacements = [
    [/<!-- CSP:[\s\S]*?-->\n/, `<meta http-equiv="Content-Security-Policy" content="${csp(evalFor)}">\n`],
    [/<!-- scripts\/build-dist\.mjs inlines[\s\S]*?-->\n/, ''],
    [LINKS, () => `<style>${css}</style>\n`],
    ['<script type="module" src="main.js"></script>', () => `<script type="module">${script}</script>`],
    ['<html lang="zh-CN">', compat ? '<html lang="zh-CN" data-compat>' : '<html lang="zh-CN">'],
  ];
  for (const [from, to] of replacements) {
    const before = out;
    out = out.replace(from, to);
    if (out === before && from !== to) fail(`www/index.html 中找不到 ${from}`);
  }
  // Nothing to lay out before the inline script: the parser pauses there and the browser would lay
  // out and paint the loading message meanwhile (~15 ms of the ready time, benches/HISTORY.md round 6).
  if (!(out.indexOf('<script type="module">') < out.indexOf('<div id="app"'))) fail('www/index.html 中加载提示(#app)应位于模块脚本之后');
  return out;
}
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'cyberduty.html'), page("'wasm-unsafe-eval'", false));
// For kernels before Chromium 97, which know no 'wasm-unsafe-eval': 'unsafe-eval' is the only way
// they compile wasm under a CSP. The script is still only the one hashed inline script, and it never
// calls eval, so what this allows is reachable only from code that is already ours.
writeFileSync(join(dist, 'cyberduty-compat.html'), page("'unsafe-eval'", true));

// ---- embedding -----------------------------------------------------------------------------------
const embedEsm = await bundle('embed.js', 'esm');
const embedIife = await bundle('embed.js', 'iife', { globalName: 'cyberduty' });
checkFloor('dist/embed.mjs', embedEsm, 'module');
checkFloor('dist/embed.js', embedIife, 'script');
writeFileSync(join(dist, 'embed.mjs'), embedEsm);
writeFileSync(join(dist, 'embed.js'), embedIife);
cpSync(join(www, 'embed.d.ts'), join(dist, 'embed.d.ts'));

// The CSP a portal needs, written out for its administrators (docs/EMBEDDING.md explains it).
writeFileSync(join(dist, 'embed-csp.txt'), [
  '# cyberduty embed.js / embed.mjs: the Content-Security-Policy directives a portal page must allow.',
  '# <origin> is where the portal serves embed.js (\'self\' when it is the portal itself).',
  "script-src <origin> 'wasm-unsafe-eval'",
  "# Chromium-based browsers before 97 (older 360/奇安信 kernels) know no 'wasm-unsafe-eval': there",
  "# script-src must carry 'unsafe-eval' instead (see docs/EMBEDDING.md).",
  "connect-src 'none'",
  '# Only for browsers without constructable stylesheets (Chrome < 73, Firefox < 101, Safari < 16.4),',
  '# where the app falls back to a <style> element inside its shadow root:',
  `style-src ${sha256(css)}`,
  '',
].join('\n'));

rmSync(join(dist, 'pkg'), { recursive: true, force: true });
mkdirSync(join(dist, 'pkg'));
// snippets/: the JS that src/wasm/mod.rs carries (`inline_js`), imported by cyberduty.js.
for (const f of ['cyberduty.js', 'cyberduty_bg.wasm', 'cyberduty.d.ts', 'cyberduty_bg.wasm.d.ts', 'package.json', 'snippets']) {
  if (existsSync(join(pkg, f))) cpSync(join(pkg, f), join(dist, 'pkg', f), { recursive: true });
}
rmSync(join(dist, 'examples'), { recursive: true, force: true });
cpSync(join(www, 'examples'), join(dist, 'examples'), { recursive: true });

// ---- figures -------------------------------------------------------------------------------------
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const size = (f) => {
  const b = readFileSync(join(dist, f));
  return `${f.padEnd(18)} ${kib(b.length).padStart(10)}  (gzip ${kib(gzipSync(b, { level: 9 }).length)})`;
};
console.log(`build-dist: ${relative(process.cwd(), dist) || '.'}/ in ${Date.now() - started} ms (wasm ${kib(statSync(join(pkg, 'cyberduty_bg.wasm')).size)}, packed ${kib(packed.length)} + unpacker ${kib(decoder.length)})`);
for (const f of ['cyberduty.html', 'cyberduty-compat.html', 'embed.js', 'embed.mjs']) console.log(`  ${size(f)}`);
