// End to end against the reference backend as merchants run it: two instances
// (`--role backend --database-url postgres://…`) on one PostgreSQL that this file starts itself
// (Debian's initdb and postgres in a temporary directory, as the postgres user when root), one
// Paygate process, and a round-robin balancer without sticky sessions in front of the two: each
// request of the browser goes to the next instance, and so does each URLNotify of the Paygate.
//
// The checkout flows of checkout.test.mjs run once in this topology: that file runs in a child
// `node --test` with PAYGATE_E2E_TWO_INSTANCES set, which makes support.mjs's startSandbox start
// the topology through startTwoInstances below (and keeps this file's own tests out of the child).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('../../', import.meta.url).pathname;
const TOPOLOGY = 'PAYGATE_E2E_TWO_INSTANCES';
const MISSING = "PostgreSQL is not installed: this test needs Debian's `postgresql` package "
  + '(initdb and postgres under /usr/lib/postgresql/*/bin); `bash scripts/provision.sh` installs it.';

/** Stops the server when its stdin ends (this process exited) and removes its directory. */
const WATCHDOG = `"$0/postgres" -D "$1/data" -p "$2" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \\
  -c fsync=off -c synchronous_commit=off >>"$1/log" 2>&1 &
pid=$!; read -r _; kill -INT "$pid" 2>/dev/null; wait "$pid"; rm -rf "$1"`;

/** The newest /usr/lib/postgresql/<version>/bin with initdb, or a loud failure. */
function pgBin() {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(`${base}/${v}/bin/initdb`)) : [];
  if (versions.length === 0) throw new Error(MISSING);
  return `${base}/${versions.sort((a, b) => Number(a) - Number(b)).at(-1)}/bin`;
}

/** [program, args] to run as the postgres user when this process is root. */
const asPostgres = (program, args) => (process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args]);

async function freePort() {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  return port;
}

