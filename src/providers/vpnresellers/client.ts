import type { VrFailureBody as Answer } from './errors.js';
import { VpnresellersOrgClient } from './client-org.js';
import type { VrStatus } from './rules.js';
import type {
  VrAccountJson,
  VrConfigFile,
  VrCreateAccountBody,
  VrPage,
  VrPageQuery,
  VrPortJson,
  VrServerJson,
} from './wire.js';

/**
 * Typed client for every VPNresellers v4.1 endpoint (bearer token; `/un/accounts/show` with the VPN user's basic auth).
 * Transport in client-base.ts, customer and project endpoints in client-org.ts; accounts, configuration and catalog here.
 */

export class VpnresellersClient extends VpnresellersOrgClient {
  checkUsername(username: string) {
    return this.call<Answer>({
      operation: 'checkUsername',
      method: 'GET',
      path: 'v4_1/accounts/check_username',
      searchParams: { username },
      idempotent: true,
    });
  }
  listAccounts(q: VrPageQuery & { status?: VrStatus }) {
    return this.call<VrPage<VrAccountJson>>({
      operation: 'listAccounts',
      method: 'GET',
      path: 'v4_1/accounts',
      searchParams: q,
      idempotent: true,
    });
  }
  createAccount(body: VrCreateAccountBody) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'createAccount',
      method: 'POST',
      path: 'v4_1/accounts',
      json: body,
      idempotent: false,
    });
  }
  getAccount(id: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'getAccount',
      method: 'GET',
      path: `v4_1/accounts/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  deleteAccount(id: string) {
    return this.call<Answer>({
      operation: 'deleteAccount',
      method: 'DELETE',
      path: `v4_1/accounts/${encodeURIComponent(id)}`,
      // Not idempotent at the vendor: a second one answers "not found", so it is never resent blindly
      // (reconciliation reads whether the account is gone).
      idempotent: false,
    });
  }
  enable(id: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'enableAccount',
      method: 'PUT',
      path: `v4_1/accounts/${encodeURIComponent(id)}/enable`,
      idempotent: true,
    });
  }
  disable(id: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'disableAccount',
      method: 'PUT',
      path: `v4_1/accounts/${encodeURIComponent(id)}/disable`,
      idempotent: true,
    });
  }
  changePassword(id: string, password: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'changePassword',
      method: 'PUT',
      path: `v4_1/accounts/${encodeURIComponent(id)}/change_password`,
      json: { password },
      idempotent: true,
    });
  }
  expire(id: string, expireAt: string | null, operation = 'expireAccount') {
    return this.call<{ data: VrAccountJson }>({
      operation,
      method: 'PUT',
      path: `v4_1/accounts/${encodeURIComponent(id)}/expire`,
      json: { expire_at: expireAt },
      idempotent: operation !== 'renewAccount',
    });
  }
  validate(id: string, username: string, password: string) {
    return this.call<{ id: number; success: boolean; message: string }>({
      operation: 'validateAccount',
      method: 'POST',
      path: `v4_1/accounts/${encodeURIComponent(id)}/validate`,
      json: { username, password },
      idempotent: true,
    });
  }
  enableByUsername(username: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'enableAccount',
      method: 'PUT',
      path: 'v4_1/un/accounts/enable',
      json: { username },
      idempotent: true,
    });
  }
  disableByUsername(username: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'disableAccount',
      method: 'PUT',
      path: 'v4_1/un/accounts/disable',
      json: { username },
      idempotent: true,
    });
  }
  changePasswordByUsername(username: string, password: string) {
    return this.call<{ data: VrAccountJson }>({
      operation: 'changePassword',
      method: 'PUT',
      path: 'v4_1/un/accounts/change_password',
      json: { username, password },
      idempotent: true,
    });
  }
  /** Uses the VPN user's own credentials (Basic), not the reseller token. */
  async showAsUser(username: string, password: string) {
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    const res = await this.http.send({
      operation: 'getAccountAsUser',
      method: 'GET',
      path: 'v4_1/un/accounts/show',
      searchParams: { username },
      headers: { authorization: `Basic ${basic}`, accept: 'application/json' },
      idempotent: true,
    });
    const body = this.http.parseJson<{ data: VrAccountJson } & Answer>(res, 'getAccountAsUser');
    if (res.status >= 400) throw this.failure('getAccountAsUser', res.status, body);
    return body;
  }
  openvpn(serverId: string, portId: string) {
    return this.call<{ data: VrConfigFile }>({
      operation: 'getConnectionConfigs',
      method: 'GET',
      path: 'v4_1/configuration/openvpn',
      searchParams: { server_id: serverId, port_id: portId },
      idempotent: true,
    });
  }
  wireguard(serverId: string, accountId: string) {
    return this.call<{ data: VrConfigFile }>({
      operation: 'getConnectionConfigs',
      method: 'GET',
      path: 'v4_1/configuration/wireguard',
      searchParams: { server_id: serverId, account_id: accountId },
      idempotent: true,
    });
  }
  geoip() {
    return this.call<{
      data: {
        ip: string;
        country: string;
        iso_code: string;
        city: string;
        lat: number;
        lon: number;
        continent: string;
      };
    }>({ operation: 'geoip', method: 'GET', path: 'v4_1/geoip', idempotent: true });
  }
  servers() {
    return this.call<{ data: VrServerJson[] }>({
      operation: 'listServers',
      method: 'GET',
      path: 'v4_1/servers',
      idempotent: true,
    });
  }
  ports() {
    return this.call<{ data: VrPortJson[] }>({
      operation: 'listServers',
      method: 'GET',
      path: 'v4_1/ports',
      idempotent: true,
    });
  }
  profile() {
    return this.call<{ data: { balance: string } }>({
      operation: 'profile',
      method: 'GET',
      path: 'v4_1/profile',
      idempotent: true,
    });
  }
}
