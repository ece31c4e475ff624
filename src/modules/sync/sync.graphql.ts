export { SyncIssueResolver, SyncRunResolver } from './sync.resolver.js';
export { SyncMutationResolver } from './sync.mutations.js';
