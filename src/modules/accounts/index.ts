/** The accounts module's public surface: other modules, the graph assembly and the app import only this file. */
export type { AccountListResult } from './account-list.service.js';
export { AccountService } from './accounts.service.js';
export type { FailureView } from './account-list.service.js';
