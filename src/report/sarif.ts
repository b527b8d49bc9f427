/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers. One rule per check, one result
 * per failing result. Decisions that follow GitHub's SARIF support:
 *
 * - `properties.security-severity` is the numeric score code scanning ranks alerts by (see
 *   SECURITY_SEVERITY); `level` follows the same severity.
 * - Code scanning rejects a result without a location, and cloud resources have no file, so each
 *   result gets a stable virtual path (`aws/<account>/<region>/<service>/<resource>`, line 1) next to
 *   the logical location holding the ARN.
 * - `partialFingerprints["breachmap/v1"]` is the result fingerprint, so an alert keeps its identity
 *   across runs, region order and tool versions.
 * - Code scanning raises an alert for every result whatever its `kind`, so results resolved since a
 *   baseline are listed in `run.properties.breachmap.resolved`, not emitted as `absent` results.
 * - Suppressed results carry a SARIF `suppressions` entry with the justification; expired and
 *   stale suppressions and collection failures are tool notifications.
 */
import type { Severity } from '../model.js';
import { markdownUrl } from './markdown.js';
import { escapeJsonInvisibles } from './sanitize.js';
import { MATCH_KIND_LABELS, type CheckSummary, type IncidentMatch, type Report, type ReportIncident, type Result } from './schema.js';

interface MatchedIncident {
  incident: ReportIncident;
  match: IncidentMatch;
}

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://github.com/breachmap/breachmap';

