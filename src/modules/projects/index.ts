/** The projects module's public surface: other modules, the graph assembly and the app import only this file. */
export { ProjectService } from './projects.service.js';
