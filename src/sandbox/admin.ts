import type { EmulatorServer } from './emulator-kit.js';
import type { EmuResponse, FaultRule, HttpMethod } from './types.js';

/** The emulator's HTTP admin path (`/__admin`, when `options.admin`): stats, fault rules, token expiry, reset. */
export function adminAnswer(
  server: EmulatorServer,
  method: HttpMethod,
  path: string,
  rawBody: string,
  saveState: () => void,
): EmuResponse {
  if (method === 'GET' && path === '/stats') return { status: 200, json: server.stats };
  if (method === 'GET' && path === '/faults') return { status: 200, json: server.faults };
  if (method === 'POST' && path === '/faults') {
    try {
      const rule = JSON.parse(rawBody) as FaultRule;
      return { status: 201, json: { id: server.addFault(rule) } };
    } catch {
      return { status: 400, json: { message: 'fault rule must be JSON' } };
    }
  }
  if (method === 'DELETE' && path === '/faults') {
    server.clearFaults();
    return { status: 204 };
  }
  if (method === 'POST' && path === '/expire-tokens') {
    server.expireTokens();
    return { status: 204 };
  }
  if (method === 'POST' && path === '/reset') {
    server.clearFaults();
    server.resetStats();
    server.onReset?.();
    saveState();
    return { status: 204 };
  }
  return { status: 404, json: { message: 'unknown admin path' } };
}
