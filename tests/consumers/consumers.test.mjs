// The package as shop developers meet it: `npm pack` (with its prepack build), installed from
// the tarball into fresh apps, built or served by each toolchain a shop uses, and checked in
// Chromium: the card form renders with no console error and a frictionless payment completes
// against the sandbox, so init() found the wasm it was built with (its SHA-384 checked); a tool
// that rewrites the wasm makes init() fail and say so. integrity.json matches the tarball. The tools come from the repository's devDependencies (npm ci caches them);
// the apps live under target/consumers/ and are made anew on every run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { launchBrowser, recordPage, startSandbox } from '../e2e/support.mjs';

const root = new URL('../../', import.meta.url).pathname;
const work = `${root}target/consumers/`;
const bin = (name) => `${root}node_modules/.bin/${name}`;
const PAGE = (extraHead = '', script = 'entry.js') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Consumer shop</title><link rel="icon" href="data:,">${extraHead}
<script type="module" src="${script}"></script></head>
<body><main><div id="card"></div><button id="pay" type="button">Pay</button>
<div id="threeds"></div><p id="result" role="status"></p></main></body></html>
`;

const sri = (file) => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
/** The SRI value integrity.json of the installed package gives the card wasm. */
const wasmPin = (dir) => JSON.parse(readFileSync(`${dir}node_modules/paygate-wasm/pkg/integrity.json`, 'utf8'))['paygate_wasm_bg.wasm'];
/** The .wasm files in `dir` with their SRI values. */
const emittedWasm = (dir) => readdirSync(dir).filter((f) => f.endsWith('.wasm')).map((f) => sri(`${dir}/${f}`));

let tarball;
let browser;
const running = [];

function run(cmd, args, cwd) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A fresh app under target/consumers/<name>/ with the packed package installed from the tarball. */
function freshApp(name, files) {
  const dir = `${work}${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync(`${root}tests/consumers/app/`, dir, { recursive: true });
  writeFileSync(`${dir}package.json`, JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }));
  for (const [file, text] of Object.entries(files)) writeFileSync(`${dir}${file}`, text);
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
  return dir;
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts a long-running tool (vite dev/preview) and resolves once `url` answers. */
async function serve(cmd, args, cwd, url, env = {}) {
  const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  running.push(child);
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited: ${logs.join('')}`);
    try {
      if ((await fetch(url)).ok) return child;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${cmd} did not answer at ${url}: ${logs.join('')}`);
}

/** Opens `url`, checks the form rendered styled, pays frictionless with a new card, reads the result. */
async function payWithNewCard(url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = recordPage(page);
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#result'));
  // The stylesheet arrived: the form's border comes from paygate-wasm/style.css.
  const border = await page.locator('.pgw-card-form').evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(border, 'solid', 'the package stylesheet is applied');
  await page.getByLabel('Card number').pressSequentially('4111111111111111');
  await page.getByLabel('Expiry date (MM/YY)').pressSequentially('1230');
  await page.locator('#card input[autocomplete=cc-csc]').pressSequentially('123');
  await page.getByLabel('Cardholder name').fill('Max Mustermann');
  await page.getByRole('button', { name: 'Pay' }).click();
  await page.waitForFunction(() => document.getElementById('result').textContent, null, { timeout: 30000 });
  assert.equal(await page.textContent('#result'), 'Paid: AUTHORIZED');
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
}

before(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // With its lifecycle scripts: prepack builds pkg/, so a fresh clone packs a complete package.
  const out = run('npm', ['pack', '--json', '--pack-destination', work], root);
  tarball = `${work}${JSON.parse(out.slice(out.indexOf('[')))[0].filename}`;
  browser = await launchBrowser();
});

after(async () => {
  for (const child of running) child.kill('SIGTERM');
  await browser?.close();
});

