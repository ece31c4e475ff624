/** The live module's public surface: other modules, the graph assembly and the app import only this file. */
export { LiveHub } from './live.service.js';
