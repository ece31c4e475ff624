import { ErrorCode, ProviderError } from '../domain/errors.js';
import type { AccountRecord } from '../domain/records.js';
import { mapBounded } from '../lib/concurrency.js';
import type { UpstreamHttp } from './http.js';
import {
  BaseProvider,
  toBatchSlot,
  type AccountDirectory,
  type AccountFilter,
  type BatchResult,
  type Page,
  type PageQuery,
  type ProviderHealth,
} from './port.js';

/** Small pieces every provider shares. */

/** Runs a vendor read; a NOT_FOUND answer becomes null (the batch slot for "does not exist"). */
export async function nullIfNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) return null;
    throw error;
  }
}

/** Health from one cheap probe call; `acceptNotFound` when the probe asks for something that cannot exist. */
export async function probeHealth(http: UpstreamHttp, probe: () => Promise<unknown>, acceptNotFound = false): Promise<ProviderHealth> {
  try {
    await probe();
    return { ok: true, breaker: http.breakerState, message: null };
  } catch (error) {
    if (acceptNotFound && error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) {
      return { ok: true, breaker: http.breakerState, message: null };
    }
    return { ok: false, breaker: http.breakerState, message: error instanceof Error ? error.message : 'health check failed' };
  }
}

/**
 * Base for vendors with no list call and no batch read (PureWL, PureVPN): the accounts are the usernames in
 * this API's directory (the store), each read with one status call, fanned out with bounded concurrency.
 */
export abstract class DirectoryBackedProvider extends BaseProvider {
  protected abstract readonly directory: AccountDirectory;
  protected abstract readonly concurrency: number;

  /** One status read; null when the vendor does not know the username. */
  protected abstract readOne(username: string, customer: string | null): Promise<AccountRecord | null>;

  async getAccounts(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const customers = await this.directory.customerOf(this.name, usernames);
    const results = await mapBounded(usernames, this.concurrency, (u, i) => this.readOne(u, customers[i] ?? null));
    return results.map((r) => toBatchSlot(this.name, 'getAccounts', r));
  }

  getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    return this.getAccounts(usernames);
  }

  findAccountByUsername(username: string): Promise<AccountRecord | null> {
    return this.readOne(username, null);
  }

  /** Pages over the directory; a status filter needs every status first, so it reads them all. */
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
    const slots = await this.getAccounts(usernames);
    const failure = slots.find((s): s is ProviderError => s instanceof ProviderError);
    const items = slots.filter((s): s is AccountRecord => s !== null && !(s instanceof ProviderError));
    if (failure && items.length === 0 && usernames.length > 0) throw failure;
    if (!statuses) return { items, totalCount: total };
    const kept = items.filter((a) => statuses.includes(a.status));
    return { items: kept.slice(query.offset, query.offset + query.limit), totalCount: kept.length };
  }
}
