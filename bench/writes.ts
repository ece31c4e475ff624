import { post, startApi, startSandbox, timeSerial, vendorCalls, type Sandbox } from './procs.js';

/**
 * `npm run bench:writes`: single-write latency and vendor calls per write through the write pipeline (issue
 * #24), one write at a time, emulators in their own process with BENCH_LATENCY_MS per vendor call (default
 * 20). Each write's evidence reads are counted: the vendor calls a write makes beyond the write itself.
 * `BENCH_WRITES_LEGACY=1` sends keys only where the first wave's schema took them (createAccount,
 * renewAccount), so the same script measures the earlier main for the before/after figures.
 */

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);
const N = Number(process.env.BENCH_WRITES_N ?? 30);
const LEGACY = process.env.BENCH_WRITES_LEGACY === '1';

interface Payload {
  account: { id: string } | null;
  userErrors: Array<{ code: string; message: string }>;
}

async function write(url: string, name: string, input: string, vars: Record<string, unknown>): Promise<Payload> {
  const res = await post(
    url,
    `mutation($input: ${input}!) { r: ${name}(input: $input) { account { id } userErrors { code message } } }`,
    { input: vars },
  );
  const payload = (res.data as { r?: Payload } | undefined)?.r;
  if (!payload || payload.userErrors.length > 0)
    throw new Error(`${name}: ${JSON.stringify(res.errors ?? payload?.userErrors).slice(0, 300)}`);
  return payload;
}

const ymd = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function main(): Promise<void> {
  const sandbox: Sandbox = await startSandbox({ SANDBOX_LATENCY_MS: String(LATENCY_MS), SANDBOX_ACCOUNTS: '10' });
  const api = await startApi({ ...sandbox.env, ALLOW_ANONYMOUS: 'true', DATA_DIR: 'memory://', WORKER: 'off' });
  const rows: string[] = [];
  try {
    const url = api.url;
    let n = 0;
    const key = (label: string, keyed: boolean) => (keyed && !LEGACY ? { idempotencyKey: `${label}-${++n}` } : {});
    const wl = await write(url, 'createAccount', 'CreateAccountInput', { provider: 'WLVPN', idempotencyKey: 'b-wl' });
    const vr = await write(url, 'createAccount', 'CreateAccountInput', {
      provider: 'VPNRESELLERS',
      idempotencyKey: 'b-vr',
    });
    await write(url, 'extendAccount', 'ExtendAccountInput', { accountId: vr.account?.id, expiresOn: ymd(5) });
    const cases: Array<[string, () => Promise<unknown>]> = [
      [
        'createAccount (WLVPN, keyed)',
        () => write(url, 'createAccount', 'CreateAccountInput', { provider: 'WLVPN', idempotencyKey: `c-${++n}` }),
      ],
      [
        'disableAccount / enableAccount (WLVPN)',
        () =>
          write(url, n % 2 ? 'enableAccount' : 'disableAccount', 'AccountRefInput', {
            accountId: wl.account?.id,
            ...key('d', true),
          }),
      ],
      [
        'extendAccount (VPNresellers)',
        () =>
          write(url, 'extendAccount', 'ExtendAccountInput', {
            accountId: vr.account?.id,
            expiresOn: ymd(10 + (n++ % 200)),
            ...key('e', true),
          }),
      ],
      [
        'renewAccount (VPNresellers, keyed)',
        () =>
          write(url, 'renewAccount', 'RenewAccountInput', {
            accountId: vr.account?.id,
            periodDays: 30,
            idempotencyKey: `r-${++n}`,
          }),
      ],
      [
        'changeAccountPlan (WLVPN)',
        () =>
          write(url, 'changeAccountPlan', 'ChangeAccountPlanInput', {
            accountId: wl.account?.id,
            planCode: n % 2 ? 'premium_1y' : 'coolvpn_one_month_unlimited',
            ...key('p', true),
          }),
      ],
    ];
    for (const [label, run] of cases) {
      await run(); // warm
      const before = await vendorCalls(sandbox);
      const t = await timeSerial(N, run);
      const calls = ((await vendorCalls(sandbox)) - before) / N;
      rows.push(`| ${label} | ${t.p50.toFixed(1)} ms | ${t.p99.toFixed(1)} ms | ${calls.toFixed(1)} |`);
    }
  } finally {
    await api.stop();
    await sandbox.stop();
  }
  process.stdout.write(
    `single writes, one at a time, ${LATENCY_MS} ms per vendor call, n=${N}${LEGACY ? ' (legacy keys)' : ''}\n` +
      `| write | p50 | p99 | vendor calls per write |\n|---|---|---|---|\n${rows.join('\n')}\n`,
  );
}

await main();
