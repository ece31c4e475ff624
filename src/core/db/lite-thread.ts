import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * The embedded database (PGlite) on a thread of its own. PGlite runs Postgres compiled to WebAssembly on the thread
 * that calls it: every statement (a live read's write-back, a sync's upserts, the job queue's polling) used to hold
 * the event loop while it ran, so requests that touch no table waited behind it. Here the PGlite instance lives in
 * a worker thread; `PgliteDb` (db.ts) talks to it through this class, which has the shape of the part of PGlite's
 * API it uses. Statements still run one at a time (PGlite is one connection; PgliteDb serialises them), but on
 * another core.
 *
 * Results cross threads by structured clone (Date, Uint8Array and plain objects survive it), errors as their
 * message plus own properties (`code`, `constraint`, `detail`… of a Postgres error). A thread that dies (out of
 * memory, a crash in the WebAssembly) fails every pending and later call with an error naming it.
 */

/** What PgliteDb needs of a PGlite connection (and of a transaction on it). */
export interface LiteQueries {
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<Array<{ rows: unknown[] }>>;
}

export interface LiteConnection extends LiteQueries {
  transaction<T>(fn: (tx: LiteQueries) => Promise<T>): Promise<T>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** PGlite's constructor options we pass (see openDatabase). */
export interface LiteOptions {
  postgresqlconf?: string[];
}

/** Heap of the database thread: PGlite's own memory is WebAssembly (outside it); this holds results being cloned. */
export const LITE_THREAD_HEAP_MB = { old: 128, young: 8 } as const;

type Request =
  | { id: number; op: 'query'; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: 'exec'; sql: string; tx?: number }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'unlisten'; listener: number }
  | { id: number; op: 'close' };

type Reply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { message: string; props: Record<string, string | number> } }
  | { notify: number; payload: string };

/** Request without its id, for one kind of operation. */
type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class LiteThread implements LiteConnection {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Map<number, (payload: string) => void>();
  private dead: Error | undefined;
  private closed = false;

  private constructor(private readonly worker: Worker) {
    worker.unref(); // held only while a call is pending (see call): an idle database keeps no process alive
    worker.on('message', (reply: Reply) => this.onReply(reply));
    worker.on('error', (error) => this.fail(new Error(`the embedded database thread failed: ${error.message}`)));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`the embedded database thread exited (code ${code})`));
    });
  }

  /** Starts the thread and opens the database in it (a data directory, or in memory when `dataDir` is undefined). */
  static async open(dataDir: string | undefined, options: LiteOptions): Promise<LiteThread> {
    const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    const worker = new Worker(`(${liteWorker.toString()})()`, {
      eval: true,
      workerData: { pglite, dataDir, options },
      resourceLimits: {
        maxOldGenerationSizeMb: LITE_THREAD_HEAP_MB.old,
        maxYoungGenerationSizeMb: LITE_THREAD_HEAP_MB.young,
      },
    });
    const thread = new LiteThread(worker);
    try {
      await thread.call({ op: 'query', sql: 'SELECT 1', params: [] }); // the first answer: PGlite is ready
    } catch (error) {
      await worker.terminate();
      throw error;
    }
    return thread;
  }

  query<T>(sql: string, params: unknown[] = [], tx?: number): Promise<{ rows: T[] }> {
    return this.call({ op: 'query', sql, params, ...(tx !== undefined ? { tx } : {}) }) as Promise<{ rows: T[] }>;
  }

  exec(sql: string, tx?: number): Promise<Array<{ rows: unknown[] }>> {
    return this.call({ op: 'exec', sql, ...(tx !== undefined ? { tx } : {}) }) as Promise<Array<{ rows: unknown[] }>>;
  }

  /** A transaction held open in the thread while `fn` runs here: committed when it resolves, rolled back if not. */
  async transaction<T>(fn: (tx: LiteQueries) => Promise<T>): Promise<T> {
    const tx = (await this.call({ op: 'begin' })) as number;
    const queries: LiteQueries = {
      query: <R>(sql: string, params: unknown[] = []) => this.query<R>(sql, params, tx),
      exec: (sql: string) => this.exec(sql, tx),
    };
    let result: T;
    try {
      result = await fn(queries);
    } catch (error) {
      await this.call({ op: 'end', tx, commit: false }).catch(() => undefined);
      throw error;
    }
    await this.call({ op: 'end', tx, commit: true });
    return result;
  }

  async listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>> {
    const listener = (await this.call({ op: 'listen', channel })) as number;
    this.listeners.set(listener, onPayload);
    return async () => {
      this.listeners.delete(listener);
      await this.call({ op: 'unlisten', listener });
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      if (!this.dead) await this.call({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }

  private call(ask: Ask): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.closed) return Promise.reject(new Error('the embedded database is closed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...ask, id });
    });
  }

  private onReply(reply: Reply): void {
    if ('notify' in reply) {
      this.listeners.get(reply.notify)?.(reply.payload);
      return;
    }
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(Object.assign(new Error(reply.error.message), reply.error.props));
  }

  private fail(error: Error): void {
    this.dead ??= error;
    for (const waiting of this.pending.values()) waiting.reject(this.dead);
    this.pending.clear();
  }
}

