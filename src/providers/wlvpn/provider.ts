import { ErrorCode, InputError, ProviderError } from '../../domain/errors.js';
import {
  AccountStatus,
  type AccountRecord,
  type PlanRecord,
  type ServerRecord,
  type UsageRecord,
} from '../../domain/records.js';
import { mapBounded } from '../../lib/concurrency.js';
import { todayYmd } from '../../lib/dates.js';
import { generatePassword } from '../../lib/password.js';
import { BaseProvider } from '../base.js';
import { allPages, nullIfNotFound, pageWindow, remembered, type NumberedPage } from '../paging.js';
import {
  AccountOperation,
  toBatchSlot,
  type AccountFilter,
  type BatchResult,
  type CreateAccountInput,
  type CreatedAccount,
  type ServiceTerm,
  type DateRange,
  type Page,
  type PageQuery,
  type ProviderHealth,
  type ServerFilter,
} from '../port.js';
import type { ProviderConfig } from '../module.js';
import type { UpstreamHttp } from '../http.js';
import { WlvpnClient } from './client.js';
import { toAccount, toBulkUsage, toPlan, toServer } from './mapper.js';
import {
  BULK_USAGE_MAX,
  DEFAULT_GROUP,
  ID_OF_STATUS,
  PAGE_SIZE_MAX,
  TRAITS,
  ZERO_DATE,
  metadataProblem,
  METADATA_MAX_KEYS,
  passwordProblem,
  usernameProblems,
} from './rules.js';

/**
 * WLVPN v2 behind the port. Reads by id fan out (no batch get); listing uses the paged call; usage for many
 * accounts is ONE bulk usage-report call. RENEW is not offered: WLVPN extends service by plan purchase
 * (CHANGE_PLAN) or by moving close_date (EXTEND).
 */
export class WlvpnProvider extends BaseProvider {
  readonly client: WlvpnClient;
  protected readonly http: UpstreamHttp;
  private readonly defaultGroup: number;

  constructor(config: ProviderConfig & { defaultGroupId?: number }) {
    super(TRAITS, config);
    this.client = new WlvpnClient(config.baseUrl, config.credentials.WLVPN_API_KEY ?? '', config.network);
    this.http = this.client.http;
    this.defaultGroup = config.defaultGroupId ?? DEFAULT_GROUP;
  }

  private today(): string {
    return todayYmd();
  }

  async getAccounts(ids: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const results = await mapBounded(ids, this.concurrency, async (id) => {
      if (!/^\d+$/.test(id)) return null;
      return nullIfNotFound(async () => toAccount((await this.client.get(id)).customer, this.today()));
    });
    return results.map((r) => toBatchSlot(this.name, 'getAccounts', r));
  }

  async getAccountsByUsername(usernames: readonly string[]): Promise<BatchResult<AccountRecord>> {
    const results = await mapBounded(usernames, this.concurrency, (u) =>
      nullIfNotFound(async () => toAccount((await this.client.getByUsername(u)).customer, this.today())),
    );
    return results.map((r) => toBatchSlot(this.name, 'getAccountsByUsername', r));
  }

  /**
   * Offset/limit over the paged call. A single native status filter is passed as acct_status_id; other
   * filters (username prefix, several statuses, EXPIRED) are applied after fetching, which scans pages.
   */
  async listAccounts(query: PageQuery<AccountFilter>): Promise<Page<AccountRecord>> {
    const f = query.filter ?? {};
    if (f.customerNativeId || f.projectNativeId) return { items: [], totalCount: 0 };
    const native = f.statuses?.length === 1 ? ID_OF_STATUS[f.statuses[0] as AccountStatus] : undefined;
    const needsScan =
      Boolean(f.usernamePrefix) ||
      ((f.statuses?.length ?? 0) > 0 && native === undefined) ||
      (f.statuses?.length ?? 0) > 1;
    const keep = (a: AccountRecord) =>
      (!f.usernamePrefix || a.username.startsWith(f.usernamePrefix)) &&
      (!f.statuses?.length || f.statuses.includes(a.status));
    // The paged answer carries no total: a short page ends the list (and tells the total).
    const fetch = remembered(
      query.pages,
      `wlvpn:accounts:${native ?? ''}`,
      async (page: number, size: number): Promise<NumberedPage<AccountRecord>> => {
        const res = await this.client.paged({
          page,
          page_size: size,
          ...(native !== undefined ? { acct_status_id: native } : {}),
        });
        return {
          items: res.customers.map((c) => toAccount(c, this.today())),
          last: res.customers.length < size,
          total: null,
        };
      },
    );
    if (!needsScan) {
      // Pages of 1000 (the paged call's maximum): one call usually covers the window.
      const { items, total } = await pageWindow(query.offset, Math.max(query.limit, 1), PAGE_SIZE_MAX, fetch);
      return { items: items.slice(0, query.limit), totalCount: total };
    }
    const all = (await allPages(PAGE_SIZE_MAX, fetch)).filter(keep);
    return { items: all.slice(query.offset, query.offset + query.limit), totalCount: all.length };
  }

