import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { adminAnswer } from './admin.js';
import { FaultTable } from './faults.js';
import { Random } from './random.js';
import { StateFile, type PersistentState } from './persistence.js';
import { matchSegments, parseBody, readBody, recordTraceHeaders, send, sleep, splitPath } from './http-helpers.js';
import type {
  EmuHandler,
  EmuRequest,
  EmuResponse,
  EmulatorOptions,
  EmulatorStats,
  FaultRule,
  HttpMethod,
} from './types.js';

export type * from './types.js';

/**
 * The shared machinery of the four provider emulators: a tiny router over node:http, body parsing
 * (JSON and form), request counters per endpoint, fault injection (in-process and, when enabled, over an
 * HTTP admin path) and a controllable clock. Vendor behaviour lives in each provider's emulator.ts.
 */

interface Route {
  method: HttpMethod;
  pattern: string;
  segments: string[];
  handler: EmuHandler;
}

export const ADMIN_PREFIX = '/__admin';

/** How many demo accounts an emulator seeds: `options.accounts` when given (a whole number ≥ 0), else its default. */
export function seedCount(options: EmulatorOptions, fallback: number): number {
  const n = options.accounts;
  if (n === undefined) return fallback;
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`emulator accounts must be a whole number from 0 up (got ${String(n)})`);
  return n;
}

export class EmulatorServer {
  readonly name: string;
  readonly random: Random;
  readonly now: () => number;
  private readonly faultTable: FaultTable;
  private readonly routes: Route[] = [];
  private readonly counts = new Map<string, number>();
  private server: http.Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly options: EmulatorOptions;
  private baseUrl: string | undefined;
  /** Hook for emulators with access tokens (PureWL): invalidate every token now. */
  onExpireTokens: (() => void) | undefined;
  /** Hook run on admin reset (restore seed state). */
  onReset: (() => void) | undefined;
  /** Where the emulator's state is kept, when `options.stateFile` is set (see `persist`). */
  private stateFile: StateFile<unknown> | undefined;

  constructor(name: string, options: EmulatorOptions = {}) {
    this.name = name;
    this.options = options;
    const seed = options.seed ?? 42;
    this.random = new Random(seed);
    this.faultTable = new FaultTable(new Random(seed ^ 0x5eed));
    this.now = options.now ?? Date.now;
  }

  /**
   * Makes the emulator's state survive restarts when `options.stateFile` is set: loads it now (true when it
   * was restored from the file, false when the seeded state was kept and written). Call once, after seeding.
   */
  persist<S>(state: PersistentState<S>): boolean {
    if (!this.options.stateFile) return false;
    const file = new StateFile<S>(this.options.stateFile, this.name, state);
    this.stateFile = file;
    return file.load();
  }

  /** Saves the state now (tests; `stop()` does it too). */
  saveState(): void {
    this.stateFile?.flush();
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
    this.stateFile?.flush();
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
    return this.faultTable.add(rule);
  }

  removeFault(id: number): void {
    this.faultTable.remove(id);
  }

  clearFaults(): void {
    this.faultTable.clear();
  }

  get faults(): readonly FaultRule[] {
    return this.faultTable.active;
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
    this.received.length = 0;
  }

  /**
   * Tracing headers of the latest requests (at most 100, newest last): what the vendor would see of the
   * caller's trace. Only these non-secret headers are kept, never credentials.
   */
  /** The latest requests (route, when it arrived in ms since the epoch, tracing headers). */
  readonly received: Array<{
    route: string;
    at?: number;
    traceparent?: string;
    tracestate?: string;
    requestId?: string;
  }> = [];

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
    recordTraceHeaders(this.received, routeKey, req.headers);

    const faults = this.faultTable.pick(routeKey, rawBody);
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
          return send(res, {
            status: fault.status ?? 503,
            text: 'Service Unavailable',
            contentType: 'text/plain',
            ...(fault.retryAfterSeconds !== undefined
              ? { headers: { 'Retry-After': String(fault.retryAfterSeconds) } }
              : {}),
          });
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

    // Any handled request may have changed state (reads too: WLVPN closes accounts whose close_date passed).
    if (match) this.stateFile?.schedule(method === 'GET');
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
      // The vendor acted, then answered an error: the write landed and the answer says otherwise.
      if (fault.kind === 'error') {
        return send(res, { status: fault.status ?? 503, text: 'Service Unavailable', contentType: 'text/plain' });
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

  private admin(method: HttpMethod, path: string, rawBody: string): EmuResponse {
    return adminAnswer(this, method, path, rawBody, () => this.stateFile?.schedule());
  }
}
