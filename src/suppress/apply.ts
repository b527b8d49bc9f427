/**
 * Applies a suppressions file to a report. Pure: "today" is the report's collectedAt date, so a
 * snapshot re-evaluated later with the same file gives the same report.
 *
 * - An unexpired entry marks the failing results it matches with `suppression`; they stay in the
 *   report (never silently dropped) but no longer gate the build.
 * - An expired entry suppresses nothing and produces a warning.
 * - An entry that matches no failing result is stale and is reported, so the list does not rot.
 *   One that matches only results that could not be evaluated is not stale: nobody knows yet.
 */
import { InputError } from '../inventory/load.js';
import type { Report, Result, SuppressionEntry } from '../report/schema.js';
import type { Suppression, SuppressionFile } from './file.js';

export function applySuppressions(report: Report, suppressions: SuppressionFile): Report {
  const today = report.collectedAt.slice(0, 10);
  const latestAllowed = oneYearAfter(today);
  for (const entry of suppressions.entries) {
    if (entry.expires > latestAllowed) {
      throw new InputError(
        `${suppressions.file}:${entry.line}: field expires: ${entry.expires} is more than a year after the scan date (${today}); accept a risk for at most a year (until ${latestAllowed}) and review it then`,
      );
    }
  }

  const active = suppressions.entries.filter((entry) => entry.expires > today);
  const expired = suppressions.entries.filter((entry) => entry.expires <= today);
  const matchers = new Map(suppressions.entries.map((entry) => [entry, resourceMatcher(entry.resource)]));
  const matches = (entry: Suppression, result: Result): boolean => entry.check === result.checkId && (matchers.get(entry)?.(result.resource) ?? false);

  let suppressed = 0;
  const results = report.results.map((result) => {
    if (result.status !== 'fail') return result;
    const entry = active.find((candidate) => matches(candidate, result));
    if (entry === undefined) return result;
    suppressed += 1;
    const suppression: NonNullable<Result['suppression']> = { reason: entry.reason, expires: entry.expires, source: `${suppressions.file}:${entry.line}` };
    if (entry.owner !== undefined) suppression.owner = entry.owner;
    return { ...result, suppression };
  });

  const warnings = [...(report.warnings ?? [])];
  for (const entry of expired) {
    const hits = report.results.filter((result) => result.status === 'fail' && matches(entry, result)).length;
    const effect = hits === 0 ? 'it matches no failing result' : `${hits} failing result${hits === 1 ? ' is' : 's are'} no longer suppressed`;
    warnings.push(`${suppressions.file}:${entry.line}: the suppression of ${entry.check} for ${entry.resource} expired on ${entry.expires}; ${effect}. Fix the risk, or renew the entry with a new reason.`);
  }
  const stale = active.filter((entry) => !report.results.some((result) => (result.status === 'fail' || result.status === 'unknown') && matches(entry, result)));
  for (const entry of stale) {
    warnings.push(`${suppressions.file}:${entry.line}: the suppression of ${entry.check} for ${entry.resource} matches no failing result (stale); remove it.`);
  }

  const out: Report = {
    ...report,
    results,
    suppressions: { file: suppressions.file, suppressed, expired: expired.map(toEntry), stale: stale.map(toEntry) },
  };
  if (warnings.length > 0) out.warnings = warnings;
  return out;
}

function toEntry(entry: Suppression): SuppressionEntry {
  const out: SuppressionEntry = { check: entry.check, resource: entry.resource, reason: entry.reason, expires: entry.expires, line: entry.line };
  if (entry.owner !== undefined) out.owner = entry.owner;
  return out;
}

/** `*` matches any run of characters (including `/` and `:`, which ARNs are full of); `?` matches one. */
export function resourceMatcher(pattern: string): (resource: string) => boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return (resource) => resource === pattern;
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, 's');
  return (resource) => regex.test(resource);
}

/** The same calendar day one year later (28 February for a 29 February). */
export function oneYearAfter(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const candidate = new Date(Date.UTC(year + 1, month - 1, date));
  if (candidate.getUTCMonth() !== month - 1) candidate.setUTCDate(0);
  return candidate.toISOString().slice(0, 10);
}
