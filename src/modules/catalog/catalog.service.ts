import { ErrorCode, InputError } from '../../domain/errors.js';
import { PROVIDER_ORDER, type ProviderName } from '../../providers/modules.js';
import type { PlanRecord, ServerRecord, UsageRecord } from '../../domain/records.js';
import { AccountOperation, type ProviderFeatures, type ProviderHealth } from '../../providers/port.js';
import type { ServiceKernel } from '../../core/kernel.js';
import { usageRange } from '../../core/usage-range.js';

const MAX_USAGE_IDS = 500;

export interface ServerQuery {
  providers?: ProviderName[] | null;
  countryCodes?: string[] | null;
}

export interface ProviderSummary {
  name: ProviderName;
  configured: boolean;
  sandbox: boolean;
  capabilities: AccountOperation[];
  features: ProviderFeatures;
}

export type ProviderHealthSummary = Omit<ProviderHealth, 'breaker'> & { breaker: string };

/** Provider-wide reads: the providers themselves, plans, servers, usage of many accounts. */
export class CatalogService {
  static readonly MAX_USAGE_IDS = MAX_USAGE_IDS;

  constructor(private readonly k: ServiceKernel) {}

  providers(): ProviderSummary[] {
    return this.k.registry.all().map((p) => ({
      name: p.name,
      configured: !p.sandbox,
      sandbox: p.sandbox,
      capabilities: Object.values(AccountOperation).filter((op) => p.capabilities.has(op)),
      features: { ...p.features },
    }));
  }

  /** Checked live (one cheap upstream call); a failure is an answer (`ok: false`), not an error. */
  async health(name: ProviderName): Promise<ProviderHealthSummary> {
    try {
      return await this.k.provider(name).health();
    } catch (error) {
      return { ok: false, breaker: 'unknown', message: error instanceof Error ? error.message : 'health check failed' };
    }
  }

  /** A provider's plans; `maxAge` (ms, 0: live) bounds how old a cached or stored list may be. */
  plans(provider: ProviderName, maxAge?: number | null): Promise<PlanRecord[]> {
    this.k.allowedAge(maxAge);
    return this.k.loaders.plans.load(provider);
  }

  async plan(key: { provider: ProviderName; nativeId: string }): Promise<PlanRecord | null> {
    return (await this.plans(key.provider)).find((p) => p.nativeId === key.nativeId) ?? null;
  }

  /** Servers of the chosen providers; a failing provider's servers are missing and reported at `path`. */
  async servers(
    query: ServerQuery | null,
    path: ReadonlyArray<string | number>,
    maxAge?: number | null,
  ): Promise<ServerRecord[]> {
    this.k.allowedAge(maxAge);
    const codes = query?.countryCodes?.map((c) => c.toUpperCase());
    if (codes?.some((c) => !/^[A-Z]{2}$/.test(c))) {
      throw new InputError('countryCodes', 'Country codes are two letters (ISO 3166-1 alpha-2).');
    }
    const wanted = query?.providers;
    const names = wanted?.length ? PROVIDER_ORDER.filter((p) => wanted.includes(p)) : PROVIDER_ORDER;
    const lists = await this.k.loaders.servers.loadMany(names);
    const out: ServerRecord[] = [];
    lists.forEach((list, i) => {
      if (list instanceof Error) {
        this.k.reportPartial(list, path, names[i]);
        return;
      }
      out.push(...(codes ? list.filter((s) => s.countryCode !== null && codes.includes(s.countryCode)) : list));
    });
    return out;
  }

  async server(key: { provider: ProviderName; nativeId: string }): Promise<ServerRecord | null> {
    return (await this.k.loaders.servers.load(key.provider)).find((s) => s.nativeId === key.nativeId) ?? null;
  }

  /** Usage of many accounts over one range, batched per provider; null where the provider reports none. */
  /** One slot per id; an InputError (UNSUPPORTED_BY_PROVIDER) in the slots of providers without usage. */
  async usage(
    accountIds: string[],
    from: string | null,
    to: string | null,
  ): Promise<Array<UsageRecord | InputError | null>> {
    if (accountIds.length > MAX_USAGE_IDS) throw new InputError('accountIds', `At most ${MAX_USAGE_IDS} ids at once.`);
    const range = usageRange(from, to);
    const keys = accountIds.map((id, i) => {
      const gid = this.k.decode(id, 'Account', `accountIds[${i}]`);
      if (gid.source === 'STORE') throw new InputError('accountIds', `accountIds[${i}] is not a valid Account id.`);
      return { provider: gid.source, nativeId: gid.nativeId, ...range };
    });
    return Promise.all(
      keys.map(async (k, i) => {
        // Out of a scoped caller's reach answers like an account without usage: null.
        if (!(await this.k.scope.ownsAccount(k))) return null;
        return this.k.provider(k.provider).features.usage
          ? await this.k.loaders.usage.load(k)
          : new InputError(
              `accountIds[${i}]`,
              `${k.provider} reports no usage for its accounts.`,
              ErrorCode.UNSUPPORTED_BY_PROVIDER,
            );
      }),
    );
  }
}
