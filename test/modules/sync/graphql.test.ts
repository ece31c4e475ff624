import { loadConfig } from '../../../src/config/config.js';
import { encodeId } from '../../../src/domain/ids.js';
import { ProviderName } from '../../../src/providers/modules.js';
import { AccountStatus } from '../../../src/domain/records.js';
import { startJobs, type JobRunner } from '../../../src/main/job-runner.js';
import { createLogger } from '../../../src/lib/logger.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import {
  AdoptSyncIssueDocument,
  DriftReportDocument,
  ForgetSyncIssueDocument,
  SyncProviderDocument,
  SyncRunDocument,
  SyncRunsDocument,
  type SyncIssueFieldsFragment,
} from '../../generated/operations.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';

/**
 * The operator's sync surface over HTTP: syncProvider goes through the job queue (the API process queues, a
 * separate job runner works, as with WORKER=off + `npm run worker`), drift made behind the API's back is
 * listed and settled, and readers get FORBIDDEN.
 */
const READER = 'reader-key-0123456789abcdef';
const OPERATOR = 'operator-key-0123456789abcdef';
const AS_READER = { 'x-api-key': READER };
const AS_OPERATOR = { 'x-api-key': OPERATOR };

describe('sync and drift through GraphQL', () => {
  let t: TestApp;
  let jobs: JobRunner;
  beforeAll(async () => {
    const env = { API_KEYS: `ro:reader:${READER},ops:operator:${OPERATOR}`, ALLOW_ANONYMOUS: 'false' };
    t = await startTestApp(env);
    jobs = await startJobs(
      {
        config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env }),
        store: t.store,
        registry: t.app.registry,
        logger: createLogger('silent'),
      },
      { schedule: false, pollingIntervalSeconds: 0.5 },
    );
  });
  afterAll(async () => {
    await jobs.stop();
    await t.stop();
  });

  async function finished(id: string) {
    for (let i = 0; i < 100; i++) {
      const res = await t.gql(SyncRunDocument, { id }, AS_OPERATOR);
      const run = res.data?.syncRun;
      if (run && run.status !== 'RUNNING') return run;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`sync run ${id} did not finish`);
  }

  async function sync(provider: ProviderName) {
    const res = await t.gql(SyncProviderDocument, { input: { provider } }, AS_OPERATOR);
    expect(res.errors).toBeUndefined();
    expect(res.data?.syncProvider.userErrors).toEqual([]);
    return finished(res.data!.syncProvider.run!.id);
  }

  it('syncProvider starts one run through the job queue; asked again meanwhile, it answers the running one', async () => {
    t.resetUpstream();
    const [a, b] = await Promise.all([
      t.gql(SyncProviderDocument, { input: { provider: ProviderName.WLVPN } }, AS_OPERATOR),
      t.gql(SyncProviderDocument, { input: { provider: ProviderName.WLVPN } }, AS_OPERATOR),
    ]);
    const answers = [a.data!.syncProvider, b.data!.syncProvider];
    expect(answers.map((p) => p.started).sort()).toEqual([false, true]);
    expect(answers[0]!.run!.id).toBe(answers[1]!.run!.id);
    expect(answers[0]!.run).toMatchObject({ status: 'RUNNING', mode: 'FULL', provider: 'WLVPN' });
    const run = await finished(answers[0]!.run!.id);
    expect(run).toMatchObject({ status: 'SUCCEEDED', error: null });
    expect(run.seen).toBeGreaterThanOrEqual(55);
    expect(run.added).toBe(run.seen);
    // One list call, no second run; then detail reads (plan, expiry) within SYNC_RATE_WLVPN (default 60).
    expect(t.emulator(ProviderName.WLVPN).server.count('GET /v2/customers/paged')).toBe(1);
    expect(run.vendorCalls).toBeLessThanOrEqual(60);
    expect(t.upstream(ProviderName.WLVPN)).toBe(run.vendorCalls);

    const runs = await t.gql(SyncRunsDocument, { provider: ProviderName.WLVPN, first: 10 }, AS_OPERATOR);
    expect(runs.data?.syncRuns.totalCount).toBe(1);
    expect(runs.data?.syncRuns.edges[0]?.node.id).toBe(run.id);
    const node = await t.gql<{ node: { __typename: string; id: string } | null }>(
      `query($id: ID!) { node(id: $id) { __typename id } }`,
      { id: run.id },
      AS_OPERATOR,
    );
    expect(node.data?.node).toEqual({ __typename: 'SyncRun', id: run.id });
  });

  it('drift made behind the API’s back is listed and settled: adopt a change, forget a gone account', async () => {
    const vr = t.app.registry.get(ProviderName.VPNRESELLERS);
    await sync(ProviderName.VPNRESELLERS);
    const page = await new Mirror(t.store.db).page({
      filter: { providers: [ProviderName.VPNRESELLERS], statuses: [AccountStatus.ACTIVE] },
      orderBy: { field: 'USERNAME', direction: 'ASC' },
      first: 2,
    });
    const [toDisable, toDelete] = page.rows.map((r) => r.record);
    await vr.disableAccount(toDisable!.nativeId);
    await vr.deleteAccount(toDelete!.nativeId);
    const created = await vr.createAccount({ username: 'gql-drift-orphan', password: 'Secret-Pass-123' });
    const run = await sync(ProviderName.VPNRESELLERS);
    expect(run).toMatchObject({ status: 'SUCCEEDED', added: 1, changed: 1, gone: 1 });

    const open = await t.gql(
      DriftReportDocument,
      { filter: { providers: [ProviderName.VPNRESELLERS] }, first: 20 },
      AS_OPERATOR,
    );
    expect(open.errors).toBeUndefined();
    const issues = open.data!.syncIssues.edges.map((e) => e.node);
    expect(issues.map((i) => [i.kind, i.username]).sort()).toEqual(
      [
        ['CHANGED_AT_VENDOR', toDisable!.username],
        ['GONE_AT_VENDOR', toDelete!.username],
      ].sort(),
    );
    expect(open.data!.unresolvedIntents!.totalCount).toBe(0);
    const changed = issues.find((i) => i.kind === 'CHANGED_AT_VENDOR')!;
    const gone = issues.find((i) => i.kind === 'GONE_AT_VENDOR')!;
    expect(changed.account).toMatchObject({ status: 'DISABLED' });
    expect(changed.details).toMatchObject({ before: { status: 'ACTIVE' }, after: { status: 'DISABLED' } });
    expect(gone.account).toBeNull();

    const adopted = await t.gql(AdoptSyncIssueDocument, { input: { id: changed.id } }, AS_OPERATOR);
    expect(adopted.data?.adoptSyncIssue).toMatchObject({
      userErrors: [],
      issue: { id: changed.id, resolution: 'ADOPTED' },
    });
    expect(adopted.data?.adoptSyncIssue.issue?.resolvedAt).toBeTruthy();
    // Again: answered as is.
    const again = await t.gql(AdoptSyncIssueDocument, { input: { id: changed.id } }, AS_OPERATOR);
    expect(again.data?.adoptSyncIssue.issue).toEqual(adopted.data?.adoptSyncIssue.issue);

    const cannot = await t.gql(AdoptSyncIssueDocument, { input: { id: gone.id } }, AS_OPERATOR);
    expect(cannot.data?.adoptSyncIssue).toMatchObject({
      issue: null,
      userErrors: [{ field: ['input', 'id'], code: 'VALIDATION' }],
    });
    const forgotten = await t.gql(ForgetSyncIssueDocument, { input: { id: gone.id } }, AS_OPERATOR);
    expect(forgotten.data?.forgetSyncIssue).toMatchObject({
      userErrors: [],
      issue: { id: gone.id, resolution: 'FORGOTTEN' },
    });
    const [row] = await new Mirror(t.store.db).read([
      { provider: ProviderName.VPNRESELLERS, nativeId: toDelete!.nativeId },
    ]);
    expect(row).toBeNull(); // gone from the directory

    // Nothing open is left; the orphan was adopted at once and is answered as is.
    const after = await t.gql(DriftReportDocument, { filter: { providers: [ProviderName.VPNRESELLERS] } }, AS_OPERATOR);
    expect(after.data?.syncIssues.totalCount).toBe(0);
    const all = await t.gql(
      DriftReportDocument,
      { filter: { providers: [ProviderName.VPNRESELLERS], kinds: ['ORPHAN_AT_VENDOR'], includeResolved: true } },
      AS_OPERATOR,
    );
    const orphan = all
      .data!.syncIssues.edges.map((e) => e.node)
      .find((i: SyncIssueFieldsFragment) => i.username === 'gql-drift-orphan')!;
    expect(orphan.resolution).toBe('ADOPTED');
    expect(orphan.account?.id).toBeTruthy();
    expect(created.account.username).toBe('gql-drift-orphan');
    const orphanAgain = await t.gql(AdoptSyncIssueDocument, { input: { id: orphan.id } }, AS_OPERATOR);
    expect(orphanAgain.data?.adoptSyncIssue).toMatchObject({ userErrors: [], issue: orphan });
  });

  it('unknown ids: NOT_FOUND userErrors and null; ids that are not ours: VALIDATION', async () => {
    const unknownIssue = encodeId('SyncIssue', ProviderName.WLVPN, '987654321');
    const forget = await t.gql(ForgetSyncIssueDocument, { input: { id: unknownIssue } }, AS_OPERATOR);
    expect(forget.data?.forgetSyncIssue).toEqual({
      issue: null,
      userErrors: [{ field: ['input', 'id'], message: 'No sync issue has this id.', code: 'NOT_FOUND' }],
    });
    const wrongType = await t.gql(
      AdoptSyncIssueDocument,
      { input: { id: encodeId('Account', ProviderName.WLVPN, '1') } },
      AS_OPERATOR,
    );
    expect(wrongType.data?.adoptSyncIssue.userErrors).toMatchObject([{ field: ['input', 'id'], code: 'VALIDATION' }]);
    const run = await t.gql(
      SyncRunDocument,
      { id: encodeId('SyncRun', ProviderName.WLVPN, '00000000-0000-0000-0000-000000000000') },
      AS_OPERATOR,
    );
    expect(run.errors).toBeUndefined();
    expect(run.data?.syncRun).toBeNull();
    const garbage = await t.gql(SyncRunDocument, { id: 'not-an-id' }, AS_OPERATOR);
    expect(garbage.errors?.[0]?.extensions?.code).toBe('VALIDATION');
  });

  it('a reader gets FORBIDDEN on every sync field, and node(id) does not reveal runs', async () => {
    const [runs] = (await t.gql(SyncRunsDocument, { first: 1 }, AS_OPERATOR)).data!.syncRuns.edges;
    const calls = [
      t.gql(SyncProviderDocument, { input: { provider: ProviderName.WLVPN } }, AS_READER),
      t.gql(SyncRunsDocument, { first: 5 }, AS_READER),
      t.gql(SyncRunDocument, { id: runs!.node.id }, AS_READER),
      t.gql(DriftReportDocument, {}, AS_READER),
      t.gql(ForgetSyncIssueDocument, { input: { id: encodeId('SyncIssue', ProviderName.WLVPN, '1') } }, AS_READER),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    }
    const node = await t.gql<{ node: object | null }>(
      `query($id: ID!) { node(id: $id) { id } }`,
      { id: runs!.node.id },
      AS_READER,
    );
    expect(node.errors).toBeUndefined();
    expect(node.data?.node).toBeNull();
    expect(await t.gql(SyncRunsDocument, { first: 50 }, AS_OPERATOR)).toMatchObject({
      data: { syncRuns: { totalCount: 3 } }, // the reader started nothing
    });
  });
});
