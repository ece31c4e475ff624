import type { EmuResponse } from '../../../sandbox/types.js';
import type { EmulatorServer } from '../../../sandbox/emulator-kit.js';
import type { PwEnvelope, PwSubscriptionType } from '../wire.js';

/** PureWL emulator data: the sandbox secret, the catalogue, the account record and the answer envelope. */

export const PUREWL_SANDBOX_SECRET = 'sandbox-purewl-secret-key';
export const RESELLER_ID = 8123;
export const COUNTRIES = [
  { id: 1, code: 'US', name: 'United States', cities: ['New York', 'Los Angeles', 'Miami'] },
  { id: 2, code: 'GB', name: 'United Kingdom', cities: ['London', 'Manchester'] },
  { id: 3, code: 'DE', name: 'Germany', cities: ['Frankfurt', 'Berlin'] },
  { id: 4, code: 'SG', name: 'Singapore', cities: ['Singapore'] },
  { id: 5, code: 'AE', name: 'United Arab Emirates', cities: ['Dubai'] },
];
export const PROTOCOLS = ['WireGuard', 'OpenVPN UDP', 'OpenVPN TCP', 'IKEv2'];

export interface PurewlAccount {
  vpnUsername: string;
  vpnPassword: string;
  uuid: string;
  expiry: number;
  enabled: boolean;
  subscriptionType: PwSubscriptionType;
}

export function envelope(code: number, message: string, body: unknown = {}, status = 200): EmuResponse {
  const json: PwEnvelope<unknown> = { header: { response_code: code, message }, body };
  return { status, json };
}

/** What the routes use of the emulator (PurewlEmulator implements it; kept here so routes.ts need not import index.ts). */
export interface PurewlState {
  readonly server: EmulatorServer;
  readonly accounts: Map<string, PurewlAccount>;
  readonly tokens: Map<string, number>;
  tokenLifetimeSeconds: number;
  statusOf(a: PurewlAccount): string;
  add(uuid: string, period: number, username?: string, password?: string): PurewlAccount;
}
