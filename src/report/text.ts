/**
 * The default human report: failing checks grouped by severity, each with its resources, the
 * breaches it resembles and the fix; then what could not be evaluated; then a one-line summary.
 */
import { createColors } from 'picocolors';
import { FRAMEWORK_LABELS, SEVERITIES, SEVERITY_RANK, type Severity } from '../model.js';
import { pathsHeadline } from './paths-text.js';
import { describeBySeverity, isOpenFinding, isSuppressedFinding } from './summary.js';
import { MATCH_KIND_LABELS, type CheckSummary, type ControlRow, type Report, type ReportIncident, type Result } from './schema.js';
import { sanitizeInline } from './sanitize.js';

export interface TextOptions {
  color: boolean;
  /** How many incidents to show per failing check. */
  incidentsPerCheck?: number;
  /** Also list passing results. */
  showPassed?: boolean;
  /** One line per open finding, then the summary: for terminals and logs that want the list only. */
  compact?: boolean;
}

/** The breach-path headline and the shortest stories (`breachmap paths` lists them all). */
function pathLines(report: Report, s: (value: string) => string): string[] {
  const summary = report.summary.paths;
  if (summary === undefined || report.paths === undefined) return [];
  const lines = [`Breach paths: ${pathsHeadline(summary)} (breachmap paths lists them).`];
  for (const path of report.paths.paths.slice(0, TOP_PATHS)) lines.push(`  ${s(path.story)}`);
  return lines;
}

const TOP_PATHS = 3;

/** How many open findings the summary at the top names before the detail. */
export const TOP_FINDINGS = 5;

export function renderText(report: Report, options: TextOptions): string {
  const c = createColors(options.color);
  const severityColor: Record<Severity, (s: string) => string> = {
    critical: (s) => c.bold(c.red(s)),
    high: c.red,
    medium: c.yellow,
    low: c.cyan,
    info: c.dim,
  };
  const s = sanitizeInline;
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const incidents = new Map(report.incidents.map((incident) => [incident.id, incident]));
  const lines: string[] = [];

  const alias = report.account.alias === null ? '' : ` (${s(report.account.alias)})`;
  lines.push(c.bold(`breachmap ${report.tool.version}`) + c.dim(` · account ${report.account.id}${alias} · collected ${report.collectedAt}`));
  lines.push(c.dim(`regions: ${report.regions.length === 0 ? 'none' : report.regions.join(', ')}`));
  lines.push('');

  // Suppressed results are accepted risks: listed apart below, never mixed with the open findings.
  const failed = report.results.filter(isOpenFinding);
  const findingLine = (result: Result): string => {
    const region = result.region === 'global' ? '' : c.dim(` [${result.region}]`);
    const qualifier = result.qualifier === undefined ? '' : c.dim(` (${s(result.qualifier)})`);
    const isNew = result.baseline === 'new' ? ` ${c.bold(c.yellow('[new]'))}` : '';
    return `${severityColor[result.severity](result.severity.toUpperCase().padEnd(8))} ${result.checkId}  ${s(result.resource)}${qualifier}${region}${isNew}`;
  };

  if (options.compact === true) {
    for (const result of failed) lines.push(`${findingLine(result)}  ${s(result.message)}`);
    if (failed.length > 0) lines.push('');
    lines.push(...pathLines(report, s).slice(0, 1));
    lines.push(summaryLine(report, c.bold));
    return lines.join('\n') + '\n';
  }

  // The summary and the worst findings first, so a reader who stops here knows where to start.
  lines.push(summaryLine(report, c.bold));
  if (failed.length === 0) {
    lines.push(c.green('No open findings.'));
  } else {
    lines.push(c.bold(`Start with${failed.length > TOP_FINDINGS ? ` (${TOP_FINDINGS} of ${failed.length})` : ''}:`));
    for (const result of failed.slice(0, TOP_FINDINGS)) lines.push(`  ${findingLine(result)}`);
  }
  lines.push('');
  const paths = pathLines(report, s);
  if (paths.length > 0) lines.push(...paths, '');
  lines.push(...controlLines(report, c));
  for (const severity of SEVERITIES) {
    const ofSeverity = failed.filter((r) => r.severity === severity);
    if (ofSeverity.length === 0) continue;
    for (const [checkId, results] of groupBy(ofSeverity, (r) => r.checkId)) {
      const check = checks.get(checkId);
      lines.push(`${severityColor[severity](severity.toUpperCase().padEnd(8))} ${c.bold(checkId)}  ${c.dim(`expected: ${check?.title ?? ''}`)}`);
      for (const result of results) {
        const region = result.region === 'global' ? '' : c.dim(` [${result.region}]`);
        const qualifier = result.qualifier === undefined ? '' : c.dim(` (${s(result.qualifier)})`);
        const isNew = result.baseline === 'new' ? ` ${c.bold(c.yellow('[new]'))}` : '';
        lines.push(`  ${c.red('✗')} ${s(result.resource)}${qualifier}${region}${isNew}`);
        lines.push(`    ${s(result.message)}`);
        if (result.reach !== undefined) lines.push(`    ${c.bold('Reach:')} ${s(result.reach.summary)}`);
        const why = severityChange(result, check);
        if (why !== undefined) lines.push(c.dim(`    ${why}`));
      }
      const first = results[0];
      if (first !== undefined) lines.push(...incidentLines(first, incidents, options.incidentsPerCheck ?? 3, c.dim));
      if (check !== undefined) lines.push(...fixLines(check, c.green));
      lines.push('');
    }
  }

  const unknown = report.results.filter((r) => r.status === 'unknown');
  if (unknown.length > 0) {
    lines.push(c.bold(c.magenta(`Could not evaluate (${unknown.length})`)));
    for (const result of unknown) {
      const scope = result.region === 'global' ? '' : ` [${result.region}]`;
      lines.push(`  ${c.magenta('?')} ${result.checkId}: ${s(result.resource)}${scope}`);
      lines.push(`    ${s(result.message)}`);
    }
    lines.push('');
  }

  const suppressed = report.results.filter(isSuppressedFinding);
  if (suppressed.length > 0) {
    lines.push(c.bold(c.dim(`Suppressed (${suppressed.length})`)));
    for (const result of suppressed) {
      const until = result.suppression === undefined ? '' : ` until ${result.suppression.expires}: ${s(result.suppression.reason)}`;
      lines.push(`  ${c.dim('~')} ${result.checkId}: ${s(result.resource)}${c.dim(until)}`);
    }
    lines.push('');
  }

  const resolved = report.baseline?.resolved ?? [];
  if (resolved.length > 0) {
    lines.push(c.bold(c.green(`Resolved since the baseline (${resolved.length})`)));
    for (const result of resolved) lines.push(`  ${c.green('✓')} ${result.checkId}: ${s(result.resource)}${result.qualifier === undefined ? '' : ` (${s(result.qualifier)})`}`);
    lines.push('');
  }

  for (const warning of report.warnings ?? []) lines.push(`${c.yellow('Warning:')} ${s(warning)}`);
  if ((report.warnings ?? []).length > 0) lines.push('');

  if (options.showPassed === true) {
    const passed = report.results.filter((r) => r.status === 'pass');
    if (passed.length > 0) {
      lines.push(c.bold(c.green(`Passed (${passed.length})`)));
      for (const result of passed) lines.push(`  ${c.green('✓')} ${result.checkId}: ${s(result.resource)}${result.qualifier === undefined ? '' : ` (${s(result.qualifier)})`}`);
      lines.push('');
    }
  }

  lines.push(summaryLine(report, c.bold));
  return lines.join('\n') + '\n';
}

