/**
 * The report's summary, computed in one place from the results as they finally stand (after
 * suppressions and the baseline). Every renderer states these numbers and never recounts, so a
 * text, Markdown, HTML, JUnit, SARIF and JSON rendering of one report cannot disagree.
 */
import { ROOT_CAUSES, SEVERITIES, STATUSES, type RootCause, type Severity, type Status } from '../model.js';
import type { Framework } from '../model.js';
import type { CheckSummary, ControlRow, Report, Result, SeverityTally } from './schema.js';

/** A failing result that is not accepted by a suppression: what a reader must act on. */
export function isOpenFinding(result: Result): boolean {
  return result.status === 'fail' && result.suppression === undefined;
}

export function isSuppressedFinding(result: Result): boolean {
  return result.status === 'fail' && result.suppression !== undefined;
}

function tally(results: readonly Result[]): SeverityTally {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const result of results) bySeverity[result.severity] += 1;
  return { total: results.length, bySeverity };
}

/**
 * `results` counts every status; `failedBySeverity` and `failedByRootCause` count every failing
 * result (suppressed ones included: they are still true of the account); `findings` splits the
 * failures into open and suppressed, and, with a baseline, counts the open ones that are new.
 */
export function summarizeResults(
  results: readonly Result[],
  checks: readonly { id: string; rootCauses: readonly RootCause[] }[],
  baseline?: Report['baseline'],
): Report['summary'] {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const byCause = new Map<RootCause, number>();
  const causesOf = new Map(checks.map((check) => [check.id, check.rootCauses]));
  for (const result of results) {
    counts[result.status] += 1;
    if (result.status !== 'fail') continue;
    for (const cause of causesOf.get(result.checkId) ?? []) byCause.set(cause, (byCause.get(cause) ?? 0) + 1);
  }
  const failedByRootCause: Partial<Record<RootCause, number>> = {};
  for (const cause of ROOT_CAUSES) {
    const n = byCause.get(cause);
    if (n !== undefined) failedByRootCause[cause] = n;
  }
  const failed = results.filter((r) => r.status === 'fail');
  const open = failed.filter(isOpenFinding);
  const findings: Report['summary']['findings'] = { open: tally(open), suppressed: tally(failed.filter(isSuppressedFinding)) };
  if (baseline !== undefined) {
    findings.new = tally(open.filter((r) => r.baseline === 'new'));
    findings.resolved = baseline.resolved.length;
  }
  return { checks: checks.length, results: counts, failedBySeverity: tally(failed).bySeverity, failedByRootCause, findings };
}

/** "3 critical, 2 high" for the severities that occur, in severity order ('' when none). */
export function describeBySeverity(tallied: SeverityTally): string {
  return SEVERITIES.filter((s) => tallied.bySeverity[s] > 0)
    .map((s) => `${tallied.bySeverity[s]} ${s}`)
    .join(', ');
}

/** The checks every one of whose results is unknown: nothing about them could be evaluated. */
export function checksNotEvaluated(report: Pick<Report, 'results'>): string[] {
  const statuses = new Map<string, Set<Status>>();
  for (const result of report.results) {
    const seen = statuses.get(result.checkId) ?? new Set<Status>();
    seen.add(result.status);
    statuses.set(result.checkId, seen);
  }
  return [...statuses].filter(([, seen]) => seen.size === 1 && seen.has('unknown')).map(([checkId]) => checkId);
}

/** Natural order of control ids: 1.2 < 1.10 < 5.3, S3.2 < S3.8 < S3.19. */
function compareControls(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/**
 * One row per control of `framework` that the report's checks map to, with what their results
 * say: an open finding fails the control; findings that are all suppressed show as suppressed; then
 * unknown, pass, and not_applicable when nothing was in scope.
 */
export function controlRows(results: readonly Result[], checks: readonly Pick<CheckSummary, 'id' | 'frameworks'>[], framework: Framework): ControlRow[] {
  const byControl = new Map<string, string[]>();
  for (const check of checks) {
    for (const control of check.frameworks[framework] ?? []) byControl.set(control, [...(byControl.get(control) ?? []), check.id]);
  }
  return [...byControl]
    .sort(([a], [b]) => compareControls(a, b))
    .map(([control, checkIds]) => {
      const mine = results.filter((r) => checkIds.includes(r.checkId));
      const open = mine.filter(isOpenFinding).length;
      const suppressed = mine.filter(isSuppressedFinding).length;
      const status: ControlRow['status'] =
        open > 0 ? 'fail' : suppressed > 0 ? 'suppressed' : mine.some((r) => r.status === 'unknown') ? 'unknown' : mine.some((r) => r.status === 'pass') ? 'pass' : 'not_applicable';
      return { control, checks: checkIds, status, open, suppressed };
    });
}
