import type {
  ApolloServerPlugin,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import type { GraphQLContext } from '../graphql/context.js';

/**
 * What one of our Apollo plugins does per request, with no per-request state: the hooks it runs. All of them are
 * served by one plugin (`requestHooksPlugin`) whose listener is built once, so a request costs one listener and one
 * pass per stage, not a `requestDidStart` promise and a hook promise per plugin (Apollo awaits every plugin's
 * `requestDidStart` and every hook of every listener, `{ __typename }` included).
 */
export interface RequestHooks {
  didResolveOperation?(ctx: GraphQLRequestContextDidResolveOperation<GraphQLContext>): void | Promise<void>;
  willSendResponse?(ctx: GraphQLRequestContextWillSendResponse<GraphQLContext>): void | Promise<void>;
}

const DONE: Promise<void> = Promise.resolve();

/**
 * Runs every hook of a stage in order, as Apollo runs the hooks of several plugins: each one runs even when an
 * earlier one failed, and the stage fails with the first failure.
 */
function runAll<C>(hooks: ReadonlyArray<(ctx: C) => void | Promise<void>>, ctx: C): Promise<void> {
  let failure: { error: unknown } | undefined;
  let pending: Array<Promise<void>> | undefined;
  for (const hook of hooks) {
    try {
      const result = hook(ctx);
      if (result) (pending ??= []).push(result);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (!pending) return failure ? Promise.reject(asError(failure.error)) : DONE;
  return Promise.allSettled(pending).then((settled) => {
    for (const s of settled) if (s.status === 'rejected') failure ??= { error: s.reason };
    if (failure) throw asError(failure.error);
  });
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** One Apollo plugin running `hooks` in their order at each stage. */
export function requestHooksPlugin(hooks: readonly RequestHooks[]): ApolloServerPlugin<GraphQLContext> {
  const resolved = hooks.flatMap((h) => (h.didResolveOperation ? [h.didResolveOperation.bind(h)] : []));
  const sending = hooks.flatMap((h) => (h.willSendResponse ? [h.willSendResponse.bind(h)] : []));
  const listener: GraphQLRequestListener<GraphQLContext> = {
    ...(resolved.length > 0 ? { didResolveOperation: (ctx) => runAll(resolved, ctx) } : {}),
    ...(sending.length > 0 ? { willSendResponse: (ctx) => runAll(sending, ctx) } : {}),
  };
  const started = Promise.resolve(listener);
  return { requestDidStart: () => started };
}
