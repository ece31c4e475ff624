import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A receiver that is down for `downMs`, then fails `failRate` of deliveries at random. */
export async function startReceiver(options: { failRate: number; downMs: number }) {
  const started = Date.now();
  const received: Array<{ headers: IncomingMessage['headers']; body: string; ok: boolean }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (Date.now() - started < options.downMs) {
        res.destroy(); // down: the connection drops
        return;
      }
      const ok = Math.random() >= options.failRate;
      received.push({ headers: req.headers, body, ok });
      res.writeHead(ok ? 204 : 500).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}
