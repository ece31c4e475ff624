import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ErrorCode, ProviderError } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import type { AccountRecord } from '../../domain/records.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import { newLeaseOwner, type WriteIntent } from '../../store/intents.js';
import type { Store } from '../../store/store.js';
import { AccountEvents } from '../events.js';
import { DEFAULT_LEASE_MS, RECONCILE_PAUSES_MS } from './shared.js';

export type ProbeResult =
  { kind: 'applied'; account: AccountRecord } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

/**
 * Finds out what became of an intent's write by asking the vendor about what the intent saved (the username
 * of a create, the account and its expiry before a renewal), and records it. Used by a retry with the same
 * key and by the background reconciler job (which has no request, viewer or loaders).
 */
export class IntentReconciler {
  constructor(
    private readonly deps: {
      registry: ProviderRegistry;
      store: Store;
      logger: Logger;
      reconcileWindowMs?: number;
      events?: AccountEvents;
    },
  ) {}

  async probe(intent: WriteIntent): Promise<ProbeResult> {
    const provider = this.deps.registry.get(intent.provider);
    const window = this.deps.reconcileWindowMs ?? 2_500;
    const ask = async <T>(read: () => Promise<T>): Promise<T | typeof FAILED> => {
      let waited = 0;
      const pauses = RECONCILE_PAUSES_MS.filter((p) => (waited += p) <= window);
      for (const pause of [0, ...pauses]) {
        if (pause > 0) await sleep(pause);
        try {
          return await read();
        } catch {
          // the read failed: cannot tell yet
        }
      }
      return FAILED;
    };
    if (intent.operation === 'createAccount') {
      const username = intent.username;
      if (!username)
        return {
          kind: 'unknown',
          reason: `${provider.name} picks the username and never named this account; an operator must look`,
        };
      const found = await ask(() => provider.findAccountByUsername(username));
      if (found === FAILED) return { kind: 'unknown', reason: `${provider.name} could not be asked about ${username}` };
      return found ? { kind: 'applied', account: found } : { kind: 'absent' };
    }
    if (intent.operation === 'renewAccount') {
      const target = intent.target;
      if (!target) return { kind: 'unknown', reason: 'the renewal names no account' };
      const before = (intent.context.expiresAtBefore as string | null | undefined) ?? null;
      const after = await ask(async () => {
        const [record] = await provider.getAccounts([target]);
        if (record instanceof ProviderError) throw record;
        return record ?? null;
      });
      if (after === FAILED) return { kind: 'unknown', reason: `${provider.name} could not be asked about the account` };
      if (!after) return { kind: 'unknown', reason: 'the account is gone' };
      return after.expiresAt !== before ? { kind: 'applied', account: after } : { kind: 'absent' };
    }
    return { kind: 'unknown', reason: `no reconciliation for ${intent.operation}` };
  }

  /**
   * Records a probe: applied → succeeded (a create enters the directory, its password still to be handed
   * out); absent → failed, free to run again with the same key; unknown → unknown. Answers the intent as it
   * now stands.
   */
  async settle(intent: WriteIntent, owner: string, probe: ProbeResult): Promise<WriteIntent> {
    const store = this.deps.store;
    if (probe.kind === 'applied') {
      const accountId = encodeId('Account', probe.account.provider, probe.account.nativeId);
      const result = {
        state: 'succeeded' as const,
        response: { accountId, userErrors: [] },
        resultAccountId: accountId,
      };
      if (intent.operation === 'createAccount') {
        const customerRef = typeof intent.context.customerRef === 'string' ? intent.context.customerRef : null;
        await store.completeCreate(
          intent.id,
          owner,
          {
            provider: probe.account.provider,
            nativeId: probe.account.nativeId,
            username: probe.account.username,
            customerId: customerRef,
            via: 'api',
          },
          result,
          (tx) =>
            (this.deps.events ?? new AccountEvents(store.db, { actor: 'reconciler' })).written(
              'CREATE',
              probe.account,
              null,
              probe.account,
              tx,
            ),
        );
      } else {
        await store.intents.finish(intent.id, owner, { ...result, credentialsDelivered: true });
      }
    } else if (probe.kind === 'absent') {
      await store.intents.finish(intent.id, owner, {
        state: 'failed',
        retryAllowed: true,
        errorCode: null,
        errorMessage: 'the vendor confirmed the write did not happen',
      });
    } else {
      await store.intents.finish(intent.id, owner, {
        state: 'unknown',
        errorCode: ErrorCode.OUTCOME_UNKNOWN,
        errorMessage: probe.reason,
      });
    }
    return (await store.intents.get(intent.id)) ?? intent;
  }

  /** One pass of the background job: lease due intents (never one a live owner holds), probe, settle. */
  async runOnce(
    options: { limit?: number; leaseMs?: number; olderThanMs?: number } = {},
  ): Promise<Record<ProbeResult['kind'], number>> {
    const owner = newLeaseOwner();
    const due = await this.deps.store.intents.leaseForReconcile(
      owner,
      options.leaseMs ?? DEFAULT_LEASE_MS,
      options.limit ?? 50,
      options.olderThanMs ?? 0,
    );
    const counts = { applied: 0, absent: 0, unknown: 0 };
    for (const intent of due) {
      let probe: ProbeResult;
      try {
        probe = await this.probe(intent);
      } catch (error) {
        probe = { kind: 'unknown', reason: error instanceof Error ? error.message : 'reconciliation failed' };
      }
      await this.settle(intent, owner, probe);
      counts[probe.kind] += 1;
      this.deps.logger.info(
        { intent: intent.id, provider: intent.provider, operation: intent.operation, outcome: probe.kind },
        'intent reconciled',
      );
    }
    return counts;
  }
}

const FAILED = Symbol('read failed');
