import { ProviderName } from '../../../src/providers/modules.js';
import { encodeId } from '../../../src/domain/ids.js';
import { Mirror } from '../../../src/core/mirror/mirror.js';
import { vendorCustomerOf } from '../../../src/core/mirror/link-walk.js';
import type { Store } from '../../../src/core/store/store.js';
import { recordingDb, storeBackends } from '../../helpers/backends.js';
import { accountRecord } from '../../helpers/records.js';

/**
 * `Mirror.confirmLinks` after a request's walk of VPNresellers' customer lists (`stampUnchanged` false, the
 * write-back): every kind of stored link against what the walk listed, with the link and confirmation each row
 * ends with, and the rows the store had to read to decide (the walk's unchanged links are compared in SQL, not
 * read back: a live page's write-back no longer reads every linked account of the provider).
 */
const VR = ProviderName.VPNRESELLERS;
const vendor = (n: number) => encodeId('Customer', VR, String(n));
const project = (n: number) => encodeId('Project', VR, String(n));
const kept = encodeId('Customer', 'STORE', 'c0ffee');

const account = (nativeId: string) => accountRecord({ provider: VR, nativeId, username: `user-${nativeId}` });

interface Case {
  id: string;
  stored: { customer: string | null; project: string | null; confirmed: 'old' | 'newer' | null };
  listed?: { customerId: string; projectId: string | null };
  /** The link and confirmation the row ends with ('walk': stamped at the walk's time). */
  ends: { customer: string | null; project: string | null; confirmed: 'old' | 'newer' | 'walk' };
  /** Whether the store read it to decide. */
  read: boolean;
  /** Reported as moved (a confirmed customer link that changed). */
  moved?: { before: string | null; after: string | null };
}

const CASES: Case[] = [
  {
    id: 'same',
    stored: { customer: vendor(1), project: project(1), confirmed: 'old' },
    listed: { customerId: vendor(1), projectId: project(1) },
    ends: { customer: vendor(1), project: project(1), confirmed: 'old' },
    read: false,
  },
  {
    id: 'moved',
    stored: { customer: vendor(1), project: project(1), confirmed: 'old' },
    listed: { customerId: vendor(2), projectId: project(2) },
    ends: { customer: vendor(2), project: project(2), confirmed: 'walk' },
    read: true,
    moved: { before: vendor(1), after: vendor(2) },
  },
  {
    id: 'new-project',
    stored: { customer: vendor(1), project: project(1), confirmed: 'old' },
    listed: { customerId: vendor(1), projectId: null },
    ends: { customer: vendor(1), project: null, confirmed: 'walk' },
    read: true,
  },
  {
    id: 'dropped',
    stored: { customer: vendor(3), project: null, confirmed: 'old' },
    ends: { customer: null, project: null, confirmed: 'walk' },
    read: true,
    moved: { before: vendor(3), after: null },
  },
  {
    id: 'kept-unlisted',
    stored: { customer: kept, project: project(4), confirmed: 'old' },
    ends: { customer: kept, project: project(4), confirmed: 'old' },
    read: true,
  },
  {
    id: 'kept-listed',
    stored: { customer: kept, project: null, confirmed: 'old' },
    listed: { customerId: vendor(5), projectId: project(5) },
    ends: { customer: kept, project: project(5), confirmed: 'walk' },
    read: true,
  },
  {
    id: 'never-confirmed',
    stored: { customer: null, project: null, confirmed: null },
    ends: { customer: null, project: null, confirmed: 'walk' },
    read: true,
  },
  {
    id: 'never-confirmed-listed',
    stored: { customer: vendor(6), project: null, confirmed: null },
    listed: { customerId: vendor(6), projectId: null },
    ends: { customer: vendor(6), project: null, confirmed: 'walk' },
    read: true,
  },
  {
    id: 'newer',
    stored: { customer: vendor(7), project: null, confirmed: 'newer' },
    listed: { customerId: vendor(8), projectId: null },
    ends: { customer: vendor(7), project: null, confirmed: 'newer' },
    read: false,
  },
  {
    id: 'no-link',
    stored: { customer: null, project: null, confirmed: 'old' },
    ends: { customer: null, project: null, confirmed: 'old' },
    read: false,
  },
];

describe.each(storeBackends)('customer links confirmed after a request walk on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup();
  });

  it('writes the links that moved or were never confirmed, and reads only the rows that may have', async () => {
    const old = '2026-01-01T00:00:00.000Z';
    const walk = '2026-06-01T00:00:00.000Z';
    const newer = '2026-07-01T00:00:00.000Z';
    const stamp = { old, newer, walk } as const;
    await new Mirror(store.db).write(
      CASES.map((c) => account(c.id)),
      'sync',
    );
    for (const c of CASES) {
      await store.db.query(
        `UPDATE account_registry SET customer_id = $3, project_id = $4, customer_confirmed_at = $5::timestamptz
         WHERE provider = $1 AND native_id = $2`,
        [VR, c.id, c.stored.customer, c.stored.project, c.stored.confirmed ? stamp[c.stored.confirmed] : null],
      );
    }
    const read: string[] = [];
    const watching = recordingDb(
      store.db,
      () => undefined,
      (sql, rows) => {
        if (/^\s*SELECT/i.test(sql))
          for (const r of rows as Array<{ native_id?: string }>) if (r.native_id) read.push(r.native_id);
      },
    );
    const links = new Map(CASES.flatMap((c) => (c.listed ? [[c.id, c.listed] as const] : [])));
    const moved = await new Mirror(watching).confirmLinks(VR, links, vendorCustomerOf(VR), walk, false);

    expect(read.sort()).toEqual(
      CASES.filter((c) => c.read)
        .map((c) => c.id)
        .sort(),
    );
    expect(moved.sort((a, b) => a.nativeId.localeCompare(b.nativeId))).toEqual(
      CASES.filter((c) => c.moved)
        .map((c) => ({ nativeId: c.id, username: `user-${c.id}`, ...c.moved }))
        .sort((a, b) => a.nativeId.localeCompare(b.nativeId)),
    );
    const rows = await store.db.query<{
      native_id: string;
      customer_id: string | null;
      project_id: string | null;
      confirmed: string | null;
    }>(
      `SELECT native_id, customer_id, project_id, to_char(customer_confirmed_at AT TIME ZONE 'UTC',
              'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS confirmed
       FROM account_registry WHERE provider = $1`,
      [VR],
    );
    const ends = Object.fromEntries(rows.map((r) => [r.native_id, [r.customer_id, r.project_id, r.confirmed]]));
    expect(ends).toEqual(
      Object.fromEntries(CASES.map((c) => [c.id, [c.ends.customer, c.ends.project, stamp[c.ends.confirmed]]])),
    );
  });
});
