/** Date helpers shared by mappers and validation. All dates are UTC. */

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for a real calendar date written YYYY-MM-DD (years 0100–9999: `Date.UTC` reads 0–99 as 1900–1999, so
 * those never round-tripped). Arithmetic, no Date: mappers check every date of every listed account.
 */
export function isYmd(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 100 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/** "2024-02-26" → "2024-02-26T00:00:00.000Z"; null for "0000-00-00", empty or invalid. */
export function ymdToIso(value: string | null | undefined): string | null {
  if (!value || !isYmd(value)) return null;
  return `${value}T00:00:00.000Z`;
}

/** Epoch seconds → ISO instant; null stays null. */
export function epochSecondsToIso(value: number | null | undefined): string | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return new Date(value * 1000).toISOString();
}

/** ISO instant or YYYY-MM-DD → YYYY-MM-DD. */
export function toYmd(value: string | Date): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  return date.toISOString().slice(0, 10);
}

export function addDays(ymdOrIso: string, days: number): string {
  const date = new Date(ymdOrIso.length === 10 ? `${ymdOrIso}T00:00:00.000Z` : ymdOrIso);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The UTC day of `now`, YYYY-MM-DD (the last answer is kept until its day ends: mappers ask per account). */
export function todayYmd(now: number = Date.now()): string {
  if (now >= today.from && now < today.from + 86_400_000) return today.ymd;
  const ymd = new Date(now).toISOString().slice(0, 10);
  today = { from: Date.parse(`${ymd}T00:00:00.000Z`), ymd };
  return ymd;
}
let today = { from: Number.NaN, ymd: '' };
