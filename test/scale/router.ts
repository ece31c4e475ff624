import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the load balancer in front of replicas, behaving like the real ones do (an Envoy / nginx
 * upstream, a Kubernetes Service fed by readiness): round-robin over the targets in rotation, probed with
 * `GET /ready` every `probeMs`; keep-alive connections to the targets (one pool, reused across requests). A
 * target enters rotation when a probe answers 200 and leaves it on a 503 (draining) or a refused connect (gone);
 * a probe that times out (a busy machine) only counts after three in a row, as a load balancer's unhealthy
 * threshold does. With no target in rotation it fails open, as Envoy's panic mode does: round-robin over every
 * target it has (counted as `panic`; a draining replica still serves, a gone one is counted refused).
 *
 * It retries NOTHING: every upstream failure is counted by its cause and answered 502 (or passed through, for
 * a status the target sent), so a test can tell the router's share from the replica's:
 * - refused: the connect failed, no byte of the request was sent. A real router may retry this anywhere
 *   (it is its job to route around a stopped replica); counted so that a test can show it did not even happen.
 * - reset: the connection broke after the request was written (ECONNRESET, "socket hang up"): the replica
 *   accepted the request and dropped it. That is the replica's fault, never safe to retry for a mutation.
 * - status 5xx the target answered (503 from a closing server among them).
 */
export interface ReadinessRouter {
  url: string;
  add(target: string): Promise<void>;
  remove(target: string): void;
  /** Targets in rotation now. */
  inRotation(): string[];
  /** Every probe answer per target, in order: HTTP status, or 0 when the probe could not connect. */
  probes(target: string): number[];
  counts: { requests: number; refused: number; reset: number; status5xx: number; panic: number };
  /** One line per failed request: target, cause. */
  failures: string[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

function endToEnd(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !HOP_BY_HOP.has(k.toLowerCase())));
}

export async function readinessRouter(initial: string[], options: { probeMs: number }): Promise<ReadinessRouter> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const targets: string[] = [];
  const ready = new Map<string, boolean>();
  const timeouts = new Map<string, number>();
  const probeLog = new Map<string, number[]>();
  const counts = { requests: 0, refused: 0, reset: 0, status5xx: 0, panic: 0 };
  const failures: string[] = [];
  let next = 0;

  const probe = (target: string): Promise<void> =>
    new Promise((resolve) => {
      const done = (status: number | 'timeout'): void => {
        if (status === 'timeout') {
          const n = (timeouts.get(target) ?? 0) + 1;
          timeouts.set(target, n);
          if (n < 3) return resolve();
          status = 0;
        }
        timeouts.set(target, 0);
        probeLog.get(target)?.push(status);
        if (targets.includes(target)) ready.set(target, status === 200);
        resolve();
      };
      const req = httpRequest(`${target}/ready`, { agent: false, timeout: 2_000 }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error('probe timeout'), { code: 'PROBE_TIMEOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => done(error.code === 'PROBE_TIMEOUT' ? 'timeout' : 0));
      req.end();
    });

  let probing = false;
  const timer = setInterval(() => {
    if (probing) return;
    probing = true;
    void Promise.all(targets.map(probe)).finally(() => (probing = false));
  }, options.probeMs);

  const pick = (): string | undefined => {
    const live = targets.filter((t) => ready.get(t));
    if (live.length) return live[next++ % live.length];
    if (targets.length) counts.panic++;
    return targets.length ? targets[next++ % targets.length] : undefined;
  };

  const server: Server = createServer((req, res) => {
    counts.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const base = pick();
      if (!base) {
        failures.push('no target at all');
        res.writeHead(503).end();
        return;
      }
      const target = new URL(base);
      const body = Buffer.concat(chunks);
      const up = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...endToEnd(req.headers), 'content-length': String(body.length) },
          agent,
        },
        (answer: IncomingMessage) => {
          if ((answer.statusCode ?? 502) >= 500) {
            counts.status5xx++;
            failures.push(`${base}: status ${answer.statusCode}`);
          }
          res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
          answer.pipe(res);
        },
      );
      up.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED') counts.refused++;
        else counts.reset++;
        failures.push(`${base}: ${error.code ?? error.message}`);
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      up.end(body);
    });
  });

  const add = async (target: string): Promise<void> => {
    targets.push(target);
    probeLog.set(target, probeLog.get(target) ?? []);
    await probe(target);
  };
  for (const t of initial) await add(t);
  // Like Fastify's 72 s: longer than a client keeps an idle socket, so the client closes it, never this side.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    add,
    remove: (target) => {
      const i = targets.indexOf(target);
      if (i >= 0) targets.splice(i, 1);
      ready.delete(target);
    },
    inRotation: () => targets.filter((t) => ready.get(t)),
    probes: (target) => [...(probeLog.get(target) ?? [])],
    counts,
    failures,
    close: async () => {
      clearInterval(timer);
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
