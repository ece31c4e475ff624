import { XMLParser } from 'fast-xml-parser';
import { directoryAccount } from '../directory-backed.js';
import { AccountStatus, PlanKind, type AccountRecord, type PlanRecord } from '../../domain/records.js';
import { ymdToIso } from '../../lib/dates.js';
import { PACKAGES, PERIODS } from './rules.js';
import type { PvAnswer, PvStatus } from './wire.js';
import { PUREVPN } from './name.js';

/** PureVPN XML answers → domain records. */

const parser = new XMLParser({ parseTagValue: false, trimValues: true });

/** Parses `<xml>…</xml>`; null when the body is not that shape. */
export function parseAnswer(body: string): PvAnswer | null {
  try {
    const doc = parser.parse(body) as { xml?: Record<string, string> };
    if (!doc.xml || typeof doc.xml !== 'object' || doc.xml.result === undefined) return null;
    const x = doc.xml;
    return {
      result: Number(x.result),
      ...(x.user !== undefined ? { user: String(x.user) } : {}),
      ...(x.vpn_password !== undefined ? { vpn_password: String(x.vpn_password) } : {}),
      ...(x.expiry_status !== undefined ? { expiry_status: String(x.expiry_status) } : {}),
      ...(x.status !== undefined ? { status: String(x.status) } : {}),
      ...(x.message !== undefined ? { message: String(x.message) } : {}),
    };
  } catch {
    return null;
  }
}

const STATUS: Record<PvStatus | 'enabled', AccountStatus> = {
  active: AccountStatus.ACTIVE,
  enabled: AccountStatus.ACTIVE,
  disabled: AccountStatus.DISABLED,
  expired: AccountStatus.EXPIRED,
};

export function toAccount(username: string, a: PvAnswer, customer: string | null): AccountRecord {
  const raw = (a.status ?? '').toLowerCase();
  return directoryAccount(PUREVPN, username, customer, {
    status: STATUS[raw as PvStatus] ?? AccountStatus.UNKNOWN,
    providerStatus: a.status ?? '',
    expiresAt: ymdToIso(a.expiry_status),
  });
}

/** Plans are package × period, e.g. "STANDARD-30". */
export const PLANS: PlanRecord[] = PACKAGES.flatMap((pkg) =>
  PERIODS.map((days) => ({
    provider: PUREVPN,
    nativeId: `${pkg}-${days}`,
    code: `${pkg}-${days}`,
    name: `${pkg} ${days} days`,
    description: `PureVPN ${pkg} package for ${days} days`,
    kind: PlanKind.TIME,
    intervalDays: days,
    bandwidthBytes: null,
    priceUsd: null,
    autoRenewing: false,
    refillingIntervalDays: null,
  })),
);
