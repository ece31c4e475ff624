/** Roles a caller can hold (the same values as `Role` in config.ts). */
export type Role = 'reader' | 'operator' | 'admin';

/**
 * What a scoped credential may reach (issue #21). A `customer` scope is one end customer (its portal); a
 * `reseller` scope is a sub-reseller: a set of customers and/or projects, with an optional quota of open
 * accounts. Ownership is decided by the directory links (account_registry.customer_id / project_id), in
 * one place: src/core/access/scope-guard.ts.
 */
export interface Scope {
  kind: 'customer' | 'reseller';
  /** Global Customer ids (base64url of `Customer:SOURCE:nativeId`), as the graph shows them. */
  customerIds: readonly string[];
  /** Global Project ids (VPNresellers), reseller scopes only. */
  projectIds: readonly string[];
  /** Account operations (AccountOperation values) the credential may run; reads are always allowed. */
  ops: ReadonlySet<string>;
  /** Accounts a sub-reseller may have open (null: no quota). */
  quota: number | null;
  /** Stable key the quota is counted under (the credential's identity, e.g. `jwt:portal-7`). */
  key: string;
}

/** Who is calling. `roles` holds every role granted (admin ⊃ operator ⊃ reader); `scope` null = global. */
export interface Viewer {
  actor: string;
  roles: ReadonlySet<Role>;
  anonymous: boolean;
  scope?: Scope | null;
  /**
   * The request carries the right `X-Router-Secret` (ROUTER_SECRET): it comes from the federation router. With
   * no other credential the viewer has no role and may read only `_service` (app/plugins.ts serviceGatePlugin).
   */
  router?: boolean;
}

export function rolesFor(role: Role): ReadonlySet<Role> {
  if (role === 'admin') return new Set<Role>(['reader', 'operator', 'admin']);
  if (role === 'operator') return new Set<Role>(['reader', 'operator']);
  return new Set<Role>(['reader']);
}
