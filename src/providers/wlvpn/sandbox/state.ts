import type { EmuRequest, EmuResponse } from '../../../sandbox/types.js';
import type { EmulatorServer } from '../../../sandbox/emulator-kit.js';
import type { WlLimitation, WlPlanInfoItem, WlStatusId } from '../wire.js';

/** The WLVPN emulator's records and what its route files use of it (WlvpnEmulator in index.ts implements it). */

/** A customer as the emulator keeps it: the wire record plus what the API never shows. */
export interface EmuCustomer {
  cust_id: number;
  cust_user_id: string;
  password: string;
  open_date: string;
  close_date: string;
  acct_status_id: WlStatusId;
  acct_group_id: number;
  user_throttled: 0 | 1;
  used_service: 0 | 1;
  metadata: Record<string, string>;
  plans: { current: WlPlanInfoItem | null; pending: WlPlanInfoItem[]; spent: WlPlanInfoItem[] } | null;
  limitations: WlLimitation[];
  tokens: 'valid' | 'expired' | 'deleted';
  anonymised: boolean;
}
/** @deprecated name kept for tests: the emulator's customer record. */
export type WlvpnCustomer = EmuCustomer;

export type Route = (
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  pattern: string,
  h: (req: EmuRequest) => EmuResponse,
) => void;

export interface WlvpnState {
  readonly server: EmulatorServer;
  readonly customers: Map<number, EmuCustomer>;
  /** Next cust_id / purchase id (seed.ts and customers.ts advance them). */
  nextId: number;
  nextPurchase: number;
  readonly accounts: number;
  byUsername(username: string): EmuCustomer | undefined;
  dailyUsage(custId: number, day: string): { bandwidth: number; connections: number };
}
