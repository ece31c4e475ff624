import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deployedNodeArgs } from '../../scripts/node-args.js';

/**
 * Runs the real server (`node dist/src/main/index.js`) as an OS process. The build goes to its own directory
 * (node_modules/.cache/vpn-graph-proc) so it neither races nor clobbers `npm run build`; suites share one
 * build per source state (a stamp of the newest source mtime, src/ and scripts/), serialised by an O_EXCL lock file.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The real-process build's directory (its src/ and scripts/ mirror the repository's). */
export const BUILD_DIR = path.join(ROOT, 'node_modules/.cache/vpn-graph-proc');
const OUT = BUILD_DIR;
export const ENTRY = path.join(OUT, 'src/main/index.js');
/** The standalone sandbox (`npm run sandbox`) in the same build. */
export const SANDBOX_ENTRY = path.join(OUT, 'scripts/sandbox.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export async function buildOnce(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const stampFile = path.join(OUT, '.stamp');
  const stamp = String(
    Math.max(
      newestMtime(path.join(ROOT, 'src')),
      newestMtime(path.join(ROOT, 'scripts')),
      fs.statSync(path.join(ROOT, 'package.json')).mtimeMs,
    ),
  );
  const lockFile = path.join(OUT, '.build-lock');
  for (;;) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lockFile, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lockFile, { force: true });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (fs.readFileSync(stampFile, { encoding: 'utf8', flag: 'a+' }) === stamp && fs.existsSync(ENTRY)) return;
    // outDir here: tsconfig's rootDir is the repo, so src lands in OUT/src
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT],
      {
        cwd: ROOT,
        stdio: 'pipe',
      },
    );
    fs.writeFileSync(stampFile, stamp);
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vpn-graph-proc-'));
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  at: number;
}

export interface ServerProcess {
  child: ChildProcess;
  /** The port the process bound (it binds port 0 and says which in its "ready at" line); 0 until then. */
  readonly port: number;
  /** http://127.0.0.1:<port> (port 0 — nothing listens — until the process said where it listens). */
  readonly url: string;
  exited: Promise<Exit>;
  output(): string;
  kill(signal?: NodeJS.Signals): void;
}

const running = new Set<ChildProcess>();

const READY_LINE = /ready at http:\/\/[^:/\s]+:(\d+)\//;

/**
 * Starts `node <ENTRY>`; does not wait for it to be ready (see waitReady). It listens on port 0 (unless `env`
 * names a PORT) and the port is read from its own "ready at" line: a port picked beforehand could be taken by
 * another process before the child binds it (EADDRINUSE, seen on a busy CI machine).
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...deployedNodeArgs(ROOT), ENTRY], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let port = 0;
  const take = (c: Buffer) => {
    out += c.toString('utf8');
    if (!port) port = Number(READY_LINE.exec(out)?.[1] ?? 0);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal, at: Date.now() });
    });
  });
  return {
    child,
    get port() {
      return port;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    exited,
    output: () => out,
    kill: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/**
 * Resolves when /health answers; rejects when the process exits first. No deadline of its own: a start on a
 * loaded machine is slow, not failed (a start that hangs is the test's timeout to catch).
 */
export async function waitReady(p: ServerProcess): Promise<void> {
  let exited = false;
  void p.exited.then(() => (exited = true));
  for (;;) {
    if (exited) throw new Error(`server exited before it was ready:\n${p.output()}`);
    if (!p.port) {
      await new Promise((r) => setTimeout(r, 100)); // it has not said where it listens yet
      continue;
    }
    try {
      const res = await fetch(`${p.url}/health`);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** For afterAll: SIGKILL every process still running. */
export async function killAll(): Promise<void> {
  const waits = [...running].map(
    (child) =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  await Promise.all(waits);
}

export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{
  status: number;
  body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as never };
}
