import type { EmuRequest, EmuResponse } from '../../../sandbox/types.js';
import type { EmulatorServer } from '../../../sandbox/emulator-kit.js';
import type { VrStatus } from '../rules.js';
import type { VrAccountJson, VrCustomerJson, VrPortJson, VrProjectJson, VrServerJson } from '../wire.js';

/** The emulator's fixed data and record shapes (shared by its routes and writes without importing the emulator). */

export const VPNRESELLERS_SANDBOX_TOKEN = 'sandbox-vpnresellers-token';
export const ACCOUNT_PRICE = 2.5;

/** An account as the emulator keeps it: the wire record plus its password and customer. */
export interface VrAccount extends VrAccountJson {
  password: string;
  status: VrStatus;
  wg_ip: string;
  wg_private_key: string;
  wg_public_key: string;
  updated: string;
  created: string;
  customer_id: number | null;
}
export type VrCustomer = VrCustomerJson;
export type VrProject = VrProjectJson;

export const USER_ID = 3595;
export const SERVERS: VrServerJson[] = [
  { id: 1, name: 'ams-s02.321inter.net', ip: '46.249.36.188', country_code: 'NL', city: 'Amsterdam', capacity: 0 },
  { id: 2, name: 'rtm-s01.321inter.net', ip: '213.163.64.39', country_code: 'NL', city: 'Rotterdam', capacity: 0 },
  { id: 3, name: 'bkk-s02.321inter.net', ip: '45.64.186.109', country_code: 'TH', city: 'Bangkok', capacity: 0 },
  { id: 4, name: 'yvr-s01.321inter.net', ip: '71.19.251.107', country_code: 'CA', city: 'Vancouver', capacity: 0 },
  { id: 5, name: 'fra-s01.321inter.net', ip: '185.10.20.30', country_code: 'DE', city: 'Frankfurt', capacity: 12 },
  { id: 6, name: 'nyc-s01.321inter.net', ip: '192.0.2.16', country_code: 'US', city: 'New York', capacity: 40 },
];
export const PORTS: VrPortJson[] = [
  { id: 1, protocol: 'udp', number: 1194, default: 1 },
  { id: 2, protocol: 'udp', number: 118, default: 0 },
  { id: 3, protocol: 'udp', number: 123, default: 0 },
  { id: 4, protocol: 'tcp', number: 443, default: 0 },
];

export const STD: Record<number, string> = {
  400: 'Bad Request.',
  401: 'Unauthorized.',
  402: 'Insufficient Balance.',
  403: 'Forbidden.',
  404: 'Account not found.',
  405: 'Method Not Allowed.',
};

/**
 * What the routes use of the emulator (VpnresellersEmulator implements it; kept here so the route files need
 * not import index.ts).
 */
export interface VpnresellersState {
  readonly server: EmulatorServer;
  readonly accounts: Map<number, VrAccount>;
  readonly customers: Map<number, VrCustomer>;
  readonly projects: Map<number, VrProject>;
  balance: number;
  ids: { account: number; customer: number; project: number };
  stamp(ms: number): string;
  view(a: VrAccount): Omit<VrAccount, 'password' | 'customer_id'>;
  paginate<T>(req: EmuRequest, items: T[]): EmuResponse;
}
