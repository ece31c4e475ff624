import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS } from './migrations.js';
import { SpanKind, hasActiveTrace, sqlSummary, withSpan } from '../../lib/tracing.js';

/**
 * The database behind the store: embedded PGlite (real Postgres in WASM) by default, or a Postgres server
 * through `pg` when a URL is given. The same SQL runs on both.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** Postgres only: the connection string (the job queue opens its own small pool with it). */
  readonly url?: string;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /**
   * PGlite only: a read-only statement whose rows are answered again while nothing has been written to the
   * database since they were read (see `ReadMemo`); the rows are frozen (shared between callers). Use it through
   * `queryMemo`, which falls back to `query` elsewhere (a Postgres server has other writers).
   */
  queryMemo?<T>(sql: string, params?: unknown[]): Promise<readonly T[]>;
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Raw SQL for the job queue (pg-boss's `db.executeSql`): with values, one parameterised statement; without,
   * a script of several statements whose last result is answered. On PGlite it joins the same queue as
   * every other statement, so it never interleaves with a transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  /**
   * LISTEN on a channel: `onPayload` gets every NOTIFY payload (delivered when the notifying transaction commits,
   * whichever process made it). Postgres: on a connection of its own, reconnected after a failure (what was sent
   * meanwhile is lost). Answers the function that stops listening. Not available inside a transaction.
   */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * PGlite only: one round of the embedded autovacuum (see `EmbeddedAutovacuum`); it also runs on its own every
   * AUTOVACUUM_NAPTIME_MS. Answers the tables it vacuumed and analysed.
   */
  maintain?(): Promise<MaintenanceRound>;
  close(): Promise<void>;
}

export interface MaintenanceRound {
  vacuumed: string[];
  analyzed: string[];
}

/** `db.queryMemo` where the database has one (PGlite), else a plain query. */
export function queryMemo<T>(db: Db, sql: string, params: unknown[] = []): Promise<readonly T[]> {
  return db.queryMemo ? db.queryMemo<T>(sql, params) : db.query<T>(sql, params);
}

/** Statements that cannot change what a SELECT answers: a plain SELECT (no row locks), EXPLAIN, SHOW, ANALYZE, VACUUM. */
const READ_ONLY = /^\s*(?:SELECT|EXPLAIN|SHOW|ANALYZE|VACUUM)\b/i;
const LOCKING = /\bFOR\s+(?:UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b/i;
const readOnly = (sql: string): boolean => READ_ONLY.test(sql) && !LOCKING.test(sql) && !sql.includes(';');

/**
 * The job queue's own writes (pg-boss polls its tables several times a second): statements whose every write
 * target is a table of its schema (`pgboss`, or `<schema>_pgboss`), which no remembered read reads.
 */
const WRITE_TARGET =
  /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|MERGE\s+INTO)\s+(?:ONLY\s+)?("?[\w$]+"?(?:\s*\.\s*"?[\w$]+"?)?)/gi;
