import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/**
 * A random alphanumeric password with at least one lower-case letter, one upper-case letter and one digit
 * (satisfies every provider's policy: PureWL 12–32 upper+lower+digit, PureVPN 8 alphanumeric, VPNresellers ≥ 6).
 */
export function generatePassword(length = 16): string {
  if (length < 3) throw new Error('password length must be at least 3');
  const all = LOWER + UPPER + DIGITS;
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)] as string;
}
