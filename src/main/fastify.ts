import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import { redact } from '../lib/redact.js';

/**
 * The Fastify instance: request ids (a caller's safe `x-request-id` is kept, otherwise a UUID, echoed on
 * every response), the body limit (enforced while the body streams: a large body is refused with 413 before
 * it is read), CORS from CORS_ORIGINS, GraphQL-shaped error bodies, and one log line per 4xx/5xx answer.
 */
export async function createFastify(config: AppConfig, logger: Logger): Promise<FastifyInstance> {
  const fastify = Fastify({
    logger: false,
    bodyLimit: config.env.MAX_BODY_BYTES,
    requestIdHeader: false,
    genReqId: (req) => safeRequestId(req.headers['x-request-id']) ?? randomUUID(),
    // Once the listener is closed, a request still arriving on an open connection (pipelined) is served, with
    // `Connection: close`, not refused with 503: it was accepted, so it is ours to answer (see httpDrain).
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });

  // Hooks in callback style: an async hook costs a promise per request for nothing to await.
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    done();
    if (reply.statusCode < 400) return;
    const line = {
      requestId: request.id,
      method: request.method,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (reply.statusCode >= 500) logger.warn(line, 'request answered with a server error');
    else logger.info(line, 'request answered with a client error');
  });

  fastify.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) logger.error({ requestId: request.id, err: redact(error.message) }, 'request failed');
    const message = status >= 500 ? 'Internal server error' : redact(error.message);
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  });

  fastify.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not found' }));

  if (config.corsOrigins.length > 0) {
    await fastify.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST'],
      exposedHeaders: ['x-request-id'],
      maxAge: 600,
    });
  }
  return fastify;
}

function safeRequestId(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^[A-Za-z0-9._-]{1,128}$/.test(v) ? v : undefined;
}

/**
 * The HTTP side of a graceful stop (SIGTERM, `App.stop`), in this order:
 * 1. draining: /ready answers 503 (`status: 'draining'`) so a router or load balancer that probes it takes this
 *    replica out of rotation; every answer carries `Connection: close`, so a keep-alive client that still sends
 *    here gets its answer and then a fresh connection elsewhere, never a socket closed under a request it wrote.
 *    The listener keeps accepting and requests are served as usual for `delayMs` (SHUTDOWN_DELAY_MS).
 * 2. the listener closes (new connections are refused: the one failure a router retries safely, nothing was
 *    sent), and with it the keep-alive sockets that are idle (Node's `server.close()`); requests in flight run on.
 * 3. resolves once the last in-flight request is answered (its connection closes after the answer). Past
 *    `graceMs` the connections still open are destroyed (the process itself exits earlier, src/main/index.ts).
 */
export interface HttpDrain {
  /** True from the moment a drain began. */
  readonly draining: boolean;
  /**
   * Starts the drain; resolves when every in-flight request was answered. A later call does not start another;
   * one with a shorter delay ends the wait sooner (0: the listener closes now).
   */
  drain(delayMs?: number): Promise<void>;
  /** For ApolloServer: its `stop()` waits for the drain (started with no delay when nothing started it before). */
  apolloPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext>;
}

/** Wires the drain into `fastify` (its hooks): call before `listen`. */
export function httpDrain(fastify: FastifyInstance, options: { graceMs: number; logger: Logger }): HttpDrain {
  let draining = false;
  let done: Promise<void> | undefined;
  let delayEnds = Infinity;
  let endDelay: (() => void) | undefined;

  fastify.addHook('onRequest', (request, reply, done) => {
    if (!draining) return done();
    void reply.header('connection', 'close');
    if (request.routeOptions.url === '/ready') return void reply.code(503).send({ ok: false, status: 'draining' });
    done();
  });
  // Answers produced before onRequest ran for them (404, 413, errors) close their connection too.
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('connection', 'close');
    done(null, payload);
  });

  const run = async (delayMs: number): Promise<void> => {
    options.logger.info({ delayMs }, 'draining: /ready answers 503, answers close their connections');
    if (delayMs > 0)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delayMs);
        endDelay = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    endDelay = undefined;
    options.logger.info('draining: listener closed, waiting for requests in flight');
    const force = setTimeout(() => fastify.server.closeAllConnections(), options.graceMs);
    force.unref();
    try {
      await fastify.close();
    } finally {
      clearTimeout(force);
    }
    options.logger.info('drained: every request in flight was answered');
  };

  const drain = (delayMs = 0): Promise<void> => {
    if (!done) {
      draining = true;
      delayEnds = Date.now() + delayMs;
      done = run(delayMs);
    } else if (Date.now() + delayMs < delayEnds) {
      delayEnds = Date.now() + delayMs;
      const shorten = endDelay;
      if (delayMs <= 0) shorten?.();
      else setTimeout(() => shorten?.(), delayMs).unref();
    }
    return done;
  };

  return {
    get draining() {
      return draining;
    },
    drain,
    apolloPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
      return {
        async serverWillStart() {
          return { drainServer: () => done ?? drain(0) };
        },
      };
    },
  };
}

/**
 * Tells `work` (the mirror's write-back) when requests are in flight: `begin` on arrival, its end once the answer
 * was sent or the client went away. Deferred work then runs between requests, not under one.
 */
export function trackRequests(fastify: FastifyInstance, work: { begin(): () => void }): void {
  const ends = new WeakMap<object, () => void>();
  const end = (request: object) => {
    ends.get(request)?.();
    ends.delete(request);
  };
  fastify.addHook('onRequest', (request, _reply, done) => {
    // A WebSocket upgrade is a connection that lives on (subscriptions), not a request awaiting its answer.
    if (!request.headers.upgrade) ends.set(request, work.begin());
    done();
  });
  fastify.addHook('onResponse', (request, _reply, done) => {
    end(request);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    end(request);
    done();
  });
}
