import fs from 'node:fs';
import path from 'node:path';

/**
 * One process per data directory. PGlite's files must be owned by a single process; a second one on the
 * same DATA_DIR would corrupt them. The lock is `<dir>/vpn-graph.lock`, created with O_EXCL (atomic on
 * local filesystems), holding the owner's pid and start time. A lock whose pid is not alive — or whose pid
 * now belongs to another process (Linux: the process start time in /proc differs) — is stale and taken over.
 *
 * Take-over renames the stale file aside first and checks that what it moved is still the stale lock it
 * read; if another process took over in between, that lock is put back and this process refuses.
 */

export const LOCK_FILE = 'vpn-graph.lock';

export interface LockOwner {
  pid: number;
  /** ISO time the owner took the lock. */
  startedAt: string;
  /** Owner's start time in clock ticks since boot (Linux /proc/<pid>/stat field 22), when known. */
  procStart?: string;
  host?: string;
}

export class DirLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `data directory ${dir} is in use by another vpn-graph process (pid ${owner.pid}, since ${owner.startedAt}); ` +
        `stop it or use another DATA_DIR`,
    );
    this.name = 'DirLockedError';
  }
}

export interface DirLock {
  readonly file: string;
  release(): void;
}

export function acquireDirLock(dir: string): DirLock {
  const absolute = path.resolve(dir);
  fs.mkdirSync(absolute, { recursive: true });
  const file = path.join(absolute, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ...optional('procStart', procStartOf(process.pid)),
    host: process.env.HOSTNAME ?? undefined,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, me)) return handle(file, me);
    const text = readOrNull(file);
    if (text === null) continue; // released meanwhile: try again
    const owner = parse(text);
    if (owner && isAlive(owner)) throw new DirLockedError(absolute, owner);
    // stale (or unreadable garbage): move it aside, and make sure we moved the file we judged
    const aside = `${file}.stale-${process.pid}-${Date.now()}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOrNull(aside);
    if (moved !== text) {
      // someone else's fresh lock: put it back (link fails if yet another one appeared) and refuse
      try {
        fs.linkSync(aside, file);
      } catch {
        /* another process holds a newer lock */
      }
      fs.rmSync(aside, { force: true });
      const fresh = parse(moved ?? '') ?? { pid: -1, startedAt: 'unknown' };
      throw new DirLockedError(absolute, fresh);
    }
    fs.rmSync(aside, { force: true });
  }
  const owner = parse(readOrNull(file) ?? '') ?? { pid: -1, startedAt: 'unknown' };
  throw new DirLockedError(absolute, owner);
}

function handle(file: string, me: LockOwner): DirLock {
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    // only remove our own lock
    const owner = parse(readOrNull(file) ?? '');
    if (owner?.pid === me.pid && owner.startedAt === me.startedAt) fs.rmSync(file, { force: true });
    process.removeListener('exit', release);
  };
  // best effort on process.exit(); a kill -9 leaves a stale lock that the next start takes over
  process.on('exit', release);
  return { file, release };
}

function tryCreate(file: string, me: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_WRONLY, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, JSON.stringify(me));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parse(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return null;
    return {
      pid: value.pid,
      startedAt: typeof value.startedAt === 'string' ? value.startedAt : 'unknown',
      ...optional('procStart', typeof value.procStart === 'string' ? value.procStart : undefined),
    };
  } catch {
    return null;
  }
}

export function isAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to another user — alive
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (owner.procStart !== undefined) {
    const now = procStartOf(owner.pid);
    if (now !== undefined && now !== owner.procStart) return false; // pid reused by another process
  }
  return true;
}

function procStartOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19]; // field 22 overall
  } catch {
    return undefined;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
