import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import type { HivePlugin } from './hive.js';

/**
 * Router configuration that carries the subgraphs' Cache-Control to the client: the answer is cacheable only
 * when every subgraph fetch was (the smallest max-age wins, PRIVATE when any fetch is private) and the answer
 * has no errors; anything else (an uncacheable fetch, errors, a refused operation) answers `no-store`.
 *
 * - @apollo/gateway: `RemoteGraphQLDataSource` restricts the request's cache policy by each subgraph's
 *   Cache-Control (`honorSubgraphCacheControlHeader`, default true) and Apollo Server's cache control plugin
 *   turns the policy into the header (`no-store` when uncacheable or when the answer has errors).
 * - Hive Gateway: has no such merge; its response-cache plugin caches in the router (and reads
 *   `@cacheControl`, which composition drops), and `propagateHeaders` can only append the subgraph headers
 *   (several `Cache-Control` values, no minimum). This plugin does the same merge as Apollo's.
 */

interface Policy {
  fetches: number;
  maxAge: number;
  private: boolean;
  uncacheable: boolean;
  errors: boolean;
}

/** Parses one Cache-Control value into a hint, or undefined when it is not cacheable. */
export function cacheHint(header: string | null): { maxAge: number; private: boolean } | undefined {
  if (!header) return undefined;
  const directives = new Map(
    header.split(',').map((part) => {
      const [k = '', v] = part.trim().split('=');
      return [k.toLowerCase(), v] as const;
    }),
  );
  if (directives.has('no-store') || directives.has('no-cache')) return undefined;
  const maxAge = Number(directives.get('max-age'));
  if (!Number.isInteger(maxAge) || maxAge <= 0) return undefined;
  return { maxAge, private: directives.has('private') };
}

function hive(): HivePlugin {
  const policies = new WeakMap<Request, Policy>();
  const policyOf = (request: Request): Policy => {
    let policy = policies.get(request);
    if (!policy) {
      policy = { fetches: 0, maxAge: Infinity, private: false, uncacheable: false, errors: false };
      policies.set(request, policy);
    }
    return policy;
  };
  return {
    onFetch({ executionRequest }) {
      const request = (executionRequest?.context as { request?: Request } | undefined)?.request;
      if (!request) return undefined;
      return ({ response }) => {
        const policy = policyOf(request);
        policy.fetches += 1;
        const hint = cacheHint(response.headers.get('cache-control'));
        if (!hint) policy.uncacheable = true;
        else {
          policy.maxAge = Math.min(policy.maxAge, hint.maxAge);
          policy.private ||= hint.private;
        }
      };
    },
    onExecutionResult({ result, context }) {
      const request = (context as { request?: Request }).request;
      const results = Array.isArray(result) ? result : [result];
      if (request && results.some((r) => (r as { errors?: unknown[] } | undefined)?.errors?.length))
        policyOf(request).errors = true;
    },
    onResponse({ request, response }) {
      const policy = policies.get(request);
      const cacheable =
        policy && policy.fetches > 0 && !policy.uncacheable && !policy.errors && Number.isFinite(policy.maxAge);
      response.headers.set(
        'cache-control',
        cacheable ? `max-age=${policy.maxAge}, ${policy.private ? 'private' : 'public'}` : 'no-store',
      );
    },
  };
}

function apollo(): ApolloServerPlugin {
  // Explicit: the defaults (no max-age unless a subgraph gives one; a header on every answer).
  return ApolloServerPluginCacheControl({ defaultMaxAge: 0, calculateHttpHeaders: true });
}

export const routerCachePolicy = { hive, apollo };
