const DAY_MS = 86_400_000;

export function formatDate(iso: string | null | undefined): string {
  return iso ? new Date(iso).toISOString().slice(0, 10) : '—';
}

export function daysLeft(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const days = Math.ceil((Date.parse(iso) - now) / DAY_MS);
  return days < 0 ? `expired ${-days} d ago` : `${days} d left`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 2)} ${units[unit]}`;
}

/** The 30 UTC days before today, oldest first (YYYY-MM-DD). */
export function last30Days(now = Date.now()): string[] {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  return Array.from({ length: 30 }, (_, i) => new Date(today - (30 - i) * DAY_MS).toISOString().slice(0, 10));
}
