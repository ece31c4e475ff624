/** Date helpers shared by mappers and validation. All dates are UTC. */

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isYmd(value: string): boolean {
  const m = YMD.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === value;
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

export function todayYmd(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}
