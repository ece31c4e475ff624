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
  close(): Promise<void>;
}

const NO_LISTEN_IN_TX = async (): Promise<never> => {
  throw new Error('LISTEN is not available inside a transaction');
};

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  /** PGlite is one connection: transactions are serialised so statements of two callers never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly lite: PGlite) {}

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    // Single statements wait for any open transaction to finish.
    return this.serial(async () => (await this.lite.query<T>(sql, params)).rows);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
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
    return this.serial(async () =>
      values && values.length > 0
        ? { rows: (await this.lite.query(text, values)).rows }
        : { rows: (await this.lite.exec(text)).at(-1)?.rows ?? [] },
    );
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    // PGlite is one connection: its own NOTIFYs come back to it once their transaction commits.
    const unlisten = await this.serial(() => this.lite.listen(channel, onPayload));
    return () => this.serial(() => unlisten());
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.lite.close();
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
    // The store is small: modest buffers keep the embedded Postgres at ~100 MB instead of ~600 MB of RSS.
    const tuning = {
      postgresqlconf: ['shared_buffers=8MB', 'work_mem=1MB', 'maintenance_work_mem=4MB', 'wal_buffers=256kB'],
    };
    db = new PgliteDb(dir ? new PGlite(dir, tuning) : new PGlite(tuning));
  }
  await migrate(db);
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
    executeSql: (text, values) => span(text, () => inner.executeSql(text, values)),
    transaction: (fn) => span('TRANSACTION', () => inner.transaction((tx) => fn(wrap(tx)))),
    listen: (channel, onPayload) => inner.listen(channel, onPayload),
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
