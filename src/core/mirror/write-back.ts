import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord, CustomerRecord, PlanRecord, ProjectRecord, ServerRecord } from '../../domain/records.js';
import type { UsageRecord } from '../../domain/records.js';
import type { Db } from '../db/db.js';
import { Mirror } from './mirror.js';
import { mergeGaps } from './mirror-rows.js';
import { ReadModel } from './read-model.js';
import { vendorCustomerOf, type AccountLink } from './link-walk.js';

/**
 * Write-back of what live reads learned (accounts, "not found", customers, projects, usage, the catalog, customer
 * links) off the response path: a resolver queues it and answers; one flusher writes the queue after the answer,
 * merged into one statement per kind and provider (200 concurrent dashboards: a handful of statements, not 200 × 6 queued on
 * PGlite's single connection ahead of everyone's reads).
 *
 * - Last wins per item: a later read of the same account, customer, project or usage report replaces the queued
 *   one (a "not found" and a found record of the same account too); an account record with gaps keeps the
 *   queued record's values for them (as the mirror itself does, `mergeGaps`).
 * - Confirmation times: each item carries when its vendor answered; a merged statement stamps the OLDEST of its
 *   items (never claims a confirmation later than the vendor's answer).
 * - Bounded: at most `maxPending` queued items (WRITE_BACK_MAX_PENDING); past it an item is dropped and counted
 *   (`dropped`): the mirror stays as old as it was, as when a write fails, and the next read or sync refreshes it.
 * - A failed write is swallowed (the answer stood already), as before.
 * - Off the request path: a flush starts once no request is in flight (`begin`), or `WRITE_BACK_MAX_DELAY_MS`
 *   after its first item under constant load; on the embedded database a statement runs on the event loop's
 *   thread, so a flush during a request would stall that request's own vendor calls and store reads. Between
 *   its groups (a statement or two each) a flush lets I/O run, and pauses while a request is in flight (at most
 *   `WRITE_BACK_MAX_DELAY_MS` per group): a request arriving mid-flush waits for one statement, not all of them.
 * - `current()`: what a store read that decides on a vendor call waits for (the loaders' `settled`; it starts a
 *   waiting flush now, and a paused one goes on without pausing again), so that a client asking again right after
 *   an answer finds what that answer learned; `flushed()`: what a test or the shutdown waits for. No sleeping.
 */

export interface WriteBackStats {
  /** Items waiting for the next flush. */
  pending: number;
  /** Items dropped because the queue was full. */
  dropped: number;
  /** Flushes run so far. */
  flushes: number;
  /** HTTP requests in flight (`begin` not yet ended): a flush waits for 0, or its deadline. */
  inFlight: number;
}

type Group =
  | { kind: 'accounts'; provider: ProviderName; items: Map<string, { record: AccountRecord | null; at: string }> }
  | {
      kind: 'customers' | 'projects';
      provider: ProviderName;
      items: Map<string, { record: CustomerRecord | ProjectRecord | null; at: string }>;
    }
  | {
      kind: 'usage';
      provider: ProviderName;
      range: { from: string; to: string };
      items: Map<string, { record: UsageRecord | null; at: string }>;
    }
  | { kind: 'plans' | 'servers'; provider: ProviderName; items: Map<string, { records: unknown[]; at: string }> }
  | {
      kind: 'links';
      provider: ProviderName;
      items: Map<string, { links: ReadonlyMap<string, AccountLink>; at: string }>;
    };

interface Cycle {
  groups: Map<string, Group>;
  done: Promise<void>;
  resolve: () => void;
  /** Starts the flush now (once; after the one running). */
  start: () => void;
  started: boolean;
  /** Someone waits for it (`current`, `flushed`): it does not pause for requests in flight. */
  urgent: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** Longest a queued item waits for the requests in flight to be answered before it is written anyway. */
export const WRITE_BACK_MAX_DELAY_MS = 250;

/** Resolved when the cycle holding the caller's queued items is written (or failed). */
export type WriteTicket = Promise<void>;

const oldest = (ats: Iterable<string>): string => {
  let min: string | undefined;
  for (const at of ats) if (min === undefined || Date.parse(at) < Date.parse(min)) min = at;
  return min ?? new Date().toISOString();
};

export class WriteBack {
  private next: Cycle | undefined;
  private running: Promise<void> | undefined;
  private queued = 0;
  private dropped = 0;
  private flushes = 0;
  private closed = false;
  private inFlight = 0;
  /** The cycle being written. */
  private flushing: Cycle | undefined;
  /** Wakes a flush paused between groups (a request ended, or someone waits for it). */
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: Db,
    private readonly maxPending = 50_000,
    private readonly maxDelayMs = WRITE_BACK_MAX_DELAY_MS,
  ) {}

