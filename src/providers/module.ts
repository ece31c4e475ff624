import type { ProviderName } from '../domain/provider.js';
import type { EmulatorOptions, EmulatorServer } from '../sandbox/emulator-kit.js';
import type { NetworkSettings } from './http.js';
import type { AccountDirectory, VpnProvider } from './port.js';

/**
 * What each provider folder exports (its index.ts): how it is configured from the environment, how its
 * sandbox emulator is started, and how the provider is built. The registry knows nothing else about it.
 */

export interface ProviderConfig {
  baseUrl: string;
  /** Credential values keyed by environment variable name (e.g. { WLVPN_API_KEY: '...' }). */
  credentials: Record<string, string>;
  network: NetworkSettings;
  directory: AccountDirectory;
  sandbox: boolean;
}

/** A running emulator as seen from outside: its HTTP server (faults, counters) and its demo data. */
export interface SandboxHandle {
  /** Started and stopped by the registry (`server.start()` answers the base URL). */
  readonly server: EmulatorServer;
  /** Usernames of the seeded accounts (imported into the store's directory for vendors with no list call). */
  demoUsernames(): string[];
  /** Seeded account → customer links the vendor's account payload does not carry (imported into the store). */
  demoCustomerLinks?(): Array<{ nativeId: string; username: string; customerNativeId: string }>;
}

export interface ProviderModule {
  name: ProviderName;
  env: {
    /** e.g. "WLVPN_BASE_URL" */
    baseUrl: string;
    /** e.g. ["WLVPN_API_KEY"] */
    credentials: readonly string[];
  };
  /** Builds (not starts) the emulator, plus the base URL suffix and credentials to reach it. */
  createSandbox(options: EmulatorOptions): {
    handle: SandboxHandle;
    /** Credentials the emulator accepts, keyed like `env.credentials`. */
    credentials: Record<string, string>;
    /** Turns the emulator's root URL into the provider's base URL (PureVPN posts to one full URL). */
    baseUrlFor(emulatorUrl: string): string;
  };
  createProvider(config: ProviderConfig): VpnProvider;
}
