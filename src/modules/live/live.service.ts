import type { Db } from '../../core/db/db.js';

/**
 * Live updates for subscriptions. Database triggers (migration 10) NOTIFY `vpn_graph_live` when a change
 * commits — a new account event (the outbox), a bulk operation or one of its items, a sync run — whichever
 * replica or worker made it; every replica LISTENs once and wakes its own subscribers. A notification only says
 * what changed: subscribers read the current state through the services (scope rules included).
 *
 * Delivery is best effort: a notification sent while a replica's listening connection is being replaced is
 * lost to that replica (account history and `bulkOperation`/`syncRun` stay the record).
 */

export const LIVE_CHANNEL = 'vpn_graph_live';

type RowKind = 'b' | 's';

export class LiveHub {
  private readonly rows = new Map<string, Set<() => void>>();
  private readonly eventListeners = new Set<(ids: string[]) => void>();
  private pendingRows = new Set<string>();
  private pendingEvents: string[] = [];
  private flushScheduled = false;
  private unlisten: (() => Promise<void>) | undefined;

  private constructor(private readonly schema: string) {}

  /** LISTENs on the store's database for changes of its own schema. */
  static async start(db: Db): Promise<LiveHub> {
    const [row] = await db.query<{ schema: string }>('SELECT current_schema() AS schema');
    const hub = new LiveHub(row?.schema ?? 'public');
    hub.unlisten = await db.listen(LIVE_CHANNEL, (payload) => hub.receive(payload));
    return hub;
  }

  /** Wakes `fn` after each committed change of a bulk operation (`b`) or sync run (`s`) by its row id. */
  onRow(kind: RowKind, id: string, fn: () => void): () => void {
    const key = `${kind}:${id}`;
    let set = this.rows.get(key);
    if (!set) this.rows.set(key, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.rows.get(key) === set) this.rows.delete(key);
    };
  }

  /** Hands `fn` the ids of new account events, in commit order, batched per tick. */
  onEvents(fn: (ids: string[]) => void): () => void {
    this.eventListeners.add(fn);
    return () => void this.eventListeners.delete(fn);
  }

  /** Subscribers waiting on this replica (for tests and metrics). */
  get listeners(): number {
    let n = this.eventListeners.size;
    for (const set of this.rows.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    this.rows.clear();
    this.eventListeners.clear();
    await unlisten?.();
  }

  private receive(payload: string): void {
    const space = payload.lastIndexOf(' ');
    if (space < 0 || payload.slice(0, space) !== this.schema) return; // another store on the same database
    const rest = payload.slice(space + 1);
    if (rest.startsWith('e:')) this.pendingEvents.push(rest.slice(2));
    else if (rest.startsWith('b:') || rest.startsWith('s:')) this.pendingRows.add(rest);
    else return;
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const rows = this.pendingRows;
    const events = this.pendingEvents;
    this.pendingRows = new Set();
    this.pendingEvents = [];
    for (const key of rows) for (const fn of [...(this.rows.get(key) ?? [])]) fn();
    if (events.length > 0) for (const fn of [...this.eventListeners]) fn([...events]);
  }
}