  async listPlans(): Promise<PlanRecord[]> {
    return (await this.client.plans()).plans.map(toPlan);
  }

  async listServers(filter?: ServerFilter): Promise<ServerRecord[]> {
    const res = await this.client.servers(filter?.countryCodes);
    return Object.entries(res.server).map(([host, s]) => toServer(host, s));
  }

  /** One bulk usage-report call covering every id (paged by last_cust_id only past 5000 customers). */
  async getUsage(ids: readonly string[], range: DateRange): Promise<BatchResult<UsageRecord>> {
    const numeric = ids.filter((id) => /^\d+$/.test(id)).map(Number);
    if (numeric.length === 0) return ids.map(() => null);
    const wanted = new Set(numeric);
    const min = Math.min(...numeric);
    const max = Math.max(...numeric);
    const found = new Map<number, UsageRecord>();
    let offset = min - 1;
    for (;;) {
      const res = await this.client.bulkUsageReport({
        start_date: range.from,
        end_date: range.to,
        // Customer ids are unique integers: past `offset`, at most `max - offset` of them can be ≤ max, so no
        // more are asked for (a page of 25 customers gets their 25 reports, not the next 5,000 customers').
        max_results: Math.min(BULK_USAGE_MAX, max - offset),
        cust_id_offset: offset,
      });
      for (const row of res.customers)
        if (wanted.has(row.cust_id)) found.set(row.cust_id, toBulkUsage(row, range.from, range.to));
      if (res.result_count < BULK_USAGE_MAX || res.last_cust_id >= max) break;
      offset = res.last_cust_id;
    }
    // An id absent from the bulk answer is not a customer of this reseller: null (not found).
    return ids.map((id) => found.get(Number(id)) ?? null);
  }

  health(): Promise<ProviderHealth> {
    return this.probe(() => this.client.plans());
  }

  validate = (operation: AccountOperation, input: Record<string, unknown>): InputError[] => {
    const errors: InputError[] = [];
    const username = input.username;
    if (operation === AccountOperation.CREATE && typeof username === 'string') {
      for (const problem of usernameProblems(username)) errors.push(new InputError('username', problem));
    }
    if (
      (operation === AccountOperation.CREATE || operation === AccountOperation.CHANGE_PASSWORD) &&
      input.password !== undefined
    ) {
      const problem = passwordProblem(input.password);
      if (problem) errors.push(new InputError('password', problem));
    }
    const metadata = input.metadata;
    const metadataError = metadata && typeof metadata === 'object' ? metadataProblem(metadata) : null;
    if (metadataError) errors.push(new InputError('metadata', metadataError));
    if (input.groupId !== undefined && !(typeof input.groupId === 'string' && /^\d+$/.test(input.groupId))) {
      errors.push(new InputError('groupId', 'WLVPN account group ids are integers.'));
    }
    return errors;
  };

  /**
   * WLVPN sells time by plan purchase: the chosen plan, or the shortest time-based plan (interval_days, else
   * expire_after_days) that covers `days`.
   */
  async termFor(days: number, planCode: string | null): Promise<ServiceTerm> {
    const plans = (await this.client.plans()).plans
      .map((p) => ({ code: p.plan_code, days: p.interval_days ?? p.expire_after_days ?? null }))
      .filter((p): p is { code: string; days: number } => p.days !== null && p.days > 0)
      .sort((a, b) => a.days - b.days);
    const granularity = `WLVPN plans of ${[...new Set(plans.map((p) => p.days))].join(', ')} days`;
    if (planCode !== null) {
      const plan = plans.find((p) => p.code === planCode);
      if (!plan) throw new InputError('planCode', `WLVPN has no time-based plan \`${planCode}\`.`);
      if (plan.days < days)
        throw new InputError('planCode', `WLVPN plan ${planCode} gives ${plan.days} days; ${days} are left.`);
      return { periodDays: null, planCode, days: plan.days, granularity };
    }
    const plan = plans.find((p) => p.days >= days);
    if (!plan) throw new InputError('planCode', `No WLVPN plan covers ${days} days (${granularity}).`);
    return { periodDays: null, planCode: plan.code, days: plan.days, granularity };
  }

  async createAccount(input: CreateAccountInput): Promise<CreatedAccount> {
    const username = input.username ?? '';
    if (!username) throw new InputError('username', 'WLVPN needs a username.');
    const password = input.password ?? generatePassword(16);
    const problem = passwordProblem(password);
    if (problem) throw new InputError('password', problem);
    const metadata = withCreateMark(input.metadata, input.createMark);
    const res = await this.client.create({
      cust_user_id: username,
      cust_password: password,
      acct_group_id: input.groupId ? Number(input.groupId) : this.defaultGroup,
      ...(metadata ? { metadata } : {}),
    });
    const id = String(res.cust_id);
    if (input.planCode) await this.client.purchase(id, { plan_code: input.planCode });
    return { account: await this.read(id), password };
  }

