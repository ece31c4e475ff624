import { ErrorCode, InputError } from '../../domain/errors.js';
import type { AccountRecord, PlanRecord } from '../../domain/records.js';
import {
  AccountOperation,
  type CreateAccountInput,
  type CreatedAccount,
  type ServiceTerm,
  type ProviderHealth,
  type RenewInput,
} from '../port.js';
import type { ProviderConfig } from '../module.js';
import type { UpstreamHttp } from '../http.js';
import { nullIfNotFound } from '../paging.js';
import { DirectoryBackedProvider } from '../directory-backed.js';
import { PurevpnClient } from './client.js';
import { PLANS, toAccount } from './mapper.js';
import { NEW_PASS_RULE, PERIODS, TRAITS, parsePlanCode } from './rules.js';

/**
 * PureVPN behind the port. No list call and no batch read: accounts come from the store's directory and
 * are read with one `status` call each (bounded fan-out). The provider picks usernames, so a create whose
 * outcome is unknown cannot be reconciled (there is no username to look up).
 */
export class PurevpnProvider extends DirectoryBackedProvider {
  readonly client: PurevpnClient;
  protected readonly http: UpstreamHttp;

  constructor(config: ProviderConfig) {
    super(TRAITS, config);
    this.client = new PurevpnClient(
      config.baseUrl,
      config.credentials.PUREVPN_API_USER ?? '',
      config.credentials.PUREVPN_API_PASSWORD ?? '',
      config.network,
    );
    this.http = this.client.http;
  }

  protected readOne(username: string, customer: string | null = null): Promise<AccountRecord | null> {
    return nullIfNotFound(async () => toAccount(username, await this.client.status(username), customer));
  }

  async listPlans(): Promise<PlanRecord[]> {
    return PLANS;
  }

  /** A status call for a name PureVPN never issues (its usernames are pvpn + digits): cheap, read-only. */
  health(): Promise<ProviderHealth> {
    return this.probe(() => this.client.status('healthcheck'), true);
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
      if (period === undefined)
        errors.push(new InputError('periodDays', 'PureVPN needs a period: 30, 60, 90, 180 or 365 days.'));
      if (input.username !== undefined)
        errors.push(new InputError('username', 'PureVPN picks the username itself; leave it out.'));
      if (input.password !== undefined)
        errors.push(
          new InputError('password', 'PureVPN picks the password itself; leave it out (change it afterwards).'),
        );
    }
    if (input.planCode !== undefined && (typeof input.planCode !== 'string' || !parsePlanCode(input.planCode))) {
      errors.push(new InputError('planCode', 'PureVPN packages are STANDARD, SSTP or HIGH-BW (e.g. "STANDARD-30").'));
    }
    if (
      operation === AccountOperation.CHANGE_PASSWORD &&
      typeof input.password === 'string' &&
      !NEW_PASS_RULE.test(input.password)
    ) {
      errors.push(new InputError('password', 'PureVPN passwords must be alphanumeric and 8 characters.'));
    }
    return errors;
  };

  /** PureVPN sells packages × periods of 30, 60, 90, 180 or 365 days: the shortest period that covers `days`. */
  async termFor(days: number, planCode: string | null): Promise<ServiceTerm> {
    const granularity = `PureVPN periods of ${PERIODS.join(', ')} days`;
    const chosen = planCode ? parsePlanCode(planCode) : null;
    if (planCode && !chosen)
      throw new InputError('planCode', 'PureVPN packages are STANDARD, SSTP or HIGH-BW (e.g. "STANDARD-30").');
    const period = PERIODS.find((p) => p >= days);
    if (period === undefined)
      throw new InputError('planCode', `No PureVPN period covers ${days} days (${granularity}).`);
    const packageType = chosen?.packageType ?? 'STANDARD';
    return { periodDays: period, planCode: `${packageType}-${period}`, days: period, granularity };
  }

  async createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
    const plan = parsePlanCode(input.planCode ?? 'STANDARD');
    const answer = await this.client.create(plan?.packageType ?? 'STANDARD', input.periodDays ?? plan?.period ?? 30);
    const username = answer.user ?? '';
    if (username) await input.onAccepted?.(username);
    const account = await this.readOne(username);
    if (!account)
      throw this.client.http.error(
        'createAccount',
        ErrorCode.UPSTREAM_UNAVAILABLE,
        'PureVPN created an account it cannot find',
      );
    return { account, password: answer.vpn_password ?? null };
  }

  private must(username: string): Promise<AccountRecord> {
    return this.mustFind(this.readOne(username), 'getAccount', 'PureVPN: Invalid username');
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
}
