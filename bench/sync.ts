import 'reflect-metadata';
import { startInProcess } from './in-process.js';
import { writeResultsSection } from './report.js';
import { ProviderName } from '../src/providers/modules.js';
import { SYNC_PROVIDER, type SyncJobOutput } from '../src/modules/sync/sync.job.js';
import { SyncLog } from '../src/modules/sync/sync-log.store.js';

/**
 * `npm run bench:sync`: the mirror sync at scale, in process (sandbox emulators over real HTTP, PGlite store).
 * 1. Full sync of BENCH_SYNC_ACCOUNTS (10,000) WLVPN accounts through the sync-provider job: list calls (target
 *    ≤ 12), per-account reads (the detail reads of what WLVPN's list cannot see: at most SYNC_RATE_WLVPN less the
 *    run's list calls), duration; then the same again (nothing changed).
 * 2. Directory refresh of PureWL (no list call) at SYNC_RATE_PUREWL = BENCH_SYNC_RATE (60) calls per minute: the
 *    scheduled job fired every BENCH_SYNC_TICK_S (10 s, faster than the real 60 s tick) for BENCH_SYNC_WINDOW_S
 *    (130 s); vendor calls per minute vs the budget (target ±10 %).
 * Writes its own section of bench/results.md (between the sync markers).
 */
const ACCOUNTS = Number(process.env.BENCH_SYNC_ACCOUNTS ?? 10_000);
const RATE = Number(process.env.BENCH_SYNC_RATE ?? 60);
const TICK_S = Number(process.env.BENCH_SYNC_TICK_S ?? 10);
const WINDOW_S = Number(process.env.BENCH_SYNC_WINDOW_S ?? 130);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);

const log = (text: string) => process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const env = {
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: 'memory://',
    WORKER: 'off',
    SANDBOX_ACCOUNTS: String(ACCOUNTS),
    SANDBOX_LATENCY_MS: String(LATENCY_MS),
    SYNC_RATE_PUREWL: String(RATE),
  };
  const { config, store, app, jobs, stop } = await startInProcess(env);
  const syncLog = new SyncLog(store.db);
  const wlvpn = app.registry.emulator(ProviderName.WLVPN)!.server;
  const purewl = app.registry.emulator(ProviderName.PUREWL)!.server;
  const rows: string[][] = [];
  try {
    // 1. Full sync of WLVPN.
    for (const label of ['first (empty mirror)', 'second (nothing changed)']) {
      wlvpn.resetStats();
      const t0 = Date.now();
      const out = (await jobs.runAndWait(SYNC_PROVIDER, { provider: ProviderName.WLVPN }, 300_000)) as SyncJobOutput;
      const ms = Date.now() - t0;
      const [run] = await syncLog.runs([out.runId!]);
      const byRoute = wlvpn.stats.byRoute;
      const perAccount = Object.entries(byRoute)
        .filter(([route]) => /\/:id|customers\/\d/.test(route))
        .reduce((n, [, c]) => n + c, 0);
      const list = wlvpn.stats.total - perAccount;
      log(`WLVPN full sync, ${label}: ${JSON.stringify(byRoute)} ${ms} ms, run ${JSON.stringify(run)}`);
      rows.push([
        `full sync of ${run!.seen.toLocaleString('en')} WLVPN accounts, ${label}`,
        `${list} list calls, ${perAccount} per-account reads; ${(ms / 1000).toFixed(1)} s (job queued → done); added ${run!.added}, changed ${run!.changed}, gone ${run!.gone}`,
        `≤ 12 list calls, ≤ ${config.env.SYNC_RATE_WLVPN} calls in all (detail reads within SYNC_RATE_WLVPN)`,
        list <= 12 && list + perAccount <= Math.max(list, config.env.SYNC_RATE_WLVPN) ? 'met' : 'missed',
      ]);
    }

    // 2. Directory refresh of PureWL within its budget.
    purewl.resetStats();
    const runIds: string[] = [];
    const windowStart = Date.now();
    while (Date.now() - windowStart < WINDOW_S * 1000) {
      const tick = Date.now();
      const out = (await jobs.runAndWait(SYNC_PROVIDER, {
        provider: ProviderName.PUREWL,
        scheduled: true,
      })) as SyncJobOutput;
      if (out.started && out.runId) runIds.push(out.runId);
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_S * 1000 - (Date.now() - tick))));
    }
    const runs = (await syncLog.runs(runIds)).filter((r) => r !== null);
    const first = runs[0]!;
    const last = runs.at(-1)!;
    const minutes = (Date.parse(last.startedAt) - Date.parse(first.startedAt)) / 60_000;
    const steady = runs.slice(1).reduce((n, r) => n + r.vendorCalls, 0);
    const perMinute = steady / minutes;
    const statusCalls = purewl.count('status');
    const allCalls = purewl.stats.total;
    const within = Math.abs(perMinute - RATE) <= RATE * 0.1;
    log(`PureWL refresh: ${runs.length} runs ${JSON.stringify(runs.map((r) => [r.startedAt, r.vendorCalls]))}`);
    log(`PureWL emulator: ${JSON.stringify(purewl.stats.byRoute)}`);
    rows.push([
      `directory refresh of PureWL (${ACCOUNTS.toLocaleString('en')} accounts), SYNC_RATE_PUREWL=${RATE}`,
      `${perMinute.toFixed(1)} vendor calls/min over ${minutes.toFixed(2)} min (${runs.length} runs from ${Math.round(WINDOW_S / TICK_S)} ticks every ${TICK_S} s; first run ${first.vendorCalls} calls); emulator saw ${statusCalls} status reads + ${allCalls - statusCalls} token calls`,
      `${RATE} ± 10 % calls/min`,
      within ? 'met' : 'missed',
    ]);
  } finally {
    await stop();
  }

  const table = writeResultsSection(
    'sync',
    'Mirror sync (`npm run bench:sync`)',
    `Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, emulator latency ${LATENCY_MS} ms per upstream call, SANDBOX_ACCOUNTS=${ACCOUNTS}, in process (PGlite store). Total ${Math.round((Date.now() - started) / 1000)} s.`,
    rows,
  );
  log(table);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
