import { InputError } from '../../domain/errors.js';
import { decodeAccountId } from '../../domain/ids.js';
import type { ProviderName } from '../../domain/provider.js';
import { PROVIDER_ORDER } from '../../providers/modules.js';
import { EventStore, type AccountEventKind, type StoredEvent } from '../../core/events/events.store.js';
import type { ServiceKernel } from '../../core/kernel.js';

/** Reads of account history: keyset pages on the event id, newest first. */

export interface EventFilterInput {
  kinds?: readonly AccountEventKind[] | null;
  providers?: readonly ProviderName[] | null;
  since?: Date | null;
  accountId?: string | null;
}

export interface EventPage {
  items: StoredEvent[];
  hasNextPage: boolean;
  cursor(event: StoredEvent): string;
}

const MAX_PAGE = 100;

export class HistoryService {
  private readonly events: EventStore;

  constructor(private readonly k: ServiceKernel) {
    this.events = new EventStore(k.store.db);
  }

  /** One account's history. */
  accountHistory(
    account: { provider: ProviderName; nativeId: string },
    first: number,
    after: string | null | undefined,
  ): Promise<EventPage> {
    return this.page({ account }, first, after);
  }

  /** Events across accounts, filtered. */
  async accountEvents(
    filter: EventFilterInput | null | undefined,
    first: number,
    after: string | null | undefined,
  ): Promise<EventPage> {
    let account: { provider: ProviderName; nativeId: string } | undefined;
    if (filter?.accountId) {
      const decoded = decodeAccountId(filter.accountId);
      if (!decoded) throw new InputError('filter.accountId', '`accountId` is not a valid Account id.');
      account = decoded;
    }
    // A scoped caller sees the history of one of its own accounts, and nothing across accounts: without an
    // account of its scope the answer is the empty page an unknown account would give.
    if (this.k.scope.scoped && !(account && (await this.k.scope.ownsAccount(account)))) {
      return this.page({ account: { provider: PROVIDER_ORDER[0]!, nativeId: '' } }, first, after);
    }
    return this.page(
      {
        ...(filter?.kinds?.length ? { kinds: filter.kinds } : {}),
        ...(filter?.providers?.length ? { providers: filter.providers } : {}),
        ...(filter?.since ? { since: filter.since.toISOString() } : {}),
        ...(account ? { account } : {}),
      },
      first,
      after,
    );
  }

  async byIds(ids: readonly string[]): Promise<Array<StoredEvent | null>> {
    const events = await this.events.get(ids);
    if (!this.k.scope.scoped) return events;
    // Out of scope answers like missing.
    return Promise.all(
      events.map(async (e) =>
        e?.provider && e.nativeId && (await this.k.scope.ownsAccount({ provider: e.provider, nativeId: e.nativeId }))
          ? scopedView(e)
          : null,
      ),
    );
  }

  private async page(
    filter: Parameters<EventStore['page']>[0],
    first: number,
    after: string | null | undefined,
  ): Promise<EventPage> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE)
      throw new InputError('first', `\`first\` must be between 0 and ${MAX_PAGE}.`);
    let from: string | null = null;
    if (after) {
      const m = /^ev:(\d{1,18})$/.exec(Buffer.from(after, 'base64url').toString('utf8'));
      if (!m) throw new InputError('after', '`after` is not a cursor of this connection.');
      from = m[1]!;
    }
    const page = await this.events.page(filter, first, from);
    const items = this.k.scope.hidesVendorDetail ? page.items.map(scopedView) : page.items;
    return { ...page, items, cursor: (e) => Buffer.from(`ev:${e.id}`).toString('base64url') };
  }
}

/** What a scoped caller sees in the journal: neither who acted nor the vendor's own status words. */
export const HIDDEN_ACTOR = 'hidden';

function scopedView(e: StoredEvent): StoredEvent {
  return {
    ...e,
    actor: HIDDEN_ACTOR,
    before: e.before ? withoutVendorDetail(e.before) : null,
    after: e.after ? withoutVendorDetail(e.after) : null,
    data: withoutVendorDetail(e.data),
  };
}

/** The object without `providerStatus` (and `actor`), also inside its nested objects (drift details). */
function withoutVendorDetail<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'providerStatus' || k === 'actor') continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? withoutVendorDetail(v as object) : v;
  }
  return out as T;
}
