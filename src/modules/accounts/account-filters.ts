import { InputError } from '../../domain/errors.js';
import { PROVIDER_ORDER, type ProviderName } from '../../providers/modules.js';
import type { AccountStatus } from '../../domain/records.js';
import type { AccountFilter, VpnProvider } from '../../providers/port.js';
import type { ServiceKernel } from '../../core/kernel.js';
import type { MirrorFilter } from '../../core/mirror/mirror-query.js';
import { checkSearch } from './account-mirror-list.service.js';

/** The accounts filter in the mirror's terms (SQL), and which conditions only the mirror can answer. */

export interface AccountFilterInput {
  providers?: ProviderName[] | null;
  statuses?: AccountStatus[] | null;
  customerId?: string | null;
  projectId?: string | null;
  usernamePrefix?: string | null;
  /** Mirror-only conditions (SQL over the mirror; no vendor can answer them). */
  expiresBefore?: Date | string | null;
  expiresAfter?: Date | string | null;
  search?: string | null;
  staleBefore?: Date | string | null;
}

/** Conditions no vendor list can answer: they need the mirror. */
export function needsMirror(input: AccountFilterInput): boolean {
  return Boolean(input.expiresBefore || input.expiresAfter || input.search || input.staleBefore);
}

function iso(value: Date | string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/**
 * `providers` and `filter` are the live filter already resolved (customer and project ids decoded, providers
 * narrowed); `storeCustomer` a customer kept in this API's store.
 */
export function mirrorFilter(
  input: AccountFilterInput,
  providers: VpnProvider[],
  filter: AccountFilter,
  storeCustomer: string | undefined,
): MirrorFilter {
  const out: MirrorFilter = { providers: providers.map((p) => p.name) };
  // The directory's project link (written by creates and syncs), in the global or the bare form.
  if (filter.projectNativeId) out.projectIds = [...(input.projectId ? [input.projectId] : []), filter.projectNativeId];
  if (filter.statuses?.length) out.statuses = filter.statuses;
  if (filter.usernamePrefix) out.usernamePrefix = filter.usernamePrefix;
  if (filter.customerNativeId) {
    out.customerNativeId = filter.customerNativeId;
    if (input.customerId) out.customerLinks = [input.customerId];
  }
  if (storeCustomer) out.customerIds = [storeCustomer, ...(input.customerId ? [input.customerId] : [])];
  const expiresBefore = iso(input.expiresBefore);
  const expiresAfter = iso(input.expiresAfter);
  const staleBefore = iso(input.staleBefore);
  const search = checkSearch(input.search);
  if (expiresBefore) out.expiresBefore = expiresBefore;
  if (expiresAfter) out.expiresAfter = expiresAfter;
  if (staleBefore) out.staleBefore = staleBefore;
  if (search) out.search = search;
  return out;
}

/** The live filter: providers in scope, the port's filter, or a customer kept in this API's store. */
export function resolveFilter(
  k: ServiceKernel,
  input: AccountFilterInput,
): {
  providers: VpnProvider[];
  filter: AccountFilter;
  storeCustomer?: string;
} {
  let names: ProviderName[] = input.providers?.length ? [...new Set(input.providers)] : [...PROVIDER_ORDER];
  const filter: AccountFilter = {};
  if (input.statuses?.length) filter.statuses = input.statuses;
  if (input.usernamePrefix) {
    if (input.usernamePrefix.length > 60)
      throw new InputError('usernamePrefix', '`usernamePrefix` is at most 60 characters.');
    filter.usernamePrefix = input.usernamePrefix;
  }
  let storeCustomer: string | undefined;
  if (input.customerId) {
    const c = k.decode(input.customerId, 'Customer', 'customerId');
    if (c.source === 'STORE') storeCustomer = c.nativeId;
    else {
      names = names.filter((n) => n === c.source);
      filter.customerNativeId = c.nativeId;
    }
  }
  if (input.projectId) {
    const p = k.decodeAtProvider(input.projectId, 'Project', 'projectId');
    names = names.filter((n) => n === p.provider);
    filter.projectNativeId = p.nativeId;
  }
  const providers = PROVIDER_ORDER.filter((n) => names.includes(n)).map((n) => k.provider(n));
  return { providers, filter, ...(storeCustomer ? { storeCustomer } : {}) };
}
