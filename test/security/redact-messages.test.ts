import { redact, registerSecret } from '../../src/lib/redact.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Redaction replaces secret VALUES, never the words around them (#28): our own messages carry no secrets and
 * reach the caller as written, while credentials in headers, URLs, payload fields and registered values are
 * still replaced.
 */
describe('redaction keeps our messages readable', () => {
  it('leaves prose about Authorization alone', () => {
    for (const text of [
      'Authentication required: send X-Api-Key or Authorization: Bearer <JWT>.',
      'Authorization: Bearer required',
      'the Authorization header is missing',
      'Authorization: Basic',
    ])
      expect(redact(text)).toBe(text);
  });

  it('still replaces credential values', () => {
    const cases: Array<[string, string]> = [
      ['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl', 'Authorization: Bearer [REDACTED]'],
      ['authorization: basic YXBpLWtleTpzM2NyM3Q=', 'authorization: basic [REDACTED]'],
      ['Authorization: Bearer tok.en', 'Authorization: Bearer [REDACTED]'],
      ['Authorization: Basic api-key:k3y-Value', 'Authorization: Basic [REDACTED]'],
      ['{"authorization":"Bearer Sup3rSecretPassw0rd"}', '{"authorization":"Bearer [REDACTED]"}'],
      ['Authorization=Zm9vOmJhcg==, next', 'Authorization=[REDACTED], next'],
      ['GET https://user:pa55word@api.example/x', 'GET https://[REDACTED]@api.example/x'],
      ['POST /x?api_password=hunter2&x=1', 'POST /x?api_password=[REDACTED]&x=1'],
    ];
    for (const [text, expected] of cases) expect([text, redact(text)]).toEqual([text, expected]);
    registerSecret('configured-secret-value-0123');
    expect(redact('vendor said configured-secret-value-0123 is wrong')).toBe('vendor said [REDACTED] is wrong');
  });
});

describe('the 401 answer reads as written', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ALLOW_ANONYMOUS: 'false', API_KEYS: 'ui:reader:reader-key-redact-0123456789' });
  });
  afterAll(() => t.stop());

  it('names the headers to send, unredacted', async () => {
    const res = await t.gql('{ providers { name } }');
    expect(res.status).toBe(401);
    expect(res.errors?.[0]?.message).toBe('Authentication required: send X-Api-Key or Authorization: Bearer <JWT>.');
    expect(JSON.stringify(res)).not.toContain('[REDACTED]');
  });
});
