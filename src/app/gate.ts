/**
 * Build gating: which results make `scan` exit 1. Suppressed results never gate; `--fail-on-new`
 * looks only at results the baseline did not already have; `--fail-on-unknown` makes a check that
 * could not be evaluated (a CI role missing a permission), or an organization account that could
 * not be scanned, fail the build instead of passing quietly. Decided here, once, for every format.
 */
import { SEVERITIES, SEVERITY_RANK, type Severity } from '../model.js';
import type { Report, Result } from '../report/schema.js';
import { isOpenFinding } from '../report/summary.js';

export const FAIL_ON_LEVELS = [...SEVERITIES.filter((s) => s !== 'info'), 'none'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** Exit codes the gate decides; the others (usage, cannot run) belong to the CLI. */
export const GATE_EXIT = { ok: 0, findings: 1 } as const;

export interface GatePolicy {
  failOn: FailOn;
  /** Gate on new results only (needs a baseline). */
  failOnNew?: FailOn;
  failOnUnknown?: boolean;
}

export interface GateVerdict {
  exitCode: number;
  /** One line per reason the build fails, for stderr. */
  reasons: string[];
}

export function gate(report: Report, policy: GatePolicy): GateVerdict {
  const reasons: string[] = [];
  const open = report.results.filter(isOpenFinding);
  const atOrAbove = (level: FailOn, results: readonly Result[]): Result[] =>
    level === 'none' ? [] : results.filter((r) => SEVERITY_RANK[r.severity] >= SEVERITY_RANK[level as Severity]);

  const gating = atOrAbove(policy.failOn, open);
  if (gating.length > 0) reasons.push(`${count(gating, 'failing result')} at or above ${policy.failOn} (--fail-on ${policy.failOn})${bySeverity(gating)}`);

  if (policy.failOnNew !== undefined) {
    const gatingNew = atOrAbove(policy.failOnNew, open.filter((r) => r.baseline === 'new'));
    if (gatingNew.length > 0) reasons.push(`${count(gatingNew, 'new failing result')} at or above ${policy.failOnNew} (--fail-on-new ${policy.failOnNew})${bySeverity(gatingNew)}`);
  }

  if (policy.failOnUnknown === true) {
    const unknown = report.results.filter((r) => r.status === 'unknown');
    if (unknown.length > 0) reasons.push(`${count(unknown, 'check result')} could not be evaluated (--fail-on-unknown)`);
    // An organization account that could not be scanned is the biggest unknown of all.
    const failedAccounts = report.organization?.summary.failed ?? 0;
    if (failedAccounts > 0) reasons.push(`${failedAccounts} account${failedAccounts === 1 ? '' : 's'} could not be scanned (--fail-on-unknown)`);
  }
  return { exitCode: reasons.length > 0 ? GATE_EXIT.findings : GATE_EXIT.ok, reasons };
}

function count(results: readonly Result[], noun: string): string {
  return `${results.length} ${noun}${results.length === 1 ? '' : 's'}`;
}

function bySeverity(results: readonly Result[]): string {
  const parts = SEVERITIES.map((s) => [s, results.filter((r) => r.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  return parts.length === 0 ? '' : `: ${parts.join(', ')}`;
}
