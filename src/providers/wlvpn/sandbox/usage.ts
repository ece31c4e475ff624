import { DAY_MS, field, isoDate } from '../../../sandbox/http-helpers.js';
import { type EmuRequest, type EmuResponse } from '../../../sandbox/types.js';
import { BULK_USAGE_MAX, BULK_USAGE_MAX_AGE_DAYS, YMD } from '../rules.js';
import type { WlBulkUsageRow, WlPopCountryUsage, WlUsageMetric } from '../wire.js';
import { bad, withId } from './answers.js';
import { SERVERS } from './seed.js';
import type { EmuCustomer, Route, WlvpnState } from './state.js';

/** WLVPN emulator: usage — one customer's usage report, the bulk usage report, metrics by PoP and country. */

export function usageRoutes(emu: WlvpnState, both: Route): void {
  both('POST', '/v2/customers/:id/usage-report', (req) => withId(emu, req, (c) => usage(emu, c, req)));
  both('GET', '/v2/metrics/usage/pop_and_country', (req) => {
    const start = req.query.get('start_date') ?? '';
    const end = req.query.get('end_date') ?? '';
    if (!YMD.test(start) || !YMD.test(end)) return bad('start_date and end_date are required (YYYY-MM-DD)');
    if (start.slice(0, 7) !== end.slice(0, 7)) return bad('The start and end dates must be within the same month');
    const data: Record<string, Record<string, WlPopCountryUsage>> = {};
    for (const c of emu.customers.values()) {
      const { bandwidth, connections } = sum(emu, c.cust_id, start, end);
      if (connections === 0) continue;
      const [host, country] = SERVERS[c.cust_id % SERVERS.length] as [string, string, string, string];
      const pop = host.slice(0, 3);
      const slot = ((data[pop] ??= {})[country] ??= { bandwidth: 0, connections: 0, customers: 0 });
      slot.bandwidth += bandwidth;
      slot.connections += connections;
      slot.customers += 1;
    }
    return { status: 200, json: { data } };
  });
}

export function sum(
  emu: WlvpnState,
  custId: number,
  start: string,
  end: string,
): { bandwidth: number; connections: number } {
  let bandwidth = 0;
  let connections = 0;
  for (const day of daysFrom(start, end)) {
    const u = emu.dailyUsage(custId, day);
    bandwidth += u.bandwidth;
    connections += u.connections;
  }
  return { bandwidth, connections };
}

/**
 * The days of [start, end] as YYYY-MM-DD, the last range's list kept: a bulk report sums the same 30 days for each
 * of 1,000 customers, and formatting each day anew was most of the emulator's CPU per dashboard.
 */
let lastRange: { start: string; end: string; days: string[] } | undefined;
function daysFrom(start: string, end: string): string[] {
  if (lastRange?.start === start && lastRange.end === end) return lastRange.days;
  const days: string[] = [];
  for (let d = Date.parse(`${start}T00:00:00Z`); d <= Date.parse(`${end}T00:00:00Z`); d += DAY_MS)
    days.push(isoDate(d));
  lastRange = { start, end, days };
  return days;
}

export function usage(emu: WlvpnState, c: EmuCustomer, req: EmuRequest): EmuResponse {
  const start = field(req.body, 'start_date');
  const today = isoDate(emu.server.now());
  const end = (field(req.body, 'end_date') as string | undefined) ?? isoDate(emu.server.now() - DAY_MS);
  if (typeof start !== 'string' || !YMD.test(start)) return bad('start_date is required (YYYY-MM-DD)');
  if (!YMD.test(end)) return bad('end_date must be a date (YYYY-MM-DD)');
  if (end >= today) return bad('end_date must be before the current date');
  if (start > end) return bad('start_date must not be after end_date');
  const { bandwidth, connections } = sum(emu, c.cust_id, start, end);
  const wanted = field(req.body, 'metrics');
  const names = Array.isArray(wanted) ? wanted.map((m) => String(field(m, 'name'))) : ['bandwidth', 'connections'];
  const usage: WlUsageMetric[] = [];
  if (names.includes('bandwidth')) usage.push({ name: 'bandwidth', namespace: 'vpn', value: bandwidth, unit: 'Bytes' });
  if (names.includes('connections'))
    usage.push({ name: 'connections', namespace: 'vpn', value: connections, unit: 'None' });
  return { status: 200, json: { usage } };
}

export function bulkUsage(emu: WlvpnState, req: EmuRequest): EmuResponse {
  const q = req.query;
  const start = q.get('start_date') ?? '';
  const now = emu.server.now();
  const end = q.get('end_date') ?? isoDate(now);
  if (!YMD.test(start)) return bad('start_date is required (YYYY-MM-DD)');
  if (!YMD.test(end)) return bad('end_date must be a date (YYYY-MM-DD)');
  if (Date.parse(start) < now - BULK_USAGE_MAX_AGE_DAYS * DAY_MS)
    return bad('start_date cannot be older than 18 months');
  const max = Number(q.get('max_results') ?? BULK_USAGE_MAX);
  if (!Number.isInteger(max) || max < 1 || max > BULK_USAGE_MAX)
    return bad(`max_results must be between 1 and ${BULK_USAGE_MAX}`);
  const offset = Number(q.get('cust_id_offset') ?? 0);
  const filters = (['bandwidth_gte', 'bandwidth_lte', 'connections_gte', 'connections_lte'] as const)
    .map((k) => [k, q.get(k)] as const)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => [k, Number(v)] as const);
  const rows: WlBulkUsageRow[] = [...emu.customers.values()]
    .filter((c) => c.cust_id > offset)
    .sort((a, b) => a.cust_id - b.cust_id)
    .map((c) => ({ cust_id: c.cust_id, ...sum(emu, c.cust_id, start, end) }))
    .filter(
      (r) =>
        filters.length === 0 ||
        filters.some(([k, v]) =>
          k === 'bandwidth_gte'
            ? r.bandwidth >= v
            : k === 'bandwidth_lte'
              ? r.bandwidth <= v
              : k === 'connections_gte'
                ? r.connections >= v
                : r.connections <= v,
        ),
    );
  const page = rows.slice(0, max);
  return {
    status: 200,
    json: {
      customers: page,
      last_cust_id: page[page.length - 1]?.cust_id ?? offset,
      result_count: page.length,
      total_count: rows.length,
    },
  };
}
