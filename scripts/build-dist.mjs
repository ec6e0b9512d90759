#!/usr/bin/env node
// Builds dist/ from www/ and pkg/ (run `make wasm` first; `make dist` does both):
//   dist/cyberduty.html   one self-contained page: app + wasm-bindgen glue + the wasm (packed, base64:
//                         see below) in ONE <script type="module">, the CSS in one <style>, and a CSP
//                         meta tag with both sha256 hashes, 'wasm-unsafe-eval', default-src 'none',
//                         connect-src 'none'.
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
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { unpack } from './unlzma.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const www = join(root, 'www');
const pkg = join(root, 'pkg');
const dist = join(root, 'dist');

// Browsers of the units this serves: Chromium-based (incl. 360/奇安信 极速模式) from 2020 on, Firefox, Safari.
// TARGET only lowers the JavaScript syntax. What the page needs sets the real floor: CSP
// 'wasm-unsafe-eval' (Chrome/Edge 97, Firefox 102, Safari 16; older browsers then refuse to compile
// any wasm) and initSync, which compiles the wasm synchronously on the main thread, refused by
// Chromium before 114 for modules over 4 KB. So: Chrome/Edge 114+, Firefox 102+, Safari 16+. The
// packed wasm adds nothing to that (its unpacker is a wasm module under 4 KB); DecompressionStream
// would have needed Firefox 113+ and Safari 16.4+, and an asynchronous start.
const TARGET = ['chrome80', 'edge80', 'firefox80', 'safari15'];

function fail(message) {
  console.error(`build-dist: ${message}`);
  process.exit(1);
}

for (const f of ['cyberduty.js', 'cyberduty_bg.wasm', 'cyberduty.d.ts']) {
  if (!existsSync(join(pkg, f))) fail(`缺少 pkg/${f}:请先运行 make wasm`);
}

const started = Date.now();
const wasm = readFileSync(join(pkg, 'cyberduty_bg.wasm'));

// The wasm is inlined packed with LZMA (xz --format=lzma): a fifth smaller than gzip, and base64 of
// packed bytes does not shrink when a server compresses the page. The page unpacks it synchronously
// with target/unlzma.wasm (scripts/unlzma.rs, under 4 KB, itself inlined) through scripts/unlzma.mjs,
// so nothing changes for start() and mount(). The packed bytes are checked here, byte for byte.
const decoderPath = join(root, 'target', 'unlzma.wasm');
if (!existsSync(decoderPath)) fail('缺少 target/unlzma.wasm:请先运行 make wasm');
const decoder = readFileSync(decoderPath);
let packed;
try {
  packed = execFileSync('xz', ['--format=lzma', '--lzma1=preset=9e,lc=3,lp=0,pb=0', '--stdout'], { input: wasm, maxBuffer: 1 << 30 });
} catch (e) {
  fail(`xz 打包 wasm 失败(${e.message.split('\n')[0]}):请先运行 scripts/setup.sh`);
}
// xz reads a stream, so its header leaves the unpacked size unknown: the decoder wants it.
packed.writeUInt32LE(wasm.length, 5);
packed.writeUInt32LE(0, 9);
if (!Buffer.from(unpack(decoder, packed)).equals(wasm)) fail('打包的 wasm 解包后与 pkg/cyberduty_bg.wasm 不一致');
// The stylesheets are the <link>s of www/index.html, in their order (one file per part of the page:
// www/css/base.css, score.css, incident.css …); they become one <style> here and one string for mount().
let html = readFileSync(join(www, 'index.html'), 'utf8');
const LINKS = /(?:<link rel="stylesheet" href="(css\/[a-z0-9-]+\.css)">\n)+/;
const links = LINKS.exec(html);
if (!links) fail('www/index.html 中找不到样式表 <link rel="stylesheet" href="css/….css">');
const sheets = [...links[0].matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
const source = sheets.map((f) => readFileSync(join(www, f), 'utf8')).join('\n');
const css = (await transform(source, { loader: 'css', minify: true, target: TARGET })).code.trim();

/**
 * Virtual modules: `cyberduty:wasm`, a function returning the wasm's bytes (unpacked from the
 * inlined base64 on each call), and `cyberduty:css`, the stylesheet as a string.
 */
const virtual = {
  name: 'cyberduty-virtual',
  setup(b) {
    b.onResolve({ filter: /^cyberduty:(wasm|css)$/ }, (a) => ({ path: a.path, namespace: 'cyberduty' }));
    b.onLoad({ filter: /.*/, namespace: 'cyberduty' }, (a) => ({
      contents: a.path === 'cyberduty:wasm'
        ? `import { base64, unpack } from './unlzma.mjs';
           const decoder = ${JSON.stringify(decoder.toString('base64'))};
           const packed = ${JSON.stringify(packed.toString('base64'))};
           export default () => unpack(base64(decoder), base64(packed));`
        : `export default ${JSON.stringify(css)};`,
      loader: 'js',
      resolveDir: join(root, 'scripts'),
    }));
  },
};

async function bundle(entry, format, extra = {}) {
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
    plugins: [virtual],
    ...extra,
  });
  return r.outputFiles[0].text;
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// ---- the single-file page ----------------------------------------------------------------------
const script = (await bundle('main.js', 'esm')).trim();
// Inline script and style must not close their own element early.
if (/<\/script|<!--|<script/i.test(script)) fail('内联脚本中出现了 </script、<script 或 <!--');
if (/<\/style/i.test(css)) fail('内联样式中出现了 </style');

