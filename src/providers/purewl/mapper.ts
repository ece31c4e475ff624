import { ProviderName } from '../../domain/provider.js';
import { directoryAccount } from '../provider-kit.js';
import { AccountStatus, PlanKind, type AccountRecord, type PlanRecord, type ServerRecord } from '../../domain/records.js';

/** PureWL VAM payloads → domain records. */

export interface PwHeader {
  response_code: number;
  message: string;
}
export interface PwEnvelope<B> {
  header: PwHeader;
  body: B;
}
export interface PwStatusBody {
  vpnUsername: string;
  status: string;
}
export interface PwCountry {
  id: number;
  name: string;
  code: string;
  protocols?: string[];
}
export interface PwCity {
  id: number;
  name: string;
  country_code: string;
  country_name?: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "February 26, 2024" → "2024-02-26T00:00:00.000Z"; null when it is not that shape. */
export function monthDayYearToIso(value: string): string | null {
  const m = /^([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})$/.exec(value.trim());
  if (!m) return null;
  const month = MONTHS.indexOf((m[1] as string).toLowerCase());
  if (month < 0) return null;
  const date = new Date(Date.UTC(Number(m[3]), month, Number(m[2])));
  if (date.getUTCDate() !== Number(m[2])) return null;
  return date.toISOString();
}

/** "Enabled:February 26, 2024" → status + expiry (both halves parsed). */
export function parseStatus(raw: string): { status: AccountStatus; expiresAt: string | null } {
  const colon = raw.indexOf(':');
  const word = (colon >= 0 ? raw.slice(0, colon) : raw).trim().toLowerCase();
  const expiresAt = colon >= 0 ? monthDayYearToIso(raw.slice(colon + 1)) : null;
  const status =
    word === 'enabled' || word === 'active' ? AccountStatus.ACTIVE : word === 'disabled' ? AccountStatus.DISABLED : word === 'expired' ? AccountStatus.EXPIRED : AccountStatus.UNKNOWN;
  return { status, expiresAt };
}

export function toAccount(body: PwStatusBody, customer: string | null): AccountRecord {
  const { status, expiresAt } = parseStatus(body.status);
  return directoryAccount(ProviderName.PUREWL, body.vpnUsername, customer, { status, providerStatus: body.status, expiresAt });
}

/** The three subscription types are PureWL's plans (no upstream call). */
export const PLANS: PlanRecord[] = (['trial', 'paid', 'freemium'] as const).map((type) => ({
  provider: ProviderName.PUREWL,
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
    provider: ProviderName.PUREWL,
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
