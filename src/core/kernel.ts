import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import { ErrorCode, InputError } from '../domain/errors.js';
import { decodeId, type GlobalId } from '../domain/ids.js';
import type { ProviderName } from '../domain/provider.js';
import type { Viewer } from '../domain/viewer.js';
import type { Loaders } from './loaders/loaders.js';
import { asProviderError, type VpnProvider } from '../providers/port.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from './store/store.js';
import { toGraphQLError } from './error-mapping.js';
import { runKeyed, type Codec } from './keyed-write.js';
import { ScopeGuard } from './access/scope-guard.js';
import { type ScopeRules } from './access/scope-rules.js';
import { direction, offsetConnection, offsetWindow, type Connection, type ConnectionArgs } from './pagination.js';

/** What every per-request service is built from (one set per request). */
/** Hands a started run to the job queue (the app wires it to pg-boss's `sync-provider` queue). */
export interface SyncQueue {
  enqueue(provider: ProviderName, runId: string): Promise<void>;
}

export interface ServiceDeps {
  config: AppConfig;
  registry: ProviderRegistry;
  store: Store;
  loaders: Loaders;
  /** Non-fatal failures, appended to the response's `errors`. */
  partialErrors: GraphQLError[];
  /** Who is calling (journal actor). */
  viewer: Viewer;
  requestId: string;
  logger: Logger;
  /** Where `syncProvider` hands a started run (the job queue); absent: runs cannot be started on demand. */
  syncQueue?: SyncQueue;
  /** Queues background jobs (webhook deliveries, bulk operations); absent when no runner is reachable. */
  jobs?: { send(name: string, data?: object, options?: object): Promise<string | null> };
}

/** Plumbing the services share: id decoding, provider lookup, paging, partial failures, the journal. */
export class ServiceKernel {
  /** What a scoped caller (customer portal, sub-reseller) may reach; every service asks it. */
  readonly scope: ScopeGuard;

  constructor(readonly deps: ServiceDeps) {
    this.scope = new ScopeGuard({
      viewer: deps.viewer,
      store: deps.store,
      loaders: deps.loaders,
      rules: scopeRules(deps.config),
    });
  }

  get registry(): ProviderRegistry {
    return this.deps.registry;
  }
  get store(): Store {
    return this.deps.store;
  }
  get loaders(): Loaders {
    return this.deps.loaders;
  }

  /** Decodes an id of the expected type or throws a typed VALIDATION error naming the argument. */
  decode(id: string, type: GlobalId['type'], field = 'id'): GlobalId {
    const decoded = decodeId(id);
    if (!decoded || decoded.type !== type) throw new InputError(field, `\`${field}\` is not a valid ${type} id.`);
    return decoded;
  }

  /** Like `decode`, for entities only providers hold (never the store). */
  decodeAtProvider(id: string, type: GlobalId['type'], field = 'id'): { provider: ProviderName; nativeId: string } {
    const gid = this.decode(id, type, field);
    if (gid.source === 'STORE') throw new InputError(field, `\`${field}\` is not a valid ${type} id.`);
    return { provider: gid.source, nativeId: gid.nativeId };
  }

  /**
   * The age (ms) of mirrored state a read accepts: the query's `maxAge` argument, or MIRROR_MAX_AGE_MS.
   * Negative → VALIDATION at the argument.
   */
  allowedAge(maxAge: number | null | undefined, field = 'maxAge'): number {
    if (maxAge === null || maxAge === undefined) return this.deps.config.env.MIRROR_MAX_AGE_MS;
    if (!Number.isInteger(maxAge) || maxAge < 0)
      throw new InputError(field, `\`${field}\` must be a whole number of milliseconds, 0 or more.`);
    // What hangs off the accounts in this answer (customers, projects, catalog, usage) accepts the same age.
    this.deps.loaders.ages.note(maxAge);
    return maxAge;
  }

