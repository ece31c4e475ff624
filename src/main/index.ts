import 'reflect-metadata';
import { ConfigError } from '../lib/config-error.js';
import { loadConfig } from '../config/config.js';
import { createApp, type App } from './app.js';
import { DirLockedError } from '../lib/dir-lock.js';

/**
 * Starts the subgraph. With no environment at all: sandbox providers + embedded PGlite.
 *
 * SIGTERM / SIGINT: /ready answers 503 and every answer closes its connection; requests are still served for
 * SHUTDOWN_DELAY_MS (the router takes the replica out of rotation meanwhile); then the listener closes, in-flight
 * requests finish within SHUTDOWN_GRACE_MS, jobs, providers and the store close, exit 0. Past the delay plus the
 * grace period, or on a second signal, exit 1 at once. (docs/operations-shutdown.md)
 */

/** Exit codes: 0 clean stop, 1 failure / forced stop, 2 configuration error. */
const EXIT_FAILED = 1;
const EXIT_CONFIG = 2;

async function main(): Promise<void> {
  const config = loadConfig();
  const running: { app?: App } = {};
  let signalled: string | undefined;

  const shutdown = (signal: NodeJS.Signals): void => {
    if (signalled) {
      process.stderr.write(`vpn-graph: second ${signal} during shutdown, exiting now\n`);
      process.exit(EXIT_FAILED);
    }
    signalled = signal;
    const grace = config.env.SHUTDOWN_GRACE_MS;
    const delay = config.env.SHUTDOWN_DELAY_MS;
    const timer = setTimeout(() => {
      process.stderr.write(
        `vpn-graph: in-flight work did not finish within SHUTDOWN_DELAY_MS=${delay} + SHUTDOWN_GRACE_MS=${grace}, exiting\n`,
      );
      process.exit(EXIT_FAILED);
    }, delay + grace);
    timer.unref();
    running.app?.logger.info({ signal, delayMs: delay, graceMs: grace }, 'shutting down');
    // a signal during start-up is handled once the app exists (see below)
    if (running.app) stopAndExit(running.app);
  };
  const stopAndExit = (app: App): void => {
    app
      .stop({ delayMs: config.env.SHUTDOWN_DELAY_MS })
      .then(() => {
        app.logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        process.stderr.write(`vpn-graph: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(EXIT_FAILED);
      });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const app = await createApp(config);
  running.app = app;
  if (signalled) {
    stopAndExit(app);
    return;
  }
  const sandboxed = app.registry
    .all()
    .filter((p) => p.sandbox)
    .map((p) => p.name);
  const emulators = Object.fromEntries([...app.registry.sandboxEmulators].map(([name, e]) => [name, e.server.url]));
  app.logger.info(
    {
      url: app.graphqlUrl,
      sandbox: sandboxed,
      emulators,
      store: config.env.DATABASE_URL ? 'postgres' : 'pglite',
      pid: process.pid,
    },
    'vpn-graph ready',
  );
  // Plain line for humans running `npm start`.
  process.stdout.write(
    `\nvpn-graph subgraph ready at ${app.graphqlUrl}` +
      (sandboxed.length ? ` (sandbox: ${sandboxed.join(', ')})` : '') +
      '\n\n',
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`vpn-graph: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  if (error instanceof DirLockedError) {
    process.stderr.write(`vpn-graph: ${error.message}\n`);
    process.exit(EXIT_FAILED);
  }
  process.stderr.write(`vpn-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(EXIT_FAILED);
});
