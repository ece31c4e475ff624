import { ErrorCode, type ProviderError } from '../../domain/errors.js';
import { ProviderName } from '../../domain/provider.js';
import { registerSecret } from '../../lib/redact.js';
import { UpstreamHttp, type NetworkSettings, type UpstreamRequest } from '../http.js';
import type { VrAccountJson, VrCustomerJson, VrPage, VrPortJson, VrProjectJson, VrServerJson } from './mapper.js';

/** Typed client for every VPNresellers v4.1 endpoint (bearer token; `/un/accounts/show` with the VPN user's basic auth). */

interface Answer {
  message?: string;
  errors?: Record<string, string[]>;
  code?: number;
}

const FIELD: Record<string, string> = {
  username: 'username',
  password: 'password',
  expire_at: 'date',
  email: 'email',
  first_name: 'firstName',
  last_name: 'lastName',
  project_id: 'projectId',
  name: 'name',
  description: 'description',
  customer: 'customerId',
  project: 'projectId',
};

export class VpnresellersClient {
  readonly http: UpstreamHttp;
  private readonly authorization: string;

  constructor(baseUrl: string, token: string, network: Partial<NetworkSettings> = {}) {
    this.http = new UpstreamHttp(ProviderName.VPNRESELLERS, baseUrl, network);
    registerSecret(token);
    this.authorization = `Bearer ${token}`;
  }

  private async call<T>(req: Omit<UpstreamRequest, 'headers'>, headers: Record<string, string> = {}): Promise<T> {
    const res = await this.http.send({ ...req, headers: { authorization: this.authorization, accept: 'application/json', ...headers } });
    const body = this.http.parseJson<T & Answer>(res, req.operation);
    if (res.status >= 400) throw this.failure(req.operation, res.status, body);
    return body;
  }

  /** 401/402/403/404/405/422/460/461 → stable codes; 422 keeps the first blamed field. */
  failure(operation: string, status: number, body: Answer): ProviderError {
    const firstKey = body.errors ? Object.keys(body.errors)[0] : undefined;
    const detail = firstKey ? body.errors?.[firstKey]?.[0] : undefined;
    const message = `VPNresellers: ${(detail ?? body.message ?? `HTTP ${status}`).slice(0, 200)}`;
    const code =
      status === 401 || status === 403 ? ErrorCode.UNAUTHENTICATED_UPSTREAM
      : status === 402 ? ErrorCode.INSUFFICIENT_BALANCE
      : status === 404 || status === 460 ? ErrorCode.NOT_FOUND
      : status === 422 && detail && /already been taken|Unable to delete/i.test(detail) ? ErrorCode.CONFLICT
      : ErrorCode.VALIDATION;
    const field = firstKey ? (FIELD[firstKey.replace(/^customer\./, '')] ?? firstKey) : undefined;
    return this.http.error(operation, code, message, { status, vendorCode: String(body.code ?? status), ...(field ? { field } : {}) });
  }

