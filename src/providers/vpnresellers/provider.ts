import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import {
  AccountStatus,
  type AccountRecord,
  type ConnectionConfigRecord,
  type CustomerRecord,
  type ProjectRecord,
  type ServerRecord,
} from '../../domain/records.js';
import { mapBounded } from '../../lib/concurrency.js';
import { addDays, todayYmd, toYmd } from '../../lib/dates.js';
import { generatePassword } from '../../lib/password.js';
import { BaseProvider, allPages, nullIfNotFound, pageWindow, type NumberedPage } from '../base.js';
import {
  AccountOperation,
  toBatchSlot,
  type AccountFilter,
  type BatchResult,
  type CreateAccountInput,
  type CreatedAccount,
  type CustomerInput,
  type Page,
  type PageQuery,
  type ProjectInput,
  type ProviderHealth,
  type RenewInput,
} from '../port.js';
import type { ProviderConfig } from '../module.js';
import type { UpstreamHttp } from '../http.js';
import { VpnresellersClient } from './client.js';
import { toAccount, toConfig, toCustomer, toProject, toServer } from './mapper.js';
import { PAGE_SIZE as PAGE, PASSWORD_MIN, TRAITS, USERNAME_RULE, customerProblems } from './rules.js';
import type { VrPage, VrPageQuery } from './wire.js';

/** A Laravel page as a numbered page (the vendor tells the total and the last page). */
const numbered =
  <T>(fetch: (q: VrPageQuery) => Promise<VrPage<T>>) =>
  async (page: number, size: number): Promise<NumberedPage<T>> => {
    const res = await fetch({ page, per_page: size });
    return { items: res.data, last: page >= res.meta.last_page, total: res.meta.total };
  };

/** Fetches [offset, offset+limit) from a Laravel-paged list with pages of 100 (one or two calls). */
async function window<T>(
  offset: number,
  limit: number,
  fetch: (q: VrPageQuery) => Promise<VrPage<T>>,
): Promise<{ items: T[]; total: number }> {
  const { items, total } = await pageWindow(offset, limit, PAGE, numbered(fetch));
  return { items, total: total ?? 0 };
}

/**
 * Reads many records by id. One GET per id costs `ids.length` calls; the paged list costs one call per 100
 * records. When a batch is bigger than the list's page count, page through the list instead (the first page
 * tells the total), and fall back to single GETs for ids the list did not show.
 */
async function byIds<T extends { id: number }>(
  ids: readonly string[],
  concurrency: number,
  list: (q: { page: number; per_page: number }) => Promise<VrPage<T>>,
  one: (id: string) => Promise<T | null>,
): Promise<Array<T | null | Error>> {
  const numeric = ids.filter((id) => /^\d+$/.test(id));
  const found = new Map<string, T>();
  if (numeric.length > 2) {
    let first: VrPage<T>;
    try {
      first = await list({ page: 1, per_page: PAGE });
    } catch (error) {
      return ids.map(() => (error instanceof Error ? error : new Error(String(error))));
    }
    if (first.meta.last_page < numeric.length) {
      for (const r of first.data) found.set(String(r.id), r);
      try {
        for (let page = 2; page <= first.meta.last_page && numeric.some((id) => !found.has(id)); page++) {
          for (const r of (await list({ page, per_page: PAGE })).data) found.set(String(r.id), r);
        }
      } catch (error) {
        return ids.map((id) => found.get(id) ?? (error instanceof Error ? error : new Error(String(error))));
      }
      return ids.map((id) => found.get(id) ?? null);
    }
  }
  return mapBounded(ids, concurrency, (id) => (/^\d+$/.test(id) ? one(id) : Promise.resolve(null)));
}

/**
 * VPNresellers v4.1 behind the port. No batch read: reads by id fan out (bounded). Listing maps offset/limit
 * onto pages of 100, natively filtered by status (Active/Disabled), customer or project. There is no admin
 * lookup by username (`/un/accounts/show` needs the VPN user's password), so by-username reads scan the list.
 */
