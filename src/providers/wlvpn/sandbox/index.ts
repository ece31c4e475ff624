import { EmulatorServer, seedCount } from '../../../sandbox/emulator-kit.js';
import { basicAuth } from '../../../sandbox/http-helpers.js';
import { entriesOf, refill } from '../../../sandbox/persistence.js';
import { type EmulatorOptions } from '../../../sandbox/types.js';
import type { ProviderSandbox, SandboxHandle } from '../../module.js';
import { catalogRoutes } from './catalog.js';
import type { EmuCustomer, Route, WlvpnState } from './state.js';
import { customerRoutes } from './customers.js';
import { seedCustomers } from './seed.js';
import { usageRoutes } from './usage.js';

/**
 * Faithful emulator of the WLVPN API v2 (reference: shared/providers/wlvpn-v2.md), built from the same wire
 * types (../wire.ts) and rules (../rules.ts) as the client. Split by resource: customers.ts, usage.ts,
 * catalog.ts (plans, servers), seed.ts (demo data).
 *
 * Assumptions where the reference is silent:
 * - Error bodies are `{"api_status": 0, "error": "<message>"}` with HTTP 400 (bad input), 401 (no/invalid
 *   key), 404 (unknown customer), 410 (a customer that was anonymised: its record is gone).
 * - Paged-list filters: open_date, close_date, acct_status_id, acct_group_id (exact matches); page_size ≤ 1000.
 * - Daily usage is deterministic per (cust_id, day), so any date range sums consistently.
 * - Metrics pop_and_country is derived from the same daily usage.
 */

export const WLVPN_SANDBOX_KEY = 'sandbox-wlvpn-api-key';

export type { EmuCustomer, Route, WlvpnCustomer } from './state.js';

export class WlvpnEmulator implements SandboxHandle, WlvpnState {
  readonly server: EmulatorServer;
  readonly customers = new Map<number, EmuCustomer>();
  /** Next cust_id / purchase id (seed.ts and customers.ts advance them). */
  nextId = 32749300;
  nextPurchase = 700;
  readonly accounts: number;

  constructor(options: EmulatorOptions = {}) {
    this.server = new EmulatorServer('wlvpn', options);
    this.accounts = seedCount(options, 60);
    seedCustomers(this);
    this.server.onReset = () => seedCustomers(this);
    this.server.persist<{ customers: Array<[number, EmuCustomer]>; nextId: number; nextPurchase: number }>({
      snapshot: () => ({ customers: entriesOf(this.customers), nextId: this.nextId, nextPurchase: this.nextPurchase }),
      restore: (s) => {
        refill(this.customers, s.customers);
        this.nextId = s.nextId;
        this.nextPurchase = s.nextPurchase;
      },
    });
    const both: Route = (method, pattern, handler) => {
      this.server.route(method, pattern, (req) => {
        const auth = basicAuth(req.headers);
        if (!auth || auth.user !== 'api-key' || auth.password !== WLVPN_SANDBOX_KEY) {
          return { status: 401, json: { api_status: 0, error: 'No valid API key was provided.' } };
        }
        return handler(req);
      });
    };
    customerRoutes(this, both);
    usageRoutes(this, both);
    catalogRoutes(this, both);
  }

  demoUsernames(): string[] {
    return [...this.customers.values()].map((c) => c.cust_user_id);
  }
  byUsername(username: string): EmuCustomer | undefined {
    return [...this.customers.values()].find((c) => c.cust_user_id === username);
  }

  /** Deterministic usage of one customer on one day (UTC). */
  dailyUsage(custId: number, day: string): { bandwidth: number; connections: number } {
    let h = custId ^ 0x9e3779b9;
    for (const ch of day) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    const c = this.customers.get(custId);
    if (!c || c.used_service === 0) return { bandwidth: 0, connections: 0 };
    return { bandwidth: (h % 900) * 1_048_576 + (h % 1000), connections: h % 4 };
  }
}

/** The module's lazy sandbox entry. */
export function createSandbox(options: EmulatorOptions): ProviderSandbox {
  return {
    handle: new WlvpnEmulator(options),
    credentials: { WLVPN_API_KEY: WLVPN_SANDBOX_KEY },
    baseUrlFor: (url) => url,
  };
}
