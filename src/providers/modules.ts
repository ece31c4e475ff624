import type { ProviderName } from '../domain/provider.js';
import type { AnyProviderModule } from './module.js';
import { purewlModule } from './purewl/index.js';
import { vpnresellersModule } from './vpnresellers/index.js';
import { wlvpnModule } from './wlvpn/index.js';
import { purevpnModule } from './purevpn/index.js';

/**
 * The provider modules, one line each: the only list of vendors in the code base. config.ts merges their
 * environment fragments, the registry builds their providers and sandboxes. A fifth provider adds its line here.
 */
export const PROVIDER_MODULES = [purewlModule, vpnresellersModule, wlvpnModule, purevpnModule] as const;

export function providerModule(name: ProviderName): AnyProviderModule {
  const module = PROVIDER_MODULES.find((m) => m.name === name);
  if (!module) throw new Error(`no provider module for ${name}`);
  return module;
}

/** Every vendor payload field that carries a secret, from every module. */
export const PROVIDER_SECRET_FIELDS: readonly string[] = [...new Set(PROVIDER_MODULES.flatMap((m) => m.secretFields))];