  checkUsername(username: string) {
    return this.call<Answer>({ operation: 'checkUsername', method: 'GET', path: 'v4_1/accounts/check_username', searchParams: { username }, idempotent: true });
  }
  listAccounts(q: { page: number; per_page: number; status?: 'Active' | 'Disabled' }) {
    return this.call<VrPage<VrAccountJson>>({ operation: 'listAccounts', method: 'GET', path: 'v4_1/accounts', searchParams: q, idempotent: true });
  }
  createAccount(body: { username: string; password: string; customer?: { customer_id: number } | { first_name: string; last_name: string; email: string; project_id: number } }) {
    registerSecret(body.password);
    return this.call<{ data: VrAccountJson }>({ operation: 'createAccount', method: 'POST', path: 'v4_1/accounts', json: body, idempotent: false });
  }
  getAccount(id: string) {
    return this.call<{ data: VrAccountJson }>({ operation: 'getAccount', method: 'GET', path: `v4_1/accounts/${encodeURIComponent(id)}`, idempotent: true });
  }
  deleteAccount(id: string) {
    return this.call<Answer>({ operation: 'deleteAccount', method: 'DELETE', path: `v4_1/accounts/${encodeURIComponent(id)}`, idempotent: true });
  }
  enable(id: string) {
    return this.call<{ data: VrAccountJson }>({ operation: 'enableAccount', method: 'PUT', path: `v4_1/accounts/${encodeURIComponent(id)}/enable`, idempotent: true });
  }
  disable(id: string) {
    return this.call<{ data: VrAccountJson }>({ operation: 'disableAccount', method: 'PUT', path: `v4_1/accounts/${encodeURIComponent(id)}/disable`, idempotent: true });
  }
  changePassword(id: string, password: string) {
    registerSecret(password);
    return this.call<{ data: VrAccountJson }>({ operation: 'changePassword', method: 'PUT', path: `v4_1/accounts/${encodeURIComponent(id)}/change_password`, json: { password }, idempotent: true });
  }
  expire(id: string, expireAt: string | null, operation = 'expireAccount') {
    return this.call<{ data: VrAccountJson }>({ operation, method: 'PUT', path: `v4_1/accounts/${encodeURIComponent(id)}/expire`, json: { expire_at: expireAt }, idempotent: operation !== 'renewAccount' });
  }
  validate(id: string, username: string, password: string) {
    registerSecret(password);
    return this.call<{ id: number; success: boolean; message: string }>({ operation: 'validateAccount', method: 'POST', path: `v4_1/accounts/${encodeURIComponent(id)}/validate`, json: { username, password }, idempotent: true });
  }
  enableByUsername(username: string) {
    return this.call<{ data: VrAccountJson }>({ operation: 'enableAccount', method: 'PUT', path: 'v4_1/un/accounts/enable', json: { username }, idempotent: true });
  }
  disableByUsername(username: string) {
    return this.call<{ data: VrAccountJson }>({ operation: 'disableAccount', method: 'PUT', path: 'v4_1/un/accounts/disable', json: { username }, idempotent: true });
  }
  changePasswordByUsername(username: string, password: string) {
    registerSecret(password);
    return this.call<{ data: VrAccountJson }>({ operation: 'changePassword', method: 'PUT', path: 'v4_1/un/accounts/change_password', json: { username, password }, idempotent: true });
  }
  /** Uses the VPN user's own credentials (Basic), not the reseller token. */
  async showAsUser(username: string, password: string) {
    registerSecret(password);
    const basic = Buffer.from(`${username}:${password}`).toString('base64');
    registerSecret(basic);
    const res = await this.http.send({ operation: 'getAccountAsUser', method: 'GET', path: 'v4_1/un/accounts/show', searchParams: { username }, headers: { authorization: `Basic ${basic}`, accept: 'application/json' }, idempotent: true });
    const body = this.http.parseJson<{ data: VrAccountJson } & Answer>(res, 'getAccountAsUser');
    if (res.status >= 400) throw this.failure('getAccountAsUser', res.status, body);
    return body;
  }
  openvpn(serverId: string, portId: string) {
    return this.call<{ data: { content: string; name: string } }>({ operation: 'getConnectionConfigs', method: 'GET', path: 'v4_1/configuration/openvpn', searchParams: { server_id: serverId, port_id: portId }, idempotent: true });
  }
  wireguard(serverId: string, accountId: string) {
    return this.call<{ data: { content: string; name: string } }>({ operation: 'getConnectionConfigs', method: 'GET', path: 'v4_1/configuration/wireguard', searchParams: { server_id: serverId, account_id: accountId }, idempotent: true });
  }
  geoip() {
    return this.call<{ data: { ip: string; country: string; iso_code: string; city: string; lat: number; lon: number; continent: string } }>({ operation: 'geoip', method: 'GET', path: 'v4_1/geoip', idempotent: true });
  }
  servers() {
    return this.call<{ data: VrServerJson[] }>({ operation: 'listServers', method: 'GET', path: 'v4_1/servers', idempotent: true });
  }
  ports() {
    return this.call<{ data: VrPortJson[] }>({ operation: 'listServers', method: 'GET', path: 'v4_1/ports', idempotent: true });
  }
  profile() {
    return this.call<{ data: { balance: string } }>({ operation: 'profile', method: 'GET', path: 'v4_1/profile', idempotent: true });
  }
  listCustomers(q: { page: number; per_page: number }) {
    return this.call<VrPage<VrCustomerJson>>({ operation: 'listCustomers', method: 'GET', path: 'v4_1/customers', searchParams: q, idempotent: true });
  }
  createCustomer(body: { first_name: string; last_name: string; email: string; project_id: number }) {
    return this.call<{ data: VrCustomerJson }>({ operation: 'createCustomer', method: 'POST', path: 'v4_1/customers', json: body, idempotent: false });
  }
  getCustomer(id: string) {
    return this.call<{ data: VrCustomerJson }>({ operation: 'getCustomer', method: 'GET', path: `v4_1/customers/${encodeURIComponent(id)}`, idempotent: true });
  }
  updateCustomer(id: string, body: { first_name?: string; last_name?: string; email?: string }) {
    return this.call<Answer>({ operation: 'updateCustomer', method: 'PUT', path: `v4_1/customers/${encodeURIComponent(id)}`, json: body, idempotent: true });
  }
  deleteCustomer(id: string) {
    return this.call<Answer>({ operation: 'deleteCustomer', method: 'DELETE', path: `v4_1/customers/${encodeURIComponent(id)}`, idempotent: true });
  }
  customerAccounts(id: string, q: { page: number; per_page: number }) {
    return this.call<VrPage<VrAccountJson>>({ operation: 'listAccounts', method: 'GET', path: `v4_1/customers/${encodeURIComponent(id)}/accounts`, searchParams: q, idempotent: true });
  }
  listProjects(q: { page: number; per_page: number }) {
    return this.call<VrPage<VrProjectJson>>({ operation: 'listProjects', method: 'GET', path: 'v4_1/projects', searchParams: q, idempotent: true });
  }
  createProject(body: { name: string; description: string }) {
    return this.call<{ data: VrProjectJson }>({ operation: 'createProject', method: 'POST', path: 'v4_1/projects', json: body, idempotent: false });
  }
  getProject(id: string) {
    return this.call<{ data: VrProjectJson }>({ operation: 'getProject', method: 'GET', path: `v4_1/projects/${encodeURIComponent(id)}`, idempotent: true });
  }
  updateProject(id: string, body: { name: string; description: string }) {
    return this.call<Answer>({ operation: 'updateProject', method: 'PUT', path: `v4_1/projects/${encodeURIComponent(id)}`, json: body, idempotent: true });
  }
  deleteProject(id: string) {
    return this.call<Answer>({ operation: 'deleteProject', method: 'DELETE', path: `v4_1/projects/${encodeURIComponent(id)}`, idempotent: true });
  }
  projectCustomers(id: string, q: { page: number; per_page: number }) {
    return this.call<VrPage<VrCustomerJson>>({ operation: 'listCustomers', method: 'GET', path: `v4_1/projects/${encodeURIComponent(id)}/customers`, searchParams: q, idempotent: true });
  }
  projectAccounts(id: string, q: { page: number; per_page: number }) {
    return this.call<VrPage<VrAccountJson>>({ operation: 'listAccounts', method: 'GET', path: `v4_1/projects/${encodeURIComponent(id)}/accounts`, searchParams: q, idempotent: true });
  }
}
