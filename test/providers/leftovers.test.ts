import { Writable } from 'node:stream';
import { createLogger, redactPaths } from '../../src/lib/logger.js';
import { PROVIDER_SECRET_FIELDS } from '../../src/providers/modules.js';
import { PACKAGES, PERIODS, parsePlanCode } from '../../src/providers/purevpn/rules.js';

/** Leftovers: PureVPN plan codes built from PACKAGES; logger redact paths from the modules' secretFields. */

describe('PureVPN parsePlanCode', () => {
  it('knows every package of PACKAGES, with or without a period, and nothing else', () => {
    for (const pkg of PACKAGES) {
      expect(parsePlanCode(pkg)).toEqual({ packageType: pkg, period: 30 });
      for (const days of PERIODS) expect(parsePlanCode(`${pkg}-${days}`)).toEqual({ packageType: pkg, period: days });
    }
    for (const bad of ['standard', 'HIGHxBW', 'STANDARD-', 'STANDARD-x', 'PREMIUM-30', ' SSTP'])
      expect(parsePlanCode(bad)).toBeNull();
  });
});

describe('logger redact paths', () => {
  it('come from the secret fields handed in (the modules declare them), not from a vendor name in lib', () => {
    expect(redactPaths()).not.toContain('*.secretKey');
    const paths = redactPaths(PROVIDER_SECRET_FIELDS);
    expect(paths).toEqual(
      expect.arrayContaining([
        '*.secretKey',
        '*.cust_password',
        '*.wg_private_key',
        '*.new_pass',
        '*["x-accesstoken"]',
        'req.headers.authorization',
      ]),
    );
  });

  it('censor every declared field in a log line', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const logger = createLogger('info', sink, PROVIDER_SECRET_FIELDS);
    logger.info(
      {
        body: {
          cust_password: 'pw-1',
          'x-accesstoken': 'tok-2',
          wg_private_key: 'key-3',
          secretKey: 'sec-4',
          username: 'visible',
        },
      },
      'vendor call',
    );
    const line = lines.join('');
    for (const secret of ['pw-1', 'tok-2', 'key-3', 'sec-4']) expect(line).not.toContain(secret);
    expect(line).toContain('visible');
  });
});
