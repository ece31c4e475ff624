import type { ProviderError } from '../../domain/errors.js';
import { ProviderName } from '../../domain/provider.js';
import { registerSecret } from '../../lib/redact.js';
import { UpstreamHttp, type NetworkSettings, type UpstreamRequest } from '../http.js';
import { classifyFailure, type VrFailureBody as Answer } from './errors.js';
import type { VrStatus } from './rules.js';
import type {
  VrAccountJson,
  VrConfigFile,
  VrCreateAccountBody,
  VrCustomerBody,
  VrCustomerJson,
  VrPage,
  VrPageQuery,
  VrPortJson,
  VrProjectJson,
  VrServerJson,
} from './wire.js';

/** Typed client for every VPNresellers v4.1 endpoint (bearer token; `/un/accounts/show` with the VPN user's basic auth). */

export class VpnresellersClient {
  readonly http: UpstreamHttp;
  private readonly authorization: string;

  constructor(baseUrl: string, token: string, network: Partial<NetworkSettings> = {}) {
    this.http = new UpstreamHttp(ProviderName.VPNRESELLERS, baseUrl, network);
    registerSecret(token);
    this.authorization = `Bearer ${token}`;
  }

  private async call<T>(req: Omit<UpstreamRequest, 'headers'>, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.http.send({
      ...req,
      headers: { authorization: this.authorization, accept: 'application/json', ...headers },
    });
    const body = this.http.parseJson<T & Answer>(res, req.operation);
    if (res.status >= 400) throw this.failure(req.operation, res.status, body);
    return body;
  }

  /** 401/402/403/404/405/422/460/461 → stable codes (table in errors.ts); 422 keeps the first blamed field. */
  failure(operation: string, status: number, body: Answer): ProviderError {
    const { code, message, field, vendorCode } = classifyFailure(status, body);
    return this.http.error(operation, code, message, { status, vendorCode, ...(field ? { field } : {}) });
  }

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
      idempotent: true,
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
  listCustomers(q: VrPageQuery) {
    return this.call<VrPage<VrCustomerJson>>({
      operation: 'listCustomers',
      method: 'GET',
      path: 'v4_1/customers',
      searchParams: q,
      idempotent: true,
    });
  }
  createCustomer(body: VrCustomerBody) {
    return this.call<{ data: VrCustomerJson }>({
      operation: 'createCustomer',
      method: 'POST',
      path: 'v4_1/customers',
      json: body,
      idempotent: false,
    });
  }
  getCustomer(id: string) {
    return this.call<{ data: VrCustomerJson }>({
      operation: 'getCustomer',
      method: 'GET',
      path: `v4_1/customers/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  updateCustomer(id: string, body: { first_name?: string; last_name?: string; email?: string }) {
    return this.call<Answer>({
      operation: 'updateCustomer',
      method: 'PUT',
      path: `v4_1/customers/${encodeURIComponent(id)}`,
      json: body,
      idempotent: true,
    });
  }
  deleteCustomer(id: string) {
    return this.call<Answer>({
      operation: 'deleteCustomer',
      method: 'DELETE',
      path: `v4_1/customers/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  customerAccounts(id: string, q: VrPageQuery) {
    return this.call<VrPage<VrAccountJson>>({
      operation: 'listAccounts',
      method: 'GET',
      path: `v4_1/customers/${encodeURIComponent(id)}/accounts`,
      searchParams: q,
      idempotent: true,
    });
  }
  listProjects(q: VrPageQuery) {
    return this.call<VrPage<VrProjectJson>>({
      operation: 'listProjects',
      method: 'GET',
      path: 'v4_1/projects',
      searchParams: q,
      idempotent: true,
    });
  }
  createProject(body: { name: string; description: string }) {
    return this.call<{ data: VrProjectJson }>({
      operation: 'createProject',
      method: 'POST',
      path: 'v4_1/projects',
      json: body,
      idempotent: false,
    });
  }
  getProject(id: string) {
    return this.call<{ data: VrProjectJson }>({
      operation: 'getProject',
      method: 'GET',
      path: `v4_1/projects/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  updateProject(id: string, body: { name: string; description: string }) {
    return this.call<Answer>({
      operation: 'updateProject',
      method: 'PUT',
      path: `v4_1/projects/${encodeURIComponent(id)}`,
      json: body,
      idempotent: true,
    });
  }
  deleteProject(id: string) {
    return this.call<Answer>({
      operation: 'deleteProject',
      method: 'DELETE',
      path: `v4_1/projects/${encodeURIComponent(id)}`,
      idempotent: true,
    });
  }
  projectCustomers(id: string, q: VrPageQuery) {
    return this.call<VrPage<VrCustomerJson>>({
      operation: 'listCustomers',
      method: 'GET',
      path: `v4_1/projects/${encodeURIComponent(id)}/customers`,
      searchParams: q,
      idempotent: true,
    });
  }
  projectAccounts(id: string, q: VrPageQuery) {
    return this.call<VrPage<VrAccountJson>>({
      operation: 'listAccounts',
      method: 'GET',
      path: `v4_1/projects/${encodeURIComponent(id)}/accounts`,
      searchParams: q,
      idempotent: true,
    });
  }
}
