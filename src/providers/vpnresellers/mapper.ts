import { ProviderName } from '../../domain/provider.js';
import { AccountStatus, type AccountRecord, type ConnectionConfigRecord, type CustomerRecord, type ProjectRecord, type ServerRecord } from '../../domain/records.js';

/** VPNresellers v4.1 payloads → domain records. */

export interface VrAccountJson {
  id: number;
  username: string;
  status: string;
  wg_ip: string | null;
  wg_private_key: string | null;
  wg_public_key: string | null;
  expired_at: string | null;
  updated: string | null;
  created: string | null;
}
export interface VrCustomerJson {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  user_id: number;
  project_id: number;
}
export interface VrProjectJson {
  id: number;
  name: string;
  description: string;
  user_id: number;
}
export interface VrServerJson {
  id: number;
  name: string;
  ip: string;
  country_code: string;
  city: string;
  capacity: number;
}
export interface VrPortJson {
  id: number;
  protocol: string;
  number: number;
  default: number;
}
export interface VrPage<T> {
  data: T[];
  meta: { current_page: number; last_page: number; per_page: number; total: number };
}

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
    provider: ProviderName.VPNRESELLERS,
    nativeId: String(a.id),
    username: a.username,
    status: a.status === 'Disabled' ? AccountStatus.DISABLED : a.status === 'Active' ? (expired ? AccountStatus.EXPIRED : AccountStatus.ACTIVE) : AccountStatus.UNKNOWN,
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
    provider: ProviderName.VPNRESELLERS,
    nativeId: String(c.id),
    firstName: c.first_name,
    lastName: c.last_name,
    email: c.email,
    projectNativeId: String(c.project_id),
    externalRef: null,
  };
}

export function toProject(p: VrProjectJson): ProjectRecord {
  return { provider: ProviderName.VPNRESELLERS, nativeId: String(p.id), name: p.name, description: p.description };
}

export function toServer(s: VrServerJson, ports: VrPortJson[]): ServerRecord {
  return {
    provider: ProviderName.VPNRESELLERS,
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

export function toConfig(kind: ConnectionConfigRecord['kind'], data: { content: string; name: string }): ConnectionConfigRecord {
  return { kind, fileName: data.name, content: data.content };
}
