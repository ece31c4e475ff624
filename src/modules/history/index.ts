/** The history module's public surface: other modules, the graph assembly and the app import only this file. */
export { HistoryService } from './history.service.js';
