import { ErrorCode, InputError } from '../../domain/errors.js';
import { ProviderName } from '../../domain/provider.js';
import type { AccountRecord, PlanRecord } from '../../domain/records.js';
import { registerSecret } from '../../lib/redact.js';
import {
  AccountOperation,
  type AccountDirectory,
  type CreateAccountInput,
  type CreatedAccount,
  type ProviderFeatures,
  type ProviderHealth,
  type RenewInput,
} from '../port.js';
import type { ProviderConfig } from '../module.js';
import { PurevpnClient } from './client.js';
import { DirectoryBackedProvider, nullIfNotFound, probeHealth } from '../provider-kit.js';
import { PERIODS, PLANS, parsePlanCode, toAccount } from './mapper.js';

/**
 * PureVPN behind the port. No list call and no batch read: accounts come from the store's directory and
 * are read with one `status` call each (bounded fan-out). The provider picks usernames, so a create whose
 * outcome is unknown cannot be reconciled (there is no username to look up).
 */
export class PurevpnProvider extends DirectoryBackedProvider {
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
  protected readonly directory: AccountDirectory;
  protected readonly concurrency: number;

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

  protected readOne(username: string, customer: string | null = null): Promise<AccountRecord | null> {
    return nullIfNotFound(async () => toAccount(username, await this.client.status(username), customer));
  }

  async listPlans(): Promise<PlanRecord[]> {
    return PLANS;
  }

  /** A status call for a name PureVPN never issues (its usernames are pvpn + digits): cheap, read-only. */
  health(): Promise<ProviderHealth> {
    return probeHealth(this.client.http, () => this.client.status('healthcheck'), true);
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
    if (username) await input.onAccepted?.(username);
    const account = await this.readOne(username);
    if (!account) throw this.client.http.error('createAccount', ErrorCode.UPSTREAM_UNAVAILABLE, 'PureVPN created an account it cannot find');
    return { account, password: answer.vpn_password ?? null };
  }

  private async must(username: string): Promise<AccountRecord> {
    const account = await this.readOne(username);
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
