import { EventStore } from '../../../src/core/events/events.store.js';
import { LiveHub } from '../../../src/modules/live/live.service.js';
import { openPostgresSchema, storeBackends, type OpenedBackend } from '../../helpers/backends.js';

/**
 * The change notifications behind subscriptions (migration 10's triggers, LISTEN in services/live.ts), on each
 * backend: a committed event wakes the events listeners with its id, a sync run's changes wake its row
 * listeners, a rolled-back change wakes nobody, and (Postgres) another schema's changes on the same database are
 * not ours.
 */

const until = async (check: () => boolean): Promise<void> => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

describe.each(storeBackends)('live notifications on %s', (_name, open) => {
  let backend: OpenedBackend;
  let hub: LiveHub;
  beforeAll(async () => {
    backend = await open();
    hub = await LiveHub.start(backend.store.db);
  }, 60_000);
  afterAll(async () => {
    await hub.stop();
    await backend.cleanup();
  });

  it('wakes event listeners with the ids of committed events only, in commit order', async () => {
    const got: string[] = [];
    const off = hub.onEvents((ids) => got.push(...ids));
    const events = new EventStore(backend.store.db);
    const event = { kind: 'STATUS_CHANGED' as const, provider: 'WLVPN' as const, nativeId: '1', actor: 'test' };
    await backend.store.db
      .transaction(async (tx) => {
        await events.append([event], tx);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    const [a] = await events.append([event]);
    const [b, c] = await backend.store.db.transaction((tx) => events.append([event, { ...event, nativeId: '2' }], tx));
    await until(() => got.length >= 3);
    expect(got).toEqual([a!.id, b!.id, c!.id]);
    off();
    expect(hub.listeners).toBe(0);
  });

  it("wakes a sync run's listeners on its changes, not another run's", async () => {
    const insert = (provider: string) =>
      backend.store.db.query<{ id: string }>(
        "INSERT INTO sync_runs (provider, mode, status) VALUES ($1, 'FULL', 'RUNNING') RETURNING id::text",
        [provider],
      );
    const [[run], [other]] = [await insert('WLVPN'), await insert('PUREWL')];
    const marks: string[] = [];
    const offEvents = hub.onEvents((ids) => marks.push(...ids));
    // an event seen by the events listener: every notification committed before it was handed out already
    const flushed = async (): Promise<void> => {
      const [mark] = await new EventStore(backend.store.db).append([
        { kind: 'STATUS_CHANGED', provider: 'WLVPN', nativeId: 'mark', actor: 'test' },
      ]);
      await until(() => marks.includes(mark!.id));
    };
    await flushed(); // the two inserts' notifications are behind us
    let woken = 0;
    const off = hub.onRow('s', run!.id, () => woken++);
    await backend.store.db.query('UPDATE sync_runs SET seen = 5 WHERE id = $1', [other!.id]);
    await flushed();
    expect(woken).toBe(0);
    await backend.store.db.query("UPDATE sync_runs SET status = 'SUCCEEDED' WHERE id = $1", [run!.id]);
    await until(() => woken >= 1);
    expect(woken).toBe(1);
    off();
    offEvents();
  });
});

const PG_URL = process.env.TEST_DATABASE_URL;
(PG_URL ? describe : describe.skip)('live notifications: two stores on one Postgres database', () => {
  it("a schema's listener ignores the other schema's changes", async () => {
    const one = await openPostgresSchema(PG_URL!);
    const two = await openPostgresSchema(PG_URL!);
    const hubOne = await LiveHub.start(one.store.db);
    const hubTwo = await LiveHub.start(two.store.db);
    try {
      const seenOne: string[] = [];
      const seenTwo: string[] = [];
      hubOne.onEvents((ids) => seenOne.push(...ids));
      hubTwo.onEvents((ids) => seenTwo.push(...ids));
      const event = { kind: 'STATUS_CHANGED' as const, provider: 'WLVPN' as const, nativeId: '1', actor: 'test' };
      await new EventStore(one.store.db).append([event]);
      const [mine] = await new EventStore(two.store.db).append([event]);
      await until(() => seenTwo.length >= 1 && seenOne.length >= 1);
      expect(seenTwo).toEqual([mine!.id]);
      expect(seenOne).toHaveLength(1);
    } finally {
      await hubOne.stop();
      await hubTwo.stop();
      await one.cleanup();
      await two.cleanup();
    }
  }, 60_000);
});
