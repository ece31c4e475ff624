import { ProviderError } from '../domain/errors.js';
import type { ProviderName } from '../domain/provider.js';
import { AccountStatus, type AccountRecord, type IncompleteField } from '../domain/records.js';
import { mapBounded } from '../lib/concurrency.js';
import { BaseProvider } from './base.js';
import type { ProviderConfig, ProviderTraits } from './module.js';
import {
  toBatchSlot,
  type AccountDirectory,
  type AccountFilter,
  type BatchResult,
  type Page,
  type PageQuery,
} from './port.js';

/** What only a per-account status read tells for vendors without a list call. */
const STATUS_READ: readonly IncompleteField[] = ['status', 'providerStatus', 'expiresAt'];

export interface StatusRead {
  status: AccountStatus;
  /** The vendor's raw status value, verbatim. */
  providerStatus: string;
  expiresAt: string | null;
}

/**
 * An account of a vendor without a list call (PureWL, PureVPN): the username (also its id), the customer
 * link kept in the directory, and what one status read tells — or, with `read` null, the directory's
 * record with those fields `incomplete`. Both mappers build their records here, so the two never differ
 * but for the status fields.
 */
export function directoryAccount(
  provider: ProviderName,
  username: string,
  customer: string | null,
  read: StatusRead | null,
): AccountRecord {
  return {
    provider,
    nativeId: username,
    username,
    status: read?.status ?? AccountStatus.UNKNOWN,
    providerStatus: read?.providerStatus ?? '',
    createdAt: null,
    updatedAt: null,
    expiresAt: read?.expiresAt ?? null,
    closedAt: null,
    throttled: null,
    customerNativeId: customer,
    planNativeId: null,
    groupId: null,
    metadata: null,
    wireguard: null,
    plans: null,
    ...(read ? {} : { incomplete: STATUS_READ }),
  };
}

/**
 * Base for vendors with no list call and no batch read (PureWL, PureVPN): the accounts are the usernames in
 * this API's directory (the store), each read with one status call, fanned out with bounded concurrency.
 */
export abstract class DirectoryBackedProvider extends BaseProvider {
  protected readonly directory: AccountDirectory;

  constructor(traits: ProviderTraits, config: ProviderConfig) {
    super(traits, config);
    this.directory = config.directory;
  }

  /** One status read; null when the vendor does not know the username. */
  protected abstract readOne(username: string, customer: string | null): Promise<AccountRecord | null>;

  async getAccounts(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    return (await this.readMany(usernames)).slots;
  }

  /** One status read per username (bounded fan-out), with the customer links the directory keeps. */
  private async readMany(
    usernames: readonly string[],
  ): Promise<{ slots: BatchResult<AccountRecord>; customers: Array<string | null> }> {
    const customers = await this.directory.customerOf(this.name, usernames);
    const results = await mapBounded(usernames, this.concurrency, (u, i) => this.readOne(u, customers[i] ?? null));
    return { slots: results.map((r) => toBatchSlot(this.name, 'getAccounts', r)), customers };
  }

  getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    return this.getAccounts(usernames);
  }

  async getKnownAccounts(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const entries = await this.directory.entries(this.name, usernames);
    return usernames.map((u, i) => {
      const entry = entries[i];
      return entry ? directoryAccount(this.name, u, entry.customerNativeId, null) : null;
    });
  }

  findAccountByUsername(username: string): Promise<AccountRecord | null> {
    return this.readOne(username, null);
  }

  /**
   * Pages over the directory. A status filter needs every status first, so it reads them all; a caller
   * that needs no status (`readStatus: false`) gets records from the directory alone, their status fields `incomplete`.
   */
  async listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>> {
    const f = query.filter ?? {};
    if (f.projectNativeId) return { items: [], totalCount: 0 };
    const dirQuery = {
      ...(f.usernamePrefix ? { usernamePrefix: f.usernamePrefix } : {}),
      ...(f.customerNativeId ? { customerNativeId: f.customerNativeId } : {}),
    };
    const statuses = f.statuses?.length ? f.statuses : null;
    const range = statuses ? { offset: 0, limit: 100_000 } : { offset: query.offset, limit: query.limit };
    const { usernames, total } = await this.directory.list(this.name, { ...range, ...dirQuery });
    if (!statuses && query.readStatus === false) {
      const customers = await this.directory.customerOf(this.name, usernames);
      return {
        items: usernames.map((u, i) => directoryAccount(this.name, u, customers[i] ?? null, null)),
        totalCount: total,
      };
    }
    const { slots, customers } = await this.readMany(usernames);
    const failure = slots.find((s): s is ProviderError => s instanceof ProviderError);
    if (failure && slots.every((s) => s instanceof ProviderError)) throw failure;
    if (!statuses) {
      // A read that failed or found nothing keeps its place as a directory record (status `incomplete`): the page keeps its length
      // (the cross-provider list relies on it) and the graph retries and reports it where it is shown.
      const items = slots.map((s, i) =>
        s instanceof ProviderError || s === null
          ? directoryAccount(this.name, usernames[i] as string, customers[i] ?? null, null)
          : s,
      );
      return { items, totalCount: total };
    }
    if (failure) throw failure; // a status filter cannot be answered without every status
    const kept = slots.filter(
      (a): a is AccountRecord => a !== null && !(a instanceof ProviderError) && statuses.includes(a.status),
    );
    return { items: kept.slice(query.offset, query.offset + query.limit), totalCount: kept.length };
  }
}
