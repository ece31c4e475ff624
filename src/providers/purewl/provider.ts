import { InputError } from '../../domain/errors.js';
import type { AccountRecord, PlanRecord, ServerRecord } from '../../domain/records.js';
import { isYmd } from '../../lib/dates.js';
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
import { PurewlClient } from './client.js';
import { PLANS, toAccount, toServers } from './mapper.js';
import {
  PERIOD_MAX_DAYS,
  PERIOD_MIN_DAYS,
  TRAITS,
  USERNAME_RULE,
  isSubscription,
  passwordOk,
  toExtensionDate,
} from './rules.js';

/**
 * PureWL VAM behind the port. No list call and no batch read: accounts come from the store's directory and
 * each is read with one `status` call (bounded fan-out). Plans are the three subscription types.
 */
export class PurewlProvider extends DirectoryBackedProvider {
  readonly client: PurewlClient;
  protected readonly http: UpstreamHttp;

  constructor(config: ProviderConfig) {
    super(TRAITS, config);
    this.client = new PurewlClient(config.baseUrl, config.credentials.PUREWL_SECRET_KEY ?? '', config.network);
    this.http = this.client.http;
  }

  protected readOne(username: string, customer: string | null = null): Promise<AccountRecord | null> {
    return nullIfNotFound(async () => toAccount(await this.client.status(username), customer));
  }

  private must(username: string): Promise<AccountRecord> {
    return this.mustFind(
      this.readOne(username),
      'getAccount',
      'PureWL: The provided username is not valid for this reseller',
    );
  }

  async listPlans(): Promise<PlanRecord[]> {
    return PLANS;
  }

  async listServers(): Promise<ServerRecord[]> {
    const [countries, cities, protocols] = await Promise.all([
      this.client.countries('windows'),
      this.client.cities('windows'),
      this.client.protocols('windows'),
    ]);
    return toServers(
      cities.cities,
      countries.countries,
      protocols.protocols.map((p) => p.name),
    );
  }

  health(): Promise<ProviderHealth> {
    return this.probe(() => this.client.accessToken());
  }

  validate = (operation: AccountOperation, input: Record<string, unknown>): InputError[] => {
    const errors: InputError[] = [];
    const period = input.periodDays;
    if (
      (operation === AccountOperation.CREATE || operation === AccountOperation.RENEW) &&
      period !== undefined &&
      (Number(period) < PERIOD_MIN_DAYS || Number(period) > PERIOD_MAX_DAYS)
    ) {
      errors.push(new InputError('periodDays', 'PureWL periods are 1 to 3700 days.'));
    }
    if (operation === AccountOperation.CREATE) {
      if (period === undefined) errors.push(new InputError('periodDays', 'PureWL needs a period in days (1 to 3700).'));
      if (typeof input.username === 'string' && !USERNAME_RULE.test(input.username)) {
        errors.push(new InputError('username', 'PureWL usernames are at most 20 letters and digits.'));
      }
      if (!input.externalCustomerRef && !input.customerNativeId) {
        errors.push(
          new InputError('customerId', 'PureWL needs a customer (its uuid): pass a customerId kept by this API.'),
        );
      }
    }
    if (typeof input.password === 'string' && !passwordOk(input.password)) {
      errors.push(
        new InputError('password', 'PureWL passwords are 12–32 characters with upper case, lower case and digits.'),
      );
    }
    if (input.planCode !== undefined && (typeof input.planCode !== 'string' || !isSubscription(input.planCode))) {
      errors.push(new InputError('planCode', 'PureWL subscription types are trial, paid or freemium.'));
    }
    if (operation === AccountOperation.EXTEND && typeof input.date === 'string' && !isYmd(input.date)) {
      errors.push(new InputError('date', 'The extension date must be a date (YYYY-MM-DD).'));
    }
    return errors;
  };

  /** PureWL sells any whole number of days (1 to 3700), under a subscription type. */
  async termFor(days: number, planCode: string | null): Promise<ServiceTerm> {
    if (planCode !== null && !isSubscription(planCode))
      throw new InputError('planCode', 'PureWL subscription types are trial, paid or freemium.');
    const period = Math.max(PERIOD_MIN_DAYS, days);
    if (period > PERIOD_MAX_DAYS)
      throw new InputError('planCode', `PureWL periods are at most ${PERIOD_MAX_DAYS} days; ${days} are left.`);
    return { periodDays: period, planCode, days: period, granularity: 'PureWL periods of 1 day' };
  }

  async createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
    const uuid = input.externalCustomerRef ?? input.customerNativeId ?? '';
    const period = input.periodDays ?? 30;
    const answer = await this.client.create({
      uuid,
      period,
      ...(input.username ? { vpnUsername: input.username } : {}),
      ...(input.password ? { vpnPassword: input.password } : {}),
    });
    if (input.planCode && input.planCode !== 'paid' && isSubscription(input.planCode))
      await this.client.subscription(answer.vpnUsername, input.planCode);
    return { account: await this.must(answer.vpnUsername), password: answer.vpnPassword };
  }

  async enableAccount(username: string) {
    return toAccount(await this.client.enable(username), null);
  }
  async disableAccount(username: string) {
    return toAccount(await this.client.disable(username), null);
  }
  /** Refused by PureWL (100010 → CONFLICT) while more than 10 days remain before expiry. */
  async renewAccount(username: string, input: RenewInput) {
    await this.client.renew(username, input.periodDays);
    return this.must(username);
  }
  /** `date` is YYYY-MM-DD; PureWL wants DD-MM-YYYY. */
  async extendAccount(username: string, date: string) {
    await this.client.extend(username, toExtensionDate(date));
    return this.must(username);
  }
  async changePassword(username: string, password: string) {
    await this.client.changePassword(username, password);
    return this.must(username);
  }
  async changePlan(username: string, planCode: string) {
    if (!isSubscription(planCode))
      throw new InputError('planCode', 'PureWL subscription types are trial, paid or freemium.');
    await this.client.subscription(username, planCode);
    return { ...(await this.must(username)), planNativeId: planCode };
  }
  async deleteAccount(username: string) {
    await this.client.delete(username);
  }
}
