import type {
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { requestHooksPlugin } from '../../src/main/request-hooks.js';
import type { GraphQLContext } from '../../src/graphql/context.js';

/** Our per-request hooks run by one Apollo plugin (src/main/request-hooks.ts), with Apollo's semantics per stage. */
describe('requestHooksPlugin', () => {
  type Resolved = GraphQLRequestContextDidResolveOperation<GraphQLContext>;
  type Sending = GraphQLRequestContextWillSendResponse<GraphQLContext>;
  // The hooks under test read nothing of the context: an empty object stands for it.
  const resolvedCtx = {} as Resolved;
  const sendingCtx = {} as Sending;

  async function listenerOf(plugin: ReturnType<typeof requestHooksPlugin>) {
    // requestDidStart reads nothing of its argument either.
    const start = plugin.requestDidStart as (ctx: unknown) => Promise<GraphQLRequestListener<GraphQLContext>>;
    const first = await start({});
    expect(await start({})).toBe(first); // built once, not per request
    return first;
  }

  it('runs each stage’s hooks in order, sync and async alike', async () => {
    const seen: string[] = [];
    const listener = await listenerOf(
      requestHooksPlugin([
        { didResolveOperation: () => void seen.push('a') },
        {
          didResolveOperation: async () => {
            await new Promise((r) => setTimeout(r, 1));
            seen.push('b');
          },
          willSendResponse: () => void seen.push('b-send'),
        },
        { didResolveOperation: () => void seen.push('c') },
      ]),
    );
    await listener.didResolveOperation!(resolvedCtx);
    expect(seen).toEqual(['a', 'c', 'b']); // all started in order; the async one finished last
    await listener.willSendResponse!(sendingCtx);
    expect(seen.at(-1)).toBe('b-send');
  });

  it('runs every hook of a stage when one fails, and fails with the first failure', async () => {
    const seen: string[] = [];
    const listener = await listenerOf(
      requestHooksPlugin([
        {
          didResolveOperation: () => {
            throw new Error('first');
          },
        },
        { didResolveOperation: () => Promise.reject(new Error('second')) },
        { didResolveOperation: () => void seen.push('metrics') },
      ]),
    );
    await expect(listener.didResolveOperation!(resolvedCtx)).rejects.toThrow('first');
    expect(seen).toEqual(['metrics']);
    const onlyAsync = await listenerOf(
      requestHooksPlugin([
        { didResolveOperation: () => Promise.reject(new Error('async')) },
        { didResolveOperation: () => void seen.push('after') },
      ]),
    );
    await expect(onlyAsync.didResolveOperation!(resolvedCtx)).rejects.toThrow('async');
    expect(seen).toEqual(['metrics', 'after']);
  });

  it('adds no listener for a stage no hook uses', async () => {
    const listener = await listenerOf(requestHooksPlugin([{ willSendResponse: () => undefined }]));
    expect(listener.didResolveOperation).toBeUndefined();
    expect(listener.willSendResponse).toBeDefined();
  });
});
