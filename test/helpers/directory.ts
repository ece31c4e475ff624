import type { ProviderName } from '../../src/domain/provider.js';
import type { AccountDirectory } from '../../src/providers/port.js';

/**
 * In-memory AccountDirectory for provider-level tests only (the product uses the store's registry).
 * Keeps usernames per provider in insertion order, with optional customer links.
 */
export class MemoryDirectory implements AccountDirectory {
  private readonly kept = new Map<ProviderName, Array<{ username: string; customer: string | null }>>();

  add(provider: ProviderName, username: string, customer: string | null = null): void {
    const list = this.kept.get(provider) ?? [];
    if (!list.some((e) => e.username === username)) list.push({ username, customer });
    this.kept.set(provider, list);
  }

  remove(provider: ProviderName, username: string): void {
    this.kept.set(
      provider,
      (this.kept.get(provider) ?? []).filter((e) => e.username !== username),
    );
  }

  async list(
    provider: ProviderName,
    query: { offset: number; limit: number; usernamePrefix?: string; customerNativeId?: string },
  ): Promise<{ usernames: string[]; total: number }> {
    const all = (this.kept.get(provider) ?? []).filter(
      (e) =>
        (!query.usernamePrefix || e.username.startsWith(query.usernamePrefix)) &&
        (!query.customerNativeId || e.customer === query.customerNativeId),
    );
    return { usernames: all.slice(query.offset, query.offset + query.limit).map((e) => e.username), total: all.length };
  }

  async customerOf(provider: ProviderName, usernames: readonly string[]): Promise<Array<string | null>> {
    return (await this.entries(provider, usernames)).map((e) => e?.customerNativeId ?? null);
  }

  async entries(
    provider: ProviderName,
    usernames: readonly string[],
  ): Promise<Array<{ customerNativeId: string | null } | null>> {
    const list = this.kept.get(provider) ?? [];
    return usernames.map((u) => {
      const entry = list.find((e) => e.username === u);
      return entry ? { customerNativeId: entry.customer } : null;
    });
  }
}
