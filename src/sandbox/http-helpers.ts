import type http from 'node:http';
import type { EmuResponse } from './types.js';

/** Small HTTP helpers of the emulator kit: path matching, body parsing, answers, auth headers, dates. */

export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}

export function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
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

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseBody(raw: string, contentType: string | undefined): unknown {
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

export function send(res: http.ServerResponse, response: EmuResponse): void {
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

/** Reads a field from a parsed JSON/form body. */
export function field(body: unknown, name: string): unknown {
  if (body && typeof body === 'object' && name in body) return (body as Record<string, unknown>)[name];
  return undefined;
}

/** Reads a scalar field as text; undefined when absent or not a scalar (an object or a list is no text). */
export function textField(body: unknown, name: string): string | undefined {
  const value = field(body, name);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : undefined;
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

/** Keeps the tracing headers of a request (never credentials), at most the latest 100 (EmulatorServer.received). */
export function recordTraceHeaders(
  received: Array<{ route: string; at?: number; traceparent?: string; tracestate?: string; requestId?: string }>,
  route: string,
  headers: http.IncomingHttpHeaders,
): void {
  const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);
  const [traceparent, tracestate, requestId] = [headers.traceparent, headers.tracestate, headers['x-request-id']];
  received.push({
    route,
    at: Date.now(),
    ...(traceparent ? { traceparent: text(traceparent) } : {}),
    ...(tracestate ? { tracestate: text(tracestate) } : {}),
    ...(requestId ? { requestId: text(requestId) } : {}),
  });
  if (received.length > 100) received.shift();
}
