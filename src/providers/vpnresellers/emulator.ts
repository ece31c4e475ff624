import { DAY_MS, EmulatorServer, basicAuth, bearerToken, field, isoDate, type EmuRequest, type EmuResponse, type EmulatorOptions } from '../../sandbox/emulator-kit.js';
import type { SandboxHandle } from '../module.js';

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

export const VPNRESELLERS_SANDBOX_TOKEN = 'sandbox-vpnresellers-token';
export const ACCOUNT_PRICE = 2.5;

export interface VrAccount {
  id: number;
  username: string;
  password: string;
  status: 'Active' | 'Disabled';
  wg_ip: string;
  wg_private_key: string;
  wg_public_key: string;
  expired_at: string | null;
  updated: string;
  created: string;
  customer_id: number | null;
}
export interface VrCustomer {
  id: number;
  first_name: string;
  last_name: string;
  email: string;
  user_id: number;
  project_id: number;
}
export interface VrProject {
  id: number;
  name: string;
  description: string;
  user_id: number;
}

const USER_ID = 3595;
const SERVERS = [
  { id: 1, name: 'ams-s02.321inter.net', ip: '46.249.36.188', country_code: 'NL', city: 'Amsterdam', capacity: 0 },
  { id: 2, name: 'rtm-s01.321inter.net', ip: '213.163.64.39', country_code: 'NL', city: 'Rotterdam', capacity: 0 },
  { id: 3, name: 'bkk-s02.321inter.net', ip: '45.64.186.109', country_code: 'TH', city: 'Bangkok', capacity: 0 },
  { id: 4, name: 'yvr-s01.321inter.net', ip: '71.19.251.107', country_code: 'CA', city: 'Vancouver', capacity: 0 },
  { id: 5, name: 'fra-s01.321inter.net', ip: '185.10.20.30', country_code: 'DE', city: 'Frankfurt', capacity: 12 },
  { id: 6, name: 'nyc-s01.321inter.net', ip: '192.0.2.16', country_code: 'US', city: 'New York', capacity: 40 },
];
const PORTS = [
  { id: 1, protocol: 'udp', number: 1194, default: 1 },
  { id: 2, protocol: 'udp', number: 118, default: 0 },
  { id: 3, protocol: 'udp', number: 123, default: 0 },
  { id: 4, protocol: 'tcp', number: 443, default: 0 },
];
const USERNAME = /^[A-Za-z0-9._-]{3,50}$/;

const STD: Record<number, string> = {
  400: 'Bad Request.',
  401: 'Unauthorized.',
  402: 'Insufficient Balance.',
  403: 'Forbidden.',
  404: 'Account not found.',
  405: 'Method Not Allowed.',
};

export class VpnresellersEmulator implements SandboxHandle {
  readonly server: EmulatorServer;
  readonly accounts = new Map<number, VrAccount>();
  readonly customers = new Map<number, VrCustomer>();
  readonly projects = new Map<number, VrProject>();
  balance = 253.7;
  private ids = { account: 1, customer: 1, project: 1 };
  private readonly count: number;

