import pg from 'pg';
import { openStore, type Store } from '../../src/core/store/store.js';
import type { Db } from '../../src/core/db/db.js';

/**
 * The store backends every store suite runs on: embedded PGlite always, and a real Postgres server when
 * TEST_DATABASE_URL is set (CI starts one). Each Postgres run gets a fresh schema, dropped afterwards.
 */
export interface OpenedBackend {
  store: Store;
  url?: string;
  cleanup(): Promise<void>;
}

export const storeBackends: Array<[string, () => Promise<OpenedBackend>]> = [
  [
    'pglite',
    async () => {
      const store = await openStore({});
      return { store, cleanup: () => store.close() };
    },
  ],
];

const PG_URL = process.env.TEST_DATABASE_URL;
if (PG_URL) {
  storeBackends.push(['postgres', () => openPostgresSchema(PG_URL)]);
}

/** A fresh schema on the test server, with a store on it. */
export async function openPostgresSchema(baseUrl: string): Promise<OpenedBackend> {
  const schema = `t_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const store = await openStore({ url });
  return {
    store,
    url,
    cleanup: async () => {
      await store.close();
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * `db`, with each statement's SQL handed to `seen` before it runs, and, when `answered` is given, its rows once it
 * has: for tests that count or order statements, or check what a statement read.
 */
export function recordingDb(
  db: Db,
  seen: (sql: string) => void,
  answered?: (sql: string, rows: readonly unknown[]) => void,
): Db {
  const query = async (sql: string, params?: unknown[]): Promise<unknown[]> => {
    const rows = await db.query(sql, params);
    answered?.(sql, rows);
    return rows;
  };
  return Object.create(db, {
    query: {
      value: (sql: string, params?: unknown[]) => (seen(sql), answered ? query(sql, params) : db.query(sql, params)),
    },
  }) as Db;
}
