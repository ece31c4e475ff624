import { registerEnumType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';

/** Freshness in the schema: where account state came from, the mirror's orders, and HTTP cache hints. */

export const DataSource = { MIRROR: 'MIRROR', LIVE: 'LIVE' } as const;
export type DataSource = (typeof DataSource)[keyof typeof DataSource];

registerEnumType(DataSource, {
  name: 'DataSource',
  description: 'Where the state in this answer came from (an account, customer, project or usage report).',
  valuesConfig: {
    MIRROR: { description: "This API's mirror: the state the vendor last confirmed at `syncedAt` (no vendor call)." },
    LIVE: { description: 'A vendor read made for this request (or just before it, by a write).' },
  },
});

export const AccountOrderField = {
  USERNAME: 'USERNAME',
  EXPIRES_AT: 'EXPIRES_AT',
  CREATED_AT: 'CREATED_AT',
  STATUS: 'STATUS',
  PROVIDER: 'PROVIDER',
  SYNCED_AT: 'SYNCED_AT',
} as const;
export type AccountOrderField = (typeof AccountOrderField)[keyof typeof AccountOrderField];

registerEnumType(AccountOrderField, {
  name: 'AccountOrderField',
  description: 'What the mirror-served accounts connection is sorted by (ties: provider, then native id).',
  valuesConfig: {
    USERNAME: { description: 'VPN username (byte order).' },
    EXPIRES_AT: { description: 'Expiry; accounts without one sort after every date when ascending.' },
    CREATED_AT: { description: 'When the account was opened (else when this API first knew it).' },
    STATUS: { description: 'Provider-neutral status.' },
    PROVIDER: { description: 'Provider.' },
    SYNCED_AT: { description: 'When the vendor last confirmed the state; never-confirmed accounts first ascending.' },
  },
});

export const SortDirection = { ASC: 'ASC', DESC: 'DESC' } as const;
export type SortDirection = (typeof SortDirection)[keyof typeof SortDirection];

registerEnumType(SortDirection, {
  name: 'SortDirection',
  description: 'Sort direction.',
  valuesConfig: { ASC: { description: 'Ascending.' }, DESC: { description: 'Descending.' } },
});

/** The `maxAge` argument's description, shared by every field that takes it. */
export const MAX_AGE_DESCRIPTION =
  "Oldest mirrored account state accepted, in milliseconds (default: the server's MIRROR_MAX_AGE_MS). State " +
  'younger than this is answered from the mirror without a vendor call; older state is read live and written ' +
  "back. 0 always reads live (a mirror-served list: the vendors' own lists, and every directory row of a vendor " +
  "without one, within the request's vendor-call budget, else MIRROR_INCOMPLETE). Also sets the HTTP cache hint " +
  '(max-age in whole seconds, private; no-store for an answer with a gap).';

/** The `maxAge` argument of the catalog (`plans`, `servers`). */
export const CATALOG_MAX_AGE_DESCRIPTION =
  "Oldest catalog accepted, in milliseconds (default: the server's MIRROR_MAX_AGE_MS): a provider's list is " +
  "answered from this process's cache or the store when the vendor confirmed it within this age (its `syncedAt`), " +
  'else read live and written back. 0 always reads live.';

/** The `maxAge` argument of the customer and project lists. */
export const LIST_MAX_AGE_DESCRIPTION =
  "Oldest stored list accepted, in milliseconds (default: the server's MIRROR_MAX_AGE_MS): a provider's list is " +
  'answered from the store when its whole list was read (by a sync, or a request) within this age, else read live ' +
  'and written back. 0 always reads live. Also bounds the customers and projects nested in the answer, and sets ' +
  'the HTTP cache hint (no-store for an answer with `failures`).';

/**
 * Apollo cache hint for a field whose answer may be as old as `maxAgeMs`: max-age in whole seconds, PRIVATE
 * (every answer depends on the caller's credentials). Nested types inherit it (`@cacheControl(inheritMaxAge)`).
 */
export function hintMaxAge(info: GraphQLResolveInfo, maxAgeMs: number): void {
  // Apollo's cache-control plugin adds `cacheControl` to the resolve info (absent when the plugin is off).
  const control = (info as { cacheControl?: { setCacheHint(hint: { maxAge: number; scope: 'PRIVATE' }): void } })
    .cacheControl;
  control?.setCacheHint({ maxAge: Math.floor(maxAgeMs / 1000), scope: 'PRIVATE' });
}

/** Directive usage that lets a type inherit its parent field's cache hint. */
export const INHERIT_CACHE_HINT = '@cacheControl(inheritMaxAge: true)';

/**
 * SDL declaring Apollo's cache-control directive (a subgraph must declare it to use it). Declared without its
 * `scope` argument and CacheControlScope enum: this schema sets scope dynamically (always PRIVATE), and an
 * enum used by no field makes federation composition hint UNUSED_ENUM_TYPE.
 */
export const CACHE_CONTROL_SDL =
  '"""Apollo cache hint: how long (seconds) a field may be cached, or that it inherits its parent\'s hint."""\n' +
  'directive @cacheControl(maxAge: Int, inheritMaxAge: Boolean) on FIELD_DEFINITION | OBJECT | INTERFACE | UNION';

/** What a customer, project or usage report in an answer says about its freshness (see `Stamp` in the loaders). */
export interface StampedRoot {
  syncedAt?: string | null;
  dataSource?: DataSource;
}

export const STAMP_SYNCED_AT =
  'When the vendor last confirmed what is shown (a live read: when it answered; a customer kept by this API: ' +
  'this read). Null when unknown.';
export const STAMP_DATA_SOURCE =
  "Where what is shown came from: this API's store (MIRROR, kept by the sync and by earlier reads) or a live read.";
