import { createHash } from 'node:crypto';
import { DAY_MS, field, textField, isoDate } from '../../../sandbox/http-helpers.js';
import { EmulatorServer, seedCount } from '../../../sandbox/emulator-kit.js';
import { entriesOf, refill } from '../../../sandbox/persistence.js';
import { type EmuRequest, type EmuResponse, type EmulatorOptions } from '../../../sandbox/types.js';
import type { ProviderSandbox, SandboxHandle } from '../../module.js';
import {
  NEW_PASS_RULE,
  PACKAGES,
  PASSWORD_ALPHABET,
  PERIODS,
  USERNAME_PREFIX,
  isPackage,
  parsePeriod,
  type PvPackage,
} from '../rules.js';
import type { PvAnswer, PvStatus } from '../wire.js';

/**
 * Faithful emulator of the legacy PureVPN reseller API v1.0 (reference: shared/providers/purevpn-reseller-v1.md):
 * one URL, form POSTs, XML answers `<xml>…<result>1|0</result></xml>`.
 *
 * Assumptions where the reference is silent:
 * - Failures answer `<result>0</result>` with a `<message>` element (HTTP 200).
 * - Periods are accepted as `30` or `#30` (the reference writes `#30,#60,…`).
 * - `status` answers `<expiry_status>` as YYYY-MM-DD and `<status>` as active | disabled | expired.
 * - `new_pass` must be exactly 8 alphanumeric characters ("length should be 8 characters").
 * - `renew` also takes an optional package_type (a plan change at renewal) — an extension the product needs.
 * - The provider picks usernames (`pvpn` + 8 digits) and passwords (8 alphanumerics).
 */

export const PUREVPN_SANDBOX_USER = 'sandbox-reseller';
export const PUREVPN_SANDBOX_PASSWORD = 'sandbox-purevpn-password';
export const PUREVPN_PATH = '/api/reseller/v1';

export interface PurevpnAccount {
  username: string;
  password: string;
  packageType: PvPackage;
  period: number;
  expiresAt: number;
  disabled: boolean;
}

export interface PurevpnEmulatorOptions extends EmulatorOptions {
  /** Client IPs allowed to call (default loopback). */
  allowlist?: string[];
}

export class PurevpnEmulator implements SandboxHandle {
  readonly server: EmulatorServer;
  readonly accounts = new Map<string, PurevpnAccount>();
  allowlist: string[];
  private readonly count: number;
  private serial = 10_000_000;

  constructor(options: PurevpnEmulatorOptions = {}) {
    this.server = new EmulatorServer('purevpn', options);
    this.allowlist = options.allowlist ?? ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
    this.count = seedCount(options, 55);
    this.seed();
    this.server.onReset = () => this.seed();
    this.server.persist<{ accounts: Array<[string, PurevpnAccount]>; serial: number }>({
      snapshot: () => ({ accounts: entriesOf(this.accounts), serial: this.serial }),
      restore: (s) => {
        refill(this.accounts, s.accounts);
        this.serial = s.serial;
      },
    });
    this.server.route('POST', PUREVPN_PATH, (req) => this.handle(req));
  }

  demoUsernames(): string[] {
    return [...this.accounts.keys()];
  }

  private seed(): void {
    this.accounts.clear();
    this.serial = 10_000_000;
    const now = this.server.now();
    const rnd = this.server.random;
    for (let i = 0; i < this.count; i++) {
      const username = `${USERNAME_PREFIX}${this.serial++}`;
      const kind = i % 4; // 0,1 active, 2 disabled, 3 expired
      this.accounts.set(username, {
        username,
        password: rnd.string(8, PASSWORD_ALPHABET),
        packageType: PACKAGES[i % PACKAGES.length] as PvPackage,
        period: PERIODS[i % PERIODS.length] as number,
        expiresAt: kind === 3 ? now - rnd.int(1, 60) * DAY_MS : now + rnd.int(5, 300) * DAY_MS,
        disabled: kind === 2,
      });
    }
  }

