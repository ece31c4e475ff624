import fs from 'node:fs';
import path from 'node:path';
import { jest } from '@jest/globals';
import pg from 'pg';
import { openStore } from '../../src/core/store/store.js';
import { buildOnce, killAll, tempDataDir, type ServerProcess } from '../main/process.js';
import {
  PROVIDERS,
  createAccount,
  createInput,
  intentIdIn,
  startSandbox,
  startServer,
  stopSandboxes,
  storeCustomer,
  unresolvedIntents,
  type CreateAnswer,
  type Provider,
  type Sandbox,
  processStores,
} from './harness.js';

/**
 * kill -9 on the REAL process (issue #20). The server (`node dist/src/main/index.js`) runs against a real
 * `npm run sandbox` process. Each round sends 50 concurrent createAccount mutations with distinct idempotency
 * keys over all four providers, kills the server with SIGKILL 50–800 ms after they start, restarts it on the
 * same store (PGlite: the same DATA_DIR, whose stale lock must be taken over), and retries every key until its
 * answer is final. The restarted server is the next round's victim, so a store survives ten kills.
 *
 * Checked each round: every key ends with exactly one account (PureVPN, which picks the username itself, may
 * instead end OUTCOME_UNKNOWN with its intent listed in `unresolvedIntents` without a username); every create
 * acknowledged before the kill is replayed with the same account; the accounts the vendors gained are exactly
 * the answered ones (PureVPN: plus at most one per unresolved intent); no retry is answered "still in progress"
 * (the server waited for a dead owner past its lease). At the end: the vendors' accounts = the directory's, each
 * once. Counts and outcomes only: durations are printed, never asserted (a shared, loaded machine stretches them).
 */
// A hang guard only: ten kills and restarts per store, each start slow on a loaded machine.
jest.setTimeout(1_800_000);

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const CREATES = 50;
const LEASE_MS = 1_000;
/**
 * Tries per key before the test calls it stuck: an answer is final, OUTCOME_UNKNOWN (then one lease of waiting),
 * or CONFLICT; a lease taken over settles it within a few tries on any machine.
 */
const MAX_TRIES = 30;
/**
 * Providers of the 50 creates, in turn: 20 WLVPN, 10 each of the others. The VPNresellers emulator, like the
 * vendor, charges each account to a prepaid balance good for 101, so 10 a round for 10 rounds.
 */
const MIX: Provider[] = ['WLVPN', 'VPNRESELLERS', 'PUREWL', 'PUREVPN', 'WLVPN'];
const CREATE_ROUTE: Record<Provider, string> = {
  PUREWL: 'POST /vam/v3/create',
  VPNRESELLERS: 'POST /v4_1/accounts',
  WLVPN: 'POST /v2/customers',
  PUREVPN: 'POST /api/reseller/v1',
};
const SERVER_ENV = {
  INTENT_LEASE_MS: String(LEASE_MS),
  RECONCILE_WINDOW_MS: '500',
  BREAKER_THRESHOLD: '1000',
  LOG_LEVEL: 'error',
};

interface Totals {
  creates: number;
  kills: number;
  ackedBeforeKill: number;
  lostInFlight: number;
  retries: number;
  replays: number;
  accounts: number;
  unresolved: number;
  duplicates: number;
  orphans: number;
  maxRetryMs: number;
  maxKeyMs: number;
  controlMs: number;
  waitedPastLease: number;
  restartMs: number[];
}

const dirs: string[] = [];
const drops: Array<() => Promise<void>> = [];

beforeAll(async () => {
  await buildOnce();
}, 600_000);

