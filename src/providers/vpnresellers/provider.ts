import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import {
  type AccountRecord,
  type ConnectionConfigRecord,
  type CustomerRecord,
  type ProjectRecord,
  type ServerRecord,
} from '../../domain/records.js';
import { addDays, todayYmd, toYmd } from '../../lib/dates.js';
import { generatePassword } from '../../lib/password.js';
import { BaseProvider } from '../base.js';
import { nullIfNotFound } from '../paging.js';
import {
  AccountOperation,
  toBatchSlot,
  type AccountFilter,
  type BatchResult,
  type CreateAccountInput,
  type CreatedAccount,
  type ServiceTerm,
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
import { PAGE_SIZE as PAGE, TRAITS } from './rules.js';

import { byIds, listAccountsPage, window } from './listing.js';
import { validateAccount, validateCustomer } from './validation.js';

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

  listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>> {
    return listAccountsPage(this.client, query);
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

  validate = (operation: AccountOperation, input: Record<string, unknown>): InputError[] =>
    validateAccount(operation, input);

  /** Customers: projectId required on create, names and e-mail by the vendor's rules. */
  validateCustomer(input: Record<string, unknown>): InputError[] {
    return validateCustomer(input);
  }

  /** VPNresellers takes an expiry date (`PUT …/expire`): days from today, no plans. */
  async termFor(days: number, planCode: string | null): Promise<ServiceTerm> {
    if (planCode !== null) throw new InputError('planCode', 'VPNresellers has no plans; leave `planCode` out.');
    const period = Math.max(1, days);
    return { periodDays: period, planCode: null, days: period, granularity: 'VPNresellers expiry dates (1 day)' };
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
