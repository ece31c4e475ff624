import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Random } from './random.js';

/**
 * The shared machinery of the four provider emulators: a tiny router over node:http, body parsing
 * (JSON and form), request counters per endpoint, fault injection (in-process and, when enabled, over an
 * HTTP admin path) and a controllable clock. Vendor behaviour lives in each provider's emulator.ts.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

export interface EmuRequest {
  method: HttpMethod;
  path: string;
  /** Route key this request matched, e.g. "GET /v2/customers/:id". */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON object or form fields; undefined when there was no body. */
  body: unknown;
  rawBody: string;
  remoteAddress: string;
}

export interface EmuResponse {
  status: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export type EmuHandler = (req: EmuRequest) => EmuResponse | Promise<EmuResponse>;

export type FaultKind = 'latency' | 'error' | 'rate-limit' | 'reset' | 'malformed' | 'down';

export interface FaultRule {
  kind: FaultKind;
  /** Only requests whose route key matches (exact key, or a substring of it). Default: every route. */
  route?: string;
  /** Probability 0..1 that the fault applies to a matching request (seeded dice). Default 1. */
  probability?: number;
  /** Apply to this many matching requests, then retire. Default: unlimited. */
  times?: number;
  /** latency: milliseconds added. */
  latencyMs?: number;
  /** error: HTTP status to answer with (default 503). */
  status?: number;
  /** rate-limit: Retry-After value in seconds (default 1). */
  retryAfterSeconds?: number;
  /**
   * 'before' (default): the fault replaces the request; nothing happens upstream.
   * 'after': the handler runs (state changes), then the fault hits the answer: the outcome is unknown
   * to the caller. Applies to latency, reset and malformed.
   */
  phase?: 'before' | 'after';
}

interface ActiveRule extends FaultRule {
  id: number;
  remaining: number;
}

export interface EmulatorStats {
  /** Requests per route key ("GET /v2/customers/:id"); unmatched requests count under "<METHOD> <unmatched>". */
  readonly byRoute: Readonly<Record<string, number>>;
  total: number;
}

export interface EmulatorOptions {
  /** Seed for demo data and fault dice. */
  seed?: number;
  /** Port to listen on; 0 (default) picks an ephemeral one. */
  port?: number;
  /** Host to bind; default 127.0.0.1. */
  host?: string;
  /** Serve the HTTP admin path (`/__admin/...`). Off by default. */
  admin?: boolean;
  /** Clock for expiry rules and seed data; default Date.now. */
  now?: () => number;
}

interface Route {
  method: HttpMethod;
  pattern: string;
  segments: string[];
  handler: EmuHandler;
}

export const ADMIN_PREFIX = '/__admin';

export class EmulatorServer {
  readonly name: string;
  readonly random: Random;
  readonly now: () => number;
  private readonly faultRandom: Random;
  private readonly routes: Route[] = [];
  private readonly counts = new Map<string, number>();
  private rules: ActiveRule[] = [];
  private nextRuleId = 1;
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly options: EmulatorOptions;
  private baseUrl: string | undefined;
  /** Hook for emulators with access tokens (PureWL): invalidate every token now. */
  onExpireTokens: (() => void) | undefined;
  /** Hook run on admin reset (restore seed state). */
  onReset: (() => void) | undefined;

  constructor(name: string, options: EmulatorOptions = {}) {
    this.name = name;
    this.options = options;
    const seed = options.seed ?? 42;
    this.random = new Random(seed);
    this.faultRandom = new Random(seed ^ 0x5eed);
    this.now = options.now ?? Date.now;
  }

  route(method: HttpMethod, pattern: string, handler: EmuHandler): this {
    this.routes.push({ method, pattern, segments: splitPath(pattern), handler });
    return this;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error(`${this.name} emulator is not started`);
    return this.baseUrl;
  }

