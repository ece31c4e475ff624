import { ErrorCode, InputError } from '../../domain/errors.js';
import { ProviderName } from '../../domain/provider.js';
import type { AccountRecord, PlanRecord, ServerRecord } from '../../domain/records.js';
import { isYmd } from '../../lib/dates.js';
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
import { PurewlClient } from './client.js';
import { DirectoryBackedProvider, nullIfNotFound, probeHealth } from '../provider-kit.js';
import { PLANS, toAccount, toServers } from './mapper.js';

const USERNAME = /^[A-Za-z0-9]{3,20}$/;
const SUBSCRIPTIONS = ['trial', 'paid', 'freemium'] as const;

/**
 * PureWL VAM behind the port. No list call and no batch read: accounts come from the store's directory and
 * each is read with one `status` call (bounded fan-out). Plans are the three subscription types.
 */
export class PurewlProvider extends DirectoryBackedProvider {
  readonly name = ProviderName.PUREWL;
  readonly sandbox: boolean;
  readonly capabilities = new Set<AccountOperation>([
    AccountOperation.CREATE,
    AccountOperation.ENABLE,
    AccountOperation.DISABLE,
    AccountOperation.RENEW,
    AccountOperation.EXTEND,
    AccountOperation.CHANGE_PASSWORD,
    AccountOperation.CHANGE_PLAN,
    AccountOperation.DELETE,
  ]);
  /** PureWL keys accounts by a customer uuid: the id of a customer kept by this API. */
  override readonly customerRefsAreStoreIds = true;
  readonly features: ProviderFeatures = {
    listAccounts: false,
    customers: false,
    projects: false,
    plans: true,
    servers: true,
    usage: false,
    bulkUsage: false,
    connectionConfigs: false,
  };
  readonly client: PurewlClient;
  protected readonly directory: AccountDirectory;
  protected readonly concurrency: number;

  constructor(config: ProviderConfig) {
    super();
    this.sandbox = config.sandbox;
    this.client = new PurewlClient(config.baseUrl, config.credentials.PUREWL_SECRET_KEY ?? '', config.network);
    this.directory = config.directory;
    this.concurrency = config.network.concurrency;
  }

  breakerState() {
    return this.client.http.breakerState;
  }

  protected readOne(username: string, customer: string | null = null): Promise<AccountRecord | null> {
    return nullIfNotFound(async () => toAccount(await this.client.status(username), customer));
  }

  private async must(username: string): Promise<AccountRecord> {
    const account = await this.readOne(username);
    if (!account) throw this.client.http.error('getAccount', ErrorCode.NOT_FOUND, 'PureWL: The provided username is not valid for this reseller');
    return account;
  }

  async listPlans(): Promise<PlanRecord[]> {
    return PLANS;
  }

  async listServers(): Promise<ServerRecord[]> {
    const [countries, cities, protocols] = await Promise.all([this.client.countries('windows'), this.client.cities('windows'), this.client.protocols('windows')]);
    return toServers(cities.cities, countries.countries, protocols.protocols.map((p) => p.name));
  }

  health(): Promise<ProviderHealth> {
    return probeHealth(this.client.http, () => this.client.accessToken());
  }

  validate = (operation: AccountOperation, input: Record<string, unknown>): InputError[] => {
    const errors: InputError[] = [];
    const period = input.periodDays;
    if ((operation === AccountOperation.CREATE || operation === AccountOperation.RENEW) && period !== undefined && (Number(period) < 1 || Number(period) > 3700)) {
      errors.push(new InputError('periodDays', 'PureWL periods are 1 to 3700 days.'));
    }
    if (operation === AccountOperation.CREATE) {
      if (period === undefined) errors.push(new InputError('periodDays', 'PureWL needs a period in days (1 to 3700).'));
      if (typeof input.username === 'string' && !USERNAME.test(input.username)) {
        errors.push(new InputError('username', 'PureWL usernames are at most 20 letters and digits.'));
      }
      if (!input.externalCustomerRef && !input.customerNativeId) {
        errors.push(new InputError('customerId', 'PureWL needs a customer (its uuid): pass a customerId kept by this API.'));
      }
    }
    if (typeof input.password === 'string' && !(input.password.length >= 12 && input.password.length <= 32 && /[a-z]/.test(input.password) && /[A-Z]/.test(input.password) && /\d/.test(input.password))) {
      errors.push(new InputError('password', 'PureWL passwords are 12–32 characters with upper case, lower case and digits.'));
    }
    if (input.planCode !== undefined && !(SUBSCRIPTIONS as readonly string[]).includes(String(input.planCode))) {
      errors.push(new InputError('planCode', 'PureWL subscription types are trial, paid or freemium.'));
    }
    if (operation === AccountOperation.EXTEND && typeof input.date === 'string' && !isYmd(input.date)) {
      errors.push(new InputError('date', 'The extension date must be a date (YYYY-MM-DD).'));
    }
    return errors;
  };

  async createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
    const uuid = input.externalCustomerRef ?? input.customerNativeId ?? '';
    const period = input.periodDays ?? 30;
    const answer = await this.client.create({
      uuid,
      period,
      ...(input.username ? { vpnUsername: input.username } : {}),
      ...(input.password ? { vpnPassword: input.password } : {}),
    });
    if (input.planCode && input.planCode !== 'paid') await this.client.subscription(answer.vpnUsername, input.planCode as (typeof SUBSCRIPTIONS)[number]);
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
    const [y, m, d] = date.split('-');
    await this.client.extend(username, `${d}-${m}-${y}`);
    return this.must(username);
  }
  async changePassword(username: string, password: string) {
    await this.client.changePassword(username, password);
    return this.must(username);
  }
  async changePlan(username: string, planCode: string) {
    if (!(SUBSCRIPTIONS as readonly string[]).includes(planCode)) throw new InputError('planCode', 'PureWL subscription types are trial, paid or freemium.');
    await this.client.subscription(username, planCode as (typeof SUBSCRIPTIONS)[number]);
    return { ...(await this.must(username)), planNativeId: planCode };
  }
  async deleteAccount(username: string) {
    await this.client.delete(username);
  }

  async close(): Promise<void> {
    this.client.http.close();
  }
}
