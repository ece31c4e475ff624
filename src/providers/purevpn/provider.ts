import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import { ProviderName } from '../../domain/provider.js';
import type { AccountRecord, PlanRecord } from '../../domain/records.js';
import { mapBounded } from '../../lib/concurrency.js';
import { registerSecret } from '../../lib/redact.js';
import {
  AccountOperation,
  BaseProvider,
  toBatchSlot,
  type AccountDirectory,
  type AccountFilter,
  type BatchResult,
  type CreateAccountInput,
  type CreatedAccount,
  type Page,
  type PageQuery,
  type ProviderFeatures,
  type ProviderHealth,
  type RenewInput,
} from '../port.js';
import type { ProviderConfig } from '../module.js';
import { PurevpnClient } from './client.js';
import { PERIODS, PLANS, parsePlanCode, toAccount } from './mapper.js';

/**
 * PureVPN behind the port. No list call and no batch read: accounts come from the store's directory and
 * are read with one `status` call each (bounded fan-out). The provider picks usernames, so a create whose
 * outcome is unknown cannot be reconciled (there is no username to look up).
 */
export class PurevpnProvider extends BaseProvider {
  readonly name = ProviderName.PUREVPN;
  readonly sandbox: boolean;
  readonly capabilities = new Set<AccountOperation>([
    AccountOperation.CREATE,
    AccountOperation.ENABLE,
    AccountOperation.DISABLE,
    AccountOperation.RENEW,
    AccountOperation.CHANGE_PASSWORD,
    AccountOperation.CHANGE_PLAN,
    AccountOperation.DELETE,
  ]);
  readonly features: ProviderFeatures = {
    listAccounts: false,
    customers: false,
    projects: false,
    plans: true,
    servers: false,
    usage: false,
    bulkUsage: false,
    connectionConfigs: false,
  };
  readonly client: PurevpnClient;
  private readonly directory: AccountDirectory;
  private readonly concurrency: number;

  constructor(config: ProviderConfig) {
    super();
    this.sandbox = config.sandbox;
    this.client = new PurevpnClient(config.baseUrl, config.credentials.PUREVPN_API_USER ?? '', config.credentials.PUREVPN_API_PASSWORD ?? '', config.network);
    this.directory = config.directory;
    this.concurrency = config.network.concurrency;
  }

  breakerState() {
    return this.client.http.breakerState;
  }

  private async read(username: string, customer: string | null = null): Promise<AccountRecord | null> {
    try {
      return toAccount(username, await this.client.status(username), customer);
    } catch (error) {
      if (error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    }
  }

  async getAccounts(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const customers = await this.directory.customerOf(this.name, usernames);
    const results = await mapBounded(usernames, this.concurrency, (u, i) => this.read(u, customers[i] ?? null));
    return results.map((r) => toBatchSlot(this.name, 'getAccounts', r));
  }

  getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    return this.getAccounts(usernames);
  }

  async listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>> {
    const f = query.filter ?? {};
    if (f.projectNativeId) return { items: [], totalCount: 0 };
    const statusFilter = f.statuses?.length ? f.statuses : null;
    const dirQuery = {
      ...(f.usernamePrefix ? { usernamePrefix: f.usernamePrefix } : {}),
      ...(f.customerNativeId ? { customerNativeId: f.customerNativeId } : {}),
    };
    if (!statusFilter) {
      const { usernames, total } = await this.directory.list(this.name, { offset: query.offset, limit: query.limit, ...dirQuery });
      const slots = await this.getAccounts(usernames);
      const items = slots.filter((s): s is AccountRecord => s !== null && !(s instanceof ProviderError));
      const failure = slots.find((s) => s instanceof ProviderError);
      if (failure && items.length === 0 && usernames.length > 0) throw failure;
      return { items, totalCount: total };
    }
    // A status filter needs every account's status: read them all, then page.
    const { usernames } = await this.directory.list(this.name, { offset: 0, limit: 100_000, ...dirQuery });
    const slots = await this.getAccounts(usernames);
    const all = slots.filter((s): s is AccountRecord => s !== null && !(s instanceof ProviderError) && statusFilter.includes(s.status));
    return { items: all.slice(query.offset, query.offset + query.limit), totalCount: all.length };
  }

