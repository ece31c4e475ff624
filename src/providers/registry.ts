import { join } from 'node:path';
import { ConfigError } from '../lib/config-error.js';
import { remainingUpstreamCalls, type RequestScope } from '../lib/request-context.js';
import { registerSecret, registerSecretFields } from '../lib/redact.js';
import type { EmulatorOptions } from '../sandbox/types.js';
import type { NetworkSettings } from './http-settings.js';
import { moduleVariables, type AnyProviderModule, type SandboxHandle } from './module.js';
import { PROVIDER_MODULES, PROVIDER_ORDER, PROVIDER_SECRET_FIELDS, type ProviderName } from './modules.js';
import type { AccountDirectory, VpnProvider } from './port.js';
import { scopedProvider } from './scoped.js';

/**
 * Decides, per provider, between the real API (every variable set), the in-process emulator (none set)
 * and a start-up error (some set), then builds the providers. Knows the modules only through their list;
 * takes what it needs (the environment, network settings) from the caller and imports nothing above it.
 */

export interface RegistryEnvironment {
  /** Parsed environment (provider variables as strings, unset ones undefined). */
  env: Readonly<Record<string, unknown>>;
  network: NetworkSettings;
}

export interface RegistryOptions {
  /** Options for sandbox emulators (seed, clock, admin path). */
  emulator?: EmulatorOptions;
  /** Latency added to every emulator answer (benchmarks). */
  sandboxLatencyMs?: number;
  /** The modules to build (default: every module); tests may pass a subset. */
  modules?: readonly AnyProviderModule[];
  /** Where in-process emulators keep their state (`<dir>/<PROVIDER>.json`), so it survives a restart with the store. */
  sandboxStateDir?: string;
}

/** Which providers run in their sandbox; throws ConfigError naming every partly configured one. */
export function providerPlans(
  env: Readonly<Record<string, unknown>>,
  modules: readonly AnyProviderModule[] = PROVIDER_MODULES,
): Array<{ module: AnyProviderModule; sandbox: boolean }> {
  const problems: string[] = [];
  const plans = modules.map((module) => {
    const vars = moduleVariables(module);
    const set = vars.filter((v) => typeof env[v] === 'string' && env[v] !== '');
    const missing = vars.filter((v) => !set.includes(v));
    if (set.length > 0 && missing.length > 0) {
      problems.push(
        `${module.name} is partly configured: set ${missing.join(', ')} (or unset ${set.join(', ')} to use its sandbox)`,
      );
    }
    return { module, sandbox: set.length === 0 };
  });
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return plans;
}

export class ProviderRegistry {
  private constructor(
    private readonly providers: Map<ProviderName, VpnProvider>,
    private readonly emulators: Map<ProviderName, SandboxHandle>,
    /** Set on a view made by `scoped`. */
    private readonly scope?: RequestScope,
  ) {}

  /**
   * The same providers for one request (or one unit of background work): their vendor calls are counted against
   * `scope`'s budget, paced and reported by its hooks and sent with its request id (`scopedProvider`). The
   * request's services and loaders are built over such a view: the scope travels with them, not in async context.
   */
  scoped(scope: RequestScope): ProviderRegistry {
    const providers = new Map<ProviderName, VpnProvider>();
    for (const [name, provider] of this.providers) providers.set(name, scopedProvider(provider, scope));
    return new ProviderRegistry(providers, this.emulators, scope);
  }

  /** Vendor calls the scope of this view may still make (the root registry: the background scope's, if any). */
  remainingUpstreamCalls(): number {
    return remainingUpstreamCalls(this.scope);
  }

  static async create(
    config: RegistryEnvironment,
    directory: AccountDirectory,
    options: RegistryOptions = {},
  ): Promise<ProviderRegistry> {
    const { env, network } = config;
    const modules = options.modules ?? PROVIDER_MODULES;
    registerSecretFields(PROVIDER_SECRET_FIELDS);
    const plans = providerPlans(env, modules);
    const providers = new Map<ProviderName, VpnProvider>();
    const emulators = new Map<ProviderName, SandboxHandle>();
    try {
      for (const { module, sandbox } of plans) {
        registerSecretFields(module.secretFields);
        if (sandbox) {
          const build = await module.sandbox();
          const stateFile = options.sandboxStateDir ? join(options.sandboxStateDir, `${module.name}.json`) : undefined;
          const { handle, credentials, baseUrlFor } = build({
            seed: 42,
            ...options.emulator,
            ...(stateFile ? { stateFile } : {}),
          });
          const url = await handle.server.start();
          if (options.sandboxLatencyMs)
            handle.server.addFault({ kind: 'latency', latencyMs: options.sandboxLatencyMs });
          emulators.set(module.name, handle);
          providers.set(
            module.name,
            module.create({ baseUrl: baseUrlFor(url), credentials, network, directory, sandbox: true }),
          );
        } else {
          const [baseVar, ...credentialVars] = moduleVariables(module);
          const credentials: Record<string, string> = {};
          for (const v of credentialVars) credentials[v] = String(env[v]);
          for (const v of module.env.secrets) registerSecret(credentials[v]);
          providers.set(
            module.name,
            module.create({ baseUrl: String(env[baseVar as string]), credentials, network, directory, sandbox: false }),
          );
        }
      }
    } catch (error) {
      await Promise.all([...emulators.values()].map((e) => e.server.stop()));
      throw error;
    }
    return new ProviderRegistry(providers, emulators);
  }

  get(name: ProviderName): VpnProvider {
    const provider = this.providers.get(name);
    if (!provider) throw new Error(`provider ${name} is not registered`);
    return provider;
  }

  /** Providers in the fixed cross-provider order. */
  all(): VpnProvider[] {
    return PROVIDER_ORDER.map((n) => this.providers.get(n)).filter((p): p is VpnProvider => p !== undefined);
  }

  emulator(name: ProviderName): SandboxHandle | undefined {
    return this.emulators.get(name);
  }

  get sandboxEmulators(): ReadonlyMap<ProviderName, SandboxHandle> {
    return this.emulators;
  }

  async close(): Promise<void> {
    if (this.scope) return; // a view owns nothing
    await Promise.all([...this.providers.values()].map((p) => p.close()));
    await Promise.all([...this.emulators.values()].map((e) => e.server.stop()));
  }
}
