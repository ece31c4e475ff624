import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/config.js';
import { mintPortalToken, PortalTokenError } from '../src/main/portal-token.js';

/**
 * `npm run portal:token -- <customerId>`: a customer token for the reference portal (examples/portal), for
 * development. HS256 with JWT_SECRET (the variable the API verifies with; JWT_ISSUER / JWT_AUDIENCE go on the
 * token when configured), lifetime `--ttl` seconds (default 3600, at most JWT_MAX_TTL_S).
 * `--operator` mints an operator token instead (the portal's operator page). Prints the token alone on stdout.
 * Exit 0: printed; 1: refused (the reason on stderr); 2: wrong usage.
 */

const USAGE = 'usage: npm run portal:token -- <customerId> [--ttl SECONDS]\n       npm run portal:token -- --operator';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { operator: { type: 'boolean' }, ttl: { type: 'string' } },
    });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const customerId = positionals[0];
  if (values.operator ? positionals.length !== 0 : !customerId || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const ttl = values.ttl === undefined ? 3600 : Number(values.ttl);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > config.env.JWT_MAX_TTL_S) {
    process.stderr.write(
      `--ttl must be a whole number of seconds from 1 to JWT_MAX_TTL_S (${config.env.JWT_MAX_TTL_S}).\n`,
    );
    return 2;
  }
  const token = await mintPortalToken({
    secret: config.env.JWT_SECRET,
    issuer: config.env.JWT_ISSUER,
    audience: config.env.JWT_AUDIENCE,
    ttlSeconds: ttl,
    ...(values.operator ? { role: 'operator' as const } : { role: 'customer' as const, customerId: customerId! }),
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${error instanceof PortalTokenError ? error.message : 'failed to mint the token'}\n`);
  process.exitCode = 1;
}