const NOT_A_TARGET = /\bFOR\s+(?:NO\s+KEY\s+)?UPDATE\b|\bDO\s+UPDATE\b/gi;
const JOB_QUEUE_TABLE = /^(?:\w+_)?pgboss\./;
export function writesJobQueueOnly(sql: string): boolean {
  if (!/^\s*(?:WITH|INSERT|UPDATE|DELETE|SELECT)\b/i.test(sql) || sql.includes(';')) return false;
  const targets = [...sql.replace(NOT_A_TARGET, ' ').matchAll(WRITE_TARGET)].map((m) =>
    (m[1] as string).replace(/["\s]/g, '').toLowerCase(),
  );
  return targets.length > 0 && targets.every((t) => JOB_QUEUE_TABLE.test(t));
}

/** A statement that cannot change what a remembered read answers (the memo survives it). */
const keepsMemo = (sql: string): boolean => readOnly(sql) || writesJobQueueOnly(sql);

/** Most results `ReadMemo` keeps, and most rows across them (least recently used dropped first). */
const MEMO_MAX = 64;
const MEMO_MAX_ROWS = 5_000;

/**
 * Results of read-only statements, answered again while nothing has been written since they were read. Exact for
 * the embedded database only: one process owns its data directory (the directory lock), so every write passes
 * through this process's `PgliteDb`, which calls `written()` when any statement that may write completes (anything
 * but a plain SELECT, EXPLAIN, SHOW, ANALYZE or VACUUM, or a write to the job queue's own tables alone; every
 * transaction and raw script; our SELECTs call no function that writes table data). A result read while a write
 * ran is not kept. Bounded: MEMO_MAX results and MEMO_MAX_ROWS rows across them; frozen, as callers share them.
 */
class ReadMemo {
  private generation = 0;
  private rows = 0;
  private readonly results = new Map<string, readonly unknown[]>();

  written(): void {
    this.generation++;
    this.rows = 0;
    this.results.clear();
  }

  async read<T>(key: string, run: () => Promise<T[]>): Promise<readonly T[]> {
    const hit = this.results.get(key);
    if (hit) {
      this.results.delete(key); // most recently used last
      this.results.set(key, hit);
      return hit as readonly T[];
    }
    const generation = this.generation;
    const rows = deepFreeze(await run());
    if (generation === this.generation && rows.length <= MEMO_MAX_ROWS && !this.results.has(key)) {
      this.results.set(key, rows);
      this.rows += rows.length;
      while (this.results.size > MEMO_MAX || this.rows > MEMO_MAX_ROWS) {
        const [oldest, dropped] = this.results.entries().next().value as [string, readonly unknown[]];
        this.results.delete(oldest);
        this.rows -= dropped.length;
      }
    }
    return rows;
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** How often the embedded autovacuum looks at the tables (Postgres's autovacuum_naptime is 60 s). */
export const AUTOVACUUM_NAPTIME_MS = 30_000;

const NO_LISTEN_IN_TX = async (): Promise<never> => {
  throw new Error('LISTEN is not available inside a transaction');
};

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  /** PGlite is one connection: transactions are serialised so statements of two callers never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private autovacuum: EmbeddedAutovacuum | undefined;
  private readonly memo = new ReadMemo();

  constructor(private readonly lite: PGlite) {}

  /** Starts the embedded autovacuum: a first ANALYZE of every table now (statistics are not kept across restarts). */
  startAutovacuum(): void {
    this.autovacuum ??= new EmbeddedAutovacuum((sql) => this.query(sql));
  }

  maintain(): Promise<MaintenanceRound> {
    this.startAutovacuum();
    return (this.autovacuum as EmbeddedAutovacuum).round();
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    // Single statements wait for any open transaction to finish.
    const run = this.serial(async () => (await this.lite.query<T>(sql, params)).rows);
    return keepsMemo(sql) ? run : this.writing(run);
  }

  async queryMemo<T>(sql: string, params: unknown[] = []): Promise<readonly T[]> {
    if (!readOnly(sql) || !/^\s*SELECT\b/i.test(sql) || /pgboss\./i.test(sql))
      throw new Error('queryMemo takes read-only SELECTs (not of the job queue) only');
    return this.memo.read(`${sql}\u0000${JSON.stringify(params)}`, () => this.query<T>(sql, params));
  }

  /** What may have written: remembered results are dropped once it is over (committed or not). */
  private writing<T>(done: Promise<T>): Promise<T> {
    return done.finally(() => this.memo.written());
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.writing(this.transactionOnce(fn));
  }

  private transactionOnce<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.serial(() =>
      this.lite.transaction(async (tx) => {
        const inner: Db = {
          kind: 'pglite',
          query: async <R>(sql: string, params: unknown[] = []) => (await tx.query<R>(sql, params)).rows,
          transaction: (f) => f(inner),
          executeSql: async (text, values) =>
            values && values.length > 0
              ? { rows: (await tx.query(text, values)).rows }
              : { rows: (await tx.exec(text)).at(-1)?.rows ?? [] },
          listen: NO_LISTEN_IN_TX,
          close: async () => undefined,
        };
        return fn(inner);
      }),
    );
  }

  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    const run = this.serial(async () =>
      values && values.length > 0
        ? { rows: (await this.lite.query(text, values)).rows }
        : { rows: (await this.lite.exec(text)).at(-1)?.rows ?? [] },
    );
    return keepsMemo(text) ? run : this.writing(run);
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // PGlite is one connection: its own NOTIFYs come back to it once their transaction commits.
    const unlisten = await this.serial(() => this.lite.listen(channel, onPayload));
    return () => this.serial(() => unlisten());
  }

  /**
   * One statement (or transaction) at a time. A statement here runs on the event loop's thread and resolves without
   * I/O, so statements queued back to back would run from the first to the last with no I/O between them (a
   * request's vendor call created meanwhile is not sent, an answer that arrived is not read): each waits for the
   * I/O callbacks queued before it to run first.
   */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const afterIo = () => new Promise<void>((resolve) => setImmediate(resolve)).then(fn);
    const run = this.queue.then(afterIo, afterIo);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.autovacuum?.stop();
    await this.queue;
    await this.lite.close();
  }
}

/**
 * PGlite runs Postgres single-user, without the autovacuum launcher, and keeps no statistics across restarts. Left
 * alone, the planner has no statistics (it guesses one row per table: a 100-row keyset page of the mirror became a
 * bitmap scan of every row plus a sort, 106 ms instead of 1 ms at 2,000 accounts) and every sync's upserts leave
 * their dead row versions behind. So the embedded database does autovacuum's work with Postgres's default
 * thresholds: every AUTOVACUUM_NAPTIME_MS, VACUUM a table whose dead rows exceed 50 + 20 % of its live ones and
 * ANALYZE one whose changes since its last analyse exceed 50 + 10 %; at start, ANALYZE every table of ours once. It runs
 * on the one connection, between other statements (a VACUUM holds the others back while it runs: its cost is
 * proportional to the dead rows, paid in small rounds instead of never).
 */
class EmbeddedAutovacuum {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<MaintenanceRound> | undefined;
  private first = true;
  private stopped = false;

  constructor(private readonly query: <T>(sql: string) => Promise<T[]>) {
    this.timer = setInterval(() => void this.round().catch(() => undefined), AUTOVACUUM_NAPTIME_MS);
    this.timer.unref();
    void this.round().catch(() => undefined);
  }

  /** One round (joins the one running). */
  round(): Promise<MaintenanceRound> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<MaintenanceRound> {
    const done: MaintenanceRound = { vacuumed: [], analyzed: [] };
    if (this.stopped) return done;
    // This connection's counters reach the statistics views when flushed; what the last round could not see yet
    // is seen by the next one.
    await this.query('SELECT pg_stat_force_next_flush()');
    const tables = await this.query<{
      name: string;
      live: string | number;
      dead: string | number;
      modified: string | number;
    }>(
      `SELECT format('%I.%I', schemaname, relname) AS name, n_live_tup AS live, n_dead_tup AS dead,
              n_mod_since_analyze AS modified
       FROM pg_stat_user_tables`,
    );
    if (this.first) {
      // No statistics survive a restart: every table of ours (not the system catalogs) is analysed once.
      this.first = false;
      if (tables.length > 0) await this.query(`ANALYZE ${tables.map((t) => t.name).join(', ')}`);
      done.analyzed.push(...tables.map((t) => t.name));
      return done;
    }
    for (const t of tables) {
      if (this.stopped) break;
      const live = Number(t.live);
      const vacuum = Number(t.dead) > 50 + 0.2 * live;
      const analyze = Number(t.modified) > 50 + 0.1 * live;
      if (!vacuum && !analyze) continue;
      await this.query(`${vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} ${t.name}`);
      if (vacuum) done.vacuumed.push(t.name);
      done.analyzed.push(t.name);
    }
    return done;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool,
    readonly url?: string,
  ) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(sql, params);
    return result.rows as T[];
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Db = {
        kind: 'postgres',
        query: async <R>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as R[],
        transaction: (f) => f(tx),
        executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows as unknown[] }),
        listen: NO_LISTEN_IN_TX,
        close: async () => undefined,
      };
      const out = await fn(tx);
      await client.query('COMMIT');
      return out;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    return { rows: (await this.pool.query(text, values)).rows as unknown[] };
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    if (!this.url) throw new Error('LISTEN needs the connection string');
    const url = this.url;
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: url });
      c.on('notification', (message) => {
        if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
      });
      // A lost connection is replaced (after a second); notifications sent in between are not delivered.
      c.on('error', () => {
        void c.end().catch(() => undefined);
        if (client === c && !stopped) retry = setTimeout(() => void connect().catch(() => undefined), 1000);
      });
      client = c;
      await c.connect();
      await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    };
    await connect();
    return async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export interface OpenOptions {
  /** Postgres connection string; when set, PGlite is not used. */
  url?: string;
  /** PGlite data directory; undefined or 'memory://' = in memory. */
  dataDir?: string;
}

