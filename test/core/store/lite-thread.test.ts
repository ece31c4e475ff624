import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { openDatabase, type Db } from '../../../src/core/db/db.js';
import { LiteThread } from '../../../src/core/db/lite-thread.js';

/**
 * The embedded database on its own thread (core/db/lite-thread.ts): what crosses the thread boundary arrives as
 * PGlite gave it (types, Postgres error fields), transactions commit or roll back as one, NOTIFY reaches a
 * listener, a closed or dead thread fails calls with an error naming it, and the event loop runs while a
 * statement does.
 */
describe('LiteThread', () => {
  let lite: LiteThread;
  beforeAll(async () => {
    lite = await LiteThread.open(undefined, {});
    await lite.exec('CREATE TABLE t (id int PRIMARY KEY, name text CONSTRAINT t_name_key UNIQUE)');
  }, 60_000);
  afterAll(async () => {
    await lite.close();
  });

  it('answers rows with the types PGlite parses (timestamptz, jsonb, bytea, bigint as text, null)', async () => {
    const { rows } = await lite.query<Record<string, unknown>>(
      `SELECT '2026-12-07T10:00:00.123Z'::timestamptz AS at, '{"a":[1,"x"]}'::jsonb AS doc, '\\x0102'::bytea AS raw,
              $1::int AS n, NULL::text AS none, 9007199254740993::bigint::text AS big`,
      [42],
    );
    const row = rows[0]!;
    // Cloned in Node's realm, not jest's: compare by value, not by `instanceof`.
    expect(Object.prototype.toString.call(row.at)).toBe('[object Date]');
    expect((row.at as Date).toISOString()).toBe('2026-12-07T10:00:00.123Z');
    expect(row.doc).toEqual({ a: [1, 'x'] });
    expect([...(row.raw as Uint8Array)]).toEqual([1, 2]);
    expect(row).toMatchObject({ n: 42, none: null, big: '9007199254740993' });
  });

  it('keeps a Postgres error’s fields (code, constraint, detail) for the store’s conflict handling', async () => {
    await lite.query('INSERT INTO t VALUES (1, $1)', ['a']);
    const error = (await lite.query('INSERT INTO t VALUES (2, $1)', ['a']).catch((e: unknown) => e)) as Record<
      string,
      unknown
    >;
    expect(error).toBeInstanceOf(Object);
    expect(error.message).toMatch(/duplicate key value violates unique constraint "t_name_key"/);
    expect(error).toMatchObject({ code: '23505', constraint: 't_name_key', table: 't' });
    expect(String(error.detail)).toContain('(name)=(a)');
    // The connection is usable after the error.
    expect((await lite.query<{ n: number }>('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 1 }]);
  });

  it('commits a transaction when its function resolves, rolls it back when it throws', async () => {
    await lite.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (10, $1)', ['kept']);
      await tx.exec('INSERT INTO t VALUES (11, NULL)');
    });
    const failed = await lite
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (12, $1)', ['dropped']);
        expect((await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM t WHERE id = 12')).rows[0]!.n).toBe(1);
        throw new Error('changed my mind');
      })
      .catch((e: Error) => e.message);
    expect(failed).toBe('changed my mind');
    // A statement of the transaction that failed in Postgres fails the transaction (rolled back, error kept).
    const aborted = await lite
      .transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (13, $1)', ['x']);
        await tx.query('INSERT INTO t VALUES (13, $1)', ['y']);
      })
      .catch((e: { code?: string }) => e.code);
    expect(aborted).toBe('23505');
    const ids = (await lite.query<{ id: number }>('SELECT id FROM t WHERE id >= 10 ORDER BY id')).rows;
    expect(ids.map((r) => r.id)).toEqual([10, 11]);
  });

  it('delivers NOTIFY payloads to a listener until it stops listening', async () => {
    const got: string[] = [];
    const unlisten = await lite.listen('chan', (payload) => got.push(payload));
    await lite.query(`SELECT pg_notify('chan', 'one')`);
    await lite.query(`SELECT pg_notify('chan', 'two')`);
    await unlisten();
    await lite.query(`SELECT pg_notify('chan', 'three')`);
    await lite.query('SELECT 1'); // a round trip after the last NOTIFY: anything it delivered has arrived
    expect(got).toEqual(['one', 'two']);
  });

  it('lets the event loop run while a statement runs (the statement is on the other thread)', async () => {
    let settled = false;
    const statement = lite.query('SELECT count(*) FROM generate_series(1, 2000000)').finally(() => (settled = true));
    // A timer due 1 ms after the statement was sent: on the calling thread it could only run once the statement
    // had finished (and its promise settled first); here it runs while the statement is still going.
    const sawRunning = await new Promise<boolean>((resolve) => setTimeout(() => resolve(!settled), 1));
    await statement;
    expect(sawRunning).toBe(true);
  });

  it('fails every call once the thread is gone, with an error naming it', async () => {
    const doomed = await LiteThread.open(undefined, {});
    const pending = doomed.query('SELECT count(*) FROM generate_series(1, 2000000)');
    // Reached through the private field: a crash of the thread (out of memory, a WebAssembly trap) is what this
    // stands for; nothing in the API kills it.
    await (doomed as unknown as { worker: Worker }).worker.terminate();
    await expect(pending).rejects.toThrow(/embedded database thread exited/);
    await expect(doomed.query('SELECT 1')).rejects.toThrow(/embedded database thread exited/);
    await doomed.close(); // closing a dead thread is quiet
  });

  it('refuses calls after close', async () => {
    const closing = await LiteThread.open(undefined, {});
    await closing.close();
    await expect(closing.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});

describe('the embedded store on its thread, from a data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vg-lite-thread-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what was committed across a close and a reopen', async () => {
    let db: Db = await openDatabase({ dataDir: dir });
    await db.query('CREATE TABLE kept (n int)');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO kept VALUES (1), (2)');
    });
    await db.close();
    db = await openDatabase({ dataDir: dir });
    expect(await db.query<{ n: number }>('SELECT n FROM kept ORDER BY n')).toEqual([{ n: 1 }, { n: 2 }]);
    await db.close();
  }, 60_000);
});
