/** The catalog module's public surface: other modules, the graph assembly and the app import only this file. */
export { CatalogService } from './catalog.service.js';