test('npm pack holds the wasm, the glue, the types, the stylesheet and both licences, and nothing else', () => {
  const files = run('tar', ['-tzf', tarball], work).trim().split('\n').sort();
  assert.deepEqual(files, [
    'package/LICENSE-APACHE',
    'package/LICENSE-MIT',
    'package/README.md',
    'package/package.json',
    'package/pkg-easycredit/integrity.json',
    'package/pkg-easycredit/paygate_easycredit.d.ts',
    'package/pkg-easycredit/paygate_easycredit.js',
    'package/pkg-easycredit/paygate_easycredit_bg.wasm',
    'package/pkg-easycredit/paygate_easycredit_bg.wasm.d.ts',
    'package/pkg/error.js',
    'package/pkg/integrity.json',
    'package/pkg/locales/es.d.ts',
    'package/pkg/locales/es.js',
    'package/pkg/locales/fr.d.ts',
    'package/pkg/locales/fr.js',
    'package/pkg/locales/it.d.ts',
    'package/pkg/locales/it.js',
    'package/pkg/locales/nl.d.ts',
    'package/pkg/locales/nl.js',
    'package/pkg/locales/pl.d.ts',
    'package/pkg/locales/pl.js',
    'package/pkg/paygate_wasm.d.ts',
    'package/pkg/paygate_wasm.js',
    'package/pkg/paygate_wasm_bg.wasm',
    'package/pkg/paygate_wasm_bg.wasm.d.ts',
    'package/pkg/style.css',
  ]);
});

test('integrity.json of both builds lists the SRI value of every .js, .wasm and .css in the tarball, and the entry checks that wasm', () => {
  const unpacked = `${work}unpacked/`;
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked);
  run('tar', ['-xzf', tarball, '-C', unpacked], work);
  for (const [dir, entry, wasm] of [['pkg', 'paygate_wasm.js', 'paygate_wasm_bg.wasm'], ['pkg-easycredit', 'paygate_easycredit.js', 'paygate_easycredit_bg.wasm']]) {
    const base = `${unpacked}package/${dir}/`;
    const listed = JSON.parse(readFileSync(`${base}integrity.json`, 'utf8'));
    const locales = existsSync(`${base}locales`) ? readdirSync(`${base}locales`).map((f) => `locales/${f}`) : [];
    const shipped = [...readdirSync(base), ...locales].filter((f) => /\.(js|wasm|css)$/.test(f)).sort();
    assert.deepEqual(Object.keys(listed).sort(), shipped, dir);
    for (const f of shipped) assert.equal(listed[f], sri(`${base}${f}`), `${dir}/${f}`);
    assert.ok(readFileSync(`${base}${entry}`, 'utf8').includes(listed[wasm]), `${dir}/${entry} checks the wasm of integrity.json`);
  }
});

test('tsc --strict (default lib, no skipLibCheck) compiles the README usage and refuses every wrong call', () => {
  const dir = freshApp('typescript', {});
  cpSync(`${root}tests/consumers/types/`, dir, { recursive: true });
  for (const resolution of [['bundler', 'esnext'], ['nodenext', 'nodenext']]) {
    const [moduleResolution, module] = resolution;
    try {
      run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.json',
        '--moduleResolution', moduleResolution, '--module', module], dir);
    } catch (e) {
      assert.fail(`tsc (${moduleResolution}) failed:\n${e.stdout}${e.stderr}`);
    }
  }
  // The same wrong calls without their @ts-expect-error directives are errors, one per line.
  writeFileSync(`${dir}wrong-bare.ts`, run('sed', ['/@ts-expect-error/d', 'wrong.ts'], dir));
  writeFileSync(`${dir}tsconfig.bare.json`, JSON.stringify({ extends: './tsconfig.json', files: ['wrong-bare.ts'] }));
  let output = '';
  try {
    run(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.bare.json'], dir);
  } catch (e) {
    output = e.stdout;
  }
  const expected = run('grep', ['-c', '@ts-expect-error', 'wrong.ts'], dir).trim();
  const lines = new Set(output.split('\n').filter((l) => l.startsWith('wrong-bare.ts(')).map((l) => l.split(')')[0]));
  assert.equal(lines.size, Number(expected) - 1, output); // the file's header mentions the directive once
});

