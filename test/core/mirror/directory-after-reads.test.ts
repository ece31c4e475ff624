import { Store } from '../../../src/core/store/store.js';
import type { Db } from '../../../src/core/db/db.js';
import { startTestApp, type TestApp, NO_SCHEDULED_SYNC } from '../../helpers/app.js';
import { storeBackends, type OpenedBackend } from '../../helpers/backends.js';

/**
 * The directory after a live read: what an answer learned is known to the next request, although its write-back
 * runs after the answer (core/mirror/write-back.ts). A CI run saw a bulk operation started right after the reads
 * that found its accounts fail 12 of them "not an account of the directory": the preflight read the directory
 * while the write-back of the last read was still queued.
 *
 * Here the write-back's statement is held at the database until released, 300 ms after each mutation is sent:
 * every path that selects or checks accounts in the directory must wait for it (answer after the release) and
 * find the accounts; none may answer NOT_FOUND or "no account matches".
 */

const HOLD_MS = 300;
const WRITE_BACK = 'INSERT INTO account_registry AS r';

const LIST = `query($p: Provider!, $after: String) {
  accounts(first: 20, after: $after, maxAge: 0, filter: { providers: [$p] }) {
    nodes { id status expiresAt } pageInfo { endCursor } } }`;
const START = `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
  bulkOperation { id total items(statuses: [FAILED, SKIPPED], first: 50) { nodes { userErrors { code message } } } }
  userErrors { field message code } } }`;
const MOVE = `mutation($input: MoveAccountInput!) { moveAccount(input: $input) {
  accountMove { id } userErrors { field message code } } }`;

interface Account {
  id: string;
  status: string;
  expiresAt: string | null;
}

interface Gate {
  db: Db;
  /** Write-back statements held so far. */
  held: number;
  close(): void;
  open(): void;
}

/** The store's database, with the mirror's upsert held while the gate is closed (every other statement runs). */
function gated(inner: Db): Gate {
  let release: (() => void) | null = null;
  let wait: Promise<void> | null = null;
  const gate: Gate = {
    db: new Proxy(inner, {
      get(target, prop, receiver) {
        if (prop !== 'query') {
          const v: unknown = Reflect.get(target, prop, receiver);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        }
        return async (sql: string, params?: unknown[]) => {
          if (wait && sql.includes(WRITE_BACK)) {
            gate.held++;
            await wait;
          }
          return target.query(sql, params);
        };
      },
    }),
    held: 0,
    close() {
      wait ??= new Promise<void>((r) => (release = r));
    },
    open() {
      release?.();
      release = null;
      wait = null;
    },
  };
  return gate;
}

