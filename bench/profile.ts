import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, post, startApi, startSandbox, warmMirrorIn, vendorCalls, type Proc, type Sandbox } from './procs.js';

/**
 * `npm run bench:profile`: the API process under `node --cpu-prof`, loaded with the trivial query and with the
 * live dashboard, each profile summarised by self time — grouped by package (node_modules), by our own module
 * (src/<folder>/<file>) and by V8/Node internals — into bench/PROFILE.md. The previous run's tables stay beside
 * the new ones, so a change shows where its time went. Emulators in their own process, 20 ms per vendor call.
 */

const DOC = 'bench/PROFILE.md';
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const TOP = 20;

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  /** µs, the process's monotonic clock */
  startTime: number;
  endTime: number;
  samples: number[];
  /** µs between samples */
  timeDeltas: number[];
}

const fragment =
  /fragment AccountSummary on Account \{[^}]*\}/.exec(
    readFileSync('schema/operations/fragments.graphql', 'utf8'),
  )?.[0] ?? '';
const dashboardOps = `${readFileSync('schema/operations/dashboard.graphql', 'utf8')}\n${fragment}`;

interface Scenario {
  name: string;
  what: string;
  request: { query: string; variables?: Record<string, unknown>; operationName?: string };
  clients: number;
  /**
   * Warm the mirror first in another process (worker inline, raised sync rates, until /ready says complete) whose
   * data directory the profiled process (worker off: no sync shares its CPU) then opens.
   */
  warmMirror?: boolean;
}

const ONLY = process.env.BENCH_PROFILE_ONLY?.split(',');
const SCENARIOS: Scenario[] = [
  {
    name: 'trivial',
    what: '`{ __typename }`, 50 clients',
    request: { query: '{ __typename }' },
    clients: 50,
  },
  {
    name: 'dashboard',
    what: '`AccountDashboard(first: 100)` live (`maxAge: 0`), 4 clients',
    request: { query: dashboardOps, variables: { first: 100, maxAge: 0 }, operationName: 'AccountDashboard' },
    clients: 4,
  },
  {
    name: 'mirror',
    what: '`AccountDashboard(first: 100)` mirror-served (warm mirror, fresh `maxAge`), 1 client',
    request: { query: dashboardOps, variables: { first: 100, maxAge: 86_400_000 }, operationName: 'AccountDashboard' },
    clients: 1,
    warmMirror: true,
  },
];

/** Where a frame's self time is counted: a package, one of our modules, or Node/V8 itself. */
export function groupOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const ours = /\/dist\/((?:src|bench|scripts)\/.*?)\.js/.exec(url);
  if (ours) return ours[1]!;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  return url;
}

interface Summary {
  samples: number;
  seconds: number;
  requests: number;
  /** vendor calls the emulators counted during the load */
  vendorCalls?: number;
  groups: Array<[string, number]>;
  frames: Array<[string, number]>;
}

/**
 * Self time of the samples within `window` (ms since the profile started: the load run, not the start-up,
 * which would otherwise dominate with module compilation and the embedded database's start).
 */
export function summarise(profile: CpuProfile, requests: number, window: { fromMs: number; toMs: number }): Summary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    at += (profile.timeDeltas[i] ?? 0) / 1000;
    if (at >= window.fromMs && at <= window.toMs) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  const groups = new Map<string, number>();
  const frames = new Map<string, number>();
  let busy = 0;
  for (const [id, n] of hits) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    busy += n;
    const group = groupOf(url, functionName);
    groups.set(group, (groups.get(group) ?? 0) + n);
    const frame = `${functionName || '(anonymous)'} — ${group}${url ? `:${lineNumber + 1}` : ''}`;
    frames.set(frame, (frames.get(frame) ?? 0) + n);
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .map(([k, v]) => [k, v / Math.max(1, busy)] as [string, number]);
  return {
    samples: busy,
    seconds: (window.toMs - window.fromMs) / 1000,
    requests,
    groups: top(groups),
    frames: top(frames),
  };
}