export class VpnresellersProvider extends BaseProvider {
  readonly client: VpnresellersClient;
  protected readonly http: UpstreamHttp;

  constructor(config: ProviderConfig) {
    super(TRAITS, config);
    this.client = new VpnresellersClient(
      config.baseUrl,
      config.credentials.VPNRESELLERS_API_TOKEN ?? '',
      config.network,
    );
    this.http = this.client.http;
  }

  async getAccounts(ids: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const results = await byIds(
      ids,
      this.concurrency,
      (q) => this.client.listAccounts(q),
      (id) => nullIfNotFound(async () => (await this.client.getAccount(id)).data),
    );
    return results.map((r) =>
      toBatchSlot(this.name, 'getAccounts', r instanceof Error || r === null ? r : toAccount(r)),
    );
  }

  async getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const wanted = new Set(usernames);
    const found = new Map<string, AccountRecord>();
    try {
      for (let page = 1; found.size < wanted.size; page++) {
        const res = await this.client.listAccounts({ page, per_page: PAGE });
        for (const a of res.data) if (wanted.has(a.username)) found.set(a.username, toAccount(a));
        if (page >= res.meta.last_page) break;
      }
    } catch (error) {
      const slot = toBatchSlot<AccountRecord>(
        this.name,
        'getAccountsByUsername',
        error instanceof Error ? error : new Error('failed'),
      );
      return usernames.map(() => slot);
    }
    return usernames.map((u) => found.get(u) ?? null);
  }

  async listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>> {
    const f = query.filter ?? {};
    const statuses = f.statuses ?? [];
    const native =
      statuses.length === 1 && (statuses[0] === AccountStatus.ACTIVE || statuses[0] === AccountStatus.DISABLED)
        ? statuses[0] === AccountStatus.ACTIVE
          ? 'Active'
          : 'Disabled'
        : undefined;
    const source = (q: { page: number; per_page: number }) =>
      f.customerNativeId
        ? this.client.customerAccounts(f.customerNativeId, q)
        : f.projectNativeId
          ? this.client.projectAccounts(f.projectNativeId, q)
          : this.client.listAccounts({ ...q, ...(native && !f.usernamePrefix ? { status: native } : {}) });
    const postFilter =
      Boolean(f.usernamePrefix) ||
      (statuses.length > 0 &&
        (native === undefined || Boolean(f.customerNativeId || f.projectNativeId) || native === 'Active'));
    if (!postFilter) {
      const { items, total } = await window(query.offset, query.limit, source);
      return { items: items.map((a) => toAccount(a)), totalCount: total };
    }
    // Filters the vendor cannot apply (username prefix, EXPIRED, ACTIVE-but-not-expired): scan, then page.
    const all = (await allPages(PAGE, numbered(source))).map((a) => toAccount(a));
    const kept = all.filter(
      (a) =>
        (!f.usernamePrefix || a.username.startsWith(f.usernamePrefix)) &&
        (statuses.length === 0 || statuses.includes(a.status)),
    );
    return { items: kept.slice(query.offset, query.offset + query.limit), totalCount: kept.length };
  }

  async getCustomers(ids: readonly string[]): Promise<BatchResult<CustomerRecord>> {
    const results = await byIds(
      ids,
      this.concurrency,
      (q) => this.client.listCustomers(q),
      (id) => nullIfNotFound(async () => (await this.client.getCustomer(id)).data),
    );
    return results.map((r) =>
      toBatchSlot(this.name, 'getCustomers', r instanceof Error || r === null ? r : toCustomer(r)),
    );
  }

  async listCustomers(query: PageQuery<{ projectNativeId?: string }>): Promise<Page<CustomerRecord>> {
    const project = query.filter?.projectNativeId;
    const { items, total } = await window(query.offset, query.limit, (q) =>
      project ? this.client.projectCustomers(project, q) : this.client.listCustomers(q),
    );
    return { items: items.map(toCustomer), totalCount: total };
  }

  async getProjects(ids: readonly string[]): Promise<BatchResult<ProjectRecord>> {
    const results = await byIds(
      ids,
      this.concurrency,
      (q) => this.client.listProjects(q),
      (id) => nullIfNotFound(async () => (await this.client.getProject(id)).data),
    );
    return results.map((r) =>
      toBatchSlot(this.name, 'getProjects', r instanceof Error || r === null ? r : toProject(r)),
    );
  }

  async listProjects(query: PageQuery): Promise<Page<ProjectRecord>> {
    const { items, total } = await window(query.offset, query.limit, (q) => this.client.listProjects(q));
    return { items: items.map(toProject), totalCount: total };
  }

  async listServers(): Promise<ServerRecord[]> {
    const [servers, ports] = await Promise.all([this.client.servers(), this.client.ports()]);
    return servers.data.map((s) => toServer(s, ports.data));
  }

  async getConnectionConfigs(accountId: string, serverId: string): Promise<ConnectionConfigRecord[]> {
    const ports = await this.client.ports();
    const port = ports.data.find((p) => p.default === 1) ?? ports.data[0];
    const [openvpn, wireguard] = await Promise.all([
      port ? this.client.openvpn(serverId, String(port.id)) : Promise.resolve(null),
      this.client.wireguard(serverId, accountId),
    ]);
    return [...(openvpn ? [toConfig('OPENVPN', openvpn.data)] : []), toConfig('WIREGUARD', wireguard.data)];
  }

  health(): Promise<ProviderHealth> {
    return this.probe(() => this.client.profile());
  }

  validate = (operation: AccountOperation, input: Record<string, unknown>): InputError[] => {
    const errors: InputError[] = [];
    if (
      operation === AccountOperation.CREATE &&
      typeof input.username === 'string' &&
      !USERNAME_RULE.test(input.username)
    ) {
      errors.push(
        new InputError('username', 'VPNresellers usernames are 3–50 letters, digits, dots, dashes or underscores.'),
      );
    }
    const period = input.periodDays;
    if (
      operation === AccountOperation.CREATE &&
      period !== undefined &&
      period !== null &&
      !(Number.isInteger(period) && Number(period) >= 1)
    ) {
      errors.push(
        new InputError(
          'periodDays',
          'VPNresellers: periodDays must be a whole number of days, at least 1 (or left out for an auto-renewing account).',
        ),
      );
    }
    if (typeof input.password === 'string' && input.password.length < PASSWORD_MIN) {
      errors.push(
        new InputError('password', `VPNresellers: the password must be at least ${PASSWORD_MIN} characters.`),
      );
    }
    return errors;
  };

  /** Customers: projectId required on create, names and e-mail by the vendor's rules. */
  validateCustomer(input: Record<string, unknown>): InputError[] {
    const creating = !('id' in input) && !('customerId' in input);
    return customerProblems(input, creating).map(([field, message]) => new InputError(field, message));
  }

  async createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
    const username = input.username ?? '';
    const password = input.password ?? generatePassword(16);
    const customer = input.customerNativeId
      ? { customer_id: Number(input.customerNativeId) }
      : input.newCustomer
        ? {
            first_name: input.newCustomer.firstName,
            last_name: input.newCustomer.lastName,
            email: input.newCustomer.email,
            project_id: Number(input.newCustomer.projectNativeId),
          }
        : undefined;
    if (input.periodDays !== undefined && !(Number.isInteger(input.periodDays) && input.periodDays >= 1)) {
      throw new InputError(
        'periodDays',
        'VPNresellers: periodDays must be a whole number of days, at least 1 (or left out for an auto-renewing account).',
      );
    }
    const res = await this.client.createAccount({ username, password, ...(customer ? { customer } : {}) });
    let data = res.data;
    if (input.periodDays !== undefined) {
      // POST v4_1/accounts takes no expiry; PUT v4_1/accounts/{account}/expire sets it ("If the expired_at field
      // is null, the account becomes Auto-Renewal"). The account exists now: a failure here leaves it without an
      // expiry, so it is reported as an unknown outcome for reconciliation (check_username finds the account).
      try {
        data = (await this.client.expire(String(res.data.id), addDays(todayYmd(), input.periodDays), 'createAccount'))
          .data;
      } catch (error) {
        if (!(error instanceof ProviderError)) throw error;
        throw new ProviderError({
          provider: this.name,
          operation: 'createAccount',
          code: error.code,
          field: 'periodDays',
          retryable: false,
          outcomeUnknown: true,
          message: `VPNresellers created account ${res.data.id} but could not set its expiry: ${error.message}`,
        });
      }
    }
    const account = toAccount(data);
    return { account: { ...account, customerNativeId: input.customerNativeId ?? null }, password };
  }

  async findAccountByUsername(username: string): Promise<AccountRecord | null> {
    try {
      await this.client.checkUsername(username);
      return null; // 200: the username is free
    } catch (error) {
      if (!(error instanceof ProviderError) || error.code !== ErrorCode.CONFLICT) throw error;
    }
    const [found] = await this.getAccountsByUsername([username]);
    if (found instanceof ProviderError) throw found;
    return found ?? null;
  }

  async enableAccount(id: string) {
    return toAccount((await this.client.enable(id)).data);
  }
  async disableAccount(id: string) {
    return toAccount((await this.client.disable(id)).data);
  }
  async changePassword(id: string, password: string) {
    return toAccount((await this.client.changePassword(id, password)).data);
  }
  async extendAccount(id: string, date: string) {
    return toAccount((await this.client.expire(id, date, 'extendAccount')).data);
  }
  async expireAccount(id: string, date?: string) {
    return toAccount((await this.client.expire(id, date ?? todayYmd())).data);
  }
  /**
   * RENEW through the expire endpoint: the new expiry is max(today, current expiry) + periodDays. An account
   * with no expiry is auto-renewing (reference, "Expire an account": "If the expired_at field is null, the
   * account becomes Auto-Renewal"): there is no period to add to, so RENEW is refused (VALIDATION) and the
   * account left as it is; EXTEND / EXPIRE set an end date first.
   */
  async renewAccount(id: string, input: RenewInput) {
    const current = toAccount((await this.client.getAccount(id)).data);
    if (!current.expiresAt) {
      throw this.http.error(
        'renewAccount',
        ErrorCode.VALIDATION,
        'VPNresellers: this account auto-renews (it has no expiry), so there is nothing to renew; set an end date with extendAccount first.',
        { field: 'id' },
      );
    }
    const base = toYmd(current.expiresAt) > todayYmd() ? toYmd(current.expiresAt) : todayYmd();
    return toAccount((await this.client.expire(id, addDays(base, input.periodDays), 'renewAccount')).data);
  }
  async deleteAccount(id: string) {
    await this.client.deleteAccount(id);
  }

  async createCustomer(input: CustomerInput) {
    const res = await this.client.createCustomer({
      first_name: input.firstName,
      last_name: input.lastName,
      email: input.email,
      project_id: Number(input.projectNativeId),
    });
    return toCustomer(res.data);
  }
  async updateCustomer(id: string, input: Partial<Omit<CustomerInput, 'projectNativeId'>>) {
    await this.client.updateCustomer(id, {
      ...(input.firstName ? { first_name: input.firstName } : {}),
      ...(input.lastName ? { last_name: input.lastName } : {}),
      ...(input.email ? { email: input.email } : {}),
    });
    return toCustomer((await this.client.getCustomer(id)).data);
  }
  async deleteCustomer(id: string) {
    await this.client.deleteCustomer(id);
  }
  async createProject(input: ProjectInput) {
    return toProject((await this.client.createProject(input)).data);
  }
  async updateProject(id: string, input: ProjectInput) {
    await this.client.updateProject(id, input);
    return toProject((await this.client.getProject(id)).data);
  }
  async deleteProject(id: string) {
    await this.client.deleteProject(id);
  }
}