  private handle(req: EmuRequest): EmuResponse {
    const b = req.body;
    if (!this.allowlist.includes(req.remoteAddress)) return fail('Access denied: your IP address is not allowed');
    const expected = createHash('md5').update(PUREVPN_SANDBOX_PASSWORD).digest('hex');
    if (field(b, 'api_user') !== PUREVPN_SANDBOX_USER || field(b, 'api_password') !== expected) {
      return fail('Authentication failed: invalid api_user or api_password');
    }
    const method = field(b, 'method');
    const username = textField(b, 'username') ?? '';
    const account = this.accounts.get(username);
    switch (method) {
      case 'create': {
        const pkg = field(b, 'package_type');
        const period = parsePeriod(field(b, 'period'));
        if (!isPackage(pkg)) return fail('Invalid package_type: use STANDARD, SSTP or HIGH-BW');
        if (period === null) return fail('Invalid period: use #30, #60, #90, #180 or #365');
        const created: PurevpnAccount = {
          username: `${USERNAME_PREFIX}${this.serial++}`,
          password: this.server.random.string(8, PASSWORD_ALPHABET),
          packageType: pkg,
          period,
          expiresAt: this.server.now() + period * DAY_MS,
          disabled: false,
        };
        this.accounts.set(created.username, created);
        return ok({ user: created.username, vpn_password: created.password });
      }
      case 'renew': {
        if (!account) return fail('Invalid username');
        const period = parsePeriod(field(b, 'period'));
        if (period === null) return fail('Invalid period: use #30, #60, #90, #180 or #365');
        const pkg = field(b, 'package_type');
        if (pkg !== undefined && !isPackage(pkg)) return fail('Invalid package_type: use STANDARD, SSTP or HIGH-BW');
        account.expiresAt = Math.max(account.expiresAt, this.server.now()) + period * DAY_MS;
        account.period = period;
        if (pkg !== undefined) account.packageType = pkg;
        return ok({ user: account.username, vpn_password: account.password });
      }
      case 'status': {
        if (!account) return fail('Invalid username');
        const status: PvStatus = account.disabled
          ? 'disabled'
          : account.expiresAt < this.server.now()
            ? 'expired'
            : 'active';
        return ok({ expiry_status: isoDate(account.expiresAt), status });
      }
      case 'delete_account': {
        if (!account) return fail('Invalid username');
        this.accounts.delete(username);
        return ok({});
      }
      case 'update_account': {
        if (!account) return fail('Invalid username');
        const update = field(b, 'update_status');
        if (update !== 'enable' && update !== 'disable') return fail('Invalid update_status: use enable or disable');
        account.disabled = update === 'disable';
        return ok({});
      }
      case 'change_password': {
        if (!account) return fail('Invalid username');
        const pass = textField(b, 'new_pass') ?? '';
        if (!NEW_PASS_RULE.test(pass)) return fail('Invalid new_pass: must be alphanumeric and 8 characters');
        account.password = pass;
        return ok({});
      }
      default:
        return fail('Invalid method');
    }
  }
}

type AnswerFields = Partial<Record<Exclude<keyof PvAnswer, 'result'>, string>>;

function xml(fields: AnswerFields, result: 0 | 1): EmuResponse {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('\n');
  return {
    status: 200,
    text: `<xml>\n${body}${body ? '\n' : ''}<result>${result}</result>\n</xml>`,
    contentType: 'text/xml; charset=utf-8',
  };
}

function ok(fields: AnswerFields): EmuResponse {
  return xml(fields, 1);
}

function fail(message: string): EmuResponse {
  return xml({ message }, 0);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The module's lazy sandbox entry. */
export function createSandbox(options: EmulatorOptions): ProviderSandbox {
  return {
    handle: new PurevpnEmulator(options),
    credentials: { PUREVPN_API_USER: PUREVPN_SANDBOX_USER, PUREVPN_API_PASSWORD: PUREVPN_SANDBOX_PASSWORD },
    baseUrlFor: (url) => `${url}${PUREVPN_PATH}`,
  };
}
