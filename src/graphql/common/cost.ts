/**
 * Demand control (Federation 2.9 `@cost` / `@listSize`, IBM cost spec): weights in units where one object
 * resolved in-process costs 1 (the router's default). A vendor call is what costs: the weights below are
 * what the router and this subgraph's own cost limit (src/main/cost-estimate.ts, MAX_COST) both charge.
 */
export const COST = {
  /** A field that may need the account's status read from its vendor (PureWL/PureVPN: one call per account). */
  STATUS_READ: 5,
  /** One vendor read of one entity (customer, project, usage, WireGuard info, connection files). */
  VENDOR_READ: 10,
  /** A vendor list (a page per provider for accounts, customers, projects). */
  VENDOR_LIST: 20,
  /** Catalog reads (plans, servers): a vendor call, cached for CATALOG_CACHE_TTL_MS. */
  CATALOG: 3,
  /** A vendor write (every lifecycle mutation; the router adds 10 per mutation operation). */
  VENDOR_WRITE: 20,
  /** A read of this API's own store (directory, intents, store customers). */
  STORE: 1,
} as const;

export const cost = (weight: number): string => `@cost(weight: ${weight})`;

/** A Relay connection: as many edges/nodes as `first`/`last` asks (default page size 20 when neither is given). */
export const CONNECTION_SIZE =
  '@listSize(slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false, assumedSize: 20)';

/** A plain list of known bound (assumed size). */
export const listSize = (assumedSize: number): string => `@listSize(assumedSize: ${assumedSize})`;

/** Fields a public (customer-facing) contract variant leaves out (`@tag(name: "internal")`). */
export const INTERNAL = '@tag(name: "internal")';
