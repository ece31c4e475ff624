/** The sync module's public surface: other modules, the graph assembly and the app import only this file. */
export { SyncAdminService } from './sync-admin.service.js';
export { syncJobs, syncQueueOn } from './sync.job.js';
