import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ErrorCode, ProviderError } from '../../domain/errors.js';
import { encodeId } from '../../domain/ids.js';
import type { AccountRecord } from '../../domain/records.js';
import type { VpnProvider } from '../../providers/port.js';
import type { ProviderRegistry } from '../../providers/registry.js';
import { newLeaseOwner } from '../../core/store/intents.js';
import { type WriteIntent } from '../../core/store/intent-rows.js';
import type { Store } from '../../core/store/store.js';
import { AccountEvents } from '../../core/events/account-events.js';
import { DEFAULT_LEASE_MS, DEFAULT_SETTLE_MS, RECONCILE_PAUSES_MS } from './timing.js';
import { VERB_OF_INTENT, VERBS, verdict, type Expectation, type Snapshot } from './evidence.js';

/** `applied` with a null account: the write was a delete, and the account is gone. */
export type ProbeResult =
  { kind: 'applied'; account: AccountRecord | null } | { kind: 'absent' } | { kind: 'unknown'; reason: string };

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
      /** How long after a failed time-adding attempt its absence counts as evidence (WRITE_SETTLE_MS). */
      settleMs?: number;
      events?: AccountEvents;
    },
  ) {}

  private get settleMs(): number {
    return this.deps.settleMs ?? DEFAULT_SETTLE_MS;
  }

  /** `failedAt`: when the attempt being reconciled failed (default: the intent's last update). */
  async probe(intent: WriteIntent, failedAt?: number): Promise<ProbeResult> {
    if (intent.operation !== 'createAccount' && !VERB_OF_INTENT.has(intent.operation))
      return { kind: 'unknown', reason: `${intent.operation} is settled by an operator (settleIntent)` };
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
      if (!found) return { kind: 'absent' };
      if (provesOwnCreate(intent, provider, found)) return { kind: 'applied', account: found };
      return {
        kind: 'unknown',
        reason: `an account named ${username} exists at ${provider.name}, and nothing shows this request made it (the name was the caller's); an operator must settle it`,
      };
    }
    const op = VERB_OF_INTENT.get(intent.operation);
    if (op) {
      const verb = VERBS[op];
      const target = intent.target;
      if (!target) return { kind: 'unknown', reason: 'the write names no account' };
      const context = intent.context as { before?: Snapshot | null; expect?: Expectation | null };
      // A time-adding write that failed a moment ago may still land: its absence proves nothing until then.
      const since = failedAt ?? intent.updatedAt.getTime();
      const wait = Math.max(0, since + this.settleMs - Date.now());
      if (verb.addsTime && wait > 0 && wait <= window) await sleep(wait);
      const settled = Date.now() >= since + this.settleMs;
      const now = await ask(async () => {
        const [record] = await provider.getAccounts([target]);
        if (record instanceof ProviderError) throw record;
        return record ?? null;
      });
      if (now === FAILED) return { kind: 'unknown', reason: `${provider.name} could not be asked about the account` };
      const found = verdict(verb, context, now, settled);
      if (found === 'applied') return { kind: 'applied', account: now };
      if (found === 'absent') return { kind: 'absent' };
      return {
        kind: 'unknown',
        reason: now ? 'the account does not show the write yet, and the attempt may still land' : 'the account is gone',
      };
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
      const account = probe.account;
      const accountId = account ? encodeId('Account', account.provider, account.nativeId) : null;
      const result = {
        state: 'succeeded' as const,
        response: { accountId, userErrors: [] },
        resultAccountId: accountId,
      };
      if (intent.operation === 'createAccount' && account) {
        const customerRef = typeof intent.context.customerRef === 'string' ? intent.context.customerRef : null;
        await store.completeCreate(
          intent.id,
          owner,
          {
            provider: account.provider,
            nativeId: account.nativeId,
            username: account.username,
            customerId: customerRef,
            projectId: typeof intent.context.projectRef === 'string' ? intent.context.projectRef : null,
            via: 'api',
          },
          result,
          (tx) =>
            (this.deps.events ?? new AccountEvents(store.db, { actor: 'reconciler' })).written(
              'CREATE',
              account,
              null,
              account,
              tx,
            ),
        );
      } else {
        const gone = account
          ? undefined
          : intent.target
            ? { provider: intent.provider, nativeId: intent.target }
            : undefined;
        await store.completeWrite(
          intent.id,
          owner,
          { account, ...(gone ? { gone } : {}) },
          {
            ...result,
            response: {
              accountId,
              deletedAccountId: gone ? encodeId('Account', gone.provider, gone.nativeId) : null,
              userErrors: [],
            },
            credentialsDelivered: true,
            ...(intent.addsTime ? { context: { expiresAtAfter: account?.expiresAt ?? null } } : {}),
          },
        );
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

/**
 * "An account with our username exists" proves our create landed only when this intent chose the username
 * (a random name we generated, or the name the vendor gave us for this create), or the vendor keeps the
 * mark this create wrote (WLVPN metadata). A caller's name may be anyone's account.
 */
export function provesOwnCreate(intent: WriteIntent, provider: VpnProvider, found: AccountRecord): boolean {
  if (intent.context.usernameFrom !== 'caller') return true;
  return provider.provesCreate?.(found, intent.id) ?? false;
}
