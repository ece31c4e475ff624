import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpuSeconds, load, post, startApi, startBare, startSandbox, warmLoad } from './procs.js';
import { summarise } from './profile.js';

/**
 * `npm run bench:trivial`: the trivial-query row of `npm run bench` alone, repeated. The API starts as in the
 * bench (emulators in their own process, 20 ms per vendor call, WORKER=inline) and first answers one live
 * dashboard and a sync of one provider, so that it has made vendor calls in requests and in background work
 * (whatever those switch on stays on for the process) before it is measured. Then `{ __typename }` at 50 clients
 * against ours and the bare @apollo/server on the same Fastify stack, in turn, BENCH_PAIRS times (default 3):
 * each pair's ratio, CPU seconds per 1,000 requests, and the median ratio. With BENCH_CPU_PROF=1 the API runs
 * under `node --cpu-prof` and the top self-time frames of the load runs are printed (bench/profile.ts's grouping).
 */

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const TRIVIAL = JSON.stringify({ query: '{ __typename }' });
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? mkdtempSync(join(tmpdir(), 'vg-trivial-prof-')) : undefined;
const fragment =
  /fragment AccountSummary on Account \{[^}]*\}/.exec(
    readFileSync('schema/operations/fragments.graphql', 'utf8'),
  )?.[0] ?? '';
const ops = `${readFileSync('schema/operations/dashboard.graphql', 'utf8')}\n${fragment}`;

async function measured(pid: number, url: string) {
  const cpu0 = cpuSeconds(pid);
  const result = await load(url, TRIVIAL, 50, DURATION_S);
  const cpuPer1k = ((cpuSeconds(pid) - cpu0) / Math.max(1, result.requests.total)) * 1000;
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuPer1k,
  };
}

async function warm(url: string): Promise<void> {
  const dash = await post(url, ops, { first: 100, maxAge: 0 }, 'AccountDashboard');
  if (dash.errors) throw new Error(`AccountDashboard failed: ${JSON.stringify(dash.errors).slice(0, 300)}`);
  const started = (await post(url, `mutation { syncProvider(input: { provider: WLVPN }) { run { id } } }`)) as {
    data?: { syncProvider?: { run?: { id: string } } };
  };
  const id = started.data?.syncProvider?.run?.id;
  if (!id) throw new Error(`syncProvider failed: ${JSON.stringify(started).slice(0, 300)}`);
  for (let i = 0; i < 600; i++) {
    const run = (await post(url, `query($id: ID!) { syncRun(id: $id) { status } }`, { id })) as {
      data?: { syncRun?: { status: string } };
    };
    if (run.data?.syncRun?.status === 'SUCCEEDED') return;
    if (run.data?.syncRun?.status === 'FAILED') throw new Error('sync failed');
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('sync did not finish in 60 s');
}

const sandbox = await startSandbox({ SANDBOX_LATENCY_MS: String(LATENCY_MS), SANDBOX_ACCOUNTS: '1000' });
try {
  const spawnedAt = Date.now();
  const api = await startApi(
    { ...sandbox.env, ALLOW_ANONYMOUS: 'true', DATA_DIR: 'memory://', WORKER: 'inline', SYNC_RATE_WLVPN: '100000' },
    PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
  );
  const bare = await startBare();
  const windows: Array<{ fromMs: number; toMs: number }> = [];
  let requests = 0;
  try {
    await warm(api.url);
    // Both compiled hot before the first pair (bench/run.ts does the same): load, not measured.
    await warmLoad([api.url, bare.url], TRIVIAL, 50);
    const ratios: number[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const fromMs = Date.now() - spawnedAt;
      const ours = await measured(api.proc.pid!, api.url);
      windows.push({ fromMs, toMs: Date.now() - spawnedAt });
      requests += ours.requests;
      const theirs = await measured(bare.proc.pid!, bare.url);
      const ratio = ours.rps / theirs.rps;
      ratios.push(ratio);
      const f = (m: typeof ours) =>
        `${m.rps.toFixed(0)} req/s, p50 ${m.p50} / p99 ${m.p99} ms, ${m.cpuPer1k.toFixed(3)} CPU s/1k`;
      process.stdout.write(`pair ${i + 1}: ours ${f(ours)} | bare ${f(theirs)} | ${ratio.toFixed(2)}×\n`);
    }
    const sorted = [...ratios].sort((a, b) => a - b);
    process.stdout.write(`median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)}× bare (target ≥ 0.8×)\n`);
  } finally {
    await bare.stop();
    await api.stop();
  }
  if (PROFILE_DIR) {
    const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written in ${PROFILE_DIR}`);
    const profile = JSON.parse(readFileSync(join(PROFILE_DIR, file), 'utf8')) as Parameters<typeof summarise>[0];
    // the load runs only: one summary over the first to the last (the bare runs between them leave ours idle)
    const s = summarise(profile, requests, { fromMs: windows[0]!.fromMs, toMs: windows.at(-1)!.toMs });
    process.stdout.write(`\n${s.samples} busy samples, ${requests} requests\n`);
    for (const [title, rows] of [
      ['package / module', s.groups],
      ['function', s.frames],
    ] as const) {
      process.stdout.write(`\n| ${title} | self time |\n|---|---|\n`);
      for (const [k, v] of rows) process.stdout.write(`| ${k.replace(/\|/g, '\\|')} | ${(v * 100).toFixed(1)} % |\n`);
    }
  }
} finally {
  await sandbox.stop();
}
process.exit(0);
