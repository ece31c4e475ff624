import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { OpenOptions } from '../src/core/db/db.js';
import { openStore } from '../src/core/store/store.js';
import { ProviderName } from '../src/providers/modules.js';
import { deployedNodeArgs } from '../scripts/node-args.js';

/**
 * Processes the benchmark drives, each its own OS process so that figures (RSS, CPU) belong to one program:
 * the sandbox (`npm run sandbox`), API replicas (`node dist/src/main/index.js`), a bare Apollo on the same
 * Fastify stack. Plus the load generator and a small round-robin proxy in front of replicas.
 */

export interface Proc {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function waitForLine(proc: ChildProcess, match: (line: string) => string | null, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: proc.stdout! });
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 60 s`)), 60_000);
    rl.on('line', (line) => {
      const found = match(line);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    proc.once('exit', (code) => reject(new Error(`${what} exited with ${code}`)));
  });
}

function stopper(proc: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 15_000).unref();
    });
}

export interface Sandbox extends Proc {
  /** The `*_BASE_URL` and credential variables it printed. */
  env: Record<string, string>;
  /** Emulator root URLs, by provider (for the admin counters). */
  emulators: Record<string, string>;
}

/** `npm run sandbox` as its own process, on free ports, with the admin path (counters) on. */
export async function startSandbox(env: Record<string, string>): Promise<Sandbox> {
  const proc = spawn(process.execPath, ['dist/scripts/sandbox.js'], {
    env: {
      ...process.env,
      SANDBOX_PORT: '0',
      SANDBOX_ADMIN: 'true',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'vg-bench-sandbox-')),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vars: Record<string, string> = {};
  const emulators: Record<string, string> = {};
  await waitForLine(
    proc,
    (line) => {
      const exp = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
      if (exp) vars[exp[1]!] = exp[2]!.replace(/^'(.*)'$/, '$1');
      const emu = /^\s+(PUREWL|VPNRESELLERS|WLVPN|PUREVPN)\s+(http\S+)$/.exec(line);
      if (emu) emulators[emu[1]!] = emu[2]!;
      return Object.keys(vars).filter((k) => k.endsWith('_BASE_URL')).length === 4 ? 'ok' : null;
    },
    'sandbox',
  );
  return { proc, url: '', env: vars, emulators, stop: stopper(proc) };
}

/**
 * One API replica: the real server process, `node dist/src/main/index.js` with the deployed node flags
 * (scripts/node-args.ts) and `nodeArgs` after them.
 */
export async function startApi(env: Record<string, string>, nodeArgs: string[] = []): Promise<Proc> {
  const proc = spawn(process.execPath, [...deployedNodeArgs(), ...nodeArgs, 'dist/src/main/index.js'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await waitForLine(
    proc,
    (line) => {
      if (!line.startsWith('{')) return null;
      const msg = JSON.parse(line) as { msg?: string; url?: string };
      return msg.msg === 'vpn-graph ready' && msg.url ? msg.url : null;
    },
    'api',
  );
  return { proc, url, stop: stopper(proc) };
}

/** A bare @apollo/server on the same Fastify + @as-integrations/fastify stack (the throughput reference). */
export async function startBare(): Promise<Proc> {
  const proc = spawn(process.execPath, ['dist/bench/bare-server.js'], {
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await waitForLine(proc, (line) => (JSON.parse(line) as { url: string }).url, 'bare server');
  return { proc, url, stop: stopper(proc) };
}

export interface RoundRobinOptions {
  /**
   * Fail over: a request whose target refuses the connection or answers 503 (a replica shutting down answers
   * 503 to new requests) is sent ONCE more, to the next target; a refusing target is skipped for a second.
   * Requests then go on fresh connections (no keep-alive to a replica that may be closing). Only these two
   * cases are retried: they mean the replica did not run the request, so a mutation is never sent twice.
   */
  failover?: boolean;
}

export interface RoundRobin {
  url: string;
  /** The targets now (base URLs). */
  targets(): string[];
  add(target: string): void;
  remove(target: string): void;
  /** Requests sent again to another target, by cause (failover only). */
  retried: { refused: number; unavailable: number };
  close(): Promise<void>;
}

/** Round-robin HTTP proxy in front of replicas (a stand-in for the load balancer before them). */
export async function roundRobin(initial: string[], options: RoundRobinOptions = {}): Promise<RoundRobin> {
  const targets = [...initial];
  const skipUntil = new Map<string, number>();
  const retried = { refused: 0, unavailable: 0 };
  let next = 0;
  const pick = (not?: string): string | undefined => {
    const now = Date.now();
    for (let i = 0; i < targets.length; i++) {
      const t = targets[next++ % targets.length]!;
      if (t !== not && (skipUntil.get(t) ?? 0) <= now) return t;
    }
    return targets.find((t) => t !== not);
  };
  const server: Server = createServer((req, res) => {
    const fail = () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    };
    if (!options.failover) {
      const target = new URL(pick() ?? 'http://127.0.0.1:9');
      const up = httpRequest(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer: IncomingMessage) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      up.on('error', fail);
      req.pipe(up);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const send = (base: string | undefined, again: boolean): void => {
        if (!base) return fail();
        const target = new URL(base);
        const up = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, connection: 'close' },
            agent: false,
          },
          (answer: IncomingMessage) => {
            if (answer.statusCode === 503 && again) {
              answer.resume();
              retried.unavailable++;
              return send(pick(base), false);
            }
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        up.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ECONNREFUSED') {
            skipUntil.set(base, Date.now() + 1_000);
            if (again) {
              retried.refused++;
              return send(pick(base), false);
            }
          }
          fail();
        });
        up.end(body);
      };
      send(pick(), true);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    targets: () => [...targets],
    add: (target) => void targets.push(target),
    remove: (target) => {
      const i = targets.indexOf(target);
      if (i >= 0) targets.splice(i, 1);
    },
    retried,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  operationName?: string,
): Promise<{ data?: unknown; errors?: unknown[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown[] };
}

/** Upstream requests counted by the emulators (their admin counters). */
export async function vendorCalls(sandbox: Sandbox): Promise<number> {
  let total = 0;
  for (const url of Object.values(sandbox.emulators)) {
    total += ((await (await fetch(`${url}/__admin/stats`)).json()) as { total: number }).total;
  }
  return total;
}

/** Seconds of load before a throughput run, on each server alike, not measured: their code compiled hot (autocannon --warmup). */
export const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 2);

/** `WARMUP_S` of the same load on each of `urls` in turn, not measured. */
export async function warmLoad(urls: string[], body: string, connections: number): Promise<void> {
  for (const url of urls) await load(url, body, connections, WARMUP_S);
}

export function load(url: string, body: string, connections: number, duration: number) {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration,
  });
}

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; 100 Hz on Linux
}

/** Peak RSS (MB) of one process while `run` goes. */
export async function peakRssDuring<T>(pid: number, run: Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = status(pid, 'VmRSS');
  const timer = setInterval(() => {
    peak = Math.max(peak, status(pid, 'VmRSS'));
  }, 50);
  try {
    return { result: await run, peakMb: peak };
  } finally {
    clearInterval(timer);
  }
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Latency of one request repeated `n` times, one at a time. */
export async function timeSerial(
  n: number,
  fn: () => Promise<unknown>,
  /** Run before each timed call, untimed. */
  before?: () => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await before?.();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Runs a sync of every provider through the API (the job runs inline) and waits for each run to finish. */
export async function syncAll(url: string): Promise<void> {
  for (const provider of ['PUREWL', 'VPNRESELLERS', 'WLVPN', 'PUREVPN']) {
    const started = (await post(
      url,
      `mutation($p: Provider!) { syncProvider(input: { provider: $p }) { run { id } } }`,
      {
        p: provider,
      },
    )) as { data?: { syncProvider?: { run?: { id: string } } } };
    const id = started.data?.syncProvider?.run?.id;
    if (!id) throw new Error(`syncProvider ${provider} failed: ${JSON.stringify(started).slice(0, 300)}`);
    for (let i = 0; i < 600; i++) {
      const run = (await post(url, `query($id: ID!) { syncRun(id: $id) { status } }`, { id })) as {
        data?: { syncRun?: { status: string } };
      };
      const status = run.data?.syncRun?.status;
      if (status === 'SUCCEEDED') break;
      if (status === 'FAILED') throw new Error(`sync of ${provider} failed`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Polls /ready until every provider's mirror warm-up is complete (at most 120 s). */
export async function mirrorWarm(api: Proc): Promise<void> {
  const ready = api.url.replace(/\/graphql$/, '/ready');
  for (let i = 0; i < 480; i++) {
    const body = (await (await fetch(ready)).json()) as { mirror?: { state?: string } };
    if (body.mirror?.state === 'complete') return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the mirror did not complete its warm-up within 120 s');
}

/**
 * PureWL and PureVPN have no list call: the API knows their accounts from its directory. An API with the sandbox
 * in its own process fills it from the emulators' demo accounts at start (src/main/app.ts), as a reseller imports
 * its existing usernames; an API against the sandbox's separate process gets them here, written into the store
 * (`target`: a data directory before the API opens it, or a Postgres schema). Without this, the benchmark's
 * dashboards showed no PureWL or PureVPN account at all.
 */
export async function importDirectories(target: OpenOptions, sandbox: Sandbox): Promise<number> {
  const store = await openStore(target);
  try {
    let imported = 0;
    for (const provider of [ProviderName.PUREWL, ProviderName.PUREVPN]) {
      const res = await fetch(`${sandbox.emulators[provider]}/__sandbox/usernames`);
      if (!res.ok) throw new Error(`${provider} sandbox usernames: HTTP ${res.status} (SANDBOX_ADMIN off?)`);
      const usernames = (await res.json()) as string[];
      await store.importAccounts(
        provider,
        usernames.map((username) => ({ nativeId: username, username })),
      );
      imported += usernames.length;
    }
    return imported;
  } finally {
    await store.close();
  }
}

/**
 * Warms a mirror kept in `env.DATABASE_URL` or `env.DATA_DIR` (a directory): an API with the worker inline and
 * raised sync rates (directory refreshes and WLVPN's detail reads cover every account in one run) until /ready says
 * complete, then one full sync of every provider; stopped, so that the process measured next opens a fresh mirror
 * and runs no sync of its own.
 */
export async function warmMirrorIn(sandbox: Sandbox, env: Record<string, string>): Promise<void> {
  const dataDir = env.DATA_DIR;
  if (env.DATABASE_URL) await importDirectories({ url: env.DATABASE_URL }, sandbox);
  else if (dataDir && !dataDir.startsWith('memory://')) await importDirectories({ dataDir }, sandbox);
  else throw new Error('warmMirrorIn needs env.DATABASE_URL or env.DATA_DIR, a directory');
  const warming = await startApi({
    ...env,
    WORKER: 'inline',
    SYNC_RATE_PUREWL: '100000',
    SYNC_RATE_PUREVPN: '100000',
    SYNC_RATE_WLVPN: '100000',
  });
  try {
    await mirrorWarm(warming);
    await syncAll(warming.url);
  } finally {
    await warming.stop();
  }
}