async function profileOne(sandbox: Sandbox, scenario: Scenario): Promise<Summary> {
  const dir = mkdtempSync(join(tmpdir(), `vg-profile-${scenario.name}-`));
  const dataDir = scenario.warmMirror ? mkdtempSync(join(tmpdir(), 'vg-profile-data-')) : 'memory://';
  const env = { ...sandbox.env, ALLOW_ANONYMOUS: 'true', DATA_DIR: dataDir, WORKER: 'off' };
  if (scenario.warmMirror) await warmMirrorIn(sandbox, env);
  const spawnedAt = Date.now();
  const api: Proc = await startApi(env, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    // warm: the first requests compile, log in to the vendors and fill the caches
    const { query, variables, operationName } = scenario.request;
    for (let i = 0; i < 5; i++) {
      const res = await post(api.url, query, variables, operationName);
      if (res.errors) throw new Error(`${scenario.name}: ${JSON.stringify(res.errors).slice(0, 300)}`);
    }
    const fromMs = Date.now() - spawnedAt;
    const callsBefore = await vendorCalls(sandbox);
    const result = await load(api.url, JSON.stringify(scenario.request), scenario.clients, DURATION_S);
    const toMs = Date.now() - spawnedAt;
    const calls = (await vendorCalls(sandbox)) - callsBefore;
    await api.stop(); // --cpu-prof writes the profile when the process exits
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile written in ${dir}`);
    return {
      ...summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, result.requests.total, {
        fromMs,
        toMs,
      }),
      vendorCalls: calls,
    };
  } finally {
    await api.stop();
    if (scenario.warmMirror) rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(title: string, rows: Array<[string, number]>): string {
  return [
    `| ${title} | self time |`,
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k.replace(/\|/g, '\\|')} | ${(v * 100).toFixed(1)} % |`),
  ].join('\n');
}

function section(s: Summary, when: string): string {
  return [
    `Run ${when}: ${s.requests} requests in ${s.seconds.toFixed(1)} s of load, ${s.vendorCalls ?? '?'} vendor calls, ${s.samples} busy samples (start-up excluded).`,
    '',
    table('package / module', s.groups),
    '',
    table('function', s.frames),
  ].join('\n');
}

/** Replaces a scenario's "this run" block, moving the old one to "previous run". */
function write(doc: string, name: string, what: string, fresh: string): string {
  const start = `<!-- profile:${name}:start -->`;
  const end = `<!-- profile:${name}:end -->`;
  const block = (now: string, before: string) =>
    `${start}\n## ${what}\n\n### This run\n\n${now}\n\n### Previous run\n\n${before}\n${end}`;
  const at = doc.indexOf(start);
  if (at < 0) return `${doc.trimEnd()}\n\n${block(fresh, '(none)')}\n`;
  const old = doc.slice(at, doc.indexOf(end) + end.length);
  const previous = /### This run\n\n([\s\S]*?)\n\n### Previous run/.exec(old)?.[1] ?? '(none)';
  return doc.replace(old, block(fresh, previous));
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ SANDBOX_LATENCY_MS: String(LATENCY_MS), SANDBOX_ACCOUNTS: '1000' });
  let doc = existsSync(DOC)
    ? readFileSync(DOC, 'utf8')
    : '# Where the time goes (`npm run bench:profile`)\n\nSelf time per package / module and per function of the API process under `node --cpu-prof` (idle excluded), emulators in their own process.\n';
  try {
    for (const scenario of SCENARIOS.filter((s) => !ONLY || ONLY.includes(s.name))) {
      const summary = await profileOne(sandbox, scenario);
      doc = write(doc, scenario.name, scenario.what, section(summary, new Date().toISOString()));
      process.stdout.write(`profiled ${scenario.name}: ${summary.requests} requests\n`);
    }
  } finally {
    await sandbox.stop();
  }
  writeFileSync(DOC, doc);
  process.stdout.write(`wrote ${DOC}\n`);
}

if (process.argv[1]?.endsWith('profile.js')) await main();
