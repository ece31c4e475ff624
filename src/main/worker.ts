import { PROVIDER_SECRET_FIELDS } from '../providers/modules.js';
import { ConfigError } from '../lib/config-error.js';
import { loadConfig } from '../config/config.js';
import { createLogger } from '../lib/logger.js';
import { ProviderRegistry } from '../providers/registry.js';
import { openStore } from '../core/store/store.js';
import { startJobs } from './job-runner.js';

/**
 * The background worker alone (`npm run worker`): the same job runner the server runs inline (WORKER=inline),
 * for deployments that keep jobs off the API replicas (set WORKER=off on those). Jobs run once across every
 * runner on the database. Needs DATABASE_URL: embedded PGlite serves one process only.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.env.LOG_LEVEL, undefined, PROVIDER_SECRET_FIELDS);
  if (!config.env.DATABASE_URL) {
    throw new ConfigError(
      'the standalone worker needs DATABASE_URL (PGlite serves one process; with PGlite, run the server with WORKER=inline)',
    );
  }
  const store = await openStore({ url: config.env.DATABASE_URL });
  const registry = await ProviderRegistry.create(config, store, {
    emulator: { admin: config.env.SANDBOX_ADMIN, seed: config.env.SANDBOX_SEED },
  });
  const sandboxed = registry
    .all()
    .filter((p) => p.sandbox)
    .map((p) => p.name);
  if (sandboxed.length > 0)
    logger.warn(
      { sandbox: sandboxed },
      'providers without *_BASE_URL run against in-process emulators: point the worker at the same providers as the server',
    );
  const jobs = await startJobs({ config, store, registry, logger });
  logger.info('vpn-graph worker ready');

  // As the server (src/main/index.ts), without the HTTP part: running jobs finish within SHUTDOWN_GRACE_MS (pg-boss
  // hands back what is left a second before), then the providers and the store close, exit 0. Past the grace,
  // or on a second signal, exit 1 at once.
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) {
      process.stderr.write(`vpn-graph worker: second ${signal} during shutdown, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    const grace = config.env.SHUTDOWN_GRACE_MS;
    setTimeout(() => {
      process.stderr.write(`vpn-graph worker: jobs did not finish within SHUTDOWN_GRACE_MS=${grace}, exiting\n`);
      process.exit(1);
    }, grace).unref();
    logger.info({ signal, graceMs: grace }, 'worker shutting down');
    jobs
      .stop()
      .then(() => registry.close())
      .then(() => store.close())
      .then(() => {
        logger.info('worker stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        process.stderr.write(
          `vpn-graph worker: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`vpn-graph worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
