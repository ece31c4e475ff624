import { randomBytes } from 'node:crypto';
import { DAY_MS, field, textField } from '../../../sandbox/http-helpers.js';
import { type EmuRequest, type EmuResponse } from '../../../sandbox/types.js';
import {
  PLATFORMS,
  RENEW_WINDOW_DAYS,
  USERNAME_RULE,
  isSubscription,
  passwordOk as policy,
  periodOk,
  purewlDate,
} from '../rules.js';
import {
  COUNTRIES,
  PROTOCOLS,
  PUREWL_SANDBOX_SECRET,
  RESELLER_ID,
  envelope,
  type PurewlAccount,
  type PurewlState,
} from './data.js';

/** PureWL emulator: the routes (access token, accounts, inventory). */

export function routes(emu: PurewlState): void {
  const s = emu.server;
  s.route('POST', '/auth/v1/accessToken', (req) => {
    if (field(req.body, 'secretKey') !== PUREWL_SANDBOX_SECRET || field(req.body, 'grantType') !== 'secret') {
      return envelope(1002, 'Invalid secret key or grant type', {}, 200);
    }
    const token = randomBytes(24).toString('hex');
    emu.tokens.set(token, emu.server.now() + emu.tokenLifetimeSeconds * 1000);
    return envelope(1, 'Access token generated successfully', {
      accessToken: token,
      expiry: emu.tokenLifetimeSeconds,
      resellerId: RESELLER_ID,
    });
  });
  const authed =
    (h: (req: EmuRequest) => EmuResponse) =>
    (req: EmuRequest): EmuResponse => {
      const token = req.headers['x-accesstoken'];
      const expires = typeof token === 'string' ? emu.tokens.get(token) : undefined;
      if (expires === undefined || expires <= emu.server.now())
        return envelope(401, 'Access token is invalid or expired', {}, 401);
      return h(req);
    };
  const withAccount = (h: (a: PurewlAccount, req: EmuRequest) => EmuResponse, failCode: number, failMessage: string) =>
    authed((req) => {
      const name = textField(req.body, 'vpnUsername') ?? req.query.get('vpnUsername') ?? '';
      if (!name) return envelope(failCode, failMessage);
      const a = emu.accounts.get(name);
      return a ? h(a, req) : envelope(11001, 'The provided username is not valid for this reseller');
    });

  s.route(
    'POST',
    '/vam/v3/create',
    authed((req) => {
      const uuid = field(req.body, 'uuid');
      const period = Number(field(req.body, 'period'));
      if (typeof uuid !== 'string' || uuid.length === 0) return envelope(11001, 'The uuid field is required');
      if (!periodOk(period)) return envelope(11001, 'The period must be between 1 and 3700 days');
      const requested = field(req.body, 'vpnUsername');
      if (requested !== undefined && (typeof requested !== 'string' || !USERNAME_RULE.test(requested))) {
        return envelope(11001, 'The vpnUsername may have at most 20 letters and digits');
      }
      if (typeof requested === 'string' && emu.accounts.has(requested))
        return envelope(11001, 'The vpnUsername has already been taken');
      const password = field(req.body, 'vpnPassword');
      if (password !== undefined && !policy(password))
        return envelope(2057, 'The password must be 12-32 characters with upper case, lower case and digits');
      const a = emu.add(
        uuid,
        period,
        typeof requested === 'string' ? requested : undefined,
        typeof password === 'string' ? password : undefined,
      );
      return envelope(1, 'VPN account has been created successfully', {
        vpnUsername: a.vpnUsername,
        vpnPassword: a.vpnPassword,
        expiry: purewlDate(a.expiry),
      });
    }),
  );
  s.route(
    'POST',
    '/vam/v2/generate',
    authed((req) => {
      const uuid = field(req.body, 'uuid');
      const period = Number(field(req.body, 'period'));
      if (typeof uuid !== 'string' || uuid.length === 0) return envelope(11001, 'The uuid field is required');
      if (!periodOk(period)) return envelope(11001, 'The period must be between 1 and 3700 days');
      const existing = [...emu.accounts.values()].find((a) => a.uuid === uuid);
      const a = existing ?? emu.add(uuid, period);
      return envelope(1, 'VPN account has been generated successfully', {
        vpnUsername: a.vpnUsername,
        vpnPassword: a.vpnPassword,
        expiry: purewlDate(a.expiry),
      });
    }),
  );
  s.route(
    'POST',
    '/vam/v2/renew',
    withAccount(
      (a, req) => {
        const period = Number(field(req.body, 'period'));
        if (!periodOk(period)) return envelope(11001, 'The period must be between 1 and 3700 days');
        if (a.expiry - emu.server.now() > RENEW_WINDOW_DAYS * DAY_MS)
          return envelope(100010, 'The VPN account can only be renewed within 10 days of its expiry');
        a.expiry = Math.max(a.expiry, emu.server.now()) + period * DAY_MS;
        return envelope(1, 'VPN account has been renewed successfully', {
          vpnUsername: a.vpnUsername,
          expiry: purewlDate(a.expiry),
        });
      },
      1101,
      'There is some problem in renewing vpn account',
    ),
  );
  s.route(
    'PUT',
    '/vam/v2/extend',
    withAccount(
      (a, req) => {
        const date = textField(req.body, 'extensionDate') ?? '';
        const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(date);
        const ms = m ? Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1])) : NaN;
        if (!m || Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(m[1]))
          return envelope(11001, 'The extension date does not match the format (DD-MM-YYYY).');
        const days = Math.round((ms - a.expiry) / DAY_MS);
        a.expiry = ms;
        return envelope(1, 'VPN account has been extended successfully', {
          vpnUsername: a.vpnUsername,
          extendedForDays: String(days),
        });
      },
      1601,
      'There is some problem in extending vpn account',
    ),
  );
  s.route(
    'PUT',
    '/vam/v2/enable',
    withAccount(
      (a) => {
        a.enabled = true;
        return envelope(1, 'VPN account has been enabled successfully', {
          vpnUsername: a.vpnUsername,
          status: emu.statusOf(a),
        });
      },
      1401,
      'There is some problem in enabling vpn account',
    ),
  );
  s.route(
    'PUT',
    '/vam/v2/disable',
    withAccount(
      (a) => {
        a.enabled = false;
        return envelope(1, 'VPN account has been disabled successfully', {
          vpnUsername: a.vpnUsername,
          status: emu.statusOf(a),
        });
      },
      1501,
      'There is some problem in disabling vpn account',
    ),
  );
  s.route(
    'GET',
    '/vam/v2/status',
    withAccount(
      (a) =>
        envelope(1, 'VPN account status fetched successfully', {
          vpnUsername: a.vpnUsername,
          status: emu.statusOf(a),
        }),
      1001,
      'There is some problem in fetching vpn account status',
    ),
  );
  s.route(
    'PUT',
    '/vam/v2/changePassword',
    withAccount(
      (a, req) => {
        const next = field(req.body, 'newPassword');
        if (next !== field(req.body, 'confirmNewPassword'))
          return envelope(1801, 'The new password and its confirmation do not match');
        if (!policy(next))
          return envelope(2057, 'The password must be 12-32 characters with upper case, lower case and digits');
        a.vpnPassword = String(next);
        return envelope(1, 'VPN account password has been changed successfully', { vpnUsername: a.vpnUsername });
      },
      1801,
      'There is some problem in changing vpn account password',
    ),
  );
  s.route(
    'DELETE',
    '/vam/v2/delete',
    withAccount(
      (a) => {
        emu.accounts.delete(a.vpnUsername);
        return envelope(1, 'VPN account has been deleted successfully', { vpnUsername: a.vpnUsername });
      },
      1301,
      'There is some problem in deleting vpn account',
    ),
  );
  s.route(
    'PUT',
    '/vam/v1/user/subscription',
    withAccount(
      (a, req) => {
        const type = field(req.body, 'subscriptionType');
        if (!isSubscription(type)) return envelope(11001, 'The subscriptionType must be trial, paid or freemium');
        a.subscriptionType = type;
        return envelope(1, 'Subscription type has been updated successfully', {
          vpnUsername: a.vpnUsername,
          subscriptionType: type,
        });
      },
      11001,
      'The vpnUsername field is required',
    ),
  );
  for (const kind of ['countries', 'cities', 'protocols'] as const) {
    s.route(
      'GET',
      `/inventory/v3/${kind}/:platform`,
      authed((req) => {
        if (!(PLATFORMS as readonly string[]).includes(req.params.platform ?? ''))
          return envelope(11001, 'The platform must be android, ios, mac or windows');
        const body =
          kind === 'countries'
            ? { countries: COUNTRIES.map((c) => ({ id: c.id, name: c.name, code: c.code, protocols: PROTOCOLS })) }
            : kind === 'cities'
              ? {
                  cities: COUNTRIES.flatMap((c) =>
                    c.cities.map((city, i) => ({
                      id: c.id * 100 + i,
                      name: city,
                      country_code: c.code,
                      country_name: c.name,
                    })),
                  ),
                }
              : { protocols: PROTOCOLS.map((p, i) => ({ id: i + 1, name: p })) };
        return envelope(1, 'Inventory fetched successfully', body);
      }),
    );
  }
}
