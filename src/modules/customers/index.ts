/** The customers module's public surface: other modules, the graph assembly and the app import only this file. */
export { CustomerService } from './customers.service.js';
export type { CustomerList } from './customers.service.js';
export { ListFailures, storedOrLiveList } from './stored-lists.js';
