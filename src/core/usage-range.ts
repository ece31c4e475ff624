import { InputError } from '../domain/errors.js';
import { addDays, isYmd, todayYmd } from '../lib/dates.js';

const MAX_USAGE_DAYS = 366;

/** A usage date range (default: the 30 days ending yesterday), checked: YYYY-MM-DD, ordered, at most 366 days. */
export function usageRange(from: string | null, to: string | null, now = Date.now()): { from: string; to: string } {
  const end = to ?? addDays(todayYmd(now), -1);
  const start = from ?? addDays(end, -29);
  for (const [field, value] of [
    ['from', start],
    ['to', end],
  ] as const) {
    if (!isYmd(value)) throw new InputError(field, `\`${field}\` must be a date written YYYY-MM-DD.`);
  }
  if (start > end) throw new InputError('from', '`from` must not be after `to`.');
  const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  if (days > MAX_USAGE_DAYS) throw new InputError('from', `A usage range is at most ${MAX_USAGE_DAYS} days.`);
  return { from: start, to: end };
}
