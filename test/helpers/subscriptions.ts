import type { Client, ExecutionResult } from 'graphql-ws';
import { createLogger } from '../../src/lib/logger.js';
import { BulkRunner } from '../../src/modules/bulk/bulk-runner.js';
import { ProviderName } from '../../src/providers/modules.js';
import type { TestApp } from './app.js';

/**
 * What the subscription suites share: a subscription watched through a graphql-ws client (direct to vpn-graph
 * or through a gateway), and a bulk operation started over HTTP and run by "another replica".
 */

export interface Watch<T> {
  values: T[];
  errors: unknown[];
  /** Resolves when the server completes the subscription (or it fails). */
  done: Promise<void>;
  /** Resolves once `n` values arrived (or an error did). */
  count(n: number): Promise<void>;
  stop(): void;
}

export function watch<T>(client: Client, query: string, variables: Record<string, unknown> = {}): Watch<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<{ n: number; resolve(): void }> = [];
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    for (const w of waiters.splice(0)) {
      if (values.length >= w.n || errors.length > 0) w.resolve();
      else waiters.push(w);
    }
  };
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (result: ExecutionResult<T>) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) values.push(result.data);
        settle();
      },
      error: (error) => {
        // graphql-ws hands operation errors over as an array, socket failures as one value
        errors.push(...(Array.isArray(error) ? (error as unknown[]) : [error]));
        settle();
        finish();
      },
      complete: () => {
        settle();
        finish();
      },
    },
  );
  return {
    values,
    errors,
    done,
    stop,
    count: (n) =>
      new Promise<void>((resolve) => {
        waiters.push({ n, resolve });
        settle();
      }),
  };
}

export const BULK_UPDATED = `subscription($id: ID!) { bulkOperationUpdated(id: $id) { id status total succeeded failed skipped progress } }`;
export type BulkState = {
  id: string;
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
};

/** Starts a DISABLE bulk operation over `count` active WLVPN accounts (over HTTP); its id and account ids. */
export async function startBulkDisable(t: TestApp, count: number): Promise<{ id: string; accountIds: string[] }> {
  const list = await t.gql<{ accounts: { nodes: Array<{ id: string }> } }>(
    'query($p: [Provider!], $n: Int!) { accounts(first: $n, filter: { providers: $p, statuses: [ACTIVE] }) { nodes { id } } }',
    { p: [ProviderName.WLVPN], n: count },
  );
  const accountIds = list.data!.accounts.nodes.map((n) => n.id);
  const started = await t.gql<{
    startBulkAccountOperation: { bulkOperation: { id: string } | null; userErrors: unknown[] };
  }>(
    `mutation($input: StartBulkAccountOperationInput!) { startBulkAccountOperation(input: $input) {
      bulkOperation { id } userErrors { code message } } }`,
    { input: { accountIds, action: 'DISABLE' } },
  );
  const op = started.data?.startBulkAccountOperation;
  if (!op?.bulkOperation) throw new Error(`startBulkAccountOperation failed: ${JSON.stringify(started)}`);
  return { id: op.bulkOperation.id, accountIds };
}

/**
 * Runs the queued bulk operations on the shared store, as another replica's worker would (start the app with
 * WORKER=off): only the database's notifications reach the subscribers. The number run.
 */
export function runBulkElsewhere(t: TestApp): Promise<number> {
  const runner = new BulkRunner({
    registry: t.app.registry,
    store: t.store,
    logger: createLogger('silent'),
    concurrency: 1,
    leaseMs: 30_000,
  });
  return runner.runAvailable();
}

/**
 * A completed stream's states in order: QUEUED first, RUNNING in between, exactly one COMPLETED and last with
 * every item succeeded; progress only moves forward and no state repeats the previous one.
 */
export function expectStreamToCompletion(states: BulkState[], id: string, total: number): void {
  expect(states[0]).toMatchObject({ id, status: 'QUEUED', total, succeeded: 0 });
  expect(states.at(-1)).toMatchObject({ id, status: 'COMPLETED', total, succeeded: total, failed: 0, skipped: 0 });
  expect(states.filter((s) => s.status === 'COMPLETED')).toHaveLength(1);
  expect(states.some((s) => s.status === 'RUNNING')).toBe(true);
  for (let i = 1; i < states.length; i++) {
    expect(states[i]!.succeeded).toBeGreaterThanOrEqual(states[i - 1]!.succeeded);
    expect(states[i]).not.toEqual(states[i - 1]);
  }
}