  async listPlans(): Promise<PlanRecord[]> {
    return PLANS;
  }

  /** A status call for a name PureVPN never issues (its usernames are pvpn + digits): cheap, read-only. */
  async health(): Promise<ProviderHealth> {
    try {
      await this.client.status('healthcheck');
      return { ok: true, breaker: this.client.http.breakerState, message: null };
    } catch (error) {
      if (error instanceof ProviderError && error.code === ErrorCode.NOT_FOUND) {
        return { ok: true, breaker: this.client.http.breakerState, message: null };
      }
      return { ok: false, breaker: this.client.http.breakerState, message: error instanceof Error ? error.message : 'failed' };
    }
  }

  validate = (operation: AccountOperation, input: Record<string, unknown>): InputError[] => {
    const errors: InputError[] = [];
    const period = input.periodDays;
    if ((operation === AccountOperation.CREATE || operation === AccountOperation.RENEW) && period !== undefined) {
      if (!(PERIODS as readonly number[]).includes(Number(period))) {
        errors.push(new InputError('periodDays', 'PureVPN periods are 30, 60, 90, 180 or 365 days.'));
      }
    }
    if (operation === AccountOperation.CREATE) {
      if (period === undefined) errors.push(new InputError('periodDays', 'PureVPN needs a period: 30, 60, 90, 180 or 365 days.'));
      if (input.username !== undefined) errors.push(new InputError('username', 'PureVPN picks the username itself; leave it out.'));
      if (input.password !== undefined) errors.push(new InputError('password', 'PureVPN picks the password itself; leave it out (change it afterwards).'));
    }
    if (input.planCode !== undefined && !parsePlanCode(String(input.planCode))) {
      errors.push(new InputError('planCode', 'PureVPN packages are STANDARD, SSTP or HIGH-BW (e.g. "STANDARD-30").'));
    }
    if (operation === AccountOperation.CHANGE_PASSWORD && typeof input.password === 'string' && !/^[A-Za-z0-9]{8}$/.test(input.password)) {
      errors.push(new InputError('password', 'PureVPN passwords must be alphanumeric and 8 characters.'));
    }
    return errors;
  };

  async createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
    const plan = parsePlanCode(input.planCode ?? 'STANDARD');
    const answer = await this.client.create(plan?.packageType ?? 'STANDARD', input.periodDays ?? plan?.period ?? 30);
    const username = answer.user ?? '';
    if (answer.vpn_password) registerSecret(answer.vpn_password);
    const account = await this.read(username);
    if (!account) throw this.client.http.error('createAccount', ErrorCode.UPSTREAM_UNAVAILABLE, 'PureVPN created an account it cannot find');
    return { account, password: answer.vpn_password ?? null };
  }

  async findAccountByUsername(username: string): Promise<AccountRecord | null> {
    return this.read(username);
  }

  private async must(username: string): Promise<AccountRecord> {
    const account = await this.read(username);
    if (!account) throw this.client.http.error('getAccount', ErrorCode.NOT_FOUND, 'PureVPN: Invalid username');
    return account;
  }

  async enableAccount(username: string) {
    await this.client.updateAccount(username, 'enable');
    return this.must(username);
  }
  async disableAccount(username: string) {
    await this.client.updateAccount(username, 'disable');
    return this.must(username);
  }
  async renewAccount(username: string, input: RenewInput) {
    const plan = input.planCode ? parsePlanCode(input.planCode) : null;
    await this.client.renew(username, input.periodDays, plan?.packageType);
    return this.must(username);
  }
  /** A package change happens at renewal: renew for the plan's period with the new package. */
  async changePlan(username: string, planCode: string) {
    const plan = parsePlanCode(planCode);
    if (!plan) throw new InputError('planCode', 'PureVPN packages are STANDARD, SSTP or HIGH-BW (e.g. "STANDARD-30").');
    await this.client.renew(username, plan.period, plan.packageType);
    return this.must(username);
  }
  async changePassword(username: string, password: string) {
    await this.client.changePassword(username, password);
    return this.must(username);
  }
  async deleteAccount(username: string) {
    await this.client.deleteAccount(username);
  }

  async close(): Promise<void> {
    this.client.http.close();
  }
}
