import { readFileSync } from 'node:fs';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { ProviderName } from '../../../src/providers/modules.js';
import { AccountStatus, type AccountRecord } from '../../../src/domain/records.js';
import { encodeId } from '../../../src/domain/ids.js';
import { ProviderError } from '../../../src/domain/errors.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { type FieldGroup, type MirroredAccount } from '../../../src/core/mirror/mirror-rows.js';
import { SyncLog } from '../../../src/modules/sync/sync-log.store.js';
import { EventStore } from '../../../src/core/events/events.store.js';
import { SyncService } from '../../../src/modules/sync/sync.service.js';
import { AccountEvents } from '../../../src/core/events/account-events.js';
import type { VpnProvider } from '../../../src/providers/port.js';
import type { WlvpnEmulator } from '../../../src/providers/wlvpn/sandbox/index.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';

/**
 * Freshness field by field (issue #26). For every field the generated SDL shows on `Account`, a row of FIELDS
 * says which confirmation covers it and, where a vendor lets it change, how to change it behind the API's back
 * (the provider's own client straight to the emulator, or the emulator's own objects). Each such change is
 * followed by ONE sync; the mirror must then equal a live read of the vendor, and the account's `syncedAt` must
 * never be later than the confirmation of a field it shows. A field the SDL gains without a row here fails.
 */

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Drift {
  provider: ProviderName;
  /** Changes the account at the vendor, not through the graph nor the mirror. */
  change(t: TestApp, p: VpnProvider, account: AccountRecord): Promise<void>;
}
type Row =
  | { group: FieldGroup; drift: Drift[]; read: (r: AccountRecord) => unknown }
  | { group: FieldGroup; coveredBy: string }
  | { notVendorState: string };

async function otherPlan(p: VpnProvider, account: AccountRecord): Promise<string> {
  const plans = await p.listPlans();
  const other = plans.find((plan) => plan.code !== account.planNativeId && plan.intervalDays);
  if (!other) throw new Error(`${p.name} has no second time-based plan`);
  return other.code;
}

const wlvpnCustomer = (t: TestApp, account: AccountRecord) =>
  (t.emulator(ProviderName.WLVPN) as unknown as WlvpnEmulator).customers.get(Number(account.nativeId))!;

const disable: Drift['change'] = async (_t, p, a) => {
  await p.disableAccount(a.nativeId);
};