export async function openDatabase(options: OpenOptions): Promise<Db> {
  let db: Db;
  if (options.url) {
    db = new PostgresDb(new pg.Pool({ connectionString: options.url, max: 10 }), options.url);
  } else {
    const dir = options.dataDir && options.dataDir !== 'memory://' ? options.dataDir : undefined;
    if (dir) mkdirSync(dir, { recursive: true });
    // The store is small: modest buffers keep the embedded Postgres at ~100 MB instead of ~600 MB of RSS. Statistics
    // from a 3,000-row sample (target 10, not 100's 30,000) are enough for these plans: ANALYZE of 40,000 accounts
    // then takes 24 instead of 157 ms and grows the WASM heap (which never shrinks) by 1 instead of 28 MB.
    const tuning = {
      postgresqlconf: [
        'shared_buffers=8MB',
        'work_mem=1MB',
        'maintenance_work_mem=4MB',
        'wal_buffers=256kB',
        'default_statistics_target=10',
      ],
    };
    db = new PgliteDb(dir ? new PGlite(dir, tuning) : new PGlite(tuning));
  }
  await migrate(db);
  if (db instanceof PgliteDb) db.startAutovacuum();
  return traced(db);
}

/**
 * A span per statement (and per transaction) inside a traced unit of work (request, job); statements outside
 * one (pg-boss polling, migrations at start) stay untraced. The statement text has placeholders, never values.
 */
