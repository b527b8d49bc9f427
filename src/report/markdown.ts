/**
 * A compact Markdown summary for pull-request comments and `$GITHUB_STEP_SUMMARY`: counts by
 * severity, the top findings with the breaches they resemble, what could not be evaluated, and
 * warnings. Account-supplied text is escaped so a resource name cannot inject Markdown or HTML.
 */
import { FRAMEWORK_LABELS, SEVERITIES } from '../model.js';
import { MATCH_KIND_LABELS, type Report, type ReportIncident } from './schema.js';
import { pathsHeadline } from './paths-text.js';
import { isOpenFinding, isSuppressedFinding } from './summary.js';
import { severityChange } from './text.js';
import { sanitizeInline } from './sanitize.js';

export interface MarkdownOptions {
  /** How many open findings to list (the rest are counted). */
  topFindings?: number;
}

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const limit = options.topFindings ?? 10;
  const incidents = new Map(report.incidents.map((incident) => [incident.id, incident]));
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const open = report.results.filter(isOpenFinding);
  const suppressed = report.results.filter(isSuppressedFinding);
  const unknown = report.results.filter((r) => r.status === 'unknown');
  const { findings } = report.summary;
  const lines: string[] = [];

  const alias = report.account.alias === null ? '' : ` (${md(report.account.alias)})`;
  lines.push(`## breachmap: account ${md(report.account.id)}${alias}`, '');
  lines.push(`Collected ${md(report.collectedAt)} · regions: ${report.regions.length === 0 ? 'none' : report.regions.map(md).join(', ')} · breachmap ${md(report.tool.version)}`, '');

  const header = ['Severity', 'Open', ...(findings.new === undefined ? [] : ['New']), 'Suppressed'];
  lines.push(`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const severity of SEVERITIES) {
    const row = [severity, String(findings.open.bySeverity[severity]), ...(findings.new === undefined ? [] : [String(findings.new.bySeverity[severity])]), String(findings.suppressed.bySeverity[severity])];
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push('');
  const r = report.summary.results;
  let totals = `**${findings.open.total} open**, ${findings.suppressed.total} suppressed, ${r.unknown} could not be evaluated, ${r.pass} passed, ${report.summary.checks} check${report.summary.checks === 1 ? '' : 's'}.`;
  if (findings.new !== undefined && report.baseline !== undefined) {
    totals += ` Since the baseline of ${md(report.baseline.collectedAt)}: ${findings.new.total} new, ${findings.resolved ?? 0} resolved.`;
  }
  lines.push(totals, '');
  if (report.summary.paths !== undefined && report.paths !== undefined) {
    lines.push(`**Breach paths**: ${md(pathsHeadline(report.summary.paths))}.`, '');
    for (const path of report.paths.paths.slice(0, 5)) lines.push(`- ${md(path.story)}`);
    if (report.paths.paths.length > 0) lines.push('');
  }
  if (report.framework !== undefined && report.summary.controls !== undefined) {
    lines.push(`### ${md(FRAMEWORK_LABELS[report.framework])}`, '', '| Control | Status | Checks | Open | Suppressed |', '|---|---|---|---:|---:|');
    for (const row of report.summary.controls) {
      lines.push(`| ${md(row.control)} | ${row.status.replace('_', ' ')} | ${row.checks.map((id) => `\`${id}\``).join(', ')} | ${row.open} | ${row.suppressed} |`);
    }
    lines.push('');
  }
  if (report.gate !== undefined && report.gate.exitCode !== 0) {
    for (const reason of report.gate.reasons) lines.push(`> **Gate failed (exit ${report.gate.exitCode}):** ${md(reason)}`, '');
  }

  if (open.length === 0) {
    lines.push('No open findings.', '');
  } else {
    lines.push(`### Top findings`, '');
    for (const result of open.slice(0, limit)) {
      const mark = result.baseline === 'new' ? ' 🆕' : '';
      const qualifier = result.qualifier === undefined ? '' : ` (${md(result.qualifier)})`;
      lines.push(`- **${result.severity.toUpperCase()}** \`${result.checkId}\`${mark}: ${code(result.resource)}${qualifier}: ${md(result.message)}`);
      const why = severityChange(result, checks.get(result.checkId));
      if (why !== undefined) lines.push(`  - ${md(why)}`);
      if (result.reach !== undefined) lines.push(`  - Reach: ${withCode(result.reach.summary)}`);
      const like = result.incidents.slice(0, 3).flatMap((match) => {
        const incident = incidents.get(match.id);
        return incident === undefined ? [] : [`${incidentLink(incident)}, ${MATCH_KIND_LABELS[match.match].toLowerCase()}`];
      });
      if (like.length > 0) lines.push(`  - Resembles: ${like.join('; ')}`);
      const check = checks.get(result.checkId);
      if (check !== undefined) lines.push(`  - Fix: ${md(check.remediation.summary)} ([docs](${markdownUrl(check.remediation.docs)}))`);
    }
    if (open.length > limit) lines.push(`- … and ${open.length - limit} more (see the full report).`);
    lines.push('');
  }

  if (suppressed.length > 0) {
    lines.push(`<details><summary>Suppressed (${suppressed.length})</summary>`, '');
    for (const result of suppressed) {
      const s = result.suppression;
      if (s === undefined) continue;
      lines.push(`- \`${result.checkId}\` ${code(result.resource)}: ${md(s.reason)} (until ${md(s.expires)}${s.owner === undefined ? '' : `, ${md(s.owner)}`})`);
    }
    lines.push('', '</details>', '');
  }

  if (unknown.length > 0) {
    lines.push(`<details><summary>Could not evaluate (${unknown.length})</summary>`, '');
    for (const result of unknown) lines.push(`- \`${result.checkId}\` ${code(result.resource)}: ${md(result.message)}`);
    lines.push('', '</details>', '');
  }

  if (report.baseline !== undefined && report.baseline.resolved.length > 0) {
    lines.push(`<details><summary>Resolved since the baseline (${report.baseline.resolved.length})</summary>`, '');
    for (const resolved of report.baseline.resolved) lines.push(`- \`${resolved.checkId}\` ${code(resolved.resource)}`);
    lines.push('', '</details>', '');
  }

  for (const warning of report.warnings ?? []) lines.push(`> **Warning:** ${md(warning)}`, '');
  return lines.join('\n').replace(/\n+$/, '\n');
}

function incidentLink(incident: ReportIncident): string {
  const link = incident.links[0];
  const label = `${md(incident.name)} (${md(incident.date)})`;
  return link === undefined ? label : `[${label}](${markdownUrl(link.url)})`;
}

/** A link destination that cannot end early on `)` or whitespace, nor open HTML. */
export function markdownUrl(value: string): string {
  return `<${value.replace(/[<>\s]/g, (ch) => encodeURIComponent(ch))}>`;
}

/** Inline text from the account or the catalog: no HTML, no Markdown structure, one line. */
function md(text: string): string {
  return sanitizeInline(text)
    .replace(/[\\`*_[\]|#~]/g, '\\$&')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Text whose `back-quoted` parts (store names, path ids) become code spans, the rest escaped. */
function withCode(text: string): string {
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? code(part) : md(part)))
    .join('');
}

/** A code span that survives backticks inside the value (CommonMark: a longer fence, padded). */
function code(text: string): string {
  const value = sanitizeInline(text);
  const longest = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  if (longest === 0) return `\`${value}\``;
  const fence = '`'.repeat(longest + 1);
  return `${fence} ${value} ${fence}`;
}
