import { isProviderName, type ProviderName } from './provider.js';

/**
 * Opaque global ids: base64url of "Type:SOURCE:nativeId", where SOURCE is a provider name, or STORE for
 * records kept in this API's own database (customers that link accounts of any provider).
 */
export type EntityType =
  | 'Account'
  | 'Customer'
  | 'Project'
  | 'Plan'
  | 'Server'
  | 'SyncRun'
  | 'SyncIssue'
  | 'AccountEvent'
  | 'BulkOperation'
  | 'AccountMove'
  | 'WebhookEndpoint'
  | 'WebhookDelivery'
  | 'ApiKey';
export const STORE_SOURCE = 'STORE';
export type Source = ProviderName | typeof STORE_SOURCE;

export interface GlobalId {
  type: EntityType;
  source: Source;
  nativeId: string;
}

const ENTITY_TYPES: readonly EntityType[] = [
  'Account',
  'Customer',
  'Project',
  'Plan',
  'Server',
  'SyncRun',
  'SyncIssue',
  'AccountEvent',
  'BulkOperation',
  'AccountMove',
  'WebhookEndpoint',
  'WebhookDelivery',
  'ApiKey',
];
const MAX_ID_LENGTH = 512;

export function encodeId(type: EntityType, source: Source, nativeId: string): string {
  return Buffer.from(`${type}:${source}:${nativeId}`, 'utf8').toString('base64url');
}

/** Decodes an id; null when it is not one of ours (caller turns that into a typed error). */
export function decodeId(id: string): GlobalId | null {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || !/^[A-Za-z0-9_-]+$/.test(id)) {
    return null;
  }
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  if (first < 0 || second < 0) return null;
  const type = text.slice(0, first) as EntityType;
  const source = text.slice(first + 1, second);
  const nativeId = text.slice(second + 1);
  if (!ENTITY_TYPES.includes(type) || nativeId.length === 0) return null;
  if (source !== STORE_SOURCE && !isProviderName(source)) return null;
  return { type, source, nativeId };
}

/** The account a global id names, or null when it is not an Account id of a provider. */
export function decodeAccountId(id: string): { provider: ProviderName; nativeId: string } | null {
  const gid = decodeId(id);
  if (!gid || gid.type !== 'Account' || gid.source === STORE_SOURCE) return null;
  return { provider: gid.source, nativeId: gid.nativeId };
}