test('Vite 7: vite build served by the shop origin, and vite preview', async () => {
  const sandbox = await startSandbox();
  try {
    const dir = freshApp('vite-build', { 'index.html': PAGE('', './entry.js') });
    run(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn', '--outDir', 'dist'], dir);
    assert.deepEqual(emittedWasm(`${dir}dist/assets`), [wasmPin(dir)], 'vite build emits the wasm byte for byte');
    await payWithNewCard(await servedBySandbox(`${dir}dist`));
    const port = await freePort();
    writeFileSync(`${dir}vite.config.js`, proxyConfig('preview'));
    await serve(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      dir, `http://127.0.0.1:${port}/`, { SANDBOX_SHOP: sandbox.shop });
    await payWithNewCard(`http://127.0.0.1:${port}/`);
  } finally {
    await sandbox.stop();
  }
});

test('Vite 7 dev server, zero config: the pre-bundled package still finds its wasm', async () => {
  const sandbox = await startSandbox();
  try {
    const dir = freshApp('vite-dev', { 'index.html': PAGE('', './entry.js'), 'vite.config.js': proxyConfig('server') });
    const port = await freePort();
    await serve(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      dir, `http://127.0.0.1:${port}/`, { SANDBOX_SHOP: sandbox.shop });
    await payWithNewCard(`http://127.0.0.1:${port}/`);
    assert.ok(readdirSync(`${dir}node_modules/.vite/deps`).some((f) => f.startsWith('paygate-wasm')), 'Vite pre-bundled the package');
  } finally {
    await sandbox.stop();
  }
});

test('Vite 7 dev server with node_modules outside its root: init() names the one line, and with it the payment completes', async () => {
  const sandbox = await startSandbox();
  try {
    const dir = freshApp('vite-monorepo', {});
    const web = `${dir}web/`;
    mkdirSync(web);
    for (const f of ['main.js', 'entry.js']) cpSync(`${dir}${f}`, `${web}${f}`);
    writeFileSync(`${web}index.html`, PAGE('', './entry.js'));
    const vite = async (config) => {
      writeFileSync(`${web}vite.config.js`, config);
      const port = await freePort();
      const child = await serve(process.execPath, [`${root}node_modules/vite/bin/vite.js`, '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--force'],
        web, `http://127.0.0.1:${port}/`, { SANDBOX_SHOP: sandbox.shop });
      return { url: `http://127.0.0.1:${port}/`, child };
    };
    const plain = await vite(proxyConfig('server'));
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(plain.url);
    await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
    assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error');
    const shown = await page.textContent('#result');
    assert.match(shown, /^PaygateError init_failed: /);
    assert.match(shown, /add `optimizeDeps: \{ exclude: \['paygate-wasm'\] \}` to vite\.config\.js/);
    await context.close();
    plain.child.kill('SIGTERM');
    const fixed = await vite(proxyConfig('server').replace('export default {', "export default { optimizeDeps: { exclude: ['paygate-wasm'] },"));
    await payWithNewCard(fixed.url);
  } finally {
    await sandbox.stop();
  }
});

test('webpack 5 (css-loader + style-loader for the stylesheet)', async () => {
  const dir = freshApp('webpack', {
    'webpack.config.cjs': `module.exports = {
  mode: 'production', entry: './entry.js',
  output: { path: __dirname + '/dist', filename: 'entry.js', clean: true },
  module: { rules: [{ test: /\\.css$/, use: ['style-loader', 'css-loader'] }] },
};
`,
  });
  run(process.execPath, [`${root}node_modules/webpack-cli/bin/cli.js`, '--config', 'webpack.config.cjs'], dir);
  writeFileSync(`${dir}dist/index.html`, PAGE('', 'entry.js'));
  assert.deepEqual(emittedWasm(`${dir}dist`), [wasmPin(dir)], 'webpack emits the wasm byte for byte');
  await payWithNewCard(await servedBySandbox(`${dir}dist`));
});

test("esbuild --bundle --format=esm with the README's recipe (copy the wasm next to the bundle)", async () => {
  const dir = freshApp('esbuild', {});
  run(bin('esbuild'), ['entry.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning'], dir);
  cpSync(`${dir}node_modules/paygate-wasm/pkg/paygate_wasm_bg.wasm`, `${dir}dist/paygate_wasm_bg.wasm`);
  writeFileSync(`${dir}dist/index.html`, PAGE('<link rel="stylesheet" href="entry.css">', 'entry.js'));
  await payWithNewCard(await servedBySandbox(`${dir}dist`));
});

test('a toolchain that rewrites the wasm (wasm-opt over the emitted file) makes init() fail and name the integrity check', async () => {
  const dir = freshApp('rewritten', {});
  run(bin('esbuild'), ['entry.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=warning'], dir);
  run(bin('wasm-opt'), ['--all-features', '-O1', 'node_modules/paygate-wasm/pkg/paygate_wasm_bg.wasm', '-o', 'dist/paygate_wasm_bg.wasm'], dir);
  assert.notDeepEqual(emittedWasm(`${dir}dist`), [wasmPin(dir)], 'wasm-opt changed the file');
  writeFileSync(`${dir}dist/index.html`, PAGE('<link rel="stylesheet" href="entry.css">', 'entry.js'));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(await servedBySandbox(`${dir}dist`));
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'error');
  const shown = await page.textContent('#result');
  assert.match(shown, /^PaygateError init_failed: http:\/\/127\.0\.0\.1:\d+\/paygate_wasm_bg\.wasm failed paygate-wasm's integrity check/);
  assert.match(shown, /rewrites \.wasm files/);
  assert.equal(await page.locator('input').count(), 0, 'no card form');
  await context.close();
});

test('a plain <script type="module"> page without a bundler (import map)', async () => {
  const dir = freshApp('plain', {
    'index.html': PAGE(`<script type="importmap">{"imports":{"paygate-wasm":"/node_modules/paygate-wasm/pkg/paygate_wasm.js","paygate-wasm/locales/fr":"/node_modules/paygate-wasm/pkg/locales/fr.js"}}</script>
<link rel="stylesheet" href="/node_modules/paygate-wasm/pkg/style.css">`, 'main.js'),
  });
  await payWithNewCard(await servedBySandbox(dir));
});

test('the PayPage template on the packed package', async () => {
  const dir = freshApp('paypage', {});
  const sandbox = await startSandbox(['--pkg', `${dir}node_modules/paygate-wasm/pkg`]);
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = recordPage(page);
    await page.goto(`${sandbox.shop}/paypage/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30000 });
    await page.getByRole('radio', { name: 'Use a new card' }).click();
    await page.getByLabel('Card number').pressSequentially('4111111111111111');
    await page.getByLabel('Expiry date (MM/YY)').pressSequentially('1230');
    await page.locator('#pp-form input[autocomplete=cc-csc]').pressSequentially('123');
    await page.getByLabel('Cardholder name').fill('Max Mustermann');
    await page.click('#pp-pay');
    await page.waitForFunction(() => document.getElementById('pp-result').dataset.status, null, { timeout: 30000 });
    assert.equal(await page.getAttribute('#pp-result', 'data-status'), 'AUTHORIZED', await page.textContent('#pp-result'));
    assert.match(await page.textContent('#pp-result'), /^Payment successful\./);
    assert.deepEqual(seen.errors, []);
    await context.close();
  } finally {
    await sandbox.stop();
  }
});

test('misuse: a component before init() and a wrong wasm URL reject with PaygateError naming the fix', async () => {
  const dir = freshApp('misuse', {
    'index.html': PAGE(`<script type="importmap">{"imports":{"paygate-wasm":"/node_modules/paygate-wasm/pkg/paygate_wasm.js"}}</script>`, 'misuse.js'),
  });
  const url = await servedBySandbox(dir);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 30000 });
  const misuse = await page.evaluate(() => window.misuse);
  assert.deepEqual([misuse.beforeInit.isPaygateError, misuse.beforeInit.code], [true, 'invalid_options']);
  assert.match(misuse.beforeInit.message, /await init\(\)/);
  assert.deepEqual([misuse.notFound.isPaygateError, misuse.notFound.code], [true, 'init_failed']);
  assert.match(misuse.notFound.message, /\/no-such\.wasm: HTTP 404/);
  assert.deepEqual([misuse.html.isPaygateError, misuse.html.code], [true, 'init_failed']);
  assert.match(misuse.html.message, /\/index\.html: HTTP 200 text\/html.*not WebAssembly/);
  await context.close();
});

test('Node (SSR): importing does not throw; init() and components reject clearly', () => {
  const dir = freshApp('node-ssr', {
    'ssr.mjs': `import init, { CardForm, PaygateError } from 'paygate-wasm';
const out = {};
try { await init(); out.init = 'no error'; } catch (e) { out.init = [e instanceof PaygateError, e.code, e.message]; }
try { new CardForm(null, {}); out.component = 'no error'; } catch (e) { out.component = [e instanceof PaygateError, e.code]; }
console.log(JSON.stringify(out));
`,
  });
  const out = JSON.parse(run(process.execPath, ['ssr.mjs'], dir));
  assert.deepEqual(out.init.slice(0, 2), [true, 'init_failed']);
  assert.match(out.init[2], /runs in a browser page/);
  assert.deepEqual(out.component, [true, 'invalid_options']);
});

/** Vite config that sends the merchant backend's paths to the sandbox's shop origin. */
function proxyConfig(section) {
  return `const target = process.env.SANDBOX_SHOP;
const proxy = { '/paygate': target, '/config.json': target };
export default { ${section}: { proxy } };
`;
}

/** A sandbox serving `www` as the shop's pages (same origin as the merchant backend), as they are. */
async function servedBySandbox(www) {
  const sandbox = await startSandbox(['--www', www, '--plain-www']);
  running.push({ kill: () => sandbox.stop() });
  return `${sandbox.shop}/`;
}
