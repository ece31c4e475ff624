import { basicAuth, bearerToken, field } from '../../../sandbox/http-helpers.js';
import { type EmuRequest, type EmuResponse } from '../../../sandbox/types.js';
import { USERNAME_RULE as USERNAME, passwordProblem } from '../rules.js';
import { PORTS, SERVERS, VPNRESELLERS_SANDBOX_TOKEN, type VrAccount } from './data.js';
import type { VpnresellersState } from './data.js';
import { configAnswer, createAccount, invalid, std } from './writes.js';
import { organisationRoutes } from './org-routes.js';

/** VPNresellers emulator: the routes (accounts, configuration, catalog; customers and projects in org-routes.ts). */

export function routes(emu: VpnresellersState): void {
  const s = emu.server;
  const bearer =
    (h: (req: EmuRequest) => EmuResponse) =>
    (req: EmuRequest): EmuResponse =>
      bearerToken(req.headers) === VPNRESELLERS_SANDBOX_TOKEN ? h(req) : std(401);
  const account = (h: (a: VrAccount, req: EmuRequest) => EmuResponse) =>
    bearer((req) => {
      const a = emu.accounts.get(Number(req.params.account));
      return a ? h(a, req) : std(404);
    });
  const data = (a: VrAccount, code = 200): EmuResponse => ({ status: code, json: { data: emu.view(a), code } });
  const touch = (a: VrAccount) => {
    a.updated = emu.stamp(emu.server.now());
  };
  // The writes the vendor serves twice, by account id and by username (`/v4_1/un/accounts/...`).
  const setStatus =
    (status: VrAccount['status']) =>
    (a: VrAccount): EmuResponse => {
      a.status = status;
      touch(a);
      return data(a);
    };
  const changePassword = (a: VrAccount, req: EmuRequest): EmuResponse => {
    const problem = passwordProblem(field(req.body, 'password'));
    if (problem) return invalid({ password: [problem] });
    a.password = String(field(req.body, 'password'));
    touch(a);
    return data(a);
  };

  s.route(
    'GET',
    '/v4_1/accounts/check_username',
    bearer((req) => {
      const username = req.query.get('username');
      if (!username) return invalid({ username: ['The username field is required.'] });
      if (!USERNAME.test(username))
        return invalid({ username: ['The username format is invalid.'] }, 'The given data was invalid.');
      if ([...emu.accounts.values()].some((a) => a.username === username))
        return invalid({ username: ['The username has already been taken.'] }, 'The username has already been taken.');
      return { status: 200, json: { message: 'The username checking was successfully.', code: 200 } };
    }),
  );
  s.route(
    'GET',
    '/v4_1/accounts',
    bearer((req) => {
      const status = req.query.get('status');
      if (status !== null && status !== 'Active' && status !== 'Disabled') return std(400);
      return emu.paginate(
        req,
        [...emu.accounts.values()].filter((a) => !status || a.status === status).map((a) => emu.view(a)),
      );
    }),
  );
  s.route(
    'POST',
    '/v4_1/accounts',
    bearer((req) => createAccount(emu, req)),
  );
  for (const pattern of ['/v4_1/accounts/:account', '/v4_1/:account/show'])
    s.route(
      'GET',
      pattern,
      account((a) => data(a)),
    );
  s.route(
    'DELETE',
    '/v4_1/accounts/:account',
    account((a) => {
      emu.accounts.delete(a.id);
      return { status: 200, json: { code: 200 } };
    }),
  );
  s.route('PUT', '/v4_1/accounts/:account/enable', account(setStatus('Active')));
  for (const pattern of ['/v4_1/accounts/:account/disable', '/v4_1/:account/disable'])
    s.route('PUT', pattern, account(setStatus('Disabled')));
  s.route('PUT', '/v4_1/accounts/:account/change_password', account(changePassword));
  s.route(
    'PUT',
    '/v4_1/accounts/:account/expire',
    account((a, req) => {
      const value = field(req.body, 'expire_at');
      if (
        value !== null &&
        value !== undefined &&
        (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
      ) {
        return invalid({ expire_at: ['The expire at does not match the format Y-m-d.'] });
      }
      a.expired_at = value ? `${value}T00:00:00.000000Z` : null;
      touch(a);
      return data(a);
    }),
  );
  s.route(
    'POST',
    '/v4_1/accounts/:account/validate',
    bearer((req) => {
      const username = field(req.body, 'username');
      const password = field(req.body, 'password');
      if (!username) return invalid({ username: ['The username field is required.'] });
      if (!password) return invalid({ password: ['The password field is required.'] });
      const a = [...emu.accounts.values()].find((x) => x.username === username);
      if (!a) return { status: 460, json: { message: 'Username has not been found.', code: 460 } };
      if (a.password !== password)
        return { status: 461, json: { message: 'Username has not been validated.', code: 461 } };
      return {
        status: 200,
        json: { id: a.id, success: true, message: 'Username has been successfully validated.', code: 200 },
      };
    }),
  );
  const byUsername = (h: (a: VrAccount, req: EmuRequest) => EmuResponse) =>
    bearer((req) => {
      const a = [...emu.accounts.values()].find((x) => x.username === field(req.body, 'username'));
      return a ? h(a, req) : std(404);
    });
  s.route('PUT', '/v4_1/un/accounts/enable', byUsername(setStatus('Active')));
  s.route('PUT', '/v4_1/un/accounts/disable', byUsername(setStatus('Disabled')));
  s.route('PUT', '/v4_1/un/accounts/change_password', byUsername(changePassword));
  s.route('GET', '/v4_1/un/accounts/show', (req) => {
    const auth = basicAuth(req.headers);
    const a = [...emu.accounts.values()].find((x) => x.username === req.query.get('username'));
    if (!auth) return std(401);
    if (!a) return std(404);
    if (auth.user !== a.username || auth.password !== a.password) return std(401);
    return data(a);
  });
  s.route(
    'GET',
    '/v4_1/configuration/openvpn',
    bearer((req) => {
      const server = SERVERS.find((x) => String(x.id) === req.query.get('server_id'));
      const port = PORTS.find((x) => String(x.id) === req.query.get('port_id'));
      const errors: Record<string, string[]> = {};
      if (!req.query.get('server_id')) errors.server_id = ['The server id field is required.'];
      else if (!server) errors.server_id = ['The selected server id is invalid.'];
      if (!req.query.get('port_id')) errors.port_id = ['The port id field is required.'];
      else if (!port) errors.port_id = ['The selected port id is invalid.'];
      if (!server || !port) return invalid(errors);
      const content = `client\ndev tun\nremote ${server.name}\nport ${port.number}\nproto ${port.protocol}\npersist-key\npersist-tun\nauth-user-pass\nnobind\nauth SHA256\ncipher AES-256-CBC\n\n<ca>\n-----BEGIN CERTIFICATE-----\nMIIE3zCCA8egAwIBAgIJAKJYeXSXJzkN\n-----END CERTIFICATE-----\n</ca>`;
      const name = `${server.country_code}-${port.number}.ovpn`;
      return configAnswer(req, content, name);
    }),
  );
  s.route(
    'GET',
    '/v4_1/configuration/wireguard',
    bearer((req) => {
      const server = SERVERS.find((x) => String(x.id) === req.query.get('server_id'));
      const a = emu.accounts.get(Number(req.query.get('account_id')));
      const errors: Record<string, string[]> = {};
      if (!req.query.get('server_id')) errors.server_id = ['The server id field is required.'];
      else if (!server) errors.server_id = ['The selected server id is invalid.'];
      if (!req.query.get('account_id')) errors.account_id = ['The account id field is required.'];
      else if (!a) errors.account_id = ['The selected account id is invalid.'];
      if (!server || !a) return invalid(errors);
      const content = `[Interface]\nPrivateKey = ${a.wg_private_key}\nAddress = ${a.wg_ip}\nDNS = 172.16.0.1\n\n[Peer]\nPublicKey = WxwZf+b2RTA0ixXq/j6z9oVdnS75HxXDVadM1nC36BY=\nAllowedIPs = 0.0.0.0/0,::/0\nEndpoint = ${server.name}:55888\n`;
      return configAnswer(req, content, 'wg0.conf');
    }),
  );
  s.route('GET', '/v4_1/geoip', (req) => ({
    status: 200,
    json: {
      data: {
        ip: req.remoteAddress.replace('::ffff:', ''),
        country: 'United States',
        iso_code: 'US',
        city: 'New Haven',
        lat: 41.31,
        lon: -72.92,
        continent: 'NA',
      },
      code: 200,
    },
  }));
  s.route(
    'GET',
    '/v4_1/servers',
    bearer(() => ({ status: 200, json: { data: SERVERS } })),
  );
  s.route(
    'GET',
    '/v4_1/ports',
    bearer(() => ({ status: 200, json: { data: PORTS, code: 200 } })),
  );
  s.route(
    'GET',
    '/v4_1/profile',
    bearer(() => ({ status: 200, json: { data: { balance: emu.balance.toFixed(2) }, code: 200 } })),
  );

  organisationRoutes(emu, bearer);
}
