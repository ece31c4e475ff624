import 'reflect-metadata';
import { createApp, type App } from '../src/main/app.js';
import { loadConfig, type AppConfig } from '../src/config/config.js';
import { startJobs, type JobRunner } from '../src/main/job-runner.js';
import { createLogger } from '../src/lib/logger.js';
import { openStore, type Store } from '../src/core/store/store.js';

/**
 * The API in this process (embedded store, emulators in process) with a job runner that polls every 0.5 s and
 * registers no schedule: what the sync and moves benches drive. `stop()` stops the runner, the app, the store.
 */
export async function startInProcess(env: Record<string, string>): Promise<{
  config: AppConfig;
  store: Store;
  app: App;
  jobs: JobRunner;
  stop: () => Promise<void>;
}> {
  const config = loadConfig(env);
  const store = await openStore({});
  const logger = createLogger('silent');
  const app = await createApp(config, { store, logger });
  const jobs = await startJobs(
    { config, store, registry: app.registry, logger },
    { schedule: false, pollingIntervalSeconds: 0.5 },
  );
  return {
    config,
    store,
    app,
    jobs,
    stop: async () => {
      await jobs.stop();
      await app.stop();
      await store.close();
    },
  };
}
