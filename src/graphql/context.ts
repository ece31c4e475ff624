import type { GraphQLError } from 'graphql';
import type { Role } from '../config.js';
import type { Loaders } from '../loaders/index.js';
import type { Services } from '../services/index.js';
import type { LifecycleService } from '../services/lifecycle.js';

/** Who is calling. `roles` holds every role granted (admin ⊃ operator ⊃ reader). */
export interface Viewer {
  actor: string;
  roles: ReadonlySet<Role>;
  anonymous: boolean;
}

export interface GraphQLContext {
  requestId: string;
  viewer: Viewer;
  loaders: Loaders;
  services: Services;
  lifecycle: LifecycleService;
  /**
   * Non-fatal errors (one provider failing inside a list that others filled). Appended to the response's
   * `errors` by a plugin, each with its path and `extensions.code`.
   */
  partialErrors: GraphQLError[];
}

export function rolesFor(role: Role): ReadonlySet<Role> {
  if (role === 'admin') return new Set<Role>(['reader', 'operator', 'admin']);
  if (role === 'operator') return new Set<Role>(['reader', 'operator']);
  return new Set<Role>(['reader']);
}
