/** The moves module's public surface: other modules, the graph assembly and the app import only this file. */
export { retireOperation } from './carry.js';
export { MoveRunner } from './move-runner.js';
export { accountMovesJob } from './moves.job.js';
export { MoveService, moveView, storedViewer } from './moves.service.js';
export { MoveStore } from './moves.store.js';
export type { MoveRecord, SourceAction, StoredViewer } from './moves.store.js';