const FIELDS: Record<string, Row> = {
  id: { notVendorState: 'identity (provider + native id)' },
  provider: { notVendorState: 'identity' },
  nativeId: { notVendorState: 'identity' },
  username: { notVendorState: 'no vendor renames an account (WLVPN anonymise retires it: GONE_AT_VENDOR)' },
  status: {
    group: 'status',
    read: (r) => r.status,
    drift: [
      { provider: ProviderName.PUREWL, change: disable },
      { provider: ProviderName.VPNRESELLERS, change: disable },
      { provider: ProviderName.WLVPN, change: disable },
      { provider: ProviderName.PUREVPN, change: disable },
    ],
  },
  providerStatus: { group: 'status', coveredBy: 'status (the same vendor value)' },
  createdAt: { notVendorState: 'the open date is read-only at every vendor' },
  updatedAt: { group: 'status', coveredBy: 'status (told by the same read)' },
  expiresAt: {
    group: 'expiry',
    read: (r) => (r.expiresAt ? Date.parse(r.expiresAt) : null),
    drift: [
      {
        provider: ProviderName.PUREWL,
        change: async (_t, p, a) => {
          await p.extendAccount(a.nativeId, ymd(Date.parse(a.expiresAt ?? new Date().toISOString()) + 40 * DAY));
        },
      },
      {
        provider: ProviderName.VPNRESELLERS,
        change: async (_t, p, a) => {
          await p.extendAccount(a.nativeId, ymd(Date.now() + 123 * DAY));
        },
      },
      {
        // A scheduled close (close_date) earlier than the plan's end: WLVPN's list shows close_date, but the
        // expiry is the earlier of it and the plan end, which only a single read tells.
        provider: ProviderName.WLVPN,
        change: async (_t, p, a) => {
          await p.extendAccount(a.nativeId, ymd(Date.now() + 2 * DAY));
        },
      },
      {
        provider: ProviderName.PUREVPN,
        change: async (_t, p, a) => {
          await p.renewAccount(a.nativeId, { periodDays: 30 });
        },
      },
    ],
  },
  closedAt: { group: 'status', coveredBy: 'status (a close is a status change)' },
  throttled: {
    group: 'bandwidth',
    read: (r) => r.throttled,
    drift: [
      {
        // The bandwidth cap reached at the vendor (its own accounting; no API call sets it).
        provider: ProviderName.WLVPN,
        change: async (t, _p, a) => {
          const c = wlvpnCustomer(t, a);
          c.user_throttled = c.user_throttled === 1 ? 0 : 1;
        },
      },
    ],
  },
  groupId: {
    group: 'status',
    read: (r) => r.groupId,
    drift: [
      {
        provider: ProviderName.WLVPN,
        change: async (t, _p, a) => {
          wlvpnCustomer(t, a).acct_group_id += 7;
        },
      },
    ],
  },
  metadata: {
    group: 'plan',
    read: (r) => r.metadata,
    drift: [
      {
        // Not on WLVPN's list rows: only the detail read tells it.
        provider: ProviderName.WLVPN,
        change: async (t, _p, a) => {
          wlvpnCustomer(t, a).metadata = { changed_in_panel: 'yes' };
        },
      },
    ],
  },
  plans: { group: 'plan', coveredBy: 'plan (the plan history comes with the current plan)' },
  plan: {
    group: 'plan',
    read: (r) => r.planNativeId,
    // PureWL and PureVPN reads do not tell the plan (their references have no such field on a read): `plan` is
    // null on their reads, live or mirrored, so nothing of theirs can drift there.
    drift: [
      {
        // A plan purchase at the vendor: no list row shows it.
        provider: ProviderName.WLVPN,
        change: async (_t, p, a) => {
          await p.changePlan(a.nativeId, await otherPlan(p, a));
        },
      },
    ],
  },
  syncedAt: { notVendorState: 'freshness of the answer' },
  dataSource: { notVendorState: 'freshness of the answer' },
  confirmedAt: { notVendorState: 'freshness of the answer' },
  capabilities: { notVendorState: "the provider's operations" },
  customer: {
    group: 'customer',
    coveredBy:
      'the links test below (VPNresellers customer lists) and test/core/mirror/customer-links.test.ts (maxAge)',
  },
  project: { group: 'customer', coveredBy: "the links test below (a VPNresellers customer's project)" },
  usage: { notVendorState: 'read live from the vendor each time (never mirrored)' },
  servers: { notVendorState: 'the catalog, not account state' },
  wireguard: { notVendorState: 'set at create; no vendor call changes it (private key read live, never mirrored)' },
  connectionConfigs: { notVendorState: 'read live from the vendor each time' },
  history: { notVendorState: "this API's own journal" },
};

function sdlAccountFields(): string[] {
  const doc = parse(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));
  const account = doc.definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === 'Account',
  );
  return (account?.fields ?? []).map((f) => f.name.value);
}

const ACCOUNT = `query($id: ID!) { account(id: $id, maxAge: 3600000) {
  status expiresAt throttled groupId syncedAt dataSource
  confirmedAt { status expiry plan bandwidth customer }
} }`;

interface Shown {
  status: string;
  syncedAt: string | null;
  dataSource: string;
  confirmedAt: Record<FieldGroup, string | null>;
}

