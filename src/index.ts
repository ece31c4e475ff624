import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './server.js';

/** Starts the subgraph. With no environment at all: sandbox providers + embedded PGlite. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  const sandboxed = app.registry.all().filter((p) => p.sandbox).map((p) => p.name);
  const emulators = Object.fromEntries([...app.registry.sandboxEmulators].map(([name, e]) => [name, e.server.url]));
  app.logger.info(
    { url: app.graphqlUrl, sandbox: sandboxed, emulators, store: config.env.DATABASE_URL ? 'postgres' : 'pglite' },
    'vpn-graph ready',
  );
  // Plain line for humans running `npm start`.
  process.stdout.write(`\nvpn-graph subgraph ready at ${app.graphqlUrl}` +
    (sandboxed.length ? ` (sandbox: ${sandboxed.join(', ')})` : '') + '\n\n');

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.logger.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`vpn-graph: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`vpn-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