/** The numeric score GitHub code scanning expects (0.0–10.0; ≥9.0 critical, ≥7.0 high, ≥4.0 medium). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

type Level = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, Level>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

const FRAMEWORK_TAG: Readonly<Record<string, string>> = {
  'cis-aws-1.2': 'CIS-AWS-1.2',
  'cis-aws-1.4': 'CIS-AWS-1.4',
  'cis-aws-3.0': 'CIS-AWS-3.0',
  'cis-aws-5.0': 'CIS-AWS-5.0',
  'aws-security-hub': 'SecurityHub',
};

export function renderSarif(report: Report): string {
  const incidents = new Map(report.incidents.map((incident) => [incident.id, incident]));
  const ruleIndex = new Map(report.checks.map((check, index) => [check.id, index]));
  const failing = report.results.filter((result) => result.status === 'fail');

  const notifications = [
    ...(report.warnings ?? []).map((text) => ({ level: 'warning', message: { text } })),
    ...report.errors.map((error) => ({
      level: 'warning',
      message: { text: `${error.slice} (${error.scope}): ${error.code}: ${error.message}${error.action === undefined ? '' : ` (needs ${error.action})`}` },
    })),
  ];

  const runProperties: Record<string, unknown> = {
    account: report.account.id,
    collectedAt: report.collectedAt,
    regions: report.regions,
    // The same counts every other format states (src/report/summary.ts).
    findings: report.summary.findings,
  };
  if (report.gate !== undefined) runProperties['gate'] = report.gate;
  if (report.baseline !== undefined) runProperties['baseline'] = { collectedAt: report.baseline.collectedAt, new: report.baseline.new, unchanged: report.baseline.unchanged, resolved: report.baseline.resolved };

  const sarif = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'breachmap',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: TOOL_INFORMATION_URI,
            rules: report.checks.map((check) => toRule(check, report, incidents)),
          },
        },
        invocations: [{ executionSuccessful: true, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        results: failing.map((result) => toResult(result, ruleIndex.get(result.checkId), report)),
        properties: { breachmap: runProperties },
      },
    ],
  };
  return escapeJsonInvisibles(JSON.stringify(sarif, null, 2)) + '\n';
}

function toRule(check: CheckSummary, report: Report, incidents: Map<string, ReportIncident>) {
  const matched = incidentsOf(check.id, report, incidents);
  const frameworkTags = Object.entries(check.frameworks).flatMap(([framework, ids]) => ids.map((id) => `${FRAMEWORK_TAG[framework] ?? framework}:${id}`));
  return {
    id: check.id,
    name: pascalCase(check.id),
    shortDescription: { text: check.title },
    fullDescription: { text: check.description },
    defaultConfiguration: { level: LEVEL[check.severity] },
    helpUri: check.remediation.docs,
    help: { text: helpText(check, matched), markdown: helpMarkdown(check, matched) },
    properties: {
      'security-severity': SECURITY_SEVERITY[check.severity],
      precision: 'high',
      'problem.severity': LEVEL[check.severity] === 'note' ? 'recommendation' : LEVEL[check.severity],
      tags: ['security', 'aws', check.service, ...check.rootCauses.map((cause) => `root-cause:${cause}`), ...frameworkTags],
    },
  };
}

function toResult(result: Result, ruleIndex: number | undefined, report: Report) {
  const out: Record<string, unknown> = {
    ruleId: result.checkId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[result.severity],
    message: { text: `${result.account === undefined ? '' : `account ${result.account}: `}${result.resource}${result.qualifier === undefined ? '' : ` (${result.qualifier})`}: ${result.message}` },
    locations: [
      {
        // Organization results carry their own account (an S3 ARN names none, and the header account is the management one).
        physicalLocation: { artifactLocation: { uri: virtualPath(result, result.account ?? report.account.id) }, region: { startLine: 1 } },
        logicalLocations: [{ name: resourceName(result.resource), fullyQualifiedName: result.resource, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'breachmap/v1': result.fingerprint },
    properties: {
      severity: result.severity,
      region: result.region,
      ...(result.account === undefined ? {} : { account: result.account }),
      ...(result.qualifier === undefined ? {} : { qualifier: result.qualifier }),
      incidents: result.incidents.map((match) => match.id),
      ...(result.reach === undefined ? {} : { reach: result.reach }),
    },
  };
  if (result.suppression !== undefined) {
    out['suppressions'] = [
      {
        kind: 'external',
        state: 'accepted',
        justification: result.suppression.reason,
        properties: { expires: result.suppression.expires, source: result.suppression.source, ...(result.suppression.owner === undefined ? {} : { owner: result.suppression.owner }) },
      },
    ];
  }
  if (result.baseline !== undefined) out['baselineState'] = result.baseline;
  return out;
}

function incidentsOf(checkId: string, report: Report, incidents: Map<string, ReportIncident>): MatchedIncident[] {
  const first = report.results.find((result) => result.checkId === checkId && result.incidents.length > 0);
  return (first?.incidents ?? []).slice(0, 5).flatMap((match) => {
    const incident = incidents.get(match.id);
    return incident === undefined ? [] : [{ incident, match }];
  });
}

function helpText(check: CheckSummary, matched: readonly MatchedIncident[]): string {
  const lines = [check.description, '', `Fix: ${check.remediation.summary}`];
  if (check.remediation.cli !== undefined) lines.push(`CLI: ${check.remediation.cli}`);
  lines.push(`Docs: ${check.remediation.docs}`);
  if (matched.length > 0) {
    lines.push('', 'Breaches it resembles:');
    for (const { incident, match } of matched) lines.push(`- ${incident.name} (${incident.date}): ${incident.impactShort}. ${MATCH_KIND_LABELS[match.match]}: ${match.reason}`);
  }
  return lines.join('\n');
}

function helpMarkdown(check: CheckSummary, matched: readonly MatchedIncident[]): string {
  const lines = [escapeMarkdown(check.description), '', `**Fix:** ${escapeMarkdown(check.remediation.summary)}`];
  for (const step of check.remediation.console ?? []) lines.push(`- ${escapeMarkdown(step)}`);
  if (check.remediation.cli !== undefined) lines.push('', '```sh', check.remediation.cli, '```');
  lines.push('', `[AWS documentation](${markdownUrl(check.remediation.docs)})`);
  if (matched.length > 0) {
    lines.push('', '**Breaches it resembles:**', '');
    for (const { incident, match } of matched) {
      const link = incident.links[0];
      const name = link === undefined ? escapeMarkdown(incident.name) : `[${escapeMarkdown(incident.name)}](${markdownUrl(link.url)})`;
      lines.push(`- ${name} (${incident.date}): ${escapeMarkdown(incident.impactShort)}. *${MATCH_KIND_LABELS[match.match]}:* ${escapeMarkdown(match.reason)}`);
    }
  }
  return lines.join('\n');
}

/** `aws/<account>/<region>/<service>/<resource path>`: stable, unique per resource, a valid relative URI. */
export function virtualPath(result: Pick<Result, 'resource' | 'region'>, accountId: string): string {
  const arn = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/s.exec(result.resource);
  const segments =
    arn === null
      ? [accountId, result.region, 'resource', result.resource]
      : [arn[4] === '' ? accountId : (arn[4] ?? accountId), arn[3] === '' ? result.region : (arn[3] ?? result.region), arn[2] ?? 'aws', ...(arn[5] ?? '').split(/[/:]/)];
  return ['aws', ...segments.map((segment) => encodeURIComponent(segment === '' ? '-' : segment))].join('/');
}

function resourceName(resource: string): string {
  const tail = resource.split(/[/:]/).filter((part) => part.length > 0).at(-1);
  return tail ?? resource;
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => (part.length === 0 ? part : (part[0]?.toUpperCase() ?? '') + part.slice(1)))
    .join('');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, '\\$&');
}