const CONTROL_STATUS_WORDS: Readonly<Record<ControlRow['status'], string>> = { fail: 'FAIL', suppressed: 'ACCEPTED', unknown: 'UNKNOWN', pass: 'PASS', not_applicable: 'N/A' };

/** With --framework: one line per control, in the framework's own order. */
function controlLines(report: Report, c: ReturnType<typeof createColors>): string[] {
  const rows = report.summary.controls;
  if (report.framework === undefined || rows === undefined) return [];
  const failing = rows.filter((row) => row.status === 'fail').length;
  const width = Math.max(...rows.map((row) => row.control.length));
  const color: Readonly<Record<ControlRow['status'], (s: string) => string>> = { fail: c.red, suppressed: c.dim, unknown: c.magenta, pass: c.green, not_applicable: c.dim };
  return [
    c.bold(`${FRAMEWORK_LABELS[report.framework]}: ${failing} of ${rows.length} control${rows.length === 1 ? '' : 's'} fail`),
    ...rows.map((row) => {
      const counts = row.open > 0 ? ` (${row.open} open)` : row.suppressed > 0 ? ` (${row.suppressed} suppressed)` : '';
      return `  ${row.control.padEnd(width)}  ${color[row.status](CONTROL_STATUS_WORDS[row.status].padEnd(8))} ${row.checks.join(', ')}${counts}`;
    }),
    '',
  ];
}

/** "Raised from high to critical: the role is admin", for a result whose severity is not its check's. */
export function severityChange(result: Result, check: CheckSummary | undefined): string | undefined {
  if (check === undefined || result.severityReason === undefined || result.severity === check.severity) return undefined;
  const direction = SEVERITY_RANK[result.severity] > SEVERITY_RANK[check.severity] ? 'Raised' : 'Lowered';
  return `${direction} from ${check.severity} to ${result.severity}: ${result.severityReason}.`;
}

function incidentLines(result: Result, incidents: Map<string, ReportIncident>, limit: number, dim: (s: string) => string): string[] {
  const shown = result.incidents.slice(0, limit).flatMap((match) => {
    const incident = incidents.get(match.id);
    if (incident === undefined) return [];
    return [`      • ${incident.name} (${incident.date}): ${incident.impactShort}. ${dim(`${MATCH_KIND_LABELS[match.match]}: ${match.reason}`)}`];
  });
  if (shown.length === 0) return [];
  return ['    Breaches that resemble it:', ...shown, dim(`      breachmap explain ${result.incidents[0]?.id ?? ''} for the full story`)];
}

function fixLines(check: CheckSummary, green: (s: string) => string): string[] {
  return [`    ${green('Fix:')} ${check.remediation.summary}`, `         ${check.remediation.docs}`];
}

/**
 * "22 open (3 critical, 19 high), 2 suppressed, 1 unknown, 40 passed · 18 checks · …": the
 * summary's own numbers, so every format states the same counts.
 */
export function summaryLine(report: Report, bold: (s: string) => string = (x) => x): string {
  const { results: r, findings } = report.summary;
  const severities = describeBySeverity(findings.open);
  const openPart = findings.open.total === 0 ? '0 open' : `${findings.open.total} open (${severities})`;
  const suppressed = report.suppressions === undefined && findings.suppressed.total === 0 ? '' : `, ${findings.suppressed.total} suppressed`;
  const baseline = findings.new === undefined ? '' : `, ${findings.new.total} new, ${findings.resolved ?? 0} resolved since the baseline`;
  const seconds = (report.stats.durationMs / 1000).toFixed(1);
  return bold(`${openPart}${suppressed}${baseline}, ${r.unknown} unknown, ${r.pass} passed`) + ` · ${report.summary.checks} check${report.summary.checks === 1 ? '' : 's'} · ${report.stats.totalCalls} AWS call${report.stats.totalCalls === 1 ? '' : 's'} in ${seconds} s`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}