  async start(): Promise<string> {
    if (this.baseUrl) return this.baseUrl;
    const server = http.createServer((req, res) => {
      void this.dispatch(req, res);
    });
    server.keepAliveTimeout = 5000;
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.baseUrl = `http://${address.address}:${address.port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.baseUrl = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  // ---- fault injection -------------------------------------------------------------------------

  /** Adds a fault rule; returns its id (for `removeFault`). */
  addFault(rule: FaultRule): number {
    const id = this.nextRuleId++;
    this.rules.push({ ...rule, id, remaining: rule.times ?? Number.POSITIVE_INFINITY });
    return id;
  }

  removeFault(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clearFaults(): void {
    this.rules = [];
  }

  get faults(): readonly FaultRule[] {
    return this.rules;
  }

  /** Invalidates every issued access token (emulators without tokens ignore this). */
  expireTokens(): void {
    this.onExpireTokens?.();
  }

  // ---- counters ---------------------------------------------------------------------------------

  get stats(): EmulatorStats {
    const byRoute = Object.fromEntries(this.counts);
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return { byRoute, total };
  }

  /** Requests counted for one route key, or for every key containing `fragment`. */
  count(fragment?: string): number {
    let total = 0;
    for (const [key, n] of this.counts) if (!fragment || key === fragment || key.includes(fragment)) total += n;
    return total;
  }

  resetStats(): void {
    this.counts.clear();
  }

  // ---- dispatch ---------------------------------------------------------------------------------

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.local');
    const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
    let rawBody = '';
    try {
      rawBody = await readBody(req);
    } catch {
      res.destroy();
      return;
    }

    if (url.pathname.startsWith(ADMIN_PREFIX)) {
      if (!this.options.admin) return send(res, { status: 404, json: { message: 'Not Found' } });
      return send(res, this.admin(method, url.pathname.slice(ADMIN_PREFIX.length), rawBody));
    }

    const match = this.match(method, url.pathname);
    const routeKey = match ? `${method} ${match.route.pattern}` : `${method} <unmatched>`;
    this.counts.set(routeKey, (this.counts.get(routeKey) ?? 0) + 1);

    const faults = this.pickFaults(routeKey);
    const before = faults.filter((f) => (f.phase ?? 'before') === 'before');
    const after = faults.filter((f) => f.phase === 'after');

    for (const fault of before) {
      if (fault.kind === 'latency') await sleep(fault.latencyMs ?? 0);
    }
    if (res.destroyed) return;
    for (const fault of before) {
      switch (fault.kind) {
        case 'down':
        case 'reset':
          req.socket.destroy();
          return;
        case 'error':
          return send(res, { status: fault.status ?? 503, text: 'Service Unavailable', contentType: 'text/plain' });
        case 'rate-limit':
          return send(res, {
            status: 429,
            json: { message: 'Too Many Requests' },
            headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 1) },
          });
        case 'malformed':
          return send(res, { status: 200, text: '{"truncated": ', contentType: 'application/json' });
        case 'latency':
          break;
      }
    }

    let response: EmuResponse;
    if (!match) {
      response = this.notFound(method, url.pathname);
    } else {
      const request: EmuRequest = {
        method,
        path: url.pathname,
        route: routeKey,
        params: match.params,
        query: url.searchParams,
        headers: req.headers,
        body: parseBody(rawBody, req.headers['content-type']),
        rawBody,
        remoteAddress: req.socket.remoteAddress ?? '',
      };
      try {
        response = await match.route.handler(request);
      } catch (error) {
        response = { status: 500, json: { message: 'Server Error' } };
        if (process.env.EMULATOR_DEBUG) console.error(`[${this.name}]`, error);
      }
    }

    for (const fault of after) {
      if (fault.kind === 'latency') await sleep(fault.latencyMs ?? 0);
    }
    if (res.destroyed) return;
    for (const fault of after) {
      if (fault.kind === 'reset' || fault.kind === 'down') {
        req.socket.destroy();
        return;
      }
      if (fault.kind === 'malformed') {
        return send(res, { status: response.status, text: '{"truncated": ', contentType: 'application/json' });
      }
    }
    send(res, response);
  }

  /** The answer for a path no route knows. Emulators may override through `notFoundHandler`. */
  notFoundHandler: ((method: HttpMethod, path: string) => EmuResponse) | undefined;

  private notFound(method: HttpMethod, path: string): EmuResponse {
    if (this.notFoundHandler) return this.notFoundHandler(method, path);
    const pathExists = this.routes.some((r) => matchSegments(r.segments, splitPath(path)) !== null);
    return pathExists
      ? { status: 405, json: { message: 'Method Not Allowed.' } }
      : { status: 404, json: { message: 'Not Found' } };
  }

  private match(method: HttpMethod, path: string): { route: Route; params: Record<string, string> } | undefined {
    const segments = splitPath(path);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = matchSegments(route.segments, segments);
      if (params) return { route, params };
    }
    return undefined;
  }

  /**
   * Matching rules for one request: every latency rule, plus at most one terminal fault (error, reset, …)
   * per phase. Only rules that apply use up their `times`.
   */
  private pickFaults(routeKey: string): ActiveRule[] {
    const picked: ActiveRule[] = [];
    const terminal = new Set<string>();
    for (const rule of this.rules) {
      if (rule.remaining <= 0) continue;
      if (rule.route && rule.route !== routeKey && !routeKey.includes(rule.route)) continue;
      const phase = rule.phase ?? 'before';
      if (rule.kind !== 'latency' && terminal.has(phase)) continue;
      if ((rule.probability ?? 1) < 1 && this.faultRandom.next() >= (rule.probability ?? 1)) continue;
      if (rule.kind !== 'latency') terminal.add(phase);
      rule.remaining -= 1;
      picked.push(rule);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return picked;
  }

  private admin(method: HttpMethod, path: string, rawBody: string): EmuResponse {
    if (method === 'GET' && path === '/stats') return { status: 200, json: this.stats };
    if (method === 'GET' && path === '/faults') return { status: 200, json: this.rules };
    if (method === 'POST' && path === '/faults') {
      try {
        const rule = JSON.parse(rawBody) as FaultRule;
        return { status: 201, json: { id: this.addFault(rule) } };
      } catch {
        return { status: 400, json: { message: 'fault rule must be JSON' } };
      }
    }
    if (method === 'DELETE' && path === '/faults') {
      this.clearFaults();
      return { status: 204 };
    }
    if (method === 'POST' && path === '/expire-tokens') {
      this.expireTokens();
      return { status: 204 };
    }
    if (method === 'POST' && path === '/reset') {
      this.clearFaults();
      this.resetStats();
      this.onReset?.();
      return { status: 204 };
    }
    return { status: 404, json: { message: 'unknown admin path' } };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const a = actual[i] as string;
    if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(a);
    else if (p !== a) return null;
  }
  return params;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(raw));
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // WLVPN's own curl samples send JSON without a content type; anything else unparseable is kept raw.
    if (raw.includes('=') && !raw.trim().startsWith('{')) return Object.fromEntries(new URLSearchParams(raw));
    return { __malformed: raw };
  }
}

function send(res: http.ServerResponse, response: EmuResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let body = '';
  if (response.json !== undefined) {
    body = JSON.stringify(response.json);
    headers['Content-Type'] = response.contentType ?? 'application/json';
  } else if (response.text !== undefined) {
    body = response.text;
    headers['Content-Type'] = response.contentType ?? 'text/plain; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(body));
  res.writeHead(response.status, headers);
  res.end(body);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Reads a string field from a parsed JSON/form body. */
export function field(body: unknown, name: string): unknown {
  if (body && typeof body === 'object' && name in body) return (body as Record<string, unknown>)[name];
  return undefined;
}

/** Parses a Basic authorization header into user and password. */
export function basicAuth(headers: http.IncomingHttpHeaders): { user: string; password: string } | null {
  const header = headers.authorization;
  if (!header || !header.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export function bearerToken(headers: http.IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  if (!header || !header.toLowerCase().startsWith('bearer ')) return null;
  return header.slice(7).trim();
}

/** Calendar helpers shared by emulators (UTC). */
export const DAY_MS = 86_400_000;
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
