/**
 * The application layer's last step: from the evaluated report to the final report every format
 * renders. Suppressions (about this run) apply first, then the baseline comparison; the summary is
 * then computed once from the results as they finally stand, and the gate decides the exit code.
 * Pure: the same report and inputs always give the same final report.
 */
import { applyBaseline, type Baseline } from '../baseline/index.js';
import type { Inventory } from '../inventory/schema.js';
import { breachPathsOf, type PathLimits } from '../paths/index.js';
import type { Report } from '../report/schema.js';
import type { Framework } from '../model.js';
import { controlRows, summarizeResults } from '../report/summary.js';
import { applySuppressions } from '../suppress/apply.js';
import type { SuppressionFile } from '../suppress/file.js';
import { gate, type GatePolicy } from './gate.js';

export interface FinalReportInputs {
  suppressions?: SuppressionFile;
  baseline?: Baseline;
  gate: GatePolicy;
  /** `--framework`: the summary gains one row per control of it. */
  framework?: Framework;
  /** Bounds of the breach-path search (DEFAULT_PATH_LIMITS when absent). */
  pathLimits?: PathLimits;
}

/**
 * `inventory`: the account the report was evaluated from (absent for merged and organization
 * reports). With it, the breach paths are computed here, after suppressions (a suppressed finding
 * is no entry point), and their figures join the summary.
 */
export function finalizeReport(report: Report, inputs: FinalReportInputs, inventory?: Inventory): Report {
  let out = report;
  if (inputs.suppressions !== undefined) out = applySuppressions(out, inputs.suppressions);
  if (inputs.baseline !== undefined) out = applyBaseline(out, inputs.baseline);
  const summary = summarizeResults(out.results, out.checks, out.baseline);
  if (inputs.framework !== undefined) summary.controls = controlRows(out.results, out.checks, inputs.framework);
  const breach = inventory === undefined ? undefined : breachPathsOf(out, inventory, inputs.pathLimits);
  if (breach !== undefined) summary.paths = breach.summary;
  out = { ...out, summary, ...(inputs.framework === undefined ? {} : { framework: inputs.framework }), ...(breach === undefined ? {} : { paths: breach.paths }) };
  const verdict = gate(out, inputs.gate);
  const decided: NonNullable<Report['gate']> = { failOn: inputs.gate.failOn, failOnUnknown: inputs.gate.failOnUnknown === true, exitCode: verdict.exitCode, reasons: verdict.reasons };
  if (inputs.gate.failOnNew !== undefined) decided.failOnNew = inputs.gate.failOnNew;
  return { ...out, gate: decided };
}
