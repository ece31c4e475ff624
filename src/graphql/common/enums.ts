import { registerEnumType } from 'type-graphql';
import type { ProviderModule } from '../../providers/module.js';
import { PROVIDER_MODULES, ProviderName } from '../../providers/modules.js';
import { AccountStatus, PlanKind } from '../../domain/records.js';
import { ErrorCode } from '../../domain/errors.js';
import { AccountOperation } from '../../providers/port.js';

registerEnumType(ProviderName, {
  name: 'Provider',
  description: 'A white-label VPN reseller API behind this graph.',
  valuesConfig: providerValuesConfig(PROVIDER_MODULES),
});

registerEnumType(AccountStatus, {
  name: 'AccountStatus',
  description: 'Provider-neutral account status. The vendor value is in `Account.providerStatus`.',
  valuesConfig: {
    ACTIVE: { description: 'The account can connect.' },
    DISABLED: { description: 'Suspended by the reseller; can be enabled again.' },
    EXPIRED: { description: 'The paid period is over.' },
    CLOSED: { description: 'Closed (WLVPN); can be reopened where the provider allows it.' },
    BANDWIDTH_CAPPED: { description: 'The bandwidth allowance is used up (WLVPN "cap reached").' },
    UNKNOWN: { description: 'The provider answered a status this graph does not know.' },
  },
});

registerEnumType(PlanKind, {
  name: 'PlanKind',
  description: 'How a plan is limited.',
  valuesConfig: {
    TIME: { description: 'Unlimited traffic for a period of days.' },
    BANDWIDTH: { description: 'A traffic allowance in bytes.' },
  },
});

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Stable error codes, used in `extensions.code` and in `userErrors.code`.',
  valuesConfig: {
    NOT_FOUND: { description: 'The entity does not exist (or is not visible to this reseller).' },
    VALIDATION: { description: 'The input breaks a rule of this API or of the provider.' },
    INSUFFICIENT_BALANCE: { description: 'The prepaid reseller balance cannot pay for this.' },
    RATE_LIMITED: { description: 'The provider is rate limiting; retry later.' },
    UPSTREAM_UNAVAILABLE: { description: 'The provider failed or could not be reached.' },
    UPSTREAM_TIMEOUT: { description: 'The provider did not answer in time.' },
    UNAUTHENTICATED_UPSTREAM: { description: "The provider refused this API's credentials." },
    UNSUPPORTED_BY_PROVIDER: { description: 'The provider cannot do this operation.' },
    CONFLICT: { description: 'The request conflicts with the current state (or with an idempotency key).' },
    OUTCOME_UNKNOWN: {
      description:
        'The provider may or may not have done the write; retry with the same idempotency key to find out (the message names the intent).',
    },
    FORBIDDEN: { description: 'This credential is scoped (customer portal, sub-reseller) and may not do this.' },
    QUOTA_EXCEEDED: {
      description: "The sub-reseller's quota of open accounts is used up; nothing was sent to the provider.",
    },
    MIRROR_INCOMPLETE: {
      description:
        "A list answered from the mirror lacks part of one provider's accounts (warming up, vendor failure, or the " +
        "request's vendor-call budget); the provider is in `failures` and the answer is not cached.",
    },
  },
});

registerEnumType(AccountOperation, {
  name: 'AccountOperation',
  description: 'A lifecycle operation; `Account.capabilities` lists those its provider supports.',
  valuesConfig: {
    CREATE: { description: 'Create an account.' },
    ENABLE: { description: 'Enable a disabled account.' },
    DISABLE: { description: 'Suspend an account without deleting it.' },
    RENEW: { description: 'Add a number of days to the subscription.' },
    EXTEND: { description: 'Move the expiry to a given date.' },
    EXPIRE: { description: 'End the service now or at a given date.' },
    CHANGE_PASSWORD: { description: 'Set a new VPN password.' },
    CHANGE_PLAN: { description: 'Move the account to another plan, package or subscription type.' },
    CLOSE: { description: 'Close the account and keep its record.' },
    DELETE: { description: 'Delete the account at the provider for good.' },
    REOPEN: { description: 'Reopen a closed account.' },
    ANONYMISE: { description: 'Close the account and erase its username and metadata (WLVPN).' },
    SET_BANDWIDTH_LIMIT: { description: 'Apply or remove a bandwidth rate limit (WLVPN).' },
    REVOKE_SESSIONS: { description: 'Delete every auth token of the account (WLVPN).' },
  },
});

/** The `Provider` enum's values, in the modules' order, each described by its module. */
export function providerValuesConfig<N extends string>(
  modules: ReadonlyArray<Pick<ProviderModule, 'description'> & { readonly name: N }>,
): Record<N, { description: string }> {
  return Object.fromEntries(modules.map((m) => [m.name, { description: m.description }])) as Record<
    N,
    { description: string }
  >;
}

export { ProviderName, AccountStatus, PlanKind, ErrorCode, AccountOperation };
