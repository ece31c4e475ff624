import type { Env, StaticApiKey } from '../config.js';
import { ConfigError } from '../lib/config-error.js';
import { moduleVariables } from '../providers/module.js';
import { PROVIDER_MODULES } from '../providers/modules.js';

/** What loadConfig (config.ts) refuses: weak secrets and unplanned emulators in production, malformed API_KEYS. */

/** Shortest secrets accepted in production (NODE_ENV=production). */
export const MIN_JWT_SECRET_BYTES = 32;
export const MIN_API_KEY_CHARS = 24;

/** In production, weak secrets refuse to start. Errors name the variable (and key name), never the value. */
export function checkProductionSecrets(env: Env, apiKeys: StaticApiKey[]): void {
  if (env.JWT_SECRET !== undefined && Buffer.byteLength(env.JWT_SECRET, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new ConfigError(`JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes in production`);
  }
  for (const k of apiKeys) {
    if (k.key.length < MIN_API_KEY_CHARS) {
      throw new ConfigError(
        `API_KEYS entry "${k.name}" has a key shorter than ${MIN_API_KEY_CHARS} characters (production)`,
      );
    }
  }
  if (env.METRICS_TOKEN !== undefined && env.METRICS_TOKEN.length < MIN_API_KEY_CHARS) {
    throw new ConfigError(`METRICS_TOKEN must be at least ${MIN_API_KEY_CHARS} characters in production`);
  }
}

/**
 * Production never serves emulators by accident: every provider whose variables are all unset would run in
 * sandbox, so production refuses to start naming them, unless ALLOW_SANDBOX_IN_PRODUCTION=true. The
 * emulators' fault-injection path (SANDBOX_ADMIN) is refused in production altogether.
 */
export function checkProductionProviders(env: Env): void {
  if (env.SANDBOX_ADMIN) {
    throw new ConfigError('SANDBOX_ADMIN is refused in production (NODE_ENV=production): unset it');
  }
  const byName = env as Readonly<Record<string, unknown>>;
  const sandboxed = PROVIDER_MODULES.filter((m) => moduleVariables(m).every((name) => byName[name] === undefined));
  if (sandboxed.length > 0 && !env.ALLOW_SANDBOX_IN_PRODUCTION) {
    const names = sandboxed.map((m) => m.name).join(', ');
    const vars = sandboxed.flatMap((m) => moduleVariables(m)).join(', ');
    throw new ConfigError(
      `production would serve sandbox emulators for ${names}: set ${vars}, ` +
        'or ALLOW_SANDBOX_IN_PRODUCTION=true to run them on purpose',
    );
  }
}

export function parseApiKeys(value: string | undefined): StaticApiKey[] {
  if (!value) return [];
  return value.split(',').map((entry, index) => {
    const [name, role, ...rest] = entry.trim().split(':');
    const key = rest.join(':');
    if (!name || !key || (role !== 'reader' && role !== 'operator' && role !== 'admin')) {
      throw new ConfigError(`API_KEYS entry ${index + 1} must look like name:reader|operator|admin:key`);
    }
    return { name, role, key };
  });
}