describe.each(storeBackends)('freshness field by field (%s)', (_backend, open) => {
  let backend: OpenedBackend;
  let t: TestApp;
  let mirror: Mirror;
  let log: SyncLog;
  let history: EventStore;
  /** Per provider: calls per minute a sync may spend (WLVPN's detail reads come out of it). */
  const rate: Partial<Record<ProviderName, number>> = {};
  let sync: SyncService;
  const used = new Set<string>();

  beforeAll(async () => {
    backend = await open();
    t = await startTestApp({}, { store: backend.store });
    mirror = new Mirror(t.store.db);
    log = new SyncLog(t.store.db);
    history = new EventStore(t.store.db);
    sync = new SyncService({
      mirror,
      log,
      budgetPerMinute: (p) => rate[p.name] ?? 10_000,
      // Every account is due again at once: one sync after a change reads what it must.
      maxAgeMs: 0,
      events: new AccountEvents(t.store.db, { actor: 'sync' }),
    });
    for (const p of Object.values(ProviderName)) {
      expect((await sync.runNow(t.app.registry.get(p))).status).toBe('SUCCEEDED');
    }
  }, 60_000);
  afterAll(async () => {
    await t.stop().catch(() => undefined);
    await backend.cleanup().catch(() => undefined);
  });

  /** An account of `provider` no other case touched, ACTIVE, with a plan where the provider has plans. */
  async function pick(provider: ProviderName): Promise<AccountRecord> {
    const page = await mirror.page({
      filter: { providers: [provider], statuses: [AccountStatus.ACTIVE] },
      orderBy: { field: 'USERNAME', direction: 'ASC' },
      first: 200,
    });
    const row = page.rows.find(
      (r) =>
        !used.has(r.record.nativeId) &&
        (provider !== ProviderName.WLVPN || r.record.planNativeId !== null) &&
        (provider !== ProviderName.PUREWL || r.record.expiresAt !== null),
    );
    if (!row) throw new Error(`no unused ACTIVE ${provider} account`);
    used.add(row.record.nativeId);
    return row.record;
  }

  async function live(p: VpnProvider, nativeId: string): Promise<AccountRecord> {
    const [r] = await p.getAccounts([nativeId]);
    if (!r || r instanceof ProviderError) throw new Error(`live read of ${p.name} ${nativeId} failed`);
    return r;
  }

  async function mirrored(provider: ProviderName, nativeId: string): Promise<MirroredAccount> {
    const [row] = await mirror.read([{ provider, nativeId }]);
    return row!;
  }

  async function shown(provider: ProviderName, nativeId: string): Promise<Shown> {
    const res = await t.gql<{ account: Shown }>(ACCOUNT, { id: encodeId('Account', provider, nativeId) });
    expect(res.errors).toBeUndefined();
    return res.data!.account;
  }

  /** `syncedAt` is never later than the confirmation of a group the answer shows, nor null-covering one. */
  function coversOnlyConfirmed(answer: Shown): void {
    expect(answer.syncedAt).not.toBeNull();
    for (const g of ['status', 'expiry', 'plan', 'bandwidth'] as const) {
      expect(answer.confirmedAt[g]).not.toBeNull();
      expect(Date.parse(answer.syncedAt!)).toBeLessThanOrEqual(Date.parse(answer.confirmedAt[g]!));
    }
  }

  it('every Account field of the SDL has a row: how fresh it is, and how it drifts', () => {
    const fields = sdlAccountFields();
    expect(fields.length).toBeGreaterThan(20);
    expect(fields.filter((f) => !(f in FIELDS))).toEqual([]);
    expect(Object.keys(FIELDS).filter((f) => !fields.includes(f))).toEqual([]);
  });

  const cases = Object.entries(FIELDS).flatMap(([field, row]) =>
    'drift' in row ? row.drift.map((d) => ({ field, row, drift: d })) : [],
  );
  it.each(cases.map((c) => [c.field, c.drift.provider, c] as const))(
    '%s changed at %s behind the API’s back: one sync, the mirror equals a live read, syncedAt covers only confirmed fields',
    async (_field, provider, c) => {
      const p = t.app.registry.get(provider);
      const account = await pick(provider);
      const before = c.row.read(await live(p, account.nativeId));
      const changedAt = Date.now();
      await c.drift.change(t, p, account);
      const truth = await live(p, account.nativeId);
      expect(c.row.read(truth)).not.toEqual(before); // the change happened at the vendor

      const run = await sync.runNow(p);
      expect(run.status).toBe('SUCCEEDED');

      const row = await mirrored(provider, account.nativeId);
      expect(c.row.read(row.record)).toEqual(c.row.read(truth));
      expect(row.record.status).toBe(truth.status);
      expect(Date.parse(row.confirmedAt[c.row.group]!)).toBeGreaterThanOrEqual(changedAt);
      const answer = await shown(provider, account.nativeId);
      expect(answer.dataSource).toBe('MIRROR');
      expect(answer.status).toBe(truth.status);
      coversOnlyConfirmed(answer);
      expect(Date.parse(answer.syncedAt!)).toBeGreaterThanOrEqual(changedAt);
    },
    60_000,
  );

  it('a WLVPN plan bought behind the API’s back: a list-only sync does not confirm it, the paced detail read finds it (CHANGED_AT_VENDOR)', async () => {
    const p = t.app.registry.get(ProviderName.WLVPN);
    const account = await pick(ProviderName.WLVPN);
    const was = await mirrored(ProviderName.WLVPN, account.nativeId);
    const boughtAt = Date.now();
    await p.changePlan(account.nativeId, await otherPlan(p, account));
    const truth = await live(p, account.nativeId);
    expect(truth.planNativeId).not.toBe(was.record.planNativeId);

    // A rate that the list call uses up: no detail read in this run.
    const listCalls = Math.ceil((await mirror.count({ providers: [ProviderName.WLVPN] })) / 1000);
    rate[ProviderName.WLVPN] = listCalls;
    t.resetUpstream();
    const listOnly = await sync.runNow(p);
    expect(listOnly).toMatchObject({ status: 'SUCCEEDED', changed: 0, vendorCalls: listCalls });
    expect(t.upstream(ProviderName.WLVPN)).toBe(listCalls);
    const stale = await mirrored(ProviderName.WLVPN, account.nativeId);
    expect(stale.record.planNativeId).toBe(was.record.planNativeId);
    // The list confirmed the status, not the plan nor the expiry: syncedAt stays before the purchase.
    expect(Date.parse(stale.confirmedAt.status!)).toBeGreaterThanOrEqual(boughtAt);
    expect(Date.parse(stale.confirmedAt.plan!)).toBeLessThan(boughtAt);
    expect(Date.parse(stale.confirmedAt.expiry!)).toBeLessThan(boughtAt);
    const answer = await shown(ProviderName.WLVPN, account.nativeId);
    coversOnlyConfirmed(answer);
    expect(Date.parse(answer.syncedAt!)).toBeLessThan(boughtAt);

    // Room for a few detail reads: the account unconfirmed longest (ours, among others) is read, no more.
    rate[ProviderName.WLVPN] = listCalls + 200;
    t.resetUpstream();
    const run = await sync.runNow(p);
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    expect(run.vendorCalls).toBeLessThanOrEqual(listCalls + 200);
    expect(t.upstream(ProviderName.WLVPN)).toBe(run.vendorCalls);
    const now = await mirrored(ProviderName.WLVPN, account.nativeId);
    expect(now.record.planNativeId).toBe(truth.planNativeId);
    expect(now.record.expiresAt).toBe(truth.expiresAt);
    expect(Date.parse(now.syncedAt!)).toBeGreaterThanOrEqual(boughtAt);

    const issues = await log.issues({ providers: [ProviderName.WLVPN], limit: 500, offset: 0 });
    const issue = issues.items.find((i) => i.runId === run.id && i.nativeId === account.nativeId);
    expect(issue).toMatchObject({
      kind: 'CHANGED_AT_VENDOR',
      details: {
        before: { planNativeId: was.record.planNativeId },
        after: { planNativeId: truth.planNativeId },
      },
    });
    const events = await history.page(
      { kinds: ['CHANGED_AT_VENDOR'], account: { provider: ProviderName.WLVPN, nativeId: account.nativeId } },
      10,
      null,
    );
    const event = events.items[0];
    expect(event?.after).toMatchObject({ planCode: truth.planNativeId });
    delete rate[ProviderName.WLVPN];
  }, 60_000);

  describe('links filled: a VPNresellers customer and its project', () => {
    const LIST = `query($filter: AccountFilter) {
      accounts(first: 100, filter: $filter, orderBy: { field: USERNAME }) { totalCount nodes { id username } }
    }`;
    type ListAnswer = { accounts: { totalCount: number; nodes: Array<{ id: string; username: string }> } };

    /** The accounts the vendor lists under a project (its customers' accounts), by username. */
    async function atVendorInProject(projectNativeId: string): Promise<string[]> {
      const vr = t.app.registry.get(ProviderName.VPNRESELLERS);
      const page = await vr.listAccounts({ offset: 0, limit: 1000, filter: { projectNativeId } });
      return page.items.map((a) => a.username).sort();
    }

    it('an account made at the vendor under a customer: one sync links it to the customer and its project', async () => {
      const vr = t.app.registry.get(ProviderName.VPNRESELLERS);
      const [customer] = await vr.getCustomers(['3']);
      if (!customer || customer instanceof Error) throw new Error('customer 3 missing');
      const project = customer.projectNativeId!;
      const projectId = encodeId('Project', ProviderName.VPNRESELLERS, project);
      const madeAt = Date.now();
      const made = await vr.createAccount({
        username: 'link-at-vendor',
        password: 'Secret-Pass-123',
        customerNativeId: '3',
      });
      expect((await sync.runNow(vr)).status).toBe('SUCCEEDED');

      const row = await mirrored(ProviderName.VPNRESELLERS, made.account.nativeId);
      expect(row.customerId).toBe(encodeId('Customer', ProviderName.VPNRESELLERS, '3'));
      expect(row.projectId).toBe(projectId);
      expect(Date.parse(row.confirmedAt.customer!)).toBeGreaterThanOrEqual(madeAt);

      // filter.projectId on the mirror (orderBy): exactly the vendor's accounts of the project.
      const expected = await atVendorInProject(project);
      expect(expected).toContain('link-at-vendor');
      const admin = await t.gql<ListAnswer>(LIST, { filter: { projectId } });
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.accounts.nodes.map((n) => n.username)).toEqual(expected);
      expect(admin.data!.accounts.totalCount).toBe(expected.length);

      // A project-scoped sub-reseller owns them: its list is the project's accounts, and it reads the new one.
      const { key } = await t.store.createApiKey('sub-project-links', 'reseller', { vg_projects: [projectId] });
      const scoped = await t.gql<ListAnswer>(
        '{ accounts(first: 100) { totalCount nodes { id username } } }',
        {},
        { 'x-api-key': key },
      );
      expect(scoped.errors).toBeUndefined();
      expect(scoped.data!.accounts.nodes.map((n) => n.username).sort()).toEqual(expected);
      const one = await t.gql<{ account: { username: string } | null }>(
        'query($id: ID!) { account(id: $id) { username } }',
        { id: encodeId('Account', ProviderName.VPNRESELLERS, made.account.nativeId) },
        { 'x-api-key': key },
      );
      expect(one.data?.account?.username).toBe('link-at-vendor');

      // The answer that shows the customer is as fresh as the link's confirmation, never fresher.
      const shownWithLink = await t.gql<{ account: { syncedAt: string; customer: { id: string } | null } }>(
        'query($id: ID!) { account(id: $id, maxAge: 3600000) { syncedAt customer { id } } }',
        { id: encodeId('Account', ProviderName.VPNRESELLERS, made.account.nativeId) },
      );
      expect(shownWithLink.data!.account.customer?.id).toBe(row.customerId);
      expect(Date.parse(shownWithLink.data!.account.syncedAt)).toBeLessThanOrEqual(
        Date.parse(row.confirmedAt.customer!),
      );
    }, 60_000);

    it('an account created here under a project customer is the project’s at once (no sync)', async () => {
      const vr = t.app.registry.get(ProviderName.VPNRESELLERS);
      const [customer] = await vr.getCustomers(['4']);
      if (!customer || customer instanceof Error) throw new Error('customer 4 missing');
      const projectId = encodeId('Project', ProviderName.VPNRESELLERS, customer.projectNativeId!);
      const customerId = encodeId('Customer', ProviderName.VPNRESELLERS, '4');
      const { key } = await t.store.createApiKey('sub-project-create', 'reseller', { vg_projects: [projectId] });
      const created = await t.gql<{
        createAccount: { account: { id: string; username: string } | null; userErrors: Array<{ code: string }> };
      }>(
        `mutation($input: CreateAccountInput!) {
          createAccount(input: $input) { account { id username } userErrors { code } }
        }`,
        { input: { provider: 'VPNRESELLERS', customerId, username: 'link-made-here', password: 'Secret-Pass-123' } },
        { 'x-api-key': key },
      );
      expect(created.errors).toBeUndefined();
      expect(created.data!.createAccount.userErrors).toEqual([]);
      const id = created.data!.createAccount.account!.id;
      const scoped = await t.gql<ListAnswer>('{ accounts(first: 100) { nodes { id } } }', {}, { 'x-api-key': key });
      expect(scoped.data!.accounts.nodes.map((n) => n.id)).toContain(id);
      const admin = await t.gql<ListAnswer>(LIST, { filter: { projectId } });
      expect(admin.data!.accounts.nodes.map((n) => n.id)).toContain(id);
      // The next sync agrees (the vendor lists it under the customer): no drift.
      const run = await sync.runNow(vr);
      expect(run).toMatchObject({ status: 'SUCCEEDED', changed: 0 });
      const [row] = await mirror.read([{ provider: ProviderName.VPNRESELLERS, nativeId: decodeNative(id) }]);
      expect(row).toMatchObject({ customerId, projectId });
    }, 60_000);
  });
});

function decodeNative(accountId: string): string {
  return Buffer.from(accountId, 'base64url').toString('utf8').split(':').slice(2).join(':');
}