  /**
   * The age (ms) of stored customers and projects this request accepts: the smallest `maxAge` given to a root
   * field, else MIRROR_MAX_AGE_MS; 0 (live) for the N+1 baseline (DATALOADER=false), which reads nothing stored.
   */
  get storedAge(): number {
    return this.deps.config.env.DATALOADER ? this.deps.loaders.ages.state : 0;
  }

  provider(name: ProviderName): VpnProvider {
    return this.registry.get(name);
  }

  /** Offset-paged list from one source (customers, projects). */
  async offsetList<T>(
    args: ConnectionArgs,
    fetch: (offset: number, limit: number) => Promise<{ items: T[]; totalCount: number | null }>,
  ): Promise<Connection<T>> {
    const dir = direction(args, this.deps.config.env.MAX_PAGE_SIZE);
    let total: number | null = null;
    const window = await offsetWindow(dir, async () => {
      const first = await fetch(0, 1);
      if (first.totalCount === null)
        throw new InputError('before', 'This list cannot be paged backwards from its end.', ErrorCode.VALIDATION);
      total = first.totalCount;
      return first.totalCount;
    });
    const page = await fetch(window.offset, dir.forward ? window.limit + 1 : window.limit);
    total = page.totalCount ?? total;
    return offsetConnection(page.items, window, dir, total, total ?? undefined);
  }

  /** Records a non-fatal provider failure at `path` (the rest of the answer stands). */
  reportPartial(error: Error, path: ReadonlyArray<string | number>, provider?: ProviderName): void {
    this.deps.partialErrors.push(toGraphQLError(provider ? asProviderError(provider, 'read', error) : error, path));
  }

  /**
   * Runs a write and journals it (actor, operation, target, input, outcome); a failure is journaled and
   * rethrown unchanged, for the GraphQL layer to turn into userErrors.
   */
  /**
   * A customer or project write on the write pipeline (keyed-write.ts), journaled: `key` in the caller's
   * tenant namespace, bound to every argument; the answer replayed through `codec`.
   */
  journaledOnce<T>(
    entry: { operation: string; provider: ProviderName | null; target: string; input: Record<string, unknown> },
    once: { key: string | null | undefined; idempotent: boolean; codec: Codec<T>; gone?: () => T },
    run: () => Promise<T>,
  ): Promise<T> {
    return this.journaled(entry, () =>
      runKeyed(
        this.store.intents,
        { ...entry, key: once.key, idempotent: once.idempotent, tenant: this.scope.tenant },
        run,
        once.codec,
        once.gone,
      ),
    );
  }

  async journaled<T>(
    entry: { operation: string; provider: ProviderName | null; target: string; input: Record<string, unknown> },
    run: () => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      await this.journal(entry, 'error', typeof code === 'string' ? code : 'INTERNAL');
      throw error;
    }
    await this.journal(entry, 'ok', null);
    return result;
  }

  private async journal(
    entry: { operation: string; provider: ProviderName | null; target: string; input: Record<string, unknown> },
    outcome: 'ok' | 'error',
    errorCode: string | null,
  ): Promise<void> {
    try {
      await this.store.journal({
        actor: this.deps.viewer.actor,
        ...entry,
        outcome,
        errorCode,
        requestId: this.deps.requestId,
      });
    } catch (error) {
      this.deps.logger.error(
        { err: error instanceof Error ? error.message : 'journal failed' },
        'journal write failed',
      );
    }
  }
}

/** The reseller's rules for customer renewals (CUSTOMER_RENEW_* variables). */
export function scopeRules(config: AppConfig): ScopeRules {
  return {
    renewRequiresKey: config.env.CUSTOMER_RENEW_REQUIRES_IDEMPOTENCY_KEY,
    renewWithinDays: config.env.CUSTOMER_RENEW_WITHIN_DAYS,
    maxDays: config.env.CUSTOMER_RENEW_MAX_DAYS,
  };
}
