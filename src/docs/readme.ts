/**
 * The sections of README.md and docs/*.md generated from code (between `<!-- name:start -->` and
 * `<!-- name:end -->`), so the documented checks, IAM policies, coverage and escalation paths can
 * never drift from what the tool does. `npm run gen:docs` rewrites them (src/docs/manual.ts lists
 * which file holds which); a test fails while any is stale.
 */
import type { AnyCheck } from '../checks/define.js';
import type { Incident } from '../incidents/types.js';
import { matchIncidents } from '../incidents/match.js';
import { incidentCoverage } from '../incidents/coverage.js';
import { FRAMEWORKS } from '../model.js';
import { renderOrganizationPermissions, renderPermissions } from '../cli/listings.js';
import type { SliceName } from '../inventory/schema.js';
import type { EscalationPath } from '../policy/escalation-paths.js';

export const GENERATED_SECTIONS = ['checks', 'permissions', 'org-permissions', 'coverage', 'escalation-paths', 'cli', 'coverage-summary'] as const;
export type GeneratedSection = (typeof GENERATED_SECTIONS)[number];

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** `pagesDir`: where the per-check pages are, relative to the document (each id links to its page). */
export function renderChecksTable(checks: readonly AnyCheck[], catalog: readonly Incident[], pagesDir?: string): string {
  const byId = new Map(catalog.map((i) => [i.id, i]));
  const rows = checks.map((check) => {
    const incidents = matchIncidents(check, catalog)
      .slice(0, 4)
      .map((m) => {
        const incident = byId.get(m.id);
        return incident === undefined ? m.id : `${incident.name} (${incident.date})`;
      })
      .join(', ');
    const frameworks = FRAMEWORKS.flatMap((f) => (check.frameworks[f] ?? []).map((id) => `${f.replace('aws-security-hub', 'SecHub').replace('cis-aws-', 'CIS ')} ${id}`)).join(', ');
    const id = pagesDir === undefined ? `\`${check.id}\`` : `[\`${check.id}\`](${pagesDir}/${check.id}.md)`;
    return `| ${id} | ${check.severity} | ${escapeCell(check.title)} | ${check.rootCauses.join(', ')} | ${escapeCell(incidents)} | ${frameworks === '' ? '—' : frameworks} |`;
  });
  return ['| Check | Severity | Expected state | Root causes | Mirrors (best matches) | Frameworks |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

/** The coverage figure of `breachmap incidents --coverage`: prose, the table per root cause, and the uncovered incidents with their reason. */
export function renderCoverageSection(checks: readonly AnyCheck[], catalog: readonly Incident[]): string {
  const coverage = incidentCoverage(catalog, checks);
  const rows = coverage.byCause.map((row) => `| \`${row.cause}\` | ${row.covered} of ${row.incidents} | ${pct(row.covered, row.incidents)} |`);
  const uncovered = coverage.uncovered.map(({ incident, reason }) => `| ${escapeCell(incident.name)} (\`${incident.id}\`) | \`${incident.primaryCause}\` | ${escapeCell(reason)} |`);
  return [
    `Today **${coverage.covered} of ${coverage.total}** catalog incidents (${pct(coverage.covered, coverage.total)}) are covered; ${coverage.uncovered.length} are not: ${coverage.outOfReach} out of reach of a read-only check of the account, ${coverage.noCheckYet} with no check yet.`,
    `By precondition link ${coverage.byWay.precondition}, by root cause ${coverage.byWay['root-cause']}, by attack pattern ${coverage.byWay.pattern} (${coverage.onlyByPattern} by a pattern alone); an incident covered several ways counts in each.`,
    '',
    '| Primary root cause | Covered | |',
    '|---|---|---|',
    ...rows,
    `| total | ${coverage.covered} of ${coverage.total} | ${pct(coverage.covered, coverage.total)} |`,
    ...(uncovered.length === 0 ? [] : ['', 'Not covered, and why:', '', '| Incident | Primary root cause | Why no check covers it |', '|---|---|---|', ...uncovered]),
  ].join('\n');
}

/** README's one sentence with the coverage figure. */
export function renderCoverageSummary(checks: readonly AnyCheck[], catalog: readonly Incident[]): string {
  const coverage = incidentCoverage(catalog, checks);
  return (
    `Together the checks cover **${coverage.covered} of ${coverage.total}** catalog incidents (${pct(coverage.covered, coverage.total)}) by a precondition link, the root cause or an attack pattern; ` +
    `of the other ${coverage.uncovered.length}, ${coverage.outOfReach} lie out of reach of a read-only check of the account and ${coverage.noCheckYet} have no check yet ` +
    '(`breachmap incidents --coverage` lists them with the reason; see [coverage](docs/incidents.md#coverage)).'
  );
}

function pct(part: number, whole: number): string {
  return `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`;
}

/** One row per catalog path: id, the actions (steps ANDed, alternatives ORed), how it escalates. */
export function renderEscalationTable(paths: readonly EscalationPath[]): string {
  const rows = paths.map((path) => {
    const steps = [...new Set(path.steps.map((step) => step.anyOf.map((action) => `\`${action}\``).join(' | ')))];
    const actions = steps.map((step) => (step.includes(' | ') && steps.length > 1 ? `(${step})` : step)).join(' + ');
    return `| \`${path.id}\` | ${escapeCell(actions)} | ${escapeCell(path.how)} |`;
  });
  return ['| Path | Actions (all needed; `a \\| b`: either) | How it escalates |', '|---|---|---|', ...rows].join('\n');
}

export function renderPermissionsBlock(slices: readonly SliceName[]): string {
  return '```json\n' + renderPermissions(slices) + '```';
}

/** `breachmap permissions --org --role-name <roleName>`, as a code block. */
export function renderOrganizationPermissionsBlock(roleName: string): string {
  return '```json\n' + renderOrganizationPermissions(roleName) + '```';
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->`. */
export function replaceSection(document: string, name: GeneratedSection, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`the document lacks the ${start} … ${end} markers`);
  return document.slice(0, from + start.length) + '\n' + content + '\n' + document.slice(to);
}