  /**
   * A request began (the HTTP server calls it for every request): flushes wait until no request is in flight,
   * or `maxDelayMs` at most, so a write-back never runs under a request still being answered — on the embedded
   * database a statement runs on the event loop's thread and would stall that request's other work. Answers the
   * request's end (call it once it answered or was aborted; later calls do nothing).
   */
  begin(): () => void {
    this.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      if (this.inFlight === 0) {
        this.wake?.();
        this.next?.start();
      }
    };
  }

  get stats(): WriteBackStats {
    return { pending: this.queued, dropped: this.dropped, flushes: this.flushes, inFlight: this.inFlight };
  }

  /** Accounts a live read found (`record`) or the vendor no longer knows (`null`: marked gone). */
  accounts(
    provider: ProviderName,
    items: ReadonlyArray<{ nativeId: string; record: AccountRecord | null }>,
    at: string,
  ) {
    // A list row with gaps read after a fuller read of the same account (a completion started early) keeps
    // what the fuller one told: both were read within this flush's window, stamped with its oldest answer.
    return this.put(
      `a|${provider}`,
      () => ({ kind: 'accounts', provider, items: new Map() }),
      items,
      at,
      (next, queued) =>
        next.record && queued.record ? { ...next, record: mergeGaps(next.record, queued.record) } : next,
    );
  }

  /** Customers or projects a live read found (`record`) or the vendor said it does not have (`null`). */
  entities(
    kind: 'customers' | 'projects',
    provider: ProviderName,
    items: ReadonlyArray<{ nativeId: string; record: CustomerRecord | ProjectRecord | null }>,
    at: string,
  ) {
    return this.put(`${kind}|${provider}`, () => ({ kind, provider, items: new Map() }), items, at);
  }

  usage(
    provider: ProviderName,
    range: { from: string; to: string },
    items: ReadonlyArray<{ nativeId: string; record: UsageRecord | null }>,
    at: string,
  ) {
    return this.put(
      `u|${provider}|${range.from}|${range.to}`,
      () => ({ kind: 'usage', provider, range, items: new Map() }),
      items,
      at,
    );
  }

  catalog(provider: ProviderName, kind: 'plans', records: readonly PlanRecord[], at: string): WriteTicket;
  catalog(provider: ProviderName, kind: 'servers', records: readonly ServerRecord[], at: string): WriteTicket;
  catalog(
    provider: ProviderName,
    kind: 'plans' | 'servers',
    records: ReadonlyArray<PlanRecord | ServerRecord>,
    at: string,
  ): WriteTicket {
    return this.put(
      `${kind}|${provider}`,
      () => ({ kind, provider, items: new Map() }),
      [{ nativeId: '', records: [...records] }],
      at,
    );
  }

  /**
   * A walk of the vendor's customer lists (link-walk.ts): every account's link as of `at` (confirmLinks). A later
   * walk queued in the same flush replaces it, stamped with the older time. Written after the flush's accounts.
   */
  links(provider: ProviderName, links: ReadonlyMap<string, AccountLink>, at: string): WriteTicket {
    return this.put(
      `l|${provider}`,
      () => ({ kind: 'links', provider, items: new Map() }),
      [{ nativeId: '', links }],
      at,
    );
  }

  /**
   * Resolved when what is queued now is written (the flush running and the one queued after it); no loop. A
   * queued flush waiting for requests to end starts now: someone is waiting for it.
   */
  current(): Promise<void> | undefined {
    this.hurry();
    this.next?.start();
    return this.next?.done ?? this.running;
  }

  /** The running flush and the one queued after it stop pausing for requests: someone waits for them. */
  private hurry(): void {
    if (this.next) this.next.urgent = true;
    if (this.flushing) this.flushing.urgent = true;
    this.wake?.();
  }

  /** Resolved once everything queued so far is written, including what is queued meanwhile (tests; shutdown). */
  async flushed(): Promise<void> {
    for (;;) {
      this.hurry();
      this.next?.start();
      const waiting = this.next?.done ?? this.running;
      if (!waiting) return;
      await waiting;
    }
  }

  /** Writes what is queued; what is queued after (the store is closing) is dropped. */
  async close(): Promise<void> {
    await this.flushed();
    this.closed = true;
  }

  private put<T extends { nativeId: string }>(
    key: string,
    create: () => Group,
    items: readonly T[],
    at: string,
    /** How a later item of the same key replaces a queued one (default: it wins). */
    replace: (next: T, queued: T) => T = (next) => next,
  ): WriteTicket {
    if (items.length === 0 || this.closed) return this.next?.done ?? Promise.resolve();
    const cycle = this.cycle();
    let group = cycle.groups.get(key);
    if (!group) cycle.groups.set(key, (group = create()));
    // The group was created for this key with items of T's shape (the public methods pair keys and shapes).
    const map = group.items as unknown as Map<string, Omit<T, 'nativeId'> & { at: string }>;
    for (const item of items) {
      const queued = map.get(item.nativeId);
      if (!queued && this.queued >= this.maxPending) {
        this.dropped++;
        continue;
      }
      if (!queued) this.queued++;
      const { nativeId, ...rest } = queued
        ? replace(item, { ...queued, nativeId: item.nativeId } as unknown as T)
        : item;
      map.set(nativeId, { ...rest, at: queued && Date.parse(queued.at) < Date.parse(at) ? queued.at : at });
    }
    return cycle.done;
  }

  private cycle(): Cycle {
    if (this.next) return this.next;
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    // After the answer: the flush starts once no request is in flight (at the latest `maxDelayMs` after its first
    // item), once the current I/O callbacks (the responses being written) have run, and only when the previous
    // flush is over (one writer at a time).
    const begin = () => {
      if (cycle.started) return;
      if (this.running) {
        void this.running.then(() => setImmediate(begin));
        return;
      }
      cycle.started = true;
      clearTimeout(cycle.timer);
      this.next = undefined;
      this.flushing = cycle;
      this.running = this.write(cycle).finally(() => {
        this.running = undefined;
        this.flushing = undefined;
        cycle.resolve();
      });
    };
    let asked = false;
    const cycle: Cycle = {
      groups: new Map(),
      done,
      resolve,
      started: false,
      urgent: false,
      timer: undefined,
      start: () => {
        if (asked) return;
        asked = true;
        setImmediate(begin);
      },
    };
    this.next = cycle;
    if (this.inFlight === 0) cycle.start();
    else {
      cycle.timer = setTimeout(cycle.start, this.maxDelayMs);
      cycle.timer.unref?.();
    }
    return cycle;
  }

  /**
   * Before each group of a flush. On the embedded database a statement runs on this thread and resolves without
   * I/O: chained, a flush's statements would hold the event loop from the first to the last (a request arriving
   * meanwhile is not even read). So I/O callbacks run first (a request's reads then queue ahead of the group),
   * and while a request is in flight the flush waits for it to end: its next group runs between requests, not
   * under one. At most `maxDelayMs` per group under constant load; not at all once someone waits for the flush.
   */
  private async between(cycle: Cycle): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (this.inFlight === 0 || cycle.urgent) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, this.maxDelayMs);
      timer.unref?.();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = undefined;
        done();
      };
    });
    this.wake = undefined;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async write(cycle: Cycle): Promise<void> {
    this.flushes++;
    const mirror = new Mirror(this.db);
    const model = new ReadModel(this.db);
    // Links last: accounts this flush writes are in the directory to be linked.
    const groups = [...cycle.groups.values()].sort((a, b) => Number(a.kind === 'links') - Number(b.kind === 'links'));
    for (const group of groups) {
      await this.between(cycle);
      this.queued -= group.items.size;
      const at = oldest([...group.items.values()].map((i) => i.at));
      const quietly = (p: Promise<unknown>) =>
        p.then(
          () => undefined,
          () => undefined,
        );
      switch (group.kind) {
        case 'accounts': {
          const found: AccountRecord[] = [];
          const gone: string[] = [];
          for (const [nativeId, item] of group.items) {
            if (item.record) found.push(item.record);
            else gone.push(nativeId);
          }
          await quietly(mirror.confirm(found, 'live', at));
          await quietly(mirror.markGone(group.provider, gone));
          break;
        }
        case 'customers':
        case 'projects': {
          const found: Array<CustomerRecord | ProjectRecord> = [];
          const gone: string[] = [];
          for (const [nativeId, item] of group.items) {
            if (item.record) found.push(item.record);
            else gone.push(nativeId);
          }
          await quietly(
            group.kind === 'customers'
              ? model.putCustomers(group.provider, found as CustomerRecord[], at)
              : model.putProjects(group.provider, found as ProjectRecord[], at),
          );
          await quietly(model.forget(group.kind, group.provider, gone));
          break;
        }
        case 'usage':
          await quietly(
            model.putUsage(
              group.provider,
              group.range,
              [...group.items].map(([nativeId, item]) => ({ nativeId, record: item.record })),
              at,
            ),
          );
          break;
        case 'links': {
          const item = group.items.get('');
          if (item)
            await quietly(mirror.confirmLinks(group.provider, item.links, vendorCustomerOf(group.provider), at, false));
          break;
        }
        case 'plans':
        case 'servers': {
          const item = group.items.get('');
          if (!item) break;
          await quietly(
            group.kind === 'plans'
              ? model.putCatalog(group.provider, 'plans', item.records as PlanRecord[], item.at)
              : model.putCatalog(group.provider, 'servers', item.records as ServerRecord[], item.at),
          );
          break;
        }
      }
    }
  }
}
