import {
  AccountStatus,
  type AccountRecord,
  type ConnectionConfigRecord,
  type CustomerRecord,
  type ProjectRecord,
  type ServerRecord,
} from '../../domain/records.js';
import type { VrAccountJson, VrConfigFile, VrCustomerJson, VrPortJson, VrProjectJson, VrServerJson } from './wire.js';
import { VPNRESELLERS } from './name.js';

/** VPNresellers v4.1 payloads → domain records. */

/** "2023-04-18T00:00:00.000000Z" (microseconds) → "2023-04-18T00:00:00.000Z". */
export function microsToIso(value: string | null | undefined): string | null {
  if (!value) return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(value);
  if (!m) return null;
  return `${m[1]}.${(m[2] ?? '000').padEnd(3, '0').slice(0, 3)}Z`;
}

/** "2017-03-24 19:26:24" (UTC) → ISO instant. */
export function stampToIso(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) return null;
  return `${value.replace(' ', 'T')}.000Z`;
}

/** Active past its expired_at is EXPIRED; expired_at null means auto-renewal (no end). */
export function toAccount(a: VrAccountJson, now: number = Date.now()): AccountRecord {
  const expiresAt = microsToIso(a.expired_at);
  const expired = expiresAt !== null && Date.parse(expiresAt) <= now;
  return {
    provider: VPNRESELLERS,
    nativeId: String(a.id),
    username: a.username,
    status:
      a.status === 'Disabled'
        ? AccountStatus.DISABLED
        : a.status === 'Active'
          ? expired
            ? AccountStatus.EXPIRED
            : AccountStatus.ACTIVE
          : AccountStatus.UNKNOWN,
    providerStatus: a.status,
    createdAt: stampToIso(a.created),
    updatedAt: stampToIso(a.updated),
    expiresAt,
    closedAt: null,
    throttled: null,
    customerNativeId: null,
    planNativeId: null,
    groupId: null,
    metadata: null,
    wireguard: { ip: a.wg_ip, publicKey: a.wg_public_key, privateKey: a.wg_private_key },
    plans: null,
  };
}

export function toCustomer(c: VrCustomerJson): CustomerRecord {
  return {
    provider: VPNRESELLERS,
    nativeId: String(c.id),
    firstName: c.first_name,
    lastName: c.last_name,
    email: c.email,
    projectNativeId: String(c.project_id),
    externalRef: null,
  };
}

export function toProject(p: VrProjectJson): ProjectRecord {
  return { provider: VPNRESELLERS, nativeId: String(p.id), name: p.name, description: p.description };
}

export function toServer(s: VrServerJson, ports: VrPortJson[]): ServerRecord {
  return {
    provider: VPNRESELLERS,
    nativeId: String(s.id),
    hostname: s.name,
    ip: s.ip,
    countryCode: s.country_code,
    country: null,
    city: s.city,
    capacity: s.capacity,
    protocols: [...ports.map((p) => `${p.protocol}/${p.number}`), 'wireguard'],
  };
}

export function toConfig(kind: ConnectionConfigRecord['kind'], data: VrConfigFile): ConnectionConfigRecord {
  return { kind, fileName: data.name, content: data.content };
}
