import { DAY_MS, isoDate } from '../../../sandbox/http-helpers.js';
import { EmulatorServer, seedCount } from '../../../sandbox/emulator-kit.js';
import { entriesOf, refill } from '../../../sandbox/persistence.js';
import { type EmuRequest, type EmuResponse, type EmulatorOptions } from '../../../sandbox/types.js';
import type { ProviderSandbox, SandboxHandle } from '../../module.js';
import { routes } from './routes.js';
import { std } from './writes.js';

/**
 * Faithful emulator of the VPNresellers API v4.1 (reference: shared/providers/vpnresellers-v4_1.md).
 * Laravel-style answers: `data`, `links`, `meta` (15 per page by default), `code`; 401/402/404/422 bodies
 * exactly as the reference shows.
 *
 * Assumptions where the reference is silent:
 * - A new account costs 2.50 from the prepaid balance ("253.70" at start); below that, 402 Insufficient Balance.
 * - Usernames: required, 3–50 characters of letters, digits, dash, underscore, dot; unique (422 otherwise).
 * - `per_page` is honoured between 1 and 100.
 * - Both the curl form (`/v4_1/{id}/show`, `/v4_1/{id}/disable`) and the documented `/v4_1/accounts/{id}…`
 *   paths are served; customers/projects are created at `POST customers` and `POST customers/{any}`.
 */

import {
  USER_ID,
  VPNRESELLERS_SANDBOX_TOKEN,
  type VpnresellersState,
  type VrAccount,
  type VrCustomer,
  type VrProject,
} from './data.js';

// The emulator's data (token, catalogue, record types) lives in data.ts, outside the routes' import cycle;
// this module re-exports it as the emulator's one public surface.
export * from './data.js';

export class VpnresellersEmulator implements SandboxHandle, VpnresellersState {
  readonly server: EmulatorServer;
  readonly accounts = new Map<number, VrAccount>();
  readonly customers = new Map<number, VrCustomer>();
  readonly projects = new Map<number, VrProject>();
  balance = 253.7;
  /** @internal */ ids = { account: 1, customer: 1, project: 1 };
  /** @internal */ readonly count: number;

  constructor(options: EmulatorOptions = {}) {
    this.server = new EmulatorServer('vpnresellers', options);
    this.count = seedCount(options, 55);
    this.seed();
    this.server.onReset = () => this.seed();
    this.server.persist<{
      accounts: Array<[number, VrAccount]>;
      customers: Array<[number, VrCustomer]>;
      projects: Array<[number, VrProject]>;
      balance: number;
      ids: VpnresellersEmulator['ids'];
    }>({
      snapshot: () => ({
        accounts: entriesOf(this.accounts),
        customers: entriesOf(this.customers),
        projects: entriesOf(this.projects),
        balance: this.balance,
        ids: this.ids,
      }),
      restore: (s) => {
        refill(this.accounts, s.accounts);
        refill(this.customers, s.customers);
        refill(this.projects, s.projects);
        this.balance = s.balance;
        this.ids = s.ids;
      },
    });
    this.server.notFoundHandler = (_m, path) =>
      path.startsWith('/v4_1/') ? std(404) : { status: 404, json: { message: 'Not Found' } };
    routes(this);
  }

  demoUsernames(): string[] {
    return [...this.accounts.values()].map((a) => a.username);
  }
  demoCustomerLinks(): Array<{ nativeId: string; username: string; customerNativeId: string }> {
    return [...this.accounts.values()]
      .filter((a) => a.customer_id !== null)
      .map((a) => ({ nativeId: String(a.id), username: a.username, customerNativeId: String(a.customer_id) }));
  }
  setBalance(value: number): void {
    this.balance = value;
  }

  /** @internal */ stamp(ms: number): string {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  }

