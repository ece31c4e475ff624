/**
 * The names of the white-label VPN reseller APIs behind this graph. Domain lists none of them: each provider folder
 * declares its own (`src/providers/<vendor>/name.ts` adds an entry to `ProviderNames`), and src/providers/modules.ts,
 * the one list of vendors, gives their order and registers them here when it loads. So a new vendor is its folder
 * plus one line in modules.ts, and domain (which imports nothing but domain and lib) stays provider-neutral.
 */

/** One entry per vendor, added by declaration merging in the vendor's name.ts. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the vendors' name.ts files
export interface ProviderNames {}

/** A vendor's name, e.g. 'WLVPN' (the union of every vendor folder's name.ts). */
export type ProviderName = Extract<keyof ProviderNames, string>;

const registered = new Set<string>();

/** Called once by src/providers/modules.ts with the names of the vendors it lists, in their order. */
export function registerProviderNames(names: readonly ProviderName[]): void {
  for (const name of names) registered.add(name);
}

/**
 * Whether a text names a listed vendor (ids decoded from the outside, job payloads). Throws when no vendor has been
 * registered, which means src/providers/modules.ts was not loaded: a wrong `false` would look like a bad id.
 */
export function isProviderName(value: string): value is ProviderName {
  if (registered.size === 0) throw new Error('no provider names registered: load src/providers/modules.ts first');
  return registered.has(value);
}
