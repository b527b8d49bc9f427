/**
 * Day arithmetic shared by the checks (key and password ages) and by fixtures. Checks read no
 * clock: `now` is always the inventory's collectedAt.
 */
export const DAY_MS = 86_400_000;

/** Whole days elapsed, so something unused for exactly N days reads and judges as N. */
export function wholeDaysSince(isoDate: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(isoDate)) / DAY_MS);
}

/** The ISO timestamp `days` days before `isoDate`. */
export function daysBefore(isoDate: string, days: number): string {
  return new Date(Date.parse(isoDate) - days * DAY_MS).toISOString();
}