afterAll(async () => {
  await killAll();
  await stopSandboxes();
  for (const drop of drops) await drop().catch(() => undefined);
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const backends = processStores('crash', dirs, drops);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('kill -9 during 50 concurrent creates', () => {
  it(`${ROUNDS} rounds per store (${backends.map(([b]) => b).join(', ')}, side by side): every key one final answer; vendors' accounts = directory, 0 duplicated, 0 orphaned`, async () => {
    // Each store has its own server and sandbox, so the two run side by side (most of a round is waiting).
    const results = await Promise.allSettled(backends.map(([backend, open]) => rounds(backend, open)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  });
});

async function rounds(backend: string, open: () => Promise<{ dataDir: string; databaseUrl?: string }>): Promise<void> {
  {
    const store = await open();
    const sandboxDir = tempDataDir();
    dirs.push(sandboxDir);
    const sandbox: Sandbox = await startSandbox(sandboxDir);
    const started = Date.now();
    let server: ServerProcess = await startServer(sandbox, store, SERVER_ENV);
    const purewlCustomer = await storeCustomer(server.url, `crash-${backend}`);
    const totals: Totals = {
      creates: 0,
      kills: 0,
      ackedBeforeKill: 0,
      lostInFlight: 0,
      retries: 0,
      replays: 0,
      accounts: 0,
      unresolved: 0,
      duplicates: 0,
      orphans: 0,
      maxRetryMs: 0,
      maxKeyMs: 0,
      controlMs: 0,
      waitedPastLease: 0,
      restartMs: [],
    };
    const baseline = new Map<Provider, Set<string>>();
    for (const p of PROVIDERS) baseline.set(p, new Set(await sandbox.usernames(p)));
    const unresolvedKeys = new Set<string>();
    const tag = Date.now().toString(36);

    for (let round = 1; round <= ROUNDS; round++) {
      const before = new Map<Provider, Set<string>>();
      for (const p of PROVIDERS) before.set(p, new Set(await sandbox.usernames(p)));
      const keys = Array.from({ length: CREATES }, (_, i) => {
        const provider = MIX[i % MIX.length] as Provider;
        const key = `crash-${backend}-${tag}-r${round}-${i}`;
        return { key, provider, input: createInput(provider, key, purewlCustomer) };
      });
      // Slow the vendors' creates so some are in flight (sent, not answered) when the process dies.
      // Odd rounds: the vendor waits before acting (killed: maybe never acted); even: it acts, then the answer
      // waits (killed: acted, unanswered — only reconciliation can find those).
      const latencyMs = 100 + Math.floor(Math.random() * 400);
      const phase = round % 2 === 1 ? 'before' : 'after';
      for (const p of PROVIDERS)
        await sandbox.fault(p, { kind: 'latency', latencyMs, phase, probability: 0.7, route: CREATE_ROUTE[p] });

      const victim = server;
      const inFlight = keys.map((k) => createAccount(victim.url, k.input));
      const delay = 50 + Math.floor(Math.random() * 750);
      await sleep(delay);
      victim.kill('SIGKILL');
      totals.kills += 1;
      totals.creates += CREATES;
      const first = await Promise.all(inFlight);
      await victim.exited;
      await sandbox.clearFaults();
      const acked = new Map<string, CreateAnswer['account']>();
      first.forEach((r, i) => {
        if (r.answer?.account) acked.set(keys[i]!.key, r.answer.account);
      });
      totals.ackedBeforeKill += acked.size;
      totals.lostInFlight += first.filter((r) => r.lost).length;
      // Every answer before the kill is an account: nothing else can go wrong without faults.
      expect(first.filter((r) => r.answer && !r.answer.account).map((r) => r.answer?.userErrors)).toEqual([]);

      const lockFile = path.join(store.dataDir, 'vpn-graph.lock');
      if (!store.databaseUrl) {
        // kill -9 left the lock behind, naming the dead process: the restart must take it over
        const stale = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number };
        expect(stale.pid).toBe(victim.child.pid);
      }
      const restartAt = Date.now();
      server = await startServer(sandbox, store, SERVER_ENV);
      totals.restartMs.push(Date.now() - restartAt);
      if (!store.databaseUrl)
        expect((JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number }).pid).toBe(server.child.pid);

      // Retry every key until its answer is final. Beside them, a control request that never waits for a lease
      // measures what the machine's load alone costs a request.
      let retrying = true;
      const control = (async () => {
        while (retrying) {
          const t0 = Date.now();
          const ok = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ providers { name } }"}',
          }).then(
            (r) => r.ok,
            () => false,
          );
          if (!ok) break;
          totals.controlMs = Math.max(totals.controlMs, Date.now() - t0);
          await sleep(100);
        }
      })();
      const finals = await Promise.all(
        keys.map(async (k) => {
          const keyStarted = Date.now();
          let unknowns = 0;
          for (let attempt = 1; ; attempt++) {
            const r = await createAccount(server.url, k.input);
            totals.retries += 1;
            totals.maxRetryMs = Math.max(totals.maxRetryMs, r.ms);
            if (!r.answer) throw new Error(`${k.key}: the restarted server failed: ${r.lost}`);
            const error = r.answer.userErrors[0];
            if (r.answer.account) {
              totals.maxKeyMs = Math.max(totals.maxKeyMs, Date.now() - keyStarted);
              return { ...k, answer: r.answer, unresolved: null as string | null };
            }
            if (error?.code === 'OUTCOME_UNKNOWN') {
              unknowns += 1;
              // PureVPN names its accounts: an intent that never learnt the name stays unknown (operators).
              if (k.provider === 'PUREVPN' && unknowns >= 2)
                return { ...k, answer: r.answer, unresolved: intentIdIn(error.message) };
              await sleep(LEASE_MS);
            } else if (error?.code === 'CONFLICT') {
              // "still in progress": the server waited past the lease without taking over
              totals.waitedPastLease += 1;
            } else {
              throw new Error(`${k.key}: unexpected final answer ${JSON.stringify(r.answer)}`);
            }
            if (attempt >= MAX_TRIES)
              throw new Error(`${k.key}: no final answer after ${attempt} tries: ${JSON.stringify(r.answer)}`);
          }
        }),
      ).finally(() => {
        retrying = false;
      });
      await control;

      // Every acknowledged create is still there: its key replays the same account.
      for (const f of finals) {
        const ack = acked.get(f.key);
        if (!ack) continue;
        expect({ key: f.key, id: f.answer.account?.id, replayed: f.answer.replayed }).toEqual({
          key: f.key,
          id: ack.id,
          replayed: true,
        });
      }
      totals.replays += finals.filter((f) => f.answer.replayed).length;
      const open = await unresolvedIntents(server.url);
      const openIds = new Set(open.map((i) => i.id));
      for (const f of finals.filter((x) => x.unresolved !== null)) {
        // listed for an operator, without a username (nothing could find its account)
        expect(f.unresolved && openIds.has(f.unresolved)).toBe(true);
        expect(open.find((i) => i.id === f.unresolved)).toMatchObject({ provider: 'PUREVPN', username: null });
        unresolvedKeys.add(f.key);
      }
      expect(finals.filter((f) => !f.answer.account && f.provider !== 'PUREVPN')).toEqual([]);

      // The vendors gained exactly the answered accounts (PureVPN: plus at most one per unresolved intent).
      const lines: string[] = [];
      for (const p of PROVIDERS) {
        const gained = (await sandbox.usernames(p)).filter((u) => !before.get(p)!.has(u));
        const answered = finals
          .filter((f) => f.provider === p && f.answer.account)
          .map((f) => f.answer.account!.username);
        const unresolvedHere = finals.filter((f) => f.provider === p && f.unresolved !== null).length;
        const duplicated = answered.length - new Set(answered).size + gained.length - new Set(gained).size;
        const orphaned = gained.filter((u) => !answered.includes(u));
        const missing = answered.filter((u) => !gained.includes(u));
        totals.duplicates += duplicated;
        totals.orphans += p === 'PUREVPN' ? 0 : orphaned.length;
        totals.accounts += answered.length;
        totals.unresolved += unresolvedHere;
        lines.push(`${p} ${answered.length}+${unresolvedHere}?/${gained.length}`);
        expect({ p, duplicated, missing }).toEqual({ p, duplicated: 0, missing: [] });
        if (p === 'PUREVPN') expect(orphaned.length).toBeLessThanOrEqual(unresolvedHere);
        else expect({ p, orphaned }).toEqual({ p, orphaned: [] });
      }
      const keyCount = finals.filter((f) => f.answer.account).length + finals.filter((f) => f.unresolved).length;
      expect(keyCount).toBe(CREATES);
      process.stdout.write(
        `crash ${backend} round ${round}: ${latencyMs} ms ${phase}, kill after ${delay} ms, acked ${acked.size}, lost ${first.filter((r) => r.lost).length}, ` +
          `restart ${totals.restartMs.at(-1)} ms, answered/unresolved/vendor ${lines.join(' ')}\n`,
      );
    }

    // No retry waited for a dead owner past its lease: none was answered "still in progress" (the server gives
    // up waiting at lease + 250 ms and says so). A count, where a duration bound failed on a busy CI machine.
    expect(totals.waitedPastLease).toBe(0);

    // The directory, read from the store itself: the vendors' accounts made in this run, each exactly once.
    const gainedAll = new Map<Provider, string[]>();
    for (const p of PROVIDERS)
      gainedAll.set(
        p,
        (await sandbox.usernames(p)).filter((u) => !baseline.get(p)!.has(u)),
      );
    const openAtEnd = await unresolvedIntents(server.url);
    server.kill('SIGTERM');
    const exit = await server.exited;
    expect(exit.code).toBe(0); // 0: drained and closed before the forced exit (which exits 1)
    const rows = await directoryRows(store);
    let directoryTotal = 0;
    let vendorTotal = 0;
    for (const p of PROVIDERS) {
      const atVendor = gainedAll.get(p)!;
      const inDirectory = rows
        .filter((r) => r.provider === p && (r.created_via === 'api' || atVendor.includes(r.username)))
        .map((r) => r.username);
      directoryTotal += inDirectory.length;
      vendorTotal += atVendor.length;
      const twice = inDirectory.filter((u, i) => inDirectory.indexOf(u) !== i);
      const notAtVendor = inDirectory.filter((u) => !atVendor.includes(u));
      const orphans = atVendor.filter((u) => !inDirectory.includes(u));
      expect({ p, twice, notAtVendor }).toEqual({ p, twice: [], notAtVendor: [] });
      if (p === 'PUREVPN') {
        const open = openAtEnd.filter((i) => i.provider === p && i.operation === 'createAccount');
        expect(orphans.length).toBeLessThanOrEqual(open.length);
        expect(open.length).toBe([...unresolvedKeys].length);
      } else {
        expect({ p, orphans }).toEqual({ p, orphans: [] });
      }
    }
    process.stdout.write(
      `crash ${backend} TOTALS: rounds=${ROUNDS} creates=${totals.creates} kills=${totals.kills} ` +
        `acked-before-kill=${totals.ackedBeforeKill} lost-in-flight=${totals.lostInFlight} retry-requests=${totals.retries} ` +
        `replays=${totals.replays} accounts=${totals.accounts} unresolved(PureVPN)=${totals.unresolved} ` +
        `vendor=${vendorTotal} directory=${directoryTotal} duplicates=${totals.duplicates} orphans=${totals.orphans} ` +
        `max-retry=${totals.maxRetryMs} ms (lease ${LEASE_MS}, control ${totals.controlMs} ms) waited-past-lease=${totals.waitedPastLease} max-key=${totals.maxKeyMs} ms ` +
        `restart avg=${Math.round(totals.restartMs.reduce((a, b) => a + b, 0) / totals.restartMs.length)} ms ` +
        `total=${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    expect(totals.duplicates).toBe(0);
    expect(totals.orphans).toBe(0);
    expect(totals.kills).toBe(ROUNDS);
    await sandbox.stop();
  }
}

/** account_registry rows created through the API, read from the store the server left behind. */
async function directoryRows(store: {
  dataDir: string;
  databaseUrl?: string;
}): Promise<Array<{ provider: string; username: string; created_via: string }>> {
  // Rows made by this API's creates, plus rows a scheduled sync imported (created_via 'sync') before the
  // create that made them was reconciled: the caller keeps the run's own (gained) usernames.
  const sql = 'SELECT provider, username, created_via FROM account_registry';
  if (store.databaseUrl) {
    const c = new pg.Client({ connectionString: store.databaseUrl });
    await c.connect();
    try {
      return (await c.query<{ provider: string; username: string; created_via: string }>(sql)).rows;
    } finally {
      await c.end();
    }
  }
  expect(fs.existsSync(path.join(store.dataDir, 'vpn-graph.lock'))).toBe(false);
  const s = await openStore({ dataDir: store.dataDir });
  try {
    return await s.db.query<{ provider: string; username: string; created_via: string }>(sql);
  } finally {
    await s.close();
  }
}
