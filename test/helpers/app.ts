import 'reflect-metadata';
import { Mirror } from '../../src/core/mirror/mirror.js';
import { print, type DocumentNode } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { loadConfig } from '../../src/config/config.js';
import { createApp, type App } from '../../src/main/app.js';
import { openStore, type Store } from '../../src/core/store/store.js';
import { createLogger } from '../../src/lib/logger.js';
import { PROVIDER_MODULES, ProviderName } from '../../src/providers/modules.js';
import { syncRateVariable } from '../../src/providers/module.js';
import type { Logger } from 'pino';

/**
 * Starts the real server (sandbox emulators over real HTTP + an in-memory PGlite store) on an ephemeral
 * port, and runs operations over HTTP like a frontend would.
 */

/**
 * SYNC_RATE_<VENDOR>=0 for every vendor module: no scheduled sync (nor the start-up tick), for suites that count
 * vendor calls or inject faults and must see only their own calls.
 */
export const NO_SCHEDULED_SYNC: Readonly<Record<string, string>> = Object.fromEntries(
  PROVIDER_MODULES.map((m) => [syncRateVariable(m.name), '0']),
);

export interface GqlResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  status: number;
}

export interface TestApp {
  app: App;
  store: Store;
  gql<T = Record<string, unknown>, V = Record<string, unknown>>(
    query: string | DocumentNode | TypedDocumentNode<T, V>,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<GqlResult<T>>;
  /** Upstream requests counted by the emulators (all, or one provider's). */
  upstream(provider?: ProviderName): number;
  resetUpstream(): void;
  emulator(provider: ProviderName): NonNullable<ReturnType<App['registry']['emulator']>>;
  stop(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  options: { logger?: Logger; store?: Store } = {},
): Promise<TestApp> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', UPSTREAM_RETRIES: '1', WORKER: 'off', ...env });
  const store = options.store ?? (await openStore({}));
  const app = await createApp(config, {
    store,
    logger: options.logger ?? createLogger('silent'),
    emulator: { seed: 42 },
  });
  const emulator = (p: ProviderName) => {
    const e = app.registry.emulator(p);
    if (!e) throw new Error(`${p} is not in sandbox mode`);
    return e;
  };
  return {
    app,
    store,
    async gql(query, variables, headers = {}) {
      const res = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: typeof query === 'string' ? query : print(query), variables }),
      });
      const body = (await res.json()) as Omit<GqlResult<never>, 'status'>;
      return { ...(body as object), status: res.status };
    },
    upstream(provider) {
      const names = provider ? [provider] : Object.values(ProviderName);
      return names.reduce((n, p) => n + (app.registry.emulator(p)?.server.count() ?? 0), 0);
    },
    resetUpstream() {
      for (const p of Object.values(ProviderName)) app.registry.emulator(p)?.server.resetStats();
    },
    emulator,
    async stop() {
      await app.stop();
      await store.close();
    },
  };
}

/**
 * The store's mirror for a test's direct reads: each call first waits for the write-backs of the live reads made
 * so far (they land after the answer, between requests), so a count or page right after a request sees what that
 * request read. Every Mirror method is async.
 */
export function settledMirror(t: TestApp): Mirror {
  const mirror = new Mirror(t.store.db);
  return new Proxy(mirror, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await t.app.writeBack.flushed();
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
}