/**
 * The thread's program. Runs as an eval'd script (its source is this function's text), so it refers to nothing
 * outside itself: PGlite is loaded from the path the main thread resolved. One transaction at a time is open
 * (PgliteDb serialises them); its statements name it, so a statement of no transaction never runs inside it.
 */
function liteWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- an eval'd worker script is CommonJS */
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const { pglite, dataDir, options } = threads.workerData as { pglite: string; dataDir?: string; options: object };
  const { PGlite } = require(pglite) as typeof import('@electric-sql/pglite');
  /* eslint-enable @typescript-eslint/no-require-imports */
  type Queries = { query: InstanceType<typeof PGlite>['query']; exec: InstanceType<typeof PGlite>['exec'] };
  type Msg = {
    id: number;
    op: string;
    sql?: string;
    params?: unknown[];
    tx?: number;
    commit?: boolean;
    channel?: string;
    listener?: number;
  };
  const port = threads.parentPort as NonNullable<typeof threads.parentPort>;
  const lite = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
  const txs = new Map<number, { tx: Queries; end: (commit: boolean) => void; done: Promise<unknown> }>();
  const unlisteners = new Map<number, () => Promise<void>>();
  let nextTx = 1;
  let nextListener = 1;
  const on = (msg: Msg): Promise<unknown> => {
    const target: Queries = msg.tx !== undefined ? (txs.get(msg.tx)?.tx ?? lite) : lite;
    switch (msg.op) {
      case 'query':
        return target.query(msg.sql as string, msg.params).then((r) => ({ rows: r.rows }));
      case 'exec':
        return target.exec(msg.sql as string).then((results) => results.map((r) => ({ rows: r.rows })));
      case 'begin':
        return new Promise((opened, failed) => {
          const id = nextTx++;
          const done = lite
            .transaction(
              (tx) =>
                new Promise((committed, rolledBack) => {
                  txs.set(id, {
                    tx,
                    done,
                    end: (commit) => (commit ? committed(undefined) : rolledBack(new Error('rolled back'))),
                  });
                  opened(id);
                }),
            )
            .finally(() => txs.delete(id));
          done.catch(failed);
        });
      case 'end': {
        const open = txs.get(msg.tx as number);
        if (!open) return Promise.reject(new Error(`no open transaction ${msg.tx}`));
        open.end(msg.commit === true);
        return msg.commit ? open.done : open.done.catch(() => undefined);
      }
      case 'listen': {
        const listener = nextListener++;
        return lite
          .listen(msg.channel as string, (payload) => port.postMessage({ notify: listener, payload }))
          .then((unlisten) => {
            unlisteners.set(listener, unlisten);
            return listener;
          });
      }
      case 'unlisten': {
        const unlisten = unlisteners.get(msg.listener as number);
        unlisteners.delete(msg.listener as number);
        return unlisten ? unlisten() : Promise.resolve();
      }
      case 'close':
        return lite.close();
      default:
        return Promise.reject(new Error(`unknown operation ${msg.op}`));
    }
  };
  port.on('message', (msg: Msg) => {
    on(msg).then(
      (result) => port.postMessage({ id: msg.id, ok: true, result: result ?? null }),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const props: Record<string, string | number> = {};
        for (const [key, value] of Object.entries(e))
          if (typeof value === 'string' || typeof value === 'number') props[key] = value;
        port.postMessage({ id: msg.id, ok: false, error: { message: e.message, props } });
      },
    );
  });
}
