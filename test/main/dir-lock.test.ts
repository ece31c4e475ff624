import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { jest } from '@jest/globals';
import { acquireDirLock, DirLockedError, LOCK_FILE } from '../../src/lib/dir-lock.js';
import { buildOnce, killAll, spawnServer, tempDataDir, waitReady } from './process.js';

/** One process per DATA_DIR: the lock file, its stale-lock recovery, and the real process refusing a second start. */
jest.setTimeout(120_000);

const dirs: string[] = [];
const dir = (): string => {
  const d = tempDataDir();
  dirs.push(d);
  return d;
};

/** A pid that is certainly not alive: a child that has already exited. */
const deadPid = (): Promise<number> =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.once('exit', () => resolve(child.pid ?? 999_999));
  });

afterAll(async () => {
  await killAll();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('dir lock (in process)', () => {
  it('creates the lock with pid and start time, refuses a second holder, and releases', () => {
    const d = dir();
    const lock = acquireDirLock(d);
    const owner = JSON.parse(fs.readFileSync(path.join(d, LOCK_FILE), 'utf8')) as { pid: number; startedAt: string };
    expect(owner.pid).toBe(process.pid);
    expect(Date.parse(owner.startedAt)).not.toBeNaN();
    let error: unknown;
    try {
      acquireDirLock(d);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DirLockedError);
    expect((error as Error).message).toContain(path.resolve(d));
    expect((error as Error).message).toContain(`pid ${process.pid}`);
    lock.release();
    expect(fs.existsSync(path.join(d, LOCK_FILE))).toBe(false);
    acquireDirLock(d).release();
  });

  it('takes over a stale lock (dead pid) and a garbage lock file', async () => {
    const d = dir();
    fs.writeFileSync(
      path.join(d, LOCK_FILE),
      JSON.stringify({ pid: await deadPid(), startedAt: '2020-01-01T00:00:00Z' }),
    );
    const lock = acquireDirLock(d);
    expect(JSON.parse(fs.readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
    fs.writeFileSync(path.join(d, LOCK_FILE), 'not json');
    acquireDirLock(d).release();
    expect(fs.readdirSync(d).filter((f) => f.includes('stale'))).toEqual([]);
  });

  it('treats a live pid whose process start time differs (pid reused) as stale', () => {
    if (!fs.existsSync('/proc/self/stat')) return;
    const d = dir();
    fs.writeFileSync(path.join(d, LOCK_FILE), JSON.stringify({ pid: process.pid, startedAt: 'x', procStart: '1' }));
    acquireDirLock(d).release();
  });
});

describe('one process per DATA_DIR (real processes)', () => {
  beforeAll(async () => {
    await buildOnce();
  }, 120_000);

  it('a second server on the same DATA_DIR refuses to start, naming the directory and the owner pid; after kill -9 of the owner a new one starts', async () => {
    const d = dir();
    const first = await spawnServer({ DATA_DIR: d });
    await waitReady(first);

    const second = await spawnServer({ DATA_DIR: d });
    const refused = await second.exited;
    process.stdout.write(`dir-lock: second process → exit ${refused.code}: ${second.output().trim()}\n`);
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(second.output()).toContain(path.resolve(d));
    expect(second.output()).toContain(`pid ${first.child.pid}`);
    expect((await fetch(`${first.url}/health`)).status).toBe(200); // the owner is unharmed

    first.kill('SIGKILL');
    await first.exited;
    expect(fs.existsSync(path.join(d, LOCK_FILE))).toBe(true); // stale lock left behind

    const third = await spawnServer({ DATA_DIR: d });
    await waitReady(third);
    const res = await fetch(`${third.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ providers { name } }' }),
    });
    expect(res.status).toBe(200);
    third.kill('SIGTERM');
    expect((await third.exited).code).toBe(0);
  }, 300_000); // three real starts: about a minute on a busy 2-core machine, more beside other suites
});