  /** @internal */ seed(): void {
    this.accounts.clear();
    this.customers.clear();
    this.projects.clear();
    this.ids = { account: 1, customer: 1, project: 1 };
    this.balance = 253.7;
    const rnd = this.server.random;
    const now = this.server.now();
    for (let p = 0; p < 6; p++) {
      const id = this.ids.project++;
      this.projects.set(id, { id, name: `Project ${p + 1}`, description: `Demo project ${p + 1}.`, user_id: USER_ID });
    }
    const first = ['Jefferey', 'Ana', 'Ming', 'Olu', 'Sven', 'Priya', 'Luca', 'Noor'];
    const last = ['Barrows', 'Silva', 'Chen', 'Adeyemi', 'Larsen', 'Iyer', 'Rossi', 'Haddad'];
    for (let c = 0; c < 18; c++) {
      const id = this.ids.customer++;
      this.customers.set(id, {
        id,
        first_name: first[c % first.length] as string,
        last_name: last[(c * 3) % last.length] as string,
        email: `customer${id}@example.com`,
        user_id: USER_ID,
        project_id: (c % 5) + 1, // project 6 keeps no customers
      });
    }
    for (let i = 0; i < this.count; i++) {
      const id = this.ids.account++;
      const created = now - rnd.int(20, 800) * DAY_MS;
      const expiry = i % 4 === 0 ? null : i % 4 === 3 ? now - rnd.int(1, 90) * DAY_MS : now + rnd.int(5, 365) * DAY_MS;
      this.accounts.set(id, {
        id,
        username: `vr${rnd.string(7)}${i}`,
        password: rnd.string(10),
        status: i % 5 === 4 ? 'Disabled' : 'Active',
        wg_ip: `10.250.${Math.floor(i / 200)}.${(i % 200) + 10}`,
        wg_private_key: `${Buffer.from(rnd.string(32)).toString('base64').slice(0, 43)}=`,
        wg_public_key: `${Buffer.from(rnd.string(32)).toString('base64').slice(0, 43)}=`,
        expired_at: expiry === null ? null : `${isoDate(expiry)}T00:00:00.000000Z`,
        updated: this.stamp(created + DAY_MS),
        created: this.stamp(created),
        customer_id: i < 36 ? (i % 18) + 1 : null,
      });
    }
  }

  /** @internal */ view(a: VrAccount): Omit<VrAccount, 'password' | 'customer_id'> {
    return {
      id: a.id,
      username: a.username,
      status: a.status,
      wg_ip: a.wg_ip,
      wg_private_key: a.wg_private_key,
      wg_public_key: a.wg_public_key,
      expired_at: a.expired_at,
      updated: a.updated,
      created: a.created,
    };
  }

  /** @internal */ paginate<T>(req: EmuRequest, items: T[]): EmuResponse {
    const perPage = Number(req.query.get('per_page') ?? 15);
    const page = Number(req.query.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(page) || page < 1)
      return std(400);
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    const path = `${this.server.url}${req.path}`;
    const link = (p: number) => `${path}?page=${p}`;
    const slice = items.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      json: {
        data: slice,
        links: {
          first: link(1),
          last: link(lastPage),
          prev: page > 1 ? link(page - 1) : null,
          next: page < lastPage ? link(page + 1) : null,
        },
        meta: {
          current_page: page,
          from: slice.length ? (page - 1) * perPage + 1 : null,
          last_page: lastPage,
          links: [
            { url: page > 1 ? link(page - 1) : null, label: '« Previous', active: false },
            ...Array.from({ length: lastPage }, (_, i) => ({
              url: link(i + 1),
              label: String(i + 1),
              active: i + 1 === page,
            })),
            { url: page < lastPage ? link(page + 1) : null, label: 'Next »', active: false },
          ],
          path,
          per_page: perPage,
          to: slice.length ? (page - 1) * perPage + slice.length : null,
          total: items.length,
        },
        code: 200,
      },
    };
  }
}

/** The module's lazy sandbox entry. */
export function createSandbox(options: EmulatorOptions): ProviderSandbox {
  return {
    handle: new VpnresellersEmulator(options),
    credentials: { VPNRESELLERS_API_TOKEN: VPNRESELLERS_SANDBOX_TOKEN },
    baseUrlFor: (url) => url,
  };
}
