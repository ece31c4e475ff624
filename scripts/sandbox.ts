import { PROVIDER_ORDER, type ProviderName } from '../src/providers/modules.js';
import { join } from 'node:path';
import { providerModule } from '../src/providers/modules.js';
import { moduleVariables } from '../src/providers/module.js';
import type { SandboxHandle } from '../src/providers/module.js';

/**
 * The four provider emulators as their own process (`npm run sandbox`), on fixed ports from SANDBOX_PORT
 * (default 4100, 4101, 4102, 4103 in the order PUREWL, VPNRESELLERS, WLVPN, PUREVPN; 0 = any free port).
 * Prints the variables that point a server (or worker) at them. SANDBOX_ADMIN=true serves the fault-injection
 * admin path (/__admin/faults, /stats, /reset) and GET /__sandbox/usernames (every username the emulator holds
 * now — PureWL and PureVPN have no list call, so crash tests read the vendor's state there); SANDBOX_LATENCY_MS
 * adds latency to every answer;
 * SANDBOX_SEED seeds the demo data. Stops cleanly on SIGTERM/SIGINT.
 */

const env = process.env;
const basePort = intVar('SANDBOX_PORT', 4100);
const latencyMs = intVar('SANDBOX_LATENCY_MS', 0);
const seed = intVar('SANDBOX_SEED', 42);
const admin = ['1', 'true', 'yes', 'on'].includes((env.SANDBOX_ADMIN ?? '').toLowerCase());
const host = env.SANDBOX_HOST ?? '127.0.0.1';
const accounts = intVar('SANDBOX_ACCOUNTS', 0);
/** Vendor state is kept on disk, so it survives a restart of the sandbox (and of the server beside it). */
const stateDir = join(env.DATA_DIR ?? './.data', 'sandbox-standalone');

interface Started {
  name: ProviderName;
  handle: SandboxHandle;
  url: string;
  variables: Record<string, string>;
}

/** Builds one provider's emulator through its module (loaded lazily) and starts it. */
async function startEmulator(name: ProviderName, port: number): Promise<Started> {
  const module = providerModule(name);
  const build = await module.sandbox();
  const stateFile = join(stateDir, `${name}.json`);
  const built = build({
    seed,
    port,
    host,
    admin,
    stateFile,
    ...(accounts > 0 ? { accounts } : {}),
  });
  const { handle, credentials } = built;
  if (admin) handle.server.route('GET', '/__sandbox/usernames', () => ({ status: 200, json: handle.demoUsernames() }));
  const url = await handle.server.start();
  if (latencyMs > 0) handle.server.addFault({ kind: 'latency', latencyMs });
  const [baseVar] = moduleVariables(module);
  return { name, handle, url, variables: { [baseVar!]: built.baseUrlFor(url), ...credentials } };
}

const started: Started[] = [];
try {
  for (const [i, name] of PROVIDER_ORDER.entries())
    started.push(await startEmulator(name, basePort === 0 ? 0 : basePort + i));
} catch (error) {
  await Promise.all(started.map((s) => s.handle.server.stop()));
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const lines = [
  `vpn-graph sandbox: ${started.length} emulators${admin ? ' (admin path on: POST <url>/__admin/faults)' : ''}${latencyMs ? `, +${latencyMs} ms per answer` : ''}`,
];
for (const s of started) lines.push(`  ${s.name.padEnd(13)} ${s.url}`);
lines.push('', 'Point the server at them:');
for (const s of started) for (const [k, v] of Object.entries(s.variables)) lines.push(`export ${k}=${shellQuote(v)}`);
process.stdout.write(`${lines.join('\n')}\n`);

let stopping = false;
function shutdown(signal: string): void {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`sandbox: ${signal}, stopping\n`);
  Promise.all(started.map((s) => s.handle.server.stop())).then(
    () => process.exit(0),
    () => process.exit(1),
  );
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));

function intVar(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`sandbox: ${name} must be a whole number ≥ 0\n`);
    process.exit(2);
  }
  return n;
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
