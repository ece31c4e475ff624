import type { ProviderError } from '../../domain/errors.js';
import { forgetSecret, registerSecret } from '../../lib/redact.js';
import { UpstreamHttp } from '../http.js';
import { type NetworkSettings, type UpstreamRequest } from '../http-settings.js';
import { classifyFailure } from './errors.js';
import type {
  PwChangePasswordBody,
  PwCity,
  PwCountry,
  PwCreateBody,
  PwCreatedBody,
  PwEnvelope,
  PwProtocol,
  PwStatusBody,
  PwSubscriptionType,
  PwTokenBody,
  PwTokenRequest,
} from './wire.js';
import { PUREWL } from './name.js';

/**
 * Typed client for PureWL's VAM API. The access token is fetched once, cached until shortly before its
 * `expiry`, refreshed single-flight (concurrent callers share one token request), and refreshed once more
 * when a call answers that the token is invalid/expired.
 */

const TOKEN_MARGIN_MS = 30_000;

export class PurewlClient {
  readonly http: UpstreamHttp;
  private token: { value: string; expires: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    baseUrl: string,
    private readonly secretKey: string,
    network: Partial<NetworkSettings> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.http = new UpstreamHttp(PUREWL, baseUrl, network);
    registerSecret(secretKey);
  }

  /** Current token, fetching one (single-flight) when none is cached or it is about to expire. */
  accessToken(force = false): Promise<string> {
    if (!force && this.token && this.token.expires - TOKEN_MARGIN_MS > this.now())
      return Promise.resolve(this.token.value);
    if (this.pending) return this.pending;
    this.pending = (async () => {
      try {
        const res = await this.http.send({
          operation: 'accessToken',
          method: 'POST',
          path: 'auth/v1/accessToken',
          json: { secretKey: this.secretKey, grantType: 'secret' } satisfies PwTokenRequest,
          idempotent: true,
        });
        const env = this.http.parseJson<PwEnvelope<PwTokenBody>>(res, 'accessToken');
        if (env.header?.response_code !== 1 || !env.body?.accessToken)
          throw this.failure('accessToken', env.header?.response_code ?? res.status, env.header?.message);
        // The vendor's token is a secret of this process: it replaces the previous one (the set stays small).
        if (this.token) forgetSecret(this.token.value);
        registerSecret(env.body.accessToken);
        this.token = { value: env.body.accessToken, expires: this.now() + (env.body.expiry ?? 3600) * 1000 };
        return env.body.accessToken;
      } finally {
        this.pending = null;
      }
    })();
    return this.pending;
  }

  private async call<B>(req: Omit<UpstreamRequest, 'headers'>, retried = false): Promise<B> {
    const token = await this.accessToken();
    const res = await this.http.send({ ...req, headers: { 'x-accesstoken': token, accept: 'application/json' } });
    const env = this.http.parseJson<PwEnvelope<B>>(res, req.operation);
    const code = env.header?.response_code;
    if (code === 401 || res.status === 401) {
      if (!retried) {
        this.token = null;
        await this.accessToken(true);
        return this.call<B>(req, true);
      }
    }
    if (code !== 1) throw this.failure(req.operation, code ?? res.status, env.header?.message);
    return env.body;
  }

  failure(operation: string, code: number, message: string | undefined): ProviderError {
    const { code: stable, message: text, field } = classifyFailure(code, message);
    return this.http.error(operation, stable, text, { vendorCode: String(code), ...(field ? { field } : {}) });
  }

  create(body: PwCreateBody) {
    return this.call<PwCreatedBody>({
      operation: 'createAccount',
      method: 'POST',
      path: 'vam/v3/create',
      json: body,
      idempotent: false,
    });
  }
  generate(uuid: string, period: number) {
    return this.call<PwCreatedBody>({
      operation: 'createAccount',
      method: 'POST',
      path: 'vam/v2/generate',
      json: { uuid, period },
      idempotent: true,
    });
  }
  renew(vpnUsername: string, period: number) {
    return this.call<{ vpnUsername: string; expiry: string }>({
      operation: 'renewAccount',
      method: 'POST',
      path: 'vam/v2/renew',
      json: { vpnUsername, period },
      idempotent: false,
    });
  }
  extend(vpnUsername: string, extensionDate: string) {
    return this.call<{ vpnUsername: string; extendedForDays: string }>({
      operation: 'extendAccount',
      method: 'PUT',
      path: 'vam/v2/extend',
      json: { vpnUsername, extensionDate },
      idempotent: false,
    });
  }
  enable(vpnUsername: string) {
    return this.call<PwStatusBody>({
      operation: 'enableAccount',
      method: 'PUT',
      path: 'vam/v2/enable',
      json: { vpnUsername },
      idempotent: true,
    });
  }
  disable(vpnUsername: string) {
    return this.call<PwStatusBody>({
      operation: 'disableAccount',
      method: 'PUT',
      path: 'vam/v2/disable',
      json: { vpnUsername },
      idempotent: true,
    });
  }
  status(vpnUsername: string) {
    return this.call<PwStatusBody>({
      operation: 'getAccount',
      method: 'GET',
      path: 'vam/v2/status',
      searchParams: { vpnUsername },
      idempotent: true,
    });
  }
  changePassword(vpnUsername: string, newPassword: string) {
    return this.call<{ vpnUsername: string }>({
      operation: 'changePassword',
      method: 'PUT',
      path: 'vam/v2/changePassword',
      json: { vpnUsername, newPassword, confirmNewPassword: newPassword } satisfies PwChangePasswordBody,
      idempotent: true,
    });
  }
  delete(vpnUsername: string) {
    return this.call<{ vpnUsername: string }>({
      operation: 'deleteAccount',
      method: 'DELETE',
      path: 'vam/v2/delete',
      searchParams: { vpnUsername },
      json: { vpnUsername },
      // Not idempotent at the vendor: a second one answers "not found", so it is never resent blindly
      // (reconciliation reads whether the account is gone).
      idempotent: false,
    });
  }
  subscription(vpnUsername: string, subscriptionType: PwSubscriptionType) {
    return this.call<{ vpnUsername: string; subscriptionType: string }>({
      operation: 'changePlan',
      method: 'PUT',
      path: 'vam/v1/user/subscription',
      json: { vpnUsername, subscriptionType },
      idempotent: true,
    });
  }
  countries(platform: string) {
    return this.call<{ countries: PwCountry[] }>({
      operation: 'listServers',
      method: 'GET',
      path: `inventory/v3/countries/${platform}`,
      idempotent: true,
    });
  }
  cities(platform: string) {
    return this.call<{ cities: PwCity[] }>({
      operation: 'listServers',
      method: 'GET',
      path: `inventory/v3/cities/${platform}`,
      idempotent: true,
    });
  }
  protocols(platform: string) {
    return this.call<{ protocols: PwProtocol[] }>({
      operation: 'listServers',
      method: 'GET',
      path: `inventory/v3/protocols/${platform}`,
      idempotent: true,
    });
  }
}