  /** A create's mark is a metadata key WLVPN keeps with the account (when the caller left room for it). */
  provesCreate(record: AccountRecord, mark: string): boolean {
    return record.metadata?.[CREATE_MARK_KEY] === mark;
  }

  async findAccountByUsername(username: string): Promise<AccountRecord | null> {
    const exists = await this.client.usernameExists(username);
    if (exists.username_exists !== 1) return null;
    return toAccount((await this.client.getByUsername(username)).customer, this.today());
  }

  private async read(id: string): Promise<AccountRecord> {
    return toAccount((await this.client.get(id)).customer, this.today());
  }

  private async update(
    id: string,
    body: Parameters<WlvpnClient['update']>[1],
    operation: string,
  ): Promise<AccountRecord> {
    await this.client.update(id, body, operation);
    return this.read(id);
  }

  /**
   * ENABLE lifts a suspension (2) or a cap (5). WLVPN would also reopen a closed account on acct_status_id 1
   * ("You can set it back to 1 to re-open a closed account"), which is REOPEN's job: refused here (CONFLICT).
   */
  async enableAccount(id: string) {
    const current = await this.read(id);
    if (current.status === AccountStatus.CLOSED) {
      throw this.client.http.error(
        'enableAccount',
        ErrorCode.CONFLICT,
        'WLVPN: the account is closed; use reopenAccount to reopen it.',
      );
    }
    return this.update(id, { acct_status_id: 1 }, 'enableAccount');
  }
  disableAccount(id: string) {
    return this.update(id, { acct_status_id: 2 }, 'disableAccount');
  }
  closeAccount(id: string) {
    return this.update(id, { acct_status_id: 3 }, 'closeAccount');
  }
  async reopenAccount(id: string) {
    const current = await this.read(id);
    if (current.status !== AccountStatus.CLOSED) {
      throw this.client.http.error(
        'reopenAccount',
        ErrorCode.CONFLICT,
        'WLVPN: only a closed account can be reopened.',
      );
    }
    return this.update(id, { acct_status_id: 1, close_date: ZERO_DATE }, 'reopenAccount');
  }
  /** EXTEND: the account closes automatically on `date` (close_date). */
  extendAccount(id: string, date: string) {
    return this.update(id, { close_date: date }, 'extendAccount');
  }
  /** EXPIRE: with a future date, schedule the close; without one (or today), close now. */
  expireAccount(id: string, date?: string) {
    if (date && date > todayYmd()) return this.update(id, { close_date: date }, 'expireAccount');
    return this.update(id, { acct_status_id: 3, close_date: todayYmd() }, 'expireAccount');
  }
  changePassword(id: string, password: string) {
    const problem = passwordProblem(password);
    if (problem) return Promise.reject(new InputError('password', problem));
    return this.update(id, { cust_password: password }, 'changePassword');
  }
  async changePlan(id: string, planCode: string) {
    const current = await this.read(id);
    if (current.planNativeId && current.planNativeId !== planCode) await this.client.revoke(id, current.planNativeId);
    await this.client.purchase(id, { plan_code: planCode });
    return this.read(id);
  }
  async anonymiseAccount(id: string) {
    const before = await this.read(id);
    await this.client.anonymise(id);
    return {
      ...before,
      status: AccountStatus.CLOSED,
      providerStatus: '3',
      // WLVPN no longer serves the account (410); its username is gone. Unique per account, as the directory needs.
      username: `anonymised-${id}`,
      metadata: {},
      closedAt: `${todayYmd()}T00:00:00.000Z`,
    };
  }
  async setBandwidthLimit(id: string, kbps: number | null) {
    if (kbps === null) await this.client.deleteLimitations(id);
    else {
      try {
        await this.client.setLimitations(id, kbps, 'PUT');
      } catch (error) {
        if (!(error instanceof ProviderError) || error.code !== ErrorCode.NOT_FOUND) throw error;
        await this.client.setLimitations(id, kbps, 'POST');
      }
    }
    return this.read(id);
  }
  async revokeSessions(id: string) {
    await this.client.tokens(id, 'Delete');
  }
}

/** The metadata key a create writes its mark under (see VpnProvider.provesCreate). */
export const CREATE_MARK_KEY = 'vg_create';

function withCreateMark(
  metadata: Record<string, string> | undefined,
  mark: string | undefined,
): Record<string, string> | undefined {
  if (!mark || (metadata && Object.keys(metadata).length >= METADATA_MAX_KEYS)) return metadata;
  return { ...metadata, [CREATE_MARK_KEY]: mark };
}
