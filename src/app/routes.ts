import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config.js';
import type { Metrics } from '../lib/metrics.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { Store } from '../store/store.js';

/**
 * Operational routes. /health: the process answers. /ready: the store answers (503 otherwise); provider
 * breaker states only outside production or to a caller with the metrics token. /metrics: Prometheus text,
 * behind `Authorization: Bearer <METRICS_TOKEN>` when that is set.
 */
export function registerOpsRoutes(
  fastify: FastifyInstance,
  deps: { config: AppConfig; store: Store; registry: ProviderRegistry; metrics: Metrics },
): void {
  const { config, store, registry, metrics } = deps;
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
    void reply.code(storeOk ? 200 : 503);
    if (config.production && !hasToken(request)) return { ok: storeOk };
    const providers = registry
      .all()
      .map((p) => ({ name: p.name, sandbox: p.sandbox, breaker: p.breakerState?.() ?? 'unknown' }));
    return { ok: storeOk, store: storeOk ? 'ok' : 'unreachable', providers };
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

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
