import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { WebSocket, WebsocketHandler } from '@fastify/websocket';
import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
} from 'graphql';
import { CloseCode, type ConnectionInitMessage } from 'graphql-ws';
import { makeHandler } from 'graphql-ws/use/@fastify/websocket';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.js';
import type { Authenticator } from './auth.js';
import type { Viewer } from '../domain/viewer.js';
import type { GraphQLContext } from '../graphql/context.js';
import { formatError } from '../graphql/common/errors.js';
import type { LiveHub } from '../modules/live/index.js';
import { redact } from '../lib/redact.js';

/**
 * Subscriptions over graphql-ws (the `graphql-transport-ws` subprotocol) on /graphql, through
 * @fastify/websocket.
 * - `connection_init` carries the credential: `{ "X-Api-Key": "…" }` or `{ "Authorization": "Bearer …" }`
 *   (any case; also nested under `headers`, as GraphiQL sends it). A refused one closes the socket with 4403
 *   and the reason. A JWT's `exp` closes the socket with 4401 when it passes; a stored API key revoked while the
 *   socket is open closes it with 4403 (looked up again every WS_KEY_RECHECK_MS and when a subscription starts).
 * - Only subscription operations: queries and mutations go over HTTP (where the cost limit, upstream budget and
 *   every Apollo plugin apply).
 * - Documents are parsed with MAX_TOKENS and validated with the same rules as HTTP (depth, aliases, directives).
 * - MAX_SUBSCRIPTIONS_PER_CREDENTIAL bounds the subscriptions one credential holds open on this replica.
 * - Errors are formatted as over HTTP (codes kept, internal messages hidden).
 */

export const TOKEN_EXPIRED_CLOSE = CloseCode.Unauthorized; // 4401
export const REFUSED_CLOSE = CloseCode.Forbidden; // 4403
export const KEY_REVOKED = 'The API key was revoked.';

export interface WsDeps {
  config: AppConfig;
  schema: GraphQLSchema;
  authenticator: Authenticator;
  hub: LiveHub;
  forViewer(viewer: Viewer, requestId: string): GraphQLContext;
  validationRules: readonly ValidationRule[];
  parseOptions: ParseOptions;
  logger: Logger;
}

interface Connection {
  viewer: Viewer;
  id: string;
  /** Subscription ids counted against the credential. */
  active: Set<string>;
  expiry?: NodeJS.Timeout;
  /** Stored API keys only: looks the key up again (a revoked key closes the socket). */
  recheck?: () => Promise<boolean>;
  recheckTimer?: NodeJS.Timeout;
}

type Params = ConnectionInitMessage['payload'];

/** Header-like lookup over connection_init's payload (case-insensitive; `headers` nested or not). */
function paramsHeaders(params: Params): { get(name: string): string | undefined } {
  const flat = new Map<string, string>();
  const add = (source: unknown): void => {
    if (!source || typeof source !== 'object') return;
    for (const [k, v] of Object.entries(source)) if (typeof v === 'string') flat.set(k.toLowerCase(), v);
  };
  add(params);
  add((params as { headers?: unknown } | undefined)?.headers);
  // an empty value (the explorer's blank template) is no credential
  for (const [k, v] of flat) if (v.trim() === '' || /^bearer\s*$/i.test(v.trim())) flat.delete(k);
  return { get: (name) => flat.get(name.toLowerCase()) };
}

