import { ErrorCode } from '../../domain/errors.js';
import type { ProviderName } from '../../domain/provider.js';
import type { AccountPayloadShape, LifecycleContext } from './shared.js';

/** The mutation journal: one row per lifecycle mutation, with its outcome (ok, error, unknown). */
export async function journal(
  ctx: LifecycleContext,
  operation: string,
  provider: ProviderName | undefined,
  target: string,
  input: Record<string, unknown>,
  outcome: AccountPayloadShape,
): Promise<void> {
  const first = outcome.userErrors[0];
  try {
    await ctx.deps.store.journal({
      actor: ctx.deps.viewer.actor,
      operation,
      provider: provider ?? null,
      target,
      input,
      outcome: first
        ? first.code === ErrorCode.OUTCOME_UNKNOWN || first.code === ErrorCode.UPSTREAM_TIMEOUT
          ? 'unknown'
          : 'error'
        : 'ok',
      errorCode: first?.code ?? null,
      requestId: ctx.deps.requestId,
    });
  } catch (error) {
    ctx.deps.logger.error({ err: error instanceof Error ? error.message : 'journal failed' }, 'journal write failed');
  }
}
