import type { ProviderName } from '../../src/domain/provider.js';
import type { AccountDirectory } from '../../src/providers/port.js';

/**
 * In-memory AccountDirectory for provider-level tests only (the product uses the store's registry).
 * Keeps usernames per provider in insertion order, with optional customer links.
 */
export class MemoryDirectory implements AccountDirectory {
  private readonly entries = new Map<ProviderName, Array<{ username: string; customer: string | null }>>();

  add(provider: ProviderName, username: string, customer: string | null = null): void {
    const list = this.entries.get(provider) ?? [];
    if (!list.some((e) => e.username === username)) list.push({ username, customer });
    this.entries.set(provider, list);
  }

  remove(provider: ProviderName, username: string): void {
    this.entries.set(
      provider,
      (this.entries.get(provider) ?? []).filter((e) => e.username !== username),
    );
  }

  async list(
    provider: ProviderName,
    query: { offset: number; limit: number; usernamePrefix?: string; customerNativeId?: string },
  ): Promise<{ usernames: string[]; total: number }> {
    const all = (this.entries.get(provider) ?? []).filter(
      (e) =>
        (!query.usernamePrefix || e.username.startsWith(query.usernamePrefix)) &&
        (!query.customerNativeId || e.customer === query.customerNativeId),
    );
    return { usernames: all.slice(query.offset, query.offset + query.limit).map((e) => e.username), total: all.length };
  }

  async customerOf(provider: ProviderName, usernames: readonly string[]): Promise<Array<string | null>> {
    const list = this.entries.get(provider) ?? [];
    return usernames.map((u) => list.find((e) => e.username === u)?.customer ?? null);
  }
}
