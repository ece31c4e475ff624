import { z } from 'zod';
import type { ProviderName } from '../domain/provider.js';
import type { EmulatorOptions } from '../sandbox/types.js';
import type { EmulatorServer } from '../sandbox/emulator-kit.js';
import type { NetworkSettings } from './http-settings.js';
import type { AccountDirectory, AccountOperation, ProviderFeatures, VpnProvider } from './port.js';

/**
 * What each provider folder exports (its index.ts): ONE module object that says how the provider is
 * configured from the environment, which of its values and payload fields are secret, what it can do, how
 * it is built and (lazily) how its sandbox emulator is started. config.ts and the registry build every list
 * they need from the modules; neither knows a vendor by name.
 */

/** An optional text variable: trimmed, unset when empty. Every provider variable has this type. */
export const envText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

export type EnvVar = typeof envText;
export type EnvShape = Record<string, EnvVar>;

export interface ProviderEnv<S extends EnvShape = EnvShape> {
  /** Zod fragment with the provider's own variables (names are part of the contract). */
  schema: z.ZodObject<S>;
  /** The variable holding the base URL, e.g. "WLVPN_BASE_URL"; every other one is a credential. */
  baseUrl: keyof S & string;
  /** Variables whose values are secret (registered for redaction when set). */
  secrets: ReadonlyArray<keyof S & string>;
}

/** The kinds of native id a caller hands a provider (an account's id, its username, a customer's id, …). */
export type IdKind = 'account' | 'username' | 'customer' | 'project' | 'server';

/**
 * A vendor's own rule for each kind of native id (its rules.ts): null when the vendor accepts the id, else
 * what is wrong with it (without echoing it). The shared rules (nativeIdProblem in http.ts) apply first.
 */
export type NativeIdRules = Readonly<Record<IdKind, (id: string) => string | null>>;

/**
 * Id rules of a vendor whose account id is its username and that keeps no customers, projects or servers of
 * its own (the directory vendors): the username rule for accounts, only the shared rules for the rest.
 */
export function usernameIdRules(username: (id: string) => string | null): NativeIdRules {
  return { account: username, username, customer: () => null, project: () => null, server: () => null };
}

/** What the port exposes about a provider without building it; shared by the module and its provider class. */
export interface ProviderTraits<N extends ProviderName = ProviderName> {
  /** The vendor's name (its name.ts): the GraphQL `Provider` value and the prefix of its variables. */
  readonly name: N;
  readonly capabilities: ReadonlySet<AccountOperation>;
  readonly features: ProviderFeatures;
  /** The customer link on an account (PureWL `uuid`) is the id of a customer kept in this API's store. */
  readonly customerRefsAreStoreIds: boolean;
  /** The vendor's rules for ids handed to it; every entry point checks them before any call (base.ts). */
  readonly idRules: NativeIdRules;
}

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

/** A built (not started) emulator plus what the provider needs to reach it. */
export interface ProviderSandbox {
  handle: SandboxHandle;
  /** Credentials the emulator accepts, keyed like the module's credential variables. */
  credentials: Record<string, string>;
  /**
   * Turns the emulator's root URL into the provider's base URL (PureVPN posts to one full URL). A function
   * property, not a method: callers destructure it, so it must not depend on `this`.
   */
  baseUrlFor: (emulatorUrl: string) => string;
}

export interface ProviderModule<
  S extends EnvShape = EnvShape,
  N extends ProviderName = ProviderName,
> extends ProviderTraits<N> {
  /** What the GraphQL `Provider` enum says of this value (the vendor's label: product and API version). */
  readonly description: string;
  /**
   * Default of SYNC_RATE_<NAME>: vendor calls per minute a sync of this vendor may spend (a vendor without a list
   * call reads that many accounts per minute; a full sync paces its list pages to it). 0: no scheduled sync.
   */
  readonly syncRate: number;
  readonly env: ProviderEnv<S>;
  /** Vendor payload field names that carry secrets (JSON keys, form fields): redacted in any text that leaves. */
  readonly secretFields: readonly string[];
  /** Builds the provider (no I/O). */
  create(config: ProviderConfig): VpnProvider;
  /** Loads the emulator code only when sandbox mode needs it (`await import('./sandbox/index.js')`). */
  sandbox(): Promise<(options: EmulatorOptions) => ProviderSandbox>;
}

/** Identity helper keeping the env shape's literal keys and the literal name (config.ts types its schema from them). */
export function defineProviderModule<S extends EnvShape, N extends ProviderName>(
  module: ProviderModule<S, N>,
): ProviderModule<S, N> {
  return module;
}

/**
 * Any module, whatever its variables: zod's ZodObject is invariant in its shape, so a list of modules with
 * different variables can only be typed with `any` here (the registry reads names, never the shape's types).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProviderModule = ProviderModule<any>;

/** The variable holding a vendor's sync rate (calls per minute): SYNC_RATE_<NAME>. */
export function syncRateVariable<N extends string>(name: N): `SYNC_RATE_${N}` {
  return `SYNC_RATE_${name}`;
}

export function bulkRateVariable<N extends string>(name: N): `BULK_RATE_${N}` {
  return `BULK_RATE_${name}`;
}

/** Every variable a module reads: the base URL first, then the credentials. */
export function moduleVariables(module: AnyProviderModule): string[] {
  const names = Object.keys(module.env.schema.shape as EnvShape);
  return [module.env.baseUrl, ...names.filter((n) => n !== module.env.baseUrl)];
}
