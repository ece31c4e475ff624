import type { GraphQLError } from 'graphql';
import type { Viewer } from '../domain/viewer.js';
import type { Loaders } from '../loaders/index.js';
import type { Services } from '../services/index.js';
import type { LifecycleService } from '../services/lifecycle.js';

export interface GraphQLContext {
  requestId: string;
  viewer: Viewer;
  /** Kept for the app's wiring; resolvers never use loaders directly (they go through `services`). */
  loaders: Loaders;
  /** Every read and every customer/project write; the only door for resolvers (with `lifecycle`). */
  services: Services;
  /** Account lifecycle mutations (capability check, idempotency, reconciliation, journal). */
  lifecycle: LifecycleService;
  /**
   * Non-fatal errors (one provider failing inside a list that others filled). Appended to the response's
   * `errors` by a plugin, each with its path and `extensions.code`.
   */
  partialErrors: GraphQLError[];
}