const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(css)}`,
  'img-src data: blob:',
  "connect-src 'none'",
  "font-src 'none'",
  "object-src 'none'",
  "media-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "manifest-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const replacements = [
  [/<!-- CSP:[\s\S]*?-->\n/, `<meta http-equiv="Content-Security-Policy" content="${csp}">\n`],
  [/<!-- scripts\/build-dist\.mjs inlines[\s\S]*?-->\n/, ''],
  [LINKS, () => `<style>${css}</style>\n`],
  ['<script type="module" src="main.js"></script>', () => `<script type="module">${script}</script>`],
];
for (const [from, to] of replacements) {
  const before = html;
  html = html.replace(from, to);
  if (html === before) fail(`www/index.html 中找不到 ${from}`);
}
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'cyberduty.html'), html);

// ---- embedding -----------------------------------------------------------------------------------
const embedEsm = await bundle('embed.js', 'esm');
// The glue's fetch path (the only user of import.meta) is dropped as dead code: we use initSync.
const embedIife = await bundle('embed.js', 'iife', { globalName: 'cyberduty', logOverride: { 'empty-import-meta': 'silent' } });
writeFileSync(join(dist, 'embed.mjs'), embedEsm);
writeFileSync(join(dist, 'embed.js'), embedIife);
cpSync(join(www, 'embed.d.ts'), join(dist, 'embed.d.ts'));

// The CSP a portal needs, written out for its administrators (docs/EMBEDDING.md explains it).
writeFileSync(join(dist, 'embed-csp.txt'), [
  '# cyberduty embed.js / embed.mjs: the Content-Security-Policy directives a portal page must allow.',
  '# <origin> is where the portal serves embed.js (\'self\' when it is the portal itself).',
  "script-src <origin> 'wasm-unsafe-eval'",
  "connect-src 'none'",
  '# Only for browsers without constructable stylesheets (Chrome < 73, Firefox < 101, Safari < 16.4),',
  '# where the app falls back to a <style> element inside its shadow root:',
  `style-src ${sha256(css)}`,
  '',
].join('\n'));

rmSync(join(dist, 'pkg'), { recursive: true, force: true });
mkdirSync(join(dist, 'pkg'));
for (const f of ['cyberduty.js', 'cyberduty_bg.wasm', 'cyberduty.d.ts', 'cyberduty_bg.wasm.d.ts', 'package.json']) {
  if (existsSync(join(pkg, f))) cpSync(join(pkg, f), join(dist, 'pkg', f));
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
for (const f of ['cyberduty.html', 'embed.js', 'embed.mjs']) console.log(`  ${size(f)}`);
