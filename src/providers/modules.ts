import { registerProviderNames, type ProviderName as DeclaredName } from '../domain/provider.js';
import type { AnyProviderModule } from './module.js';
import { purewlModule } from './purewl/index.js';
import { vpnresellersModule } from './vpnresellers/index.js';
import { wlvpnModule } from './wlvpn/index.js';
import { purevpnModule } from './purevpn/index.js';

/**
 * The provider modules, one line each: the only list of vendors in the code base. Everything that enumerates
 * vendors derives from it: the `ProviderName` values and their order (below), the GraphQL `Provider` enum and its
 * descriptions (graphql/common/enums.ts), the provider variables and SYNC_RATE_<NAME> (config.ts), the registry
 * and the sync schedule. A fifth provider is its folder plus its line here (test/providers/fifth-vendor.test.ts).
 */
export const PROVIDER_MODULES = [purewlModule, vpnresellersModule, wlvpnModule, purevpnModule] as const;

/**
 * Compiles only when every vendor folder that declares a name (its name.ts) has its line above: a vendor left out
 * would be in the `ProviderName` type but in no list.
 */
type Unlisted = Exclude<DeclaredName, (typeof PROVIDER_MODULES)[number]['name']>;
/** @public (a compile-time check: exported so it is not an unused local) */
export const EVERY_DECLARED_VENDOR_IS_LISTED: [Unlisted] extends [never] ? true : { unlisted: Unlisted } = true;

/** The vendors' names in the order of the modules: the fixed order wherever results span providers. */
export function providerOrder<N extends string>(modules: ReadonlyArray<{ readonly name: N }>): readonly N[] {
  return Object.freeze(modules.map((m) => m.name));
}

/** `{ PUREWL: 'PUREWL', … }`: the names as an enum-like object (the GraphQL enum is registered on it). */
export function providerValues<N extends string>(
  modules: ReadonlyArray<{ readonly name: N }>,
): { readonly [K in N]: K } {
  return Object.freeze(Object.fromEntries(modules.map((m) => [m.name, m.name]))) as { readonly [K in N]: K };
}

/** The fixed cross-provider order (the cross-provider connection, listings, the standalone sandbox's ports). */
export const PROVIDER_ORDER: readonly DeclaredName[] = providerOrder(PROVIDER_MODULES);
registerProviderNames(PROVIDER_ORDER);

/** Names as values: `ProviderName.WLVPN === 'WLVPN'`, `Object.values(ProviderName)` in order. */
export const ProviderName = providerValues(PROVIDER_MODULES);
export type ProviderName = DeclaredName;

export function providerModule(name: ProviderName): AnyProviderModule {
  const module = PROVIDER_MODULES.find((m) => m.name === name);
  if (!module) throw new Error(`no provider module for ${name}`);
  return module;
}

/** Every vendor payload field that carries a secret, from every module. */
export const PROVIDER_SECRET_FIELDS: readonly string[] = [...new Set(PROVIDER_MODULES.flatMap((m) => m.secretFields))];
