import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import type { Logger } from 'pino';
import type { AppConfig } from '../config.js';
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
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  // While closing, answers to requests still in flight close their connection, so keep-alive clients
  // cannot hold the server open after their last answer.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  fastify.addHook('onResponse', async (request, reply) => {
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
