import { DAY_MS } from '../../../sandbox/http-helpers.js';
import { EmulatorServer, seedCount } from '../../../sandbox/emulator-kit.js';
import { entriesOf, refill } from '../../../sandbox/persistence.js';
import { type EmulatorOptions } from '../../../sandbox/types.js';
import type { ProviderSandbox, SandboxHandle } from '../../module.js';
import { purewlDate } from '../rules.js';
import { PUREWL_SANDBOX_SECRET, type PurewlAccount, type PurewlState } from './data.js';
import { routes } from './routes.js';

export { purewlDate } from '../rules.js';

/**
 * Faithful emulator of PureWL's VPN Account Management API (reference: shared/providers/purewl-vam-v2.md).
 * Every answer is the envelope `{header:{response_code,message},body}`, HTTP 200 even on errors.
 *
 * Assumptions where the reference is silent:
 * - A missing, unknown or expired X-AccessToken answers HTTP 401 with response_code 401
 *   "Access token is invalid or expired" (the reference names no code).
 * - Token lifetime (`expiry`, seconds) defaults to 3600 and is an option for tests.
 * - Bodies are JSON (form bodies are accepted too); DELETE /vam/v2/delete takes vpnUsername as a query
 *   parameter or in the body.
 * - vpnUsername: 3–20 letters/digits; generated usernames are "pwl" + 9 digits.
 * - Inventory answers `{ body: { countries|cities|protocols: [...] } }` (shapes not in the reference).
 */

export { PUREWL_SANDBOX_SECRET, type PurewlAccount } from './data.js';

export class PurewlEmulator implements SandboxHandle, PurewlState {
  readonly server: EmulatorServer;
  readonly accounts = new Map<string, PurewlAccount>();
  readonly tokens = new Map<string, number>();
  tokenLifetimeSeconds: number;
  serial = 100_000_000;
  private readonly count: number;

  constructor(options: EmulatorOptions & { tokenLifetimeSeconds?: number } = {}) {
    this.server = new EmulatorServer('purewl', options);
    this.count = seedCount(options, 55);
    this.tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? 3600;
    this.server.onExpireTokens = () => this.tokens.clear();
    this.server.onReset = () => this.seed();
    this.seed();
    this.server.persist<{ accounts: Array<[string, PurewlAccount]>; serial: number }>({
      snapshot: () => ({ accounts: entriesOf(this.accounts), serial: this.serial }),
      restore: (s) => {
        refill(this.accounts, s.accounts);
        this.serial = s.serial;
      },
    });
    routes(this);
  }

  demoUsernames(): string[] {
    return [...this.accounts.keys()];
  }

  private seed(): void {
    this.accounts.clear();
    this.tokens.clear();
    this.serial = 100_000_000;
    const now = this.server.now();
    const rnd = this.server.random;
    const types: PurewlAccount['subscriptionType'][] = ['paid', 'paid', 'trial', 'freemium'];
    for (let i = 0; i < this.count; i++) {
      const username = `pwl${this.serial++}`;
      const kind = i % 5; // 0-2 enabled, 3 disabled, 4 expired
      this.accounts.set(username, {
        vpnUsername: username,
        vpnPassword: `Pw${rnd.string(10)}9`,
        uuid: `cust-${rnd.string(8)}-${i}`,
        expiry: kind === 4 ? now - rnd.int(1, 90) * DAY_MS : now + rnd.int(3, 400) * DAY_MS,
        enabled: kind !== 3,
        subscriptionType: types[i % types.length] as PurewlAccount['subscriptionType'],
      });
    }
  }

  statusOf(a: PurewlAccount): string {
    const word = !a.enabled ? 'Disabled' : a.expiry < this.server.now() ? 'Expired' : 'Enabled';
    return `${word}:${purewlDate(a.expiry)}`;
  }

  add(uuid: string, period: number, username?: string, password?: string): PurewlAccount {
    const a: PurewlAccount = {
      vpnUsername: username ?? `pwl${this.serial++}`,
      vpnPassword: password ?? `Pw${this.server.random.string(10)}7`,
      uuid,
      expiry: this.server.now() + period * DAY_MS,
      enabled: true,
      subscriptionType: 'paid',
    };
    this.accounts.set(a.vpnUsername, a);
    return a;
  }
}

/** The module's lazy sandbox entry. */
export function createSandbox(options: EmulatorOptions): ProviderSandbox {
  return {
    handle: new PurewlEmulator(options),
    credentials: { PUREWL_SECRET_KEY: PUREWL_SANDBOX_SECRET },
    baseUrlFor: (url) => url,
  };
}