function traced(db: Db): Db {
  const span = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
    if (!hasActiveTrace()) return run();
    const { operation, summary } = sqlSummary(sql);
    const attributes = {
      'db.system.name': 'postgresql',
      'db.operation.name': operation,
      'db.query.summary': summary,
      'vpn.db.kind': db.kind,
    };
    return withSpan(summary, { kind: SpanKind.CLIENT, attributes }, run);
  };
  const wrap = (inner: Db): Db => ({
    kind: inner.kind,
    ...(inner.url !== undefined ? { url: inner.url } : {}),
    query: (sql, params) => span(sql, () => inner.query(sql, params)),
    ...(inner.queryMemo
      ? { queryMemo: <T>(sql: string, params?: unknown[]) => span(sql, () => inner.queryMemo!<T>(sql, params)) }
      : {}),
    executeSql: (text, values) => span(text, () => inner.executeSql(text, values)),
    transaction: (fn) => span('TRANSACTION', () => inner.transaction((tx) => fn(wrap(tx)))),
    listen: (channel, onPayload) => inner.listen(channel, onPayload),
    ...(inner.maintain ? { maintain: inner.maintain.bind(inner) } : {}),
    close: () => inner.close(),
  });
  return wrap(db);
}

/** Applies pending migrations in order, once, even when two processes start together (advisory lock). */
export async function migrate(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(724011)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const statement of m.sql
        .split(/;\s*\n/)
        .map((s) => s.trim())
        .filter(Boolean))
        await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
    }
  });
}
