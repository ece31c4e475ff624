import { ConfigError, PROVIDER_ENV, type AppConfig } from '../config.js';
import { PROVIDER_ORDER, ProviderName } from '../domain/provider.js';
import type { EmulatorOptions } from '../sandbox/emulator-kit.js';
import type { ProviderModule, SandboxHandle } from './module.js';
import type { AccountDirectory, VpnProvider } from './port.js';
import { purewlModule } from './purewl/index.js';
import { vpnresellersModule } from './vpnresellers/index.js';
import { wlvpnModule } from './wlvpn/index.js';
import { purevpnModule } from './purevpn/index.js';

/**
 * Decides, per provider, between the real API (every variable set), the in-process emulator (none set)
 * and a start-up error (some set), then builds the providers. The only place that knows the modules.
 */

export const PROVIDER_MODULES: Record<ProviderName, ProviderModule> = {
  [ProviderName.PUREWL]: purewlModule,
  [ProviderName.VPNRESELLERS]: vpnresellersModule,
  [ProviderName.WLVPN]: wlvpnModule,
  [ProviderName.PUREVPN]: purevpnModule,
};

export interface RegistryOptions {
  /** Options for sandbox emulators (seed, clock, admin path). */
  emulator?: EmulatorOptions;
  /** Latency added to every emulator answer (benchmarks). */
  sandboxLatencyMs?: number;
}

export class ProviderRegistry {
  private constructor(
    private readonly providers: Map<ProviderName, VpnProvider>,
    private readonly emulators: Map<ProviderName, SandboxHandle>,
  ) {}

  static async create(
    config: AppConfig,
    directory: AccountDirectory,
    options: RegistryOptions = {},
  ): Promise<ProviderRegistry> {
    const env = config.env as Record<string, unknown>;
    const providers = new Map<ProviderName, VpnProvider>();
    const emulators = new Map<ProviderName, SandboxHandle>();
    const problems: string[] = [];
    const plans = PROVIDER_ORDER.map((name) => {
      const vars = [PROVIDER_ENV[name].baseUrl, ...PROVIDER_ENV[name].credentials] as string[];
      const set = vars.filter((v) => typeof env[v] === 'string' && env[v] !== '');
      const missing = vars.filter((v) => !set.includes(v));
      if (set.length > 0 && missing.length > 0) {
        problems.push(
          `${name} is partly configured: set ${missing.join(', ')} (or unset ${set.join(', ')} to use its sandbox)`,
        );
      }
      return { name, sandbox: set.length === 0 };
    });
    if (problems.length > 0) throw new ConfigError(problems.join('; '));

    try {
      for (const { name, sandbox } of plans) {
        const module = PROVIDER_MODULES[name];
        if (sandbox) {
          const { handle, credentials, baseUrlFor } = module.createSandbox({ seed: 42, ...options.emulator });
          const url = await handle.server.start();
          if (options.sandboxLatencyMs) handle.server.addFault({ kind: 'latency', latencyMs: options.sandboxLatencyMs });
          emulators.set(name, handle);
          providers.set(
            name,
            module.createProvider({
              baseUrl: baseUrlFor(url),
              credentials,
              network: config.network,
              directory,
              sandbox: true,
            }),
          );
        } else {
          const credentials: Record<string, string> = {};
          for (const v of module.env.credentials) credentials[v] = String(env[v]);
          providers.set(
            name,
            module.createProvider({
              baseUrl: String(env[module.env.baseUrl]),
              credentials,
              network: config.network,
              directory,
              sandbox: false,
            }),
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
    await Promise.all([...this.providers.values()].map((p) => p.close()));
    await Promise.all([...this.emulators.values()].map((e) => e.server.stop()));
  }
}