  constructor(options: EmulatorOptions & { accounts?: number } = {}) {
    this.server = new EmulatorServer('vpnresellers', options);
    this.count = options.accounts ?? 55;
    this.seed();
    this.server.onReset = () => this.seed();
    this.server.notFoundHandler = (_m, path) => (path.startsWith('/v4_1/') ? std(404) : { status: 404, json: { message: 'Not Found' } });
    this.routes();
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

  private stamp(ms: number): string {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  }

  private seed(): void {
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

  private view(a: VrAccount) {
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

  private paginate<T>(req: EmuRequest, items: T[]): EmuResponse {
    const perPage = Number(req.query.get('per_page') ?? 15);
    const page = Number(req.query.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100 || !Number.isInteger(page) || page < 1) return std(400);
    const lastPage = Math.max(1, Math.ceil(items.length / perPage));
    const path = `${this.server.url}${req.path}`;
    const link = (p: number) => `${path}?page=${p}`;
    const slice = items.slice((page - 1) * perPage, page * perPage);
    return {
      status: 200,
      json: {
        data: slice,
        links: { first: link(1), last: link(lastPage), prev: page > 1 ? link(page - 1) : null, next: page < lastPage ? link(page + 1) : null },
        meta: {
          current_page: page,
          from: slice.length ? (page - 1) * perPage + 1 : null,
          last_page: lastPage,
          links: [
            { url: page > 1 ? link(page - 1) : null, label: '« Previous', active: false },
            ...Array.from({ length: lastPage }, (_, i) => ({ url: link(i + 1), label: String(i + 1), active: i + 1 === page })),
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

  private routes(): void {
    const s = this.server;
    const bearer = (h: (req: EmuRequest) => EmuResponse) => (req: EmuRequest): EmuResponse =>
      bearerToken(req.headers) === VPNRESELLERS_SANDBOX_TOKEN ? h(req) : std(401);
    const account = (h: (a: VrAccount, req: EmuRequest) => EmuResponse) =>
      bearer((req) => {
        const a = this.accounts.get(Number(req.params.account));
        return a ? h(a, req) : std(404);
      });
    const data = (a: VrAccount, code = 200): EmuResponse => ({ status: code, json: { data: this.view(a), code } });
    const touch = (a: VrAccount) => {
      a.updated = this.stamp(this.server.now());
    };

    s.route('GET', '/v4_1/accounts/check_username', bearer((req) => {
      const username = req.query.get('username');
      if (!username) return invalid({ username: ['The username field is required.'] });
      if (!USERNAME.test(username)) return invalid({ username: ['The username format is invalid.'] }, 'The given data was invalid.');
      if ([...this.accounts.values()].some((a) => a.username === username)) return invalid({ username: ['The username has already been taken.'] }, 'The username has already been taken.');
      return { status: 200, json: { message: 'The username checking was successfully.', code: 200 } };
    }));
    s.route('GET', '/v4_1/accounts', bearer((req) => {
      const status = req.query.get('status');
      if (status !== null && status !== 'Active' && status !== 'Disabled') return std(400);
      return this.paginate(req, [...this.accounts.values()].filter((a) => !status || a.status === status).map((a) => this.view(a)));
    }));
    s.route('POST', '/v4_1/accounts', bearer((req) => this.createAccount(req)));
    for (const pattern of ['/v4_1/accounts/:account', '/v4_1/:account/show']) s.route('GET', pattern, account((a) => data(a)));
    s.route('DELETE', '/v4_1/accounts/:account', account((a) => {
      this.accounts.delete(a.id);
      return { status: 200, json: { code: 200 } };
    }));
    s.route('PUT', '/v4_1/accounts/:account/enable', account((a) => {
      a.status = 'Active';
      touch(a);
      return data(a);
    }));
    for (const pattern of ['/v4_1/accounts/:account/disable', '/v4_1/:account/disable']) {
      s.route('PUT', pattern, account((a) => {
        a.status = 'Disabled';
        touch(a);
        return data(a);
      }));
    }
    s.route('PUT', '/v4_1/accounts/:account/change_password', account((a, req) => {
      const problem = passwordProblem(field(req.body, 'password'));
      if (problem) return invalid({ password: [problem] });
      a.password = String(field(req.body, 'password'));
      touch(a);
      return data(a);
    }));
    s.route('PUT', '/v4_1/accounts/:account/expire', account((a, req) => {
      const value = field(req.body, 'expire_at');
      if (value !== null && value !== undefined && (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))) {
        return invalid({ expire_at: ['The expire at does not match the format Y-m-d.'] });
      }
      a.expired_at = value ? `${value}T00:00:00.000000Z` : null;
      touch(a);
      return data(a);
    }));
    s.route('POST', '/v4_1/accounts/:account/validate', bearer((req) => {
      const username = field(req.body, 'username');
      const password = field(req.body, 'password');
      if (!username) return invalid({ username: ['The username field is required.'] });
      if (!password) return invalid({ password: ['The password field is required.'] });
      const a = [...this.accounts.values()].find((x) => x.username === username);
      if (!a) return { status: 460, json: { message: 'Username has not been found.', code: 460 } };
      if (a.password !== password) return { status: 461, json: { message: 'Username has not been validated.', code: 461 } };
      return { status: 200, json: { id: a.id, success: true, message: 'Username has been successfully validated.', code: 200 } };
    }));
    const byUsername = (h: (a: VrAccount, req: EmuRequest) => EmuResponse) =>
      bearer((req) => {
        const a = [...this.accounts.values()].find((x) => x.username === field(req.body, 'username'));
        return a ? h(a, req) : std(404);
      });
    s.route('PUT', '/v4_1/un/accounts/enable', byUsername((a) => {
      a.status = 'Active';
      touch(a);
      return data(a);
    }));
    s.route('PUT', '/v4_1/un/accounts/disable', byUsername((a) => {
      a.status = 'Disabled';
      touch(a);
      return data(a);
    }));
    s.route('PUT', '/v4_1/un/accounts/change_password', byUsername((a, req) => {
      const problem = passwordProblem(field(req.body, 'password'));
      if (problem) return invalid({ password: [problem] });
      a.password = String(field(req.body, 'password'));
      touch(a);
      return data(a);
    }));
    s.route('GET', '/v4_1/un/accounts/show', (req) => {
      const auth = basicAuth(req.headers);
      const a = [...this.accounts.values()].find((x) => x.username === req.query.get('username'));
      if (!auth) return std(401);
      if (!a) return std(404);
      if (auth.user !== a.username || auth.password !== a.password) return std(401);
      return data(a);
    });
    s.route('GET', '/v4_1/configuration/openvpn', bearer((req) => {
      const server = SERVERS.find((x) => String(x.id) === req.query.get('server_id'));
      const port = PORTS.find((x) => String(x.id) === req.query.get('port_id'));
      const errors: Record<string, string[]> = {};
      if (!req.query.get('server_id')) errors.server_id = ['The server id field is required.'];
      else if (!server) errors.server_id = ['The selected server id is invalid.'];
      if (!req.query.get('port_id')) errors.port_id = ['The port id field is required.'];
      else if (!port) errors.port_id = ['The selected port id is invalid.'];
      if (!server || !port) return invalid(errors);
      const content = `client\ndev tun\nremote ${server.name}\nport ${port.number}\nproto ${port.protocol}\npersist-key\npersist-tun\nauth-user-pass\nnobind\nauth SHA256\ncipher AES-256-CBC\n\n<ca>\n-----BEGIN CERTIFICATE-----\nMIIE3zCCA8egAwIBAgIJAKJYeXSXJzkN\n-----END CERTIFICATE-----\n</ca>`;
      const name = `${server.country_code}-${port.number}.ovpn`;
      return configAnswer(req, content, name);
    }));
    s.route('GET', '/v4_1/configuration/wireguard', bearer((req) => {
      const server = SERVERS.find((x) => String(x.id) === req.query.get('server_id'));
      const a = this.accounts.get(Number(req.query.get('account_id')));
      const errors: Record<string, string[]> = {};
      if (!req.query.get('server_id')) errors.server_id = ['The server id field is required.'];
      else if (!server) errors.server_id = ['The selected server id is invalid.'];
      if (!req.query.get('account_id')) errors.account_id = ['The account id field is required.'];
      else if (!a) errors.account_id = ['The selected account id is invalid.'];
      if (!server || !a) return invalid(errors);
      const content = `[Interface]\nPrivateKey = ${a.wg_private_key}\nAddress = ${a.wg_ip}\nDNS = 172.16.0.1\n\n[Peer]\nPublicKey = WxwZf+b2RTA0ixXq/j6z9oVdnS75HxXDVadM1nC36BY=\nAllowedIPs = 0.0.0.0/0,::/0\nEndpoint = ${server.name}:55888\n`;
      return configAnswer(req, content, 'wg0.conf');
    }));
    s.route('GET', '/v4_1/geoip', (req) => ({
      status: 200,
      json: { data: { ip: req.remoteAddress.replace('::ffff:', ''), country: 'United States', iso_code: 'US', city: 'New Haven', lat: 41.31, lon: -72.92, continent: 'NA' }, code: 200 },
    }));
    s.route('GET', '/v4_1/servers', bearer(() => ({ status: 200, json: { data: SERVERS } })));
    s.route('GET', '/v4_1/ports', bearer(() => ({ status: 200, json: { data: PORTS, code: 200 } })));
    s.route('GET', '/v4_1/profile', bearer(() => ({ status: 200, json: { data: { balance: this.balance.toFixed(2) }, code: 200 } })));

    // customers
    s.route('GET', '/v4_1/customers', bearer((req) => this.paginate(req, [...this.customers.values()])));
    for (const pattern of ['/v4_1/customers', '/v4_1/customers/:any']) s.route('POST', pattern, bearer((req) => this.createCustomer(req)));
    const customer = (h: (c: VrCustomer, req: EmuRequest) => EmuResponse) =>
      bearer((req) => {
        const c = this.customers.get(Number(req.params.customer));
        return c ? h(c, req) : { status: 404, json: { message: 'Customer not found.', code: 404 } };
      });
    s.route('GET', '/v4_1/customers/:customer', customer((c) => ({ status: 200, json: { data: c, code: 200 } })));
    s.route('PUT', '/v4_1/customers/:customer', customer((c, req) => {
      const email = field(req.body, 'email');
      if (email !== undefined && (typeof email !== 'string' || !email.includes('@'))) return invalid({ email: ['The email must be a valid email address.'] });
      if (email && [...this.customers.values()].some((x) => x.email === email && x.id !== c.id)) return invalid({ email: ['The email has already been taken.'] }, 'The email has already been taken.');
      for (const k of ['first_name', 'last_name', 'email'] as const) {
        const v = field(req.body, k);
        if (typeof v === 'string') c[k] = v;
      }
      return { status: 200, json: { code: 200 } };
    }));
    s.route('DELETE', '/v4_1/customers/:customer', customer((c) => {
      if ([...this.accounts.values()].some((a) => a.customer_id === c.id)) {
        return invalid({ customer: ['Unable to delete a customer that has accounts.'] }, 'Unable to delete a customer that has accounts.');
      }
      this.customers.delete(c.id);
      return { status: 200, json: { code: 200 } };
    }));
    s.route('GET', '/v4_1/customers/:customer/accounts', customer((c, req) =>
      this.paginate(req, [...this.accounts.values()].filter((a) => a.customer_id === c.id).map((a) => this.view(a))),
    ));

    // projects
    s.route('GET', '/v4_1/projects', bearer((req) => this.paginate(req, [...this.projects.values()])));
    for (const pattern of ['/v4_1/projects', '/v4_1/projects/:any']) {
      s.route('POST', pattern, bearer((req) => {
        const errors = projectErrors(req.body);
        if (errors) return invalid(errors);
        const id = this.ids.project++;
        const p: VrProject = { id, name: String(field(req.body, 'name')), description: String(field(req.body, 'description')), user_id: USER_ID };
        this.projects.set(id, p);
        return { status: 200, json: { data: p, code: 200 } };
      }));
    }
    const project = (h: (p: VrProject, req: EmuRequest) => EmuResponse) =>
      bearer((req) => {
        const p = this.projects.get(Number(req.params.project));
        return p ? h(p, req) : { status: 404, json: { message: 'Project not found.', code: 404 } };
      });
    s.route('GET', '/v4_1/projects/:project', project((p) => ({ status: 200, json: { data: p, code: 200 } })));
    s.route('PUT', '/v4_1/projects/:project', project((p, req) => {
      const errors = projectErrors(req.body);
      if (errors) return invalid(errors);
      p.name = String(field(req.body, 'name'));
      p.description = String(field(req.body, 'description'));
      return { status: 200, json: { code: 200 } };
    }));
    s.route('DELETE', '/v4_1/projects/:project', project((p) => {
      if ([...this.customers.values()].some((c) => c.project_id === p.id)) {
        return invalid({ project: ['Unable to delete a project that has customers.'] }, 'Unable to delete a project that has customers.');
      }
      this.projects.delete(p.id);
      return { status: 200, json: { code: 200 } };
    }));
    s.route('GET', '/v4_1/projects/:project/customers', project((p, req) => this.paginate(req, [...this.customers.values()].filter((c) => c.project_id === p.id))));
    s.route('GET', '/v4_1/projects/:project/accounts', project((p, req) => {
      const ids = new Set([...this.customers.values()].filter((c) => c.project_id === p.id).map((c) => c.id));
      return this.paginate(req, [...this.accounts.values()].filter((a) => a.customer_id !== null && ids.has(a.customer_id)).map((a) => this.view(a)));
    }));
  }

  private customerErrors(body: unknown): Record<string, string[]> | null {
    const errors: Record<string, string[]> = {};
    for (const k of ['first_name', 'last_name', 'email'] as const) {
      const v = field(body, k);
      if (typeof v !== 'string' || v.length === 0) errors[k] = [`The ${k.replace('_', ' ')} field is required.`];
    }
    const email = field(body, 'email');
    if (typeof email === 'string' && email && !/^[^\s@]+@[^\s@]+$/.test(email)) errors.email = ['The email must be a valid email address.'];
    else if (typeof email === 'string' && [...this.customers.values()].some((c) => c.email === email)) errors.email = ['The email has already been taken.'];
    const project = Number(field(body, 'project_id'));
    if (!this.projects.has(project)) errors.project_id = ['The selected project id is invalid.'];
    return Object.keys(errors).length ? errors : null;
  }

  private createCustomer(req: EmuRequest): EmuResponse {
    const errors = this.customerErrors(req.body);
    if (errors) return invalid(errors, errors.email?.[0] === 'The email has already been taken.' ? 'The email has already been taken.' : undefined);
    const c = this.addCustomer(req.body);
    return { status: 200, json: { data: c, code: 200 } };
  }

  private addCustomer(body: unknown): VrCustomer {
    const id = this.ids.customer++;
    const c: VrCustomer = {
      id,
      first_name: String(field(body, 'first_name')),
      last_name: String(field(body, 'last_name')),
      email: String(field(body, 'email')),
      user_id: USER_ID,
      project_id: Number(field(body, 'project_id')),
    };
    this.customers.set(id, c);
    return c;
  }

  private createAccount(req: EmuRequest): EmuResponse {
    const username = field(req.body, 'username');
    const password = field(req.body, 'password');
    const errors: Record<string, string[]> = {};
    if (typeof username !== 'string' || username.length === 0) errors.username = ['The username field is required.'];
    else if (!USERNAME.test(username)) errors.username = ['The username format is invalid.'];
    else if ([...this.accounts.values()].some((a) => a.username === username)) errors.username = ['The username has already been taken.'];
    const problem = passwordProblem(password);
    if (problem) errors.password = [problem];
    const customer = field(req.body, 'customer');
    let customerId: number | null = null;
    if (customer !== undefined && customer !== null) {
      const existing = field(customer, 'customer_id');
      if (existing !== undefined) {
        if (!this.customers.has(Number(existing))) errors['customer.customer_id'] = ['The selected customer.customer id is invalid.'];
        else customerId = Number(existing);
      } else {
        const ce = this.customerErrors(customer);
        if (ce) for (const [k, v] of Object.entries(ce)) errors[`customer.${k}`] = v.map((m) => m.replace('The ', 'The customer.'));
      }
    }
    if (Object.keys(errors).length) return invalid(errors);
    if (this.balance < ACCOUNT_PRICE) return std(402);
    if (customer && customerId === null) customerId = this.addCustomer(customer).id;
    this.balance = Math.round((this.balance - ACCOUNT_PRICE) * 100) / 100;
    const id = this.ids.account++;
    const now = this.server.now();
    const rnd = this.server.random;
    const a: VrAccount = {
      id,
      username: String(username),
      password: String(password),
      status: 'Active',
      wg_ip: `10.250.${200 + Math.floor(id / 250)}.${(id % 250) + 1}`,
      wg_private_key: `${Buffer.from(rnd.string(32)).toString('base64').slice(0, 43)}=`,
      wg_public_key: `${Buffer.from(rnd.string(32)).toString('base64').slice(0, 43)}=`,
      expired_at: null,
      updated: this.stamp(now),
      created: this.stamp(now),
      customer_id: customerId,
    };
    this.accounts.set(id, a);
    return { status: 201, json: { data: this.view(a), code: 201 } };
  }
}

function std(code: number): EmuResponse {
  return { status: code, json: { message: STD[code] ?? 'Error.', code } };
}

function invalid(errors: Record<string, string[]>, message = 'The given data was invalid.'): EmuResponse {
  return { status: 422, json: { message, errors, code: 422 } };
}

function passwordProblem(password: unknown): string | null {
  if (typeof password !== 'string' || password.length === 0) return 'The password field is required.';
  if (password.length < 6) return 'The password must be at least 6 characters.';
  return null;
}

function projectErrors(body: unknown): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  for (const k of ['name', 'description'] as const) {
    const v = field(body, k);
    if (typeof v !== 'string' || v.length === 0) errors[k] = [`The ${k} field is required.`];
  }
  return Object.keys(errors).length ? errors : null;
}

function configAnswer(req: EmuRequest, content: string, name: string): EmuResponse {
  if ((req.headers.accept ?? '').includes('text/html')) {
    return { status: 200, text: content, contentType: 'text/html; charset=UTF-8', headers: { 'Content-Disposition': `attachment; filename="${name}"` } };
  }
  return { status: 200, json: { data: { content, name }, code: 200 } };
}
