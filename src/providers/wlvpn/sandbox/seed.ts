import { DAY_MS, isoDate } from '../../../sandbox/http-helpers.js';
import { DEFAULT_GROUP, ZERO_DATE } from '../rules.js';
import type { WlPlan, WlPlanInfoItem, WlStatusId } from '../wire.js';
import type { WlvpnState } from './state.js';

/** WLVPN emulator: demo data — plans, servers and seeded customers. */

export const PLANS: WlPlan[] = [
  {
    plan_code: 'coolvpn_one_month_unlimited',
    name: 'One month service',
    short_desc: 'Unlimited usage',
    price: '0',
    bandwidth_gb: null,
    bandwidth_mb: null,
    interval_days: 30,
    expire_after_days: null,
    requires_receipt: false,
    is_auto_renewing: false,
    refilling_interval_days: 0,
  },
  {
    plan_code: 'coolvpn_default',
    name: 'Default',
    short_desc: 'Default',
    price: '0',
    bandwidth_gb: 50,
    bandwidth_mb: 51200,
    interval_days: null,
    expire_after_days: null,
    requires_receipt: false,
    is_auto_renewing: false,
    refilling_interval_days: 30,
  },
  {
    plan_code: 'premium_1y',
    name: 'Premium 1 year',
    short_desc: 'Premium 1 year',
    price: '49.99',
    bandwidth_gb: null,
    bandwidth_mb: null,
    interval_days: 365,
    expire_after_days: null,
    requires_receipt: false,
    is_auto_renewing: true,
    refilling_interval_days: 0,
  },
  {
    plan_code: '30_gb_1mo',
    name: '30GB for 1 month',
    short_desc: '30GB for 1 month',
    price: '4.99',
    bandwidth_gb: 30,
    bandwidth_mb: 30720,
    interval_days: null,
    expire_after_days: 30,
    requires_receipt: false,
    is_auto_renewing: false,
    refilling_interval_days: 0,
  },
];

export const SERVERS: Array<[string, string, string, string]> = [
  ['par-a01.wlvpn.com', 'FR', 'Paris', '80.24.24.52'],
  ['atl-a01.wlvpn.com', 'US', 'Atlanta', '80.24.25.10'],
  ['lax-a01.wlvpn.com', 'US', 'Los Angeles', '80.24.25.11'],
  ['ams-a01.wlvpn.com', 'NL', 'Amsterdam', '80.24.26.1'],
  ['fra-a01.wlvpn.com', 'DE', 'Frankfurt', '80.24.27.1'],
  ['lon-a01.wlvpn.com', 'GB', 'London', '80.24.28.1'],
  ['tyo-a01.wlvpn.com', 'JP', 'Tokyo', '80.24.29.1'],
  ['syd-a01.wlvpn.com', 'AU', 'Sydney', '80.24.30.1'],
  ['ist-a01.wlvpn.com', 'TR', 'Istanbul', '80.24.31.1'],
];

export function seedCustomers(emu: WlvpnState): void {
  emu.customers.clear();
  emu.nextId = 32749300;
  const rnd = emu.server.random;
  // Seeded dates start from the day (not the instant), so two emulators seeded the same day agree to the second.
  const now = Math.floor(emu.server.now() / DAY_MS) * DAY_MS;
  const statuses: WlStatusId[] = [1, 1, 1, 2, 3, 5];
  for (let i = 0; i < emu.accounts; i++) {
    const id = emu.nextId++;
    const status = statuses[i % statuses.length] as WlStatusId;
    const open = now - rnd.int(30, 900) * DAY_MS;
    const withPlan = i % 3 === 0;
    const plan = PLANS[i % PLANS.length] as WlPlan;
    emu.customers.set(id, {
      cust_id: id,
      cust_user_id: `account_${rnd.string(6)}${i}`,
      password: rnd.string(12),
      open_date: isoDate(open),
      close_date:
        status === 3
          ? isoDate(now - rnd.int(1, 20) * DAY_MS)
          : i % 5 === 0
            ? isoDate(now + rnd.int(10, 200) * DAY_MS)
            : ZERO_DATE,
      acct_status_id: status,
      acct_group_id: DEFAULT_GROUP,
      user_throttled: status === 5 || i % 11 === 0 ? 1 : 0,
      used_service: i % 7 === 6 ? 0 : 1,
      metadata: i % 2 === 0 ? { internal_account_id: `acct-${i}` } : {},
      plans: withPlan
        ? {
            // Current means current: a time plan started within its own interval, so it has not ended yet
            // (a plan that ended is spent — see advancePlans); a bandwidth plan runs from the open date.
            current: planItem(
              emu,
              plan,
              Math.floor(
                (plan.interval_days ? Math.max(open, now - ((i * 7) % plan.interval_days) * DAY_MS) : open) / 1000,
              ),
              'manual',
            ),
            pending: [],
            spent: [],
          }
        : null,
      limitations: [],
      tokens: 'valid',
      anonymised: false,
    });
  }
}

export function planItem(emu: WlvpnState, plan: WlPlan, startsAt: number, source: string): WlPlanInfoItem {
  const unlimited = plan.interval_days !== null;
  return {
    id: 730 + PLANS.indexOf(plan),
    is_unlimited: unlimited,
    code: plan.plan_code,
    name: plan.name,
    short_desc: plan.short_desc,
    source,
    purchase_id: emu.nextPurchase++,
    created_at: unlimited ? null : startsAt,
    starts_at: startsAt,
    expires_at: plan.interval_days ? startsAt + plan.interval_days * 86400 : null,
    bytes_used: unlimited ? null : 0,
    bytes_max: plan.bandwidth_mb !== null ? plan.bandwidth_mb * 1_048_576 : null,
    refilling_interval_days: plan.refilling_interval_days,
    is_revoked: false,
  };
}
