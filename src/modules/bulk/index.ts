/** The bulk module's public surface: other modules, the graph assembly and the app import only this file. */
export { bulkOperationsJob } from './bulk.job.js';
export { BulkService } from './bulk.service.js';
