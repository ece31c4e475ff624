import { ErrorCode, InputError } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountRecord } from '../../domain/records.js';
import type { SyncIssue, SyncIssueKind, SyncRun } from '../../domain/sync-log-records.js';
import type { AccountService } from '../accounts/index.js';
import type { ServiceKernel, SyncQueue } from '../../core/kernel.js';
import type { Connection, ConnectionArgs } from '../../core/pagination.js';
import { createSyncService, type SyncService } from './sync.service.js';

/**
 * What operators do with the mirror sync: start a run (through the job queue), look at runs and drift, and
 * settle drift entries. Every write is journaled. Roles are checked by the GraphQL layer (`@Authorized`) and,
 * for `node(id)`, here (`visible`).
 */

export type SyncIssueResolution = 'ADOPTED' | 'ACKNOWLEDGED' | 'FORGOTTEN';

export interface SyncIssueFilterInput {
  providers?: readonly ProviderName[] | null;
  kinds?: readonly SyncIssueKind[] | null;
  includeResolved?: boolean | null;
}

export class SyncAdminService {
  private readonly sync: SyncService;

  constructor(
    private readonly k: ServiceKernel,
    private readonly accounts: AccountService,
    private readonly queue: SyncQueue | undefined,
  ) {
    this.sync = createSyncService(k.deps.config.env, k.store.db);
  }

  /** Sync runs and drift are for operators and admins. */
  get visible(): boolean {
    return this.k.deps.viewer.roles.has('operator') && !this.k.scope.scoped;
  }

  /**
   * Starts a run of `provider` and queues it, or answers the run already going (no second run). A run that
   * could not be queued is closed as failed at once.
   */
  async request(provider: ProviderName): Promise<{ run: SyncRun; started: boolean }> {
    this.k.scope.requireUnscoped('sync and drift');
    const vpn = this.k.provider(provider);
    return this.k.journaled({ operation: 'syncProvider', provider, target: provider, input: {} }, async () => {
      const { run, started } = await this.sync.begin(vpn);
      if (!started) return { run, started };
      try {
        if (!this.queue) throw new Error('no job queue is wired');
        await this.queue.enqueue(provider, run.id);
      } catch (error) {
        this.k.deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'sync not queued');
        const failed = await this.sync.log.finish(
          run.id,
          { seen: 0, added: 0, changed: 0, gone: 0, vendorCalls: 0 },
          { code: 'NOT_QUEUED', message: 'The sync could not be queued; see the logs.' },
        );
        return { run: failed, started };
      }
      return { run, started };
    });
  }

  /** One run by global id; null when there is none. */
  async run(id: string, field = 'id'): Promise<SyncRun | null> {
    this.k.scope.requireUnscoped('sync and drift');
    const gid = this.k.decode(id, 'SyncRun', field);
    const [run] = await this.sync.log.runs([gid.nativeId]);
    return run && run.provider === gid.source ? run : null;
  }

  /** Runs, newest first. */
  runs(args: ConnectionArgs, provider: ProviderName | null): Promise<Connection<SyncRun>> {
    this.k.scope.requireUnscoped('sync and drift');
    return this.k.offsetList(args, (offset, limit) =>
      this.sync.log.recentRuns({ ...(provider ? { provider } : {}), limit, offset }),
    );
  }

  /** Drift entries, newest first; open ones unless `includeResolved`. */
  issues(args: ConnectionArgs, filter: SyncIssueFilterInput | null): Promise<Connection<SyncIssue>> {
    this.k.scope.requireUnscoped('sync and drift');
    return this.k.offsetList(args, (offset, limit) =>
      this.sync.log.issues({
        ...(filter?.providers?.length ? { providers: filter.providers } : {}),
        ...(filter?.kinds?.length ? { kinds: filter.kinds } : {}),
        includeResolved: filter?.includeResolved === true,
        limit,
        offset,
      }),
    );
  }

  /** One drift entry by global id; null when there is none. */
  async issue(id: string, field = 'id'): Promise<SyncIssue | null> {
    this.k.scope.requireUnscoped('sync and drift');
    const gid = this.k.decode(id, 'SyncIssue', field);
    const issue = await this.sync.log.issue(gid.nativeId);
    return issue && issue.provider === gid.source ? issue : null;
  }

  /** The account a drift entry is about, through the account service (null when the vendor no longer has it). */
  account(issue: SyncIssue): Promise<AccountRecord | null> {
    return this.accounts.entity({ provider: issue.provider, nativeId: issue.nativeId });
  }

  /**
   * Accepts the vendor's state: an orphan stays in the directory (sync adopted it already), a change stays in the
   * mirror (sync wrote it). A gone account cannot be adopted (forget it). An entry already adopted answers as is.
   */
  async adopt(id: string): Promise<SyncIssue> {
    this.k.scope.requireUnscoped('sync and drift');
    const issue = await this.found(id);
    return this.settle(issue, 'adoptSyncIssue', async () => {
      if (issue.kind === 'GONE_AT_VENDOR') {
        throw new InputError(
          'id',
          'The vendor no longer has this account: there is nothing to adopt; use forgetSyncIssue to remove it from the directory.',
        );
      }
      return 'ADOPTED';
    });
  }

  /** Gone at the vendor: removes the account from the directory. Other kinds: acknowledged, nothing changes. */
  async forget(id: string): Promise<SyncIssue> {
    this.k.scope.requireUnscoped('sync and drift');
    const issue = await this.found(id);
    return this.settle(issue, 'forgetSyncIssue', async () => {
      if (issue.kind !== 'GONE_AT_VENDOR') return 'ACKNOWLEDGED';
      await this.k.store.unregisterAccount(issue.provider, issue.nativeId);
      return 'FORGOTTEN';
    });
  }

  private async found(id: string): Promise<SyncIssue> {
    const issue = await this.issue(id, 'id');
    if (!issue) throw new InputError('id', 'No sync issue has this id.', ErrorCode.NOT_FOUND);
    return issue;
  }

  /** Closes an open entry with what `act` did; an entry already closed answers as is (the action is idempotent). */
  private settle(issue: SyncIssue, operation: string, act: () => Promise<SyncIssueResolution>): Promise<SyncIssue> {
    if (issue.resolvedAt !== null) return Promise.resolve(issue);
    return this.k.journaled(
      {
        operation,
        provider: issue.provider,
        target: `${issue.provider}:${issue.nativeId}`,
        input: { kind: issue.kind },
      },
      async () => {
        const resolution = await act();
        // Closed meanwhile by someone else: answer what they recorded.
        return (await this.sync.log.resolve(issue.id, resolution)) ?? (await this.sync.log.issue(issue.id)) ?? issue;
      },
    );
  }
}
