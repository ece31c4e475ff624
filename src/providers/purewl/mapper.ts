import { directoryAccount } from '../directory-backed.js';
import {
  AccountStatus,
  PlanKind,
  type AccountRecord,
  type PlanRecord,
  type ServerRecord,
} from '../../domain/records.js';
import { SUBSCRIPTIONS, monthDayYearToIso } from './rules.js';
import type { PwCity, PwCountry, PwStatusBody } from './wire.js';
import { PUREWL } from './name.js';

/** PureWL VAM payloads → domain records. */

/** "Enabled:February 26, 2024" → status + expiry (both halves parsed). */
export function parseStatus(raw: string): { status: AccountStatus; expiresAt: string | null } {
  const colon = raw.indexOf(':');
  const word = (colon >= 0 ? raw.slice(0, colon) : raw).trim().toLowerCase();
  const expiresAt = colon >= 0 ? monthDayYearToIso(raw.slice(colon + 1)) : null;
  const status =
    word === 'enabled' || word === 'active'
      ? AccountStatus.ACTIVE
      : word === 'disabled'
        ? AccountStatus.DISABLED
        : word === 'expired'
          ? AccountStatus.EXPIRED
          : AccountStatus.UNKNOWN;
  return { status, expiresAt };
}

export function toAccount(body: PwStatusBody, customer: string | null): AccountRecord {
  const { status, expiresAt } = parseStatus(body.status);
  return directoryAccount(PUREWL, body.vpnUsername, customer, {
    status,
    providerStatus: body.status,
    expiresAt,
  });
}

/** The three subscription types are PureWL's plans (no upstream call). */
export const PLANS: PlanRecord[] = SUBSCRIPTIONS.map((type) => ({
  provider: PUREWL,
  nativeId: type,
  code: type,
  name: type[0]?.toUpperCase() + type.slice(1),
  description: `PureWL ${type} subscription`,
  kind: PlanKind.TIME,
  intervalDays: null,
  bandwidthBytes: null,
  priceUsd: null,
  autoRenewing: false,
  refillingIntervalDays: null,
}));

export function toServers(cities: PwCity[], countries: PwCountry[], protocols: string[]): ServerRecord[] {
  return cities.map((c) => ({
    provider: PUREWL,
    nativeId: `${c.country_code}-${c.id}`,
    hostname: null,
    ip: null,
    countryCode: c.country_code,
    country: c.country_name ?? countries.find((x) => x.code === c.country_code)?.name ?? null,
    city: c.name,
    capacity: null,
    protocols,
  }));
}
