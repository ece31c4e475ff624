import { decodeId } from './ids.js';
import type { Scope } from './viewer.js';

/**
 * The claims of a scoped credential (JWT payload, or a stored API key's `scope` column), documented in
 * docs/scoped-access.md:
 *
 * - `role`: `customer` (an end customer's portal token) or `reseller` (a sub-reseller);
 * - `vg_customers`: global Customer ids (a customer token: exactly one; `vg_customer` with one id also works);
 * - `vg_projects`: global Project ids (sub-resellers only): every account of a customer in these projects;
 * - `vg_ops`: account operations allowed (AccountOperation names); default below;
 * - `vg_quota`: accounts a sub-reseller may have open (absent: no quota).
 */

/** The account operations a scope may name (the values of AccountOperation in src/providers/port.ts). */
export const SCOPE_OPERATIONS = [
  'CREATE',
  'ENABLE',
  'DISABLE',
  'RENEW',
  'EXTEND',
  'EXPIRE',
  'CHANGE_PASSWORD',
  'CHANGE_PLAN',
  'CLOSE',
  'DELETE',
  'REOPEN',
  'ANONYMISE',
  'SET_BANDWIDTH_LIMIT',
  'REVOKE_SESSIONS',
] as const;

/** What an end customer may do when its token names no `vg_ops`. */
export const CUSTOMER_DEFAULT_OPS = ['CHANGE_PASSWORD', 'RENEW', 'EXTEND'] as const;
/** Never granted to a customer, whatever its token says: it cannot open or delete accounts. */
const NEVER_FOR_CUSTOMERS = new Set(['CREATE', 'DELETE', 'ANONYMISE']);

export class ScopeClaimError extends Error {}

const MAX_IDS = 1000;

export function parseScope(kind: 'customer' | 'reseller', claims: Record<string, unknown>, key: string): Scope {
  const single = claims.vg_customer;
  const customerIds = ids(
    claims.vg_customers ?? (single === undefined ? undefined : [single]),
    'vg_customers',
    'Customer',
  );
  const projectIds = ids(claims.vg_projects, 'vg_projects', 'Project');
  const ops = new Set<string>();
  const named = claims.vg_ops;
  if (named === undefined) {
    for (const op of kind === 'customer' ? CUSTOMER_DEFAULT_OPS : SCOPE_OPERATIONS) ops.add(op);
  } else {
    if (!Array.isArray(named)) throw new ScopeClaimError('vg_ops must be a list of operation names.');
    for (const op of named) {
      if (typeof op !== 'string' || !(SCOPE_OPERATIONS as readonly string[]).includes(op))
        throw new ScopeClaimError(`vg_ops names an unknown operation.`);
      ops.add(op);
    }
  }
  let quota: number | null = null;
  if (claims.vg_quota !== undefined && claims.vg_quota !== null) {
    if (typeof claims.vg_quota !== 'number' || !Number.isInteger(claims.vg_quota) || claims.vg_quota < 0)
      throw new ScopeClaimError('vg_quota must be a non-negative integer.');
    quota = claims.vg_quota;
  }
  if (kind === 'customer') {
    if (customerIds.length !== 1) throw new ScopeClaimError('a customer token names exactly one customer.');
    if (projectIds.length > 0 || quota !== null)
      throw new ScopeClaimError('a customer token carries no vg_projects or vg_quota.');
    for (const op of NEVER_FOR_CUSTOMERS) ops.delete(op);
  } else if (customerIds.length === 0 && projectIds.length === 0) {
    throw new ScopeClaimError('a reseller scope names at least one customer or project.');
  }
  return { kind, customerIds, projectIds, ops, quota, key };
}

function ids(value: unknown, claim: string, type: 'Customer' | 'Project'): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > MAX_IDS) throw new ScopeClaimError(`${claim} must be a list of ids.`);
  return [
    ...new Set(
      value.map((id) => {
        const gid = typeof id === 'string' ? decodeId(id) : null;
        if (!gid || gid.type !== type) throw new ScopeClaimError(`${claim} holds something that is not a ${type} id.`);
        return id as string;
      }),
    ),
  ];
}
