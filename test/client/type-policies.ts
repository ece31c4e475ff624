/**
 * The Apollo Client type policies docs/operations.md shows under "Hardened edges" (keep the two identical).
 * Entities and reports carry an `id` (Account, Customer, Project, Plan, Server, UsageReport, ProviderInfo,
 * WriteIntent) and are normalised by it; the types below are values without identity, merged into their
 * parent when a later query selects other fields of them; `accounts` pages are merged by relayStylePagination,
 * per filter and order (every argument that changes the list; test/client/apollo-recipe.ts is the full recipe).
 */
export const VALUE_TYPES = [
  'AccountPlan',
  'ProviderFeaturesInfo',
  'ProviderHealthInfo',
  'WireGuardInfo',
  'PageInfo',
] as const;

export function typePolicies(relayStylePagination: (keyArgs: string[]) => object): Record<string, object> {
  return {
    Query: { fields: { accounts: relayStylePagination(['filter', 'orderBy']) } },
    ...Object.fromEntries(VALUE_TYPES.map((name) => [name, { merge: true }])),
  };
}