/** Seconds-since-epoch expiry of the bearer token a connection authenticated with, if any. */
function bearerExpiry(headers: { get(name: string): string | undefined }): number | undefined {
  if (headers.get('x-api-key')) return undefined;
  const authorization = headers.get('authorization');
  if (!authorization?.toLowerCase().startsWith('bearer ')) return undefined;
  try {
    const exp = decodeJwt(authorization.slice(7).trim()).exp;
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** WebSocket close reasons are at most 123 bytes. */
function closeReason(message: string): string {
  const text = redact(message);
  return Buffer.byteLength(text) <= 123 ? text : `${Buffer.from(text).subarray(0, 120).toString('utf8')}...`;
}

export function subscriptionHandler(deps: WsDeps): WebsocketHandler {
  const { config, schema, authenticator, hub, logger } = deps;
  const forViewer = (viewer: Viewer, requestId: string): GraphQLContext => deps.forViewer(viewer, requestId);
  const max = config.env.MAX_SUBSCRIPTIONS_PER_CREDENTIAL;
  const rules = [...specifiedRules, ...deps.validationRules];
  const { parseOptions } = deps;
  const connections = new WeakMap<WebSocket, Connection>();
  const perCredential = new Map<string, number>();

  const release = (conn: Connection, id: string): void => {
    if (!conn.active.delete(id)) return;
    const left = (perCredential.get(conn.viewer.actor) ?? 1) - 1;
    if (left > 0) perCredential.set(conn.viewer.actor, left);
    else perCredential.delete(conn.viewer.actor);
  };
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => formatError(e.toJSON(), e));

  return makeHandler<Params, { socket: WebSocket; request: FastifyRequest }>(
    {
      schema,
      isProd: config.production,
      connectionInitWaitTimeout: 10_000,
      async onConnect(ctx) {
        const socket = ctx.extra.socket;
        const headers = paramsHeaders(ctx.connectionParams);
        let viewer: Viewer;
        try {
          viewer = await authenticator.viewer(headers);
        } catch (error) {
          const message = error instanceof GraphQLError ? error.message : 'Authentication failed.';
          socket.close(REFUSED_CLOSE, closeReason(message));
          return false;
        }
        const conn: Connection = { viewer, id: randomUUID(), active: new Set() };
        const exp = bearerExpiry(headers);
        if (exp !== undefined) {
          const ms = exp * 1000 - Date.now();
          conn.expiry = setTimeout(
            () => socket.close(TOKEN_EXPIRED_CLOSE, 'The bearer token expired.'),
            Math.max(0, ms),
          );
          conn.expiry.unref();
        }
        // A stored API key can be revoked while the socket is open: it is looked up again every WS_KEY_RECHECK_MS
        // and when a subscription starts; once it is gone the socket closes with 4403. (Keys from API_KEYS
        // configuration cannot be revoked; a JWT ends with its `exp`, above.)
        const apiKey = headers.get('x-api-key');
        if (apiKey && !config.apiKeys.some((k) => k.key === apiKey)) {
          conn.recheck = async () => {
            const still = await authenticator.viewer(headers).then(
              () => true,
              (error: unknown) => !(error instanceof GraphQLError),
            );
            if (!still && socket.readyState === socket.OPEN) socket.close(REFUSED_CLOSE, KEY_REVOKED);
            return still;
          };
          const every = config.env.WS_KEY_RECHECK_MS;
          if (every > 0) {
            conn.recheckTimer = setInterval(() => void conn.recheck?.(), every);
            conn.recheckTimer.unref();
          }
        }
        connections.set(socket, conn);
        return true;
      },
      async onSubscribe(ctx, id, payload) {
        const conn = connections.get(ctx.extra.socket);
        if (!conn) return [new GraphQLError('Not connected.', { extensions: { code: 'UNAUTHENTICATED' } })];
        if (conn.recheck && !(await conn.recheck())) {
          return [new GraphQLError(KEY_REVOKED, { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, parseOptions);
        } catch (error) {
          return [
            error instanceof GraphQLError
              ? new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })
              : new GraphQLError('The document does not parse.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } }),
          ];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) {
          return invalid.map(
            (e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
          );
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) {
          return [new GraphQLError('Unable to identify the operation.', { extensions: { code: 'BAD_REQUEST' } })];
        }
        if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
          return [
            new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations over HTTP.', {
              extensions: { code: 'BAD_REQUEST' },
            }),
          ];
        }
        const held = perCredential.get(conn.viewer.actor) ?? 0;
        if (held >= max) {
          return [
            new GraphQLError(`At most ${max} subscriptions per credential are open at once; complete one first.`, {
              extensions: { code: 'RATE_LIMITED' },
            }),
          ];
        }
        perCredential.set(conn.viewer.actor, held + 1);
        conn.active.add(id);
        const requestId = `${conn.id}:${id}`;
        // Assigned, not spread: a spread would build the context's lazy loaders and services.
        const contextValue: GraphQLContext = Object.assign(forViewer(conn.viewer, requestId), {
          live: { hub, fresh: () => forViewer(conn.viewer, requestId) },
        });
        return {
          schema,
          document,
          operationName: payload.operationName ?? null,
          variableValues: payload.variables ?? null,
          contextValue,
        };
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return undefined;
        // graphql-ws sends this result as is: errors formatted like Apollo's formatError (codes kept, internals hidden)
        return { ...result, errors: format(result.errors) };
      },
      onError(_ctx, _id, _payload, errors) {
        return format(errors);
      },
      onComplete(ctx, id) {
        const conn = connections.get(ctx.extra.socket);
        if (conn) release(conn, id);
      },
      onClose(ctx) {
        const conn = connections.get(ctx.extra.socket);
        if (!conn) return;
        if (conn.expiry) clearTimeout(conn.expiry);
        if (conn.recheckTimer) clearInterval(conn.recheckTimer);
        for (const id of [...conn.active]) release(conn, id);
        connections.delete(ctx.extra.socket);
        logger.debug({ connection: conn.id }, 'subscription socket closed');
      },
    },
    // keep-alive pings every 12 s (graphql-ws's default): a dead peer is dropped within two intervals
  );
}
