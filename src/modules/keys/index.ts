/** The keys module's public surface: other modules, the graph assembly and the app import only this file. */
export { ApiKeyService } from './api-keys.service.js';
