import { generatePassword } from '../../src/lib/password.js';
import { isYmd, ymdToIso, epochSecondsToIso, addDays } from '../../src/lib/dates.js';
import { redact, registerSecret } from '../../src/lib/redact.js';

describe('generatePassword', () => {
  it('always has lower, upper and digit and the asked length', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword(12);
      expect(p).toHaveLength(12);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/^[A-Za-z0-9]+$/);
    }
  });
});

describe('dates', () => {
  it('parses calendar dates and rejects the WLVPN zero date', () => {
    expect(isYmd('2024-02-29')).toBe(true);
    expect(isYmd('2023-02-29')).toBe(false);
    expect(ymdToIso('0000-00-00')).toBeNull();
    expect(ymdToIso('2017-03-24')).toBe('2017-03-24T00:00:00.000Z');
    expect(epochSecondsToIso(1703090682)).toBe('2023-12-20T16:44:42.000Z');
    expect(addDays('2024-12-30', 3)).toBe('2025-01-02');
  });
});

describe('redact', () => {
  it('removes registered secrets and credential patterns', () => {
    registerSecret('s3cr3t-key-value');
    const text = redact('failed with key s3cr3t-key-value at https://api-key:abc123@host/x?password=hunter2 Authorization: Bearer tok.en');
    expect(text).not.toContain('s3cr3t-key-value');
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('tok.en');
  });
});
