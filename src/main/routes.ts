import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/config.js';
import type { Metrics } from '../lib/metrics.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from '../core/store/store.js';
import { Mirror } from '../core/mirror/mirror.js';

/** What /ready knows of the job runner: off (WORKER=off), running, failing (a queue error lately) or stopped. */
export interface WorkerStatus {
  state(): 'off' | 'running' | 'failing' | 'stopped';
}

/**
 * Operational routes.
 * - /health: liveness, cheap: the process answers (no store, no vendor; never restart a replica for a vendor).
 * - /ready: readiness: 503 when the store does not answer or the inline worker is not running (stopped or
 *   failing); 200 otherwise, also when a provider's breaker is open (every replica shares the vendors: taking
 *   this one out of rotation would not help), which is reported as `degraded`. Details (store, worker, each
 *   provider's breaker) only outside production or to a caller with the metrics token.
 *   `mirror` shows the warm-up per provider (issue #26): complete or warming, since when, what is left. A warming
 *   replica is ready: its lists answer honestly meanwhile (live, or MIRROR_INCOMPLETE and not cached), and the
 *   mirror lives in the shared store, so taking this replica out of rotation would not warm it sooner.
 * - /metrics: Prometheus text, behind `Authorization: Bearer <METRICS_TOKEN>` when that is set.
 */
export function registerOpsRoutes(
  fastify: FastifyInstance,
  deps: { config: AppConfig; store: Store; registry: ProviderRegistry; metrics: Metrics; worker: WorkerStatus },
): void {
  const { config, store, registry, metrics, worker } = deps;
  const token = config.env.METRICS_TOKEN;
  const hasToken = (request: FastifyRequest): boolean => {
    if (!token) return false;
    const header = request.headers.authorization ?? '';
    return header.toLowerCase().startsWith('bearer ') && safeEqual(header.slice(7).trim(), token);
  };

  fastify.get('/health', async () => ({ status: 'ok' }));

  fastify.get('/ready', async (request, reply) => {
    let storeOk = true;
    try {
      await store.ping();
    } catch {
      storeOk = false;
    }
    const workerState = worker.state();
    const workerOk = workerState === 'off' || workerState === 'running';
    const ok = storeOk && workerOk;
    void reply.code(ok ? 200 : 503);
    if (config.production && !hasToken(request)) return { ok };
    const providers = registry
      .all()
      .map((p) => ({ name: p.name, sandbox: p.sandbox, breaker: p.breakerState?.() ?? 'unknown' }));
    const degraded = providers.filter((p) => p.breaker === 'open' || p.breaker === 'isolated').map((p) => p.name);
    const mirror = storeOk ? await warmUp(store, registry).catch(() => null) : null;
    return {
      ok,
      status: !ok ? 'unavailable' : degraded.length > 0 ? 'degraded' : 'ok',
      store: storeOk ? 'ok' : 'unreachable',
      worker: workerState,
      providers,
      ...(mirror ? { mirror } : {}),
      ...(degraded.length > 0 ? { degraded } : {}),
    };
  });

  fastify.get('/metrics', async (request, reply) => {
    if (token && !hasToken(request)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ error: 'a bearer token is required for /metrics' });
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

/**
 * The mirror's warm-up per provider: complete when it holds the whole account set (a first full listing done, or
 * every directory row confirmed once), with when that happened, the last full listing, and the rows still unread.
 */
async function warmUp(store: Store, registry: ProviderRegistry) {
  const all = registry.all();
  const coverage = await new Mirror(store.db).coverage(all.map((p) => p.name));
  const providers = all.map((p) => {
    const c = coverage.get(p.name);
    const complete = p.features.listAccounts ? Boolean(c?.completeAt) : c?.unconfirmed === 0;
    return {
      name: p.name,
      state: complete ? ('complete' as const) : ('warming' as const),
      completeAt: c?.completeAt ?? null,
      listedAt: c?.listedAt ?? null,
      unconfirmed: c?.unconfirmed ?? 0,
    };
  });
  return { state: providers.every((p) => p.state === 'complete') ? 'complete' : 'warming', providers };
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
