/**
 * This vendor's name: its value of the GraphQL `Provider` enum, the prefix of its variables, its key in every
 * list. Declaring it here adds it to the `ProviderName` type; its line in providers/modules.ts puts it in the lists.
 */
export const WLVPN = 'WLVPN';

declare module '../../domain/provider.js' {
  interface ProviderNames {
    WLVPN: true;
  }
}
