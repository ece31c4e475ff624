import { createHash } from 'node:crypto';
import { ErrorCode } from '../../domain/errors.js';
import { registerSecret } from '../../lib/redact.js';
import { UpstreamHttp } from '../http.js';
import { type NetworkSettings } from '../http-settings.js';
import { classifyFailure } from './errors.js';
import { parseAnswer } from './mapper.js';
import type { PvAnswer, PvAuthFields, PvMethod } from './wire.js';
import { PUREVPN } from './name.js';

/** Typed client for the PureVPN reseller API: form POSTs with api_user + md5(api_password), XML answers. */
export class PurevpnClient {
  readonly http: UpstreamHttp;
  private readonly user: string;
  private readonly md5: string;

  constructor(url: string, user: string, password: string, network: Partial<NetworkSettings> = {}) {
    this.http = new UpstreamHttp(PUREVPN, url, network);
    this.user = user;
    this.md5 = createHash('md5').update(password).digest('hex');
    registerSecret(password);
    registerSecret(this.md5);
  }

  private async call(
    operation: string,
    method: PvMethod,
    params: Record<string, string>,
    idempotent: boolean,
  ): Promise<PvAnswer> {
    const res = await this.http.send({
      operation,
      method: 'POST',
      path: '',
      form: {
        ...({ API: 'True', api_user: this.user, api_password: this.md5, method } satisfies PvAuthFields),
        ...params,
      },
      idempotent,
    });
    const answer = parseAnswer(res.body);
    if (!answer) {
      throw this.http.error(
        operation,
        ErrorCode.UPSTREAM_UNAVAILABLE,
        `PureVPN answered with a malformed body (HTTP ${res.status})`,
        { status: res.status },
      );
    }
    if (answer.result !== 1) throw this.failure(operation, answer.message);
    return answer;
  }

  /** result 0 → stable code, chosen from the message (table in errors.ts). */
  failure(operation: string, message: string | undefined) {
    const { code, message: text, field } = classifyFailure(message);
    return this.http.error(operation, code, text, { vendorCode: '0', ...(field ? { field } : {}) });
  }
  create(packageType: string, period: number) {
    return this.call('createAccount', 'create', { package_type: packageType, period: String(period) }, false);
  }
  renew(username: string, period: number, packageType?: string) {
    return this.call(
      'renewAccount',
      'renew',
      { username, period: String(period), ...(packageType ? { package_type: packageType } : {}) },
      false,
    );
  }
  status(username: string) {
    return this.call('getAccount', 'status', { username }, true);
  }
  deleteAccount(username: string) {
    // Not idempotent at the vendor: a second one answers "Invalid username"; never resent blindly.
    return this.call('deleteAccount', 'delete_account', { username }, false);
  }
  updateAccount(username: string, updateStatus: 'enable' | 'disable') {
    return this.call(
      updateStatus === 'enable' ? 'enableAccount' : 'disableAccount',
      'update_account',
      { username, update_status: updateStatus },
      true,
    );
  }
  changePassword(username: string, newPass: string) {
    return this.call('changePassword', 'change_password', { username, new_pass: newPass }, true);
  }
}
