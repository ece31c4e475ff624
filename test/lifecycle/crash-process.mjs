import { openSync } from 'node:fs';
const require_log = () => openSync(process.env.CRASH_LOG ?? '/dev/null', 'a');
// Manual crash test (needs `npm run build`): the real server pointed at `npm run sandbox` through *_BASE_URL,
// 50 concurrent WLVPN creates with distinct keys, kill -9 at a random moment, restart on the same DATA_DIR,
// retry every key; every crash_* account at the vendor must be answered exactly once. Run: node test/lifecycle/crash-process.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
const dir = mkdtempSync('/tmp/crash-data-');
const sandbox = spawn('node', ['dist/scripts/sandbox.js'], {
  env: { ...process.env, SANDBOX_PORT: '4210' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
sandbox.stdout.on('data', (d) => (out += d));
await new Promise((r) => setTimeout(r, 1500));
const vars = Object.fromEntries(
  [...out.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1], m[2].replace(/^'|'$/g, '')]),
);
const env = {
  ...process.env,
  ...vars,
  PORT: '4320',
  DATA_DIR: dir,
  ALLOW_ANONYMOUS: 'true',
  LOG_LEVEL: 'error',
  INTENT_LEASE_MS: '1500',
  WORKER: 'inline',
};
const start = async () => {
  const p = spawn('node', ['dist/src/index.js'], { env, stdio: ['ignore', 'ignore', require_log()] });
  for (let i = 0; i < 300; i++) {
    try {
      await fetch('http://127.0.0.1:4320/health');
      return p;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('no start');
};
const q =
  'mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username } userErrors { code message } replayed } }';
const call = (i) =>
  fetch('http://127.0.0.1:4320/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: q,
      variables: { input: { provider: 'WLVPN', username: `crash_${i}`, idempotencyKey: `crash-${i}` } },
    }),
  })
    .then((r) => r.json())
    .catch((e) => ({ error: String(e.cause?.code ?? e) }));
// slow the vendor so creates are in flight when the process dies
await fetch('http://127.0.0.1:4212/__admin/faults', {
  method: 'POST',
  body: '{"kind":"latency","latencyMs":150}',
}).catch(() => {});
let server = await start();
const pending = Array.from({ length: 50 }, (_, i) => call(i));
await new Promise((r) => setTimeout(r, 50 + Math.random() * 300));
server.kill('SIGKILL');
const first = await Promise.all(pending);
console.log(
  'answers before the kill:',
  first.filter((a) => a.data?.createAccount?.account).length,
  'lost in flight:',
  first.filter((a) => a.error).length,
);
server = await start();
const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => call(i)));
const ok = answers.filter((a) => a.data?.createAccount?.account);
console.log(
  'after restart, retried every key: accounts',
  ok.length,
  'replayed',
  ok.filter((a) => a.data.createAccount.replayed).length,
  'errors',
  JSON.stringify(
    answers.filter((a) => !a.data?.createAccount?.account).map((a) => a.data?.createAccount?.userErrors ?? a.error),
  ).slice(0, 400),
);
const list = await fetch('http://127.0.0.1:4320/graphql', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query:
      '{ accounts(first: 100, filter: { providers: [WLVPN], usernamePrefix: "crash_" }) { totalCount edges { node { username } } } }',
  }),
}).then((r) => r.json());
const names = list.data.accounts.edges.map((e) => e.node.username);
console.log(
  'vendor accounts crash_*:',
  names.length,
  'unique',
  new Set(names).size,
  'answered usernames',
  new Set(ok.map((a) => a.data.createAccount.account.username)).size,
);
if (names.length !== 50 || new Set(names).size !== 50 || ok.length !== 50) process.exitCode = 1;
server.kill('SIGKILL');
sandbox.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1500));
