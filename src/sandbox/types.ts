import type http from 'node:http';

/** The emulator kit's types (see emulator-kit.ts). */

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
  /** Only requests with one of these methods (e.g. the writes: PUT, POST, DELETE). */
  methods?: HttpMethod[];
  /** Not requests whose route key contains this (e.g. '/auth/' for PureWL's token call). */
  unlessRoute?: string;
  /** Not requests whose raw body contains this (e.g. 'method=status' for PureVPN's reads on its one route). */
  unlessBody?: string;
  /** Let this many matching requests through first (e.g. the read before a write on PureVPN's one route). */
  skip?: number;
  /** latency: milliseconds added. */
  latencyMs?: number;
  /** error: HTTP status to answer with (default 503). */
  status?: number;
  /** rate-limit: Retry-After value in seconds (default 1); error: a Retry-After header when given. */
  retryAfterSeconds?: number;
  /**
   * 'before' (default): the fault replaces the request; nothing happens upstream.
   * 'after': the handler runs (state changes), then the fault hits the answer: the outcome is unknown
   * to the caller. Applies to latency, reset, malformed and error.
   */
  phase?: 'before' | 'after';
}

export interface ActiveRule extends FaultRule {
  id: number;
  remaining: number;
  skipped: number;
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
  /**
   * Demo accounts to seed (SANDBOX_ACCOUNTS, read by the registry), deterministic from `seed`; default: the
   * emulator's own (55–60). A whole number from 0 up; see `seedCount`.
   */
  accounts?: number;
  /**
   * JSON file the emulator keeps its state in: loaded at construction when present (else seeded and written),
   * saved after requests (coalesced; temp file + rename) and on stop. Unset: state lives in memory only.
   */
  stateFile?: string;
}