/** A fresh PostgreSQL on a free loopback port: `{ url, stop }`. */
async function startPostgres() {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'paygate-e2e-pg-'));
  if (process.getuid() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  execFileSync(...asPostgres(`${bin}/initdb`, ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']), { stdio: 'pipe' });
  const port = await freePort();
  const watchdog = spawn(...asPostgres('sh', ['-c', WATCHDOG, bin, dir, String(port)]), { stdio: ['pipe', 'ignore', 'ignore'] });
  for (let i = 0; ; i += 1) {
    try {
      execFileSync(`${bin}/pg_isready`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-t', '1'], { stdio: 'ignore' });
      break;
    } catch (e) {
      if (i > 300) throw new Error(`postgres did not start: ${e}`, { cause: e });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() { watchdog.stdin.end(); await once(watchdog, 'exit'); },
  };
}

/** Starts the sandbox binary with `args`: `{ urls, stop }` once it printed its origins. */
async function startProcess(args) {
  const bin = [process.env.PAYGATE_SANDBOX, `${root}target/debug/paygate-sandbox`, `${root}target/release/paygate-sandbox`]
    .filter(Boolean).find(existsSync);
  if (!bin) throw new Error('paygate-sandbox is not built: cargo build -p paygate-sandbox');
  const child = spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  // Not left behind when this process ends without stop() (a test that timed out).
  process.once('exit', () => child.kill('SIGKILL'));
  const logs = [];
  child.stderr.on('data', (d) => logs.push(String(d)));
  const first = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${args[1]} exited ${code}: ${logs.join('')}`)));
  });
  return {
    urls: JSON.parse(first),
    async stop() { if (child.exitCode === null) { child.kill('SIGTERM'); await once(child, 'exit'); } },
  };
}

/**
 * A round-robin balancer to `ports`, recording which instance served each request. The
 * Paygate's URLNotify and the browser's requests take turns separately, so that neither keeps
 * the other on one instance: the browser's next request always goes to the other instance.
 */
async function startBalancer(ports) {
  const served = [];
  const next = { notify: 0, browser: 0 };
  const server = createServer((req, res) => {
    const turn = req.url === '/paygate/notify' ? 'notify' : 'browser';
    const instance = next[turn]++ % ports.length;
    served.push({ method: req.method, path: req.url, instance });
    const up = request({ host: '127.0.0.1', port: ports[instance], method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    res.on('close', () => up.destroy());
    req.pipe(up);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { origin: `http://127.0.0.1:${server.address().port}`, served, stop: () => new Promise((r) => server.close(r)) };
}

/**
 * PostgreSQL, a Paygate, two backend instances and the balancer; resolves like startSandbox
 * with `{ shop, paygate, acs, served, stop }`, `shop` being the balancer.
 */
export async function startTwoInstances(extraArgs = []) {
  const pg = await startPostgres();
  const ports = [await freePort(), await freePort()];
  const balancer = await startBalancer(ports);
  const common = ['--www', `${root}www`, '--pkg', `${root}pkg`, ...extraArgs];
  const paygate = await startProcess(['--role', 'paygate', '--ports', '0', '--shop-url', balancer.origin, ...common]);
  const backend = (port) => startProcess(['--role', 'backend', '--ports', String(port), '--paygate-url', paygate.urls.paygate,
    '--acs-url', paygate.urls.acs, '--database-url', pg.url, '--public-url', balancer.origin, ...common]);
  const instances = [await backend(ports[0]), await backend(ports[1])];
  return {
    shop: balancer.origin, paygate: paygate.urls.paygate, acs: paygate.urls.acs, served: balancer.served,
    async stop() {
      await balancer.stop();
      for (const p of [...instances, paygate]) await p.stop();
      await pg.stop();
    },
  };
}

if (!process.env[TOPOLOGY]) {
  test('a challenge payment in Chromium goes back and forth between the two instances', { timeout: 120000 }, async () => {
    const { launchBrowser, answerChallenge } = await import('./support.mjs');
    const sandbox = await startTwoInstances(['--method-timeout-ms', '1200']);
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext()).newPage();
      await page.goto(`${sandbox.shop}/test/checkout.html?size=02`);
      await page.waitForFunction(() => window.harness?.ready || window.harness?.startError);
      await page.evaluate(() => { window.harness.pay({ card: window.harness.card('4000000000001091') }); });
      await answerChallenge(page, '1234');
      await page.waitForFunction(() => window.harness.outcome !== null, null, { timeout: 30000 });
      const outcome = await page.evaluate(() => window.harness.outcome);
      assert.equal(outcome.result?.status, 'AUTHORIZED', JSON.stringify(outcome));
      const backend = sandbox.served.filter((r) => r.path.startsWith('/paygate/'));
      const instances = (pred) => new Set(backend.filter(pred).map((r) => r.instance));
      assert.deepEqual(instances(() => true), new Set([0, 1]), JSON.stringify(backend));
      assert.equal(backend.filter((r) => r.path === '/paygate/notify').length >= 2, true, 'the challenge and the final URLNotify');
      const created = backend.find((r) => r.method === 'POST' && r.path === '/paygate/payments');
      const later = instances((r) => r.path.startsWith('/paygate/payments/'));
      assert.ok([...later].some((i) => i !== created.instance), 'the result or a poll reached the other instance');
    } finally {
      await browser.close();
      await sandbox.stop();
    }
  });

  test('the checkout flows (checkout.test.mjs) pass against two instances on PostgreSQL', { timeout: 900000 }, async () => {
    // A fresh test runner (node marks its own children with NODE_TEST_CONTEXT, which would make
    // this one skip its files).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NODE_TEST')));
    const child = spawn(process.execPath, ['--test', '--test-concurrency=1', `${root}tests/e2e/checkout.test.mjs`], {
      cwd: root, env: { ...env, [TOPOLOGY]: '1' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = [];
    child.stdout.on('data', (d) => output.push(String(d)));
    child.stderr.on('data', (d) => output.push(String(d)));
    const [code] = await once(child, 'exit');
    const text = output.join('');
    assert.equal(code, 0, text.slice(-6000));
    assert.match(text, /# fail 0/);
    assert.match(text, /# pass [1-9]/, 'the checkout tests ran');
  });
}
