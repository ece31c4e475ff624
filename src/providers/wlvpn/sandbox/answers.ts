import type { EmuRequest, EmuResponse } from '../../../sandbox/types.js';
import type { EmuCustomer, WlvpnState } from './state.js';

/** Answers every WLVPN route shares (not found, removed, bad request). */

export function withId(emu: WlvpnState, req: EmuRequest, fn: (c: EmuCustomer) => EmuResponse): EmuResponse {
  const id = Number(req.params.id);
  return withCustomer(emu, Number.isInteger(id) ? emu.customers.get(id) : undefined, fn);
}

export function withCustomer(
  emu: WlvpnState,
  c: EmuCustomer | undefined,
  fn: (c: EmuCustomer) => EmuResponse,
): EmuResponse {
  if (!c) return { status: 404, json: { api_status: 0, error: 'The requested resource does not exist.' } };
  if (c.anonymised) return { status: 410, json: { api_status: 0, error: 'The requested resource has been removed.' } };
  return fn(c);
}

export function bad(error: string): EmuResponse {
  return { status: 400, json: { api_status: 0, error } };
}