describe.each(storeBackends)('the directory right after a live read (%s)', (_name, open) => {
  let backend: OpenedBackend;
  let gate: Gate;
  let t: TestApp;
  beforeAll(async () => {
    backend = await open();
    gate = gated(backend.store.db);
    t = await startTestApp(
      { WORKER: 'off', SANDBOX_ACCOUNTS: '300', ...NO_SCHEDULED_SYNC },
      { store: new Store(gate.db) },
    );
  }, 60_000);
  afterAll(async () => {
    gate.open();
    await t.app.stop();
    await backend.cleanup();
  });

  /** Where the pages read so far end, per provider (each case reads accounts no case read before). */
  const after: Record<string, string | null> = { VPNRESELLERS: null, WLVPN: null };

  /** How many accounts of `provider` the directory holds now (read beside the gate). */
  async function inDirectory(provider: string, ids?: string[]): Promise<number> {
    const natives = ids?.map((id) => Buffer.from(id, 'base64url').toString('utf8').split(':').slice(2).join(':'));
    const [row] = await backend.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM account_registry
       WHERE provider = $1 AND gone_at IS NULL AND ($2::text[] IS NULL OR native_id = ANY($2))`,
      [provider, natives ?? null],
    );
    return row!.n;
  }

  /**
   * Reads accounts of `provider` live, 20 a page, with the write-back held, until some the directory did not hold
   * turn up (the sandbox imports some at start); runs `mutation` on those before releasing the write-back.
   */
  async function afterRead<T>(
    provider: 'VPNRESELLERS' | 'WLVPN',
    mutation: (fresh: Account[]) => Promise<T>,
  ): Promise<{ answer: T; fresh: Account[] }> {
    const held = gate.held;
    gate.close();
    try {
      const fresh: Account[] = [];
      while (fresh.length < 5) {
        const list = await t.gql<{ accounts: { nodes: Account[]; pageInfo: { endCursor: string | null } } }>(LIST, {
          p: provider,
          after: after[provider],
        });
        const page = list.data?.accounts;
        if (!page?.pageInfo.endCursor) throw new Error(`${provider}: no more accounts (${JSON.stringify(list)})`);
        after[provider] = page.pageInfo.endCursor;
        for (const n of page.nodes) if ((await inDirectory(provider, [n.id])) === 0) fresh.push(n);
      }
      const pending = mutation(fresh).then((answer) => ({ answer, at: Date.now() }));
      await new Promise((r) => setTimeout(r, HOLD_MS));
      // The reads' write-back was queued and is held at the database while the mutation runs.
      expect(gate.held).toBeGreaterThan(held);
      expect(
        await inDirectory(
          provider,
          fresh.map((n) => n.id),
        ),
      ).toBe(0);
      const releasedAt = Date.now();
      gate.open();
      const { answer, at } = await pending;
      // It waited for the write-back (an answer before the release read the directory without it).
      expect(at).toBeGreaterThanOrEqual(releasedAt);
      await t.app.writeBack.flushed();
      return { answer, fresh };
    } finally {
      gate.open();
    }
  }

  type Started = {
    startBulkAccountOperation: {
      bulkOperation: { total: number; items: { nodes: Array<{ userErrors: unknown[] }> } } | null;
      userErrors: unknown[];
    };
  };

  it('startBulkAccountOperation by ids: every account read is found (no item NOT_FOUND)', async () => {
    const { answer: res, fresh } = await afterRead('VPNRESELLERS', (accounts) =>
      t.gql<Started>(START, {
        input: { accountIds: accounts.map((a) => a.id), action: 'DISABLE', idempotencyKey: 'after-read-ids' },
      }),
    );
    expect(res.data?.startBulkAccountOperation.userErrors).toEqual([]);
    expect(res.data?.startBulkAccountOperation.bulkOperation?.total).toBe(fresh.length);
    expect(res.data?.startBulkAccountOperation.bulkOperation?.items.nodes).toEqual([]);
  });

  it('startBulkAccountOperation by filter: selects exactly the accounts read', async () => {
    const before = await inDirectory('WLVPN');
    const { answer: res, fresh } = await afterRead('WLVPN', () =>
      t.gql<Started>(START, { input: { filter: { providers: ['WLVPN'] }, action: 'ENABLE' } }),
    );
    expect(res.data?.startBulkAccountOperation.userErrors).toEqual([]);
    expect(res.data?.startBulkAccountOperation.bulkOperation?.total).toBe(before + fresh.length);
    expect(res.data?.startBulkAccountOperation.bulkOperation?.items.nodes).toEqual([]);
  });

  it('moveAccount: the account read is found', async () => {
    const { answer: res } = await afterRead('VPNRESELLERS', (accounts) => {
      const movable = accounts.find((a) => a.status === 'ACTIVE' && Date.parse(a.expiresAt ?? '') > Date.now());
      if (!movable) throw new Error('no ACTIVE, unexpired account among those read');
      return t.gql<{ moveAccount: { accountMove: { id: string } | null; userErrors: unknown[] } }>(MOVE, {
        input: { accountId: movable.id, toProvider: 'WLVPN', idempotencyKey: 'after-read-move' },
      });
    });
    expect(res.data?.moveAccount.userErrors).toEqual([]);
    expect(res.data?.moveAccount.accountMove?.id).toEqual(expect.any(String));
  });
});
