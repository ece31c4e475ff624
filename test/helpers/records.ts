import { AccountStatus, type AccountRecord } from '../../src/domain/records.js';

/**
 * An account record as a vendor read gives it: `who` names it, everything a test does not set is unknown (null) and
 * the account ACTIVE. `over` changes any field.
 */
export function accountRecord(
  who: Pick<AccountRecord, 'provider' | 'nativeId' | 'username'>,
  over: Partial<AccountRecord> = {},
): AccountRecord {
  return {
    ...who,
    status: AccountStatus.ACTIVE,
    providerStatus: 'active',
    createdAt: null,
    updatedAt: null,
    expiresAt: null,
    closedAt: null,
    throttled: null,
    customerNativeId: null,
    planNativeId: null,
    groupId: null,
    metadata: null,
    wireguard: null,
    plans: null,
    ...over,
  };
}
