import type { ProviderError } from '../../domain/errors.js';
import { registerSecret } from '../../lib/redact.js';
import { UpstreamHttp } from '../http.js';
import { type NetworkSettings, type UpstreamRequest } from '../http-settings.js';
import { classifyFailure, type VrFailureBody as Answer } from './errors.js';
import { VPNRESELLERS } from './name.js';

/** The VPNresellers client's transport: bearer authorization, JSON answers, vendor failures as ProviderError. */
export class VpnresellersClientBase {
  readonly http: UpstreamHttp;
  protected readonly authorization: string;

  constructor(baseUrl: string, token: string, network: Partial<NetworkSettings> = {}) {
    this.http = new UpstreamHttp(VPNRESELLERS, baseUrl, network);
    registerSecret(token);
    this.authorization = `Bearer ${token}`;
  }

  protected async call<T>(req: Omit<UpstreamRequest, 'headers'>, headers: Record<string, string> = {}): Promise<T> {
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
}
