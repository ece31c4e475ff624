import { field } from '../../../sandbox/http-helpers.js';
import { bad, withId } from './answers.js';
import { PLANS, SERVERS, planItem } from './seed.js';
import type { Route, WlvpnState } from './state.js';
import type { WlServer } from '../wire.js';

/** WLVPN emulator: plans (list, purchase, revoke) and servers. */

export function catalogRoutes(emu: WlvpnState, both: Route): void {
  both('GET', '/v2/plans', () => ({ status: 200, json: { api_status: 1, plans: PLANS } }));
  both('POST', '/v2/customers/:id/purchase', (req) =>
    withId(emu, req, (c) => {
      const plan = PLANS.find((p) => p.plan_code === field(req.body, 'plan_code'));
      if (!plan) return bad('Unknown plan_code');
      const item = planItem(emu, plan, Math.floor(emu.server.now() / 1000), 'manual');
      if (c.plans?.current) {
        c.plans.spent.push({ ...c.plans.current });
      }
      c.plans = { current: item, pending: c.plans?.pending ?? [], spent: c.plans?.spent ?? [] };
      if (c.acct_status_id === 5) c.acct_status_id = 1;
      return { status: 200, json: { api_status: 1, plan_info: item } };
    }),
  );
  both('POST', '/v2/customers/:id/revoke', (req) =>
    withId(emu, req, (c) => {
      const code = field(req.body, 'plan_code');
      if (!c.plans?.current || c.plans.current.code !== code) return bad('The plan is not allocated to this customer');
      c.plans.spent.push({ ...c.plans.current, is_revoked: true });
      c.plans.current = null;
      return { status: 200, json: { api_status: 1 } };
    }),
  );
  both('GET', '/v2/servers', (req) => {
    const countries = req.query
      .get('country')
      ?.split(',')
      .map((x) => x.trim().toUpperCase())
      .filter(Boolean);
    const server: Record<string, WlServer> = {};
    SERVERS.forEach(([host, country, city, ip], i) => {
      if (countries && !countries.includes(country)) return;
      server[host] = { country, city, capacity: (i * 17) % 100, ip };
    });
    return { status: 200, json: { api_status: 1, server } };
  });
}
