/** The lifecycle module's public surface: other modules, the graph assembly and the app import only this file. */
export { LifecycleService } from './lifecycle.service.js';
export type { AccountPayloadShape } from './shared.js';
export { reconcileIntentsJob } from './reconcile-intents.job.js';
