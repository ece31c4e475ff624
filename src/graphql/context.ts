import type { GraphQLError } from 'graphql';
import type { Viewer } from '../domain/viewer.js';
import type { Loaders } from '../core/loaders/loaders.js';
import type { Services } from './services.js';
import type { LifecycleService } from '../modules/lifecycle/index.js';
import type { LiveHub } from '../modules/live/index.js';

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
  /** Subscriptions only (graphql-ws): change notifications, and fresh contexts for the same caller. */
  live?: LiveContext;
}

export interface LiveContext {
  hub: LiveHub;
  /** A new context for the same caller: new loaders, so nothing read earlier is served from a cache. */
  fresh(): GraphQLContext;
}
