import type { EmulatorStats, EmuResponse, FaultRule, HttpMethod } from './types.js';

/** What the admin path needs of an emulator (the emulator kit's server implements it). */
export interface AdminTarget {
  readonly stats: EmulatorStats;
  readonly faults: readonly FaultRule[];
  addFault(rule: FaultRule): number;
  clearFaults(): void;
  expireTokens(): void;
  resetStats(): void;
  onReset: (() => void) | undefined;
}

/** The emulator's HTTP admin path (`/__admin`, when `options.admin`): stats, fault rules, token expiry, reset. */
export function adminAnswer(
  server: AdminTarget,
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
