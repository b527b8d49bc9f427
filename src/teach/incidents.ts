/**
 * The incident browser: `breachmap incidents` (filtered listing) and `breachmap incidents show ID`.
 * Pure functions of the catalog and the check registry; the CLI only parses flags and prints.
 */
import type { AnyCheck } from '../checks/define.js';
import { matchChecks, rankIncidents } from '../incidents/match.js';
import type { Incident } from '../incidents/types.js';
import { MATCH_KIND_LABELS, type IncidentMatch } from '../report/schema.js';
import { ROOT_CAUSE_LABELS, type RootCause } from '../model.js';
import { COVERAGE_WAYS, type Coverage, type CoverageWay } from '../incidents/coverage.js';
import { sanitizeInline } from '../report/sanitize.js';

export interface IncidentFilter {
  /** Primary or secondary root-cause class. */
  cause?: RootCause;
  /** Four-digit year. */
  year?: string;
  /** YYYY or YYYY-MM, inclusive. An incident dated only by year is kept when its year is not earlier. */
  since?: string;
  /** Case-insensitive text in any field: name, victim, story, lesson, source titles. */
  search?: string;
  /** Only incidents this check relates to (hand links, then shared root-cause classes). */
  check?: AnyCheck;
}

export interface ListedIncident {
  incident: Incident;
  /** How the --check filter's check relates to the incident, when that filter is used. */
  match?: IncidentMatch;
}

export function filterIncidents(catalog: readonly Incident[], filter: IncidentFilter): ListedIncident[] {
  const matches = filter.check === undefined ? undefined : new Map(rankIncidents(filter.check, catalog).map((m) => [m.id, m]));
  const needle = filter.search?.trim().toLowerCase();
  const listed: ListedIncident[] = [];
  for (const incident of catalog) {
    if (filter.cause !== undefined && incident.primaryCause !== filter.cause && !incident.secondaryCauses.includes(filter.cause)) continue;
    if (filter.year !== undefined && incident.date.slice(0, 4) !== filter.year) continue;
    if (filter.since !== undefined && !onOrAfter(incident.date, filter.since)) continue;
    if (needle !== undefined && needle !== '' && !searchableText(incident).includes(needle)) continue;
    if (matches === undefined) {
      listed.push({ incident });
      continue;
    }
    const match = matches.get(incident.id);
    if (match !== undefined) listed.push({ incident, match });
  }
  return listed.sort((a, b) => a.incident.date.localeCompare(b.incident.date) || a.incident.name.localeCompare(b.incident.name));
}

function onOrAfter(date: string, since: string): boolean {
  // Compare only as much precision as both sides have: "2019" is on or after "2019-06".
  const precision = Math.min(date.length, since.length);
  return date.slice(0, precision) >= since.slice(0, precision);
}

function searchableText(incident: Incident): string {
  return [
    incident.id,
    incident.name,
    incident.victim ?? '',
    incident.rootCause,
    incident.escalation,
    incident.impact,
    incident.impactShort,
    incident.lesson,
    ...incident.links.map((l) => l.title),
  ]
    .join('\n')
    .toLowerCase();
}

export function causesOf(incident: Incident): RootCause[] {
  return [incident.primaryCause, ...incident.secondaryCauses];
}

export function renderIncidentList(listed: readonly ListedIncident[], total: number, format: 'text' | 'json'): string {
  if (format === 'json') {
    return JSON.stringify(listed.map(({ incident, match }) => (match === undefined ? incident : { ...incident, match: match.match })), null, 2) + '\n';
  }
  if (listed.length === 0) return `No incident matches these filters (${total} in the catalog). 'breachmap incidents' lists them all.\n`;
  // Two lines per incident keep every column readable in 100 columns: the story, then the handles.
  const lines = listed.flatMap(({ incident, match }) => {
    const relation = match === undefined ? '' : ` · ${MATCH_KIND_LABELS[match.match].toLowerCase()} (${match.match})`;
    return [
      `${incident.date.padEnd(7)}  ${sanitizeInline(incident.name)}: ${sanitizeInline(incident.impactShort)}`,
      `${' '.repeat(9)}${incident.id} · ${causesOf(incident).join(', ')}${relation}`,
    ];
  });
  const count = listed.length === total ? `${total} incidents.` : `${listed.length} of ${total} incidents.`;
  return [...lines, '', `${count} 'breachmap incidents show ID' tells one story; 'breachmap explain ID' adds how to catch it.`].join('\n') + '\n';
}

/** The checks that relate to an incident: precondition links first, then attacker actions, related links and shared causes. */
export function detectingChecks(incident: Incident, checks: readonly AnyCheck[]): { check: AnyCheck; match: IncidentMatch['match']; reason: string }[] {
  const byId = new Map(checks.map((check) => [check.id, check]));
  return matchChecks(incident, checks).flatMap(({ checkId, match, reason }) => {
    const check = byId.get(checkId);
    return check === undefined ? [] : [{ check, match, reason }];
  });
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

/** How each way of covering an incident reads in the coverage listing. */
const WAY_LABELS: Readonly<Record<CoverageWay, string>> = { precondition: 'precondition link', 'root-cause': 'root cause', pattern: 'attack pattern' };

/**
 * `breachmap incidents --coverage`: the figure, how many incidents each way covers, per root-cause
 * class, then every covered incident and which way, then the uncovered ones with the reason the
 * catalog gives (or "no check yet").
 */
export function renderCoverage(coverage: Coverage, format: 'text' | 'json'): string {
  if (format === 'json') {
    return (
      JSON.stringify(
        {
          total: coverage.total,
          covered: coverage.covered,
          byWay: coverage.byWay,
          onlyByPattern: coverage.onlyByPattern,
          outOfReach: coverage.outOfReach,
          noCheckYet: coverage.noCheckYet,
          byCause: coverage.byCause,
          covered_incidents: coverage.coveredIncidents.map(({ incident, ways, byWay, checks }) => ({ id: incident.id, primaryCause: incident.primaryCause, ways, byWay, checks })),
          uncovered: coverage.uncovered.map(({ incident, reason, outOfReach }) => ({ id: incident.id, name: incident.name, date: incident.date, primaryCause: incident.primaryCause, reason, outOfReach })),
        },
        null,
        2,
      ) + '\n'
    );
  }
  const lines: string[] = [];
  lines.push(
    `${coverage.covered} of ${coverage.total} incidents (${percent(coverage.covered, coverage.total)}) are covered: a check has a precondition link to them, their primary root cause is a check's first root-cause class, or they carry an attack pattern a check limits.`,
    `By precondition link ${coverage.byWay.precondition}, by root cause ${coverage.byWay['root-cause']}, by attack pattern ${coverage.byWay.pattern} (${coverage.onlyByPattern} by a pattern alone); an incident covered several ways counts in each.`,
    '',
  );
  const width = Math.max(...coverage.byCause.map((row) => row.cause.length), 'Primary root cause'.length);
  lines.push(`${'Primary root cause'.padEnd(width)}  Covered`);
  for (const row of coverage.byCause) {
    lines.push(`${row.cause.padEnd(width)}  ${`${row.covered}/${row.incidents}`.padStart(7)}  ${percent(row.covered, row.incidents).padStart(4)}  ${ROOT_CAUSE_LABELS[row.cause]}`);
  }
  lines.push(`${'total'.padEnd(width)}  ${`${coverage.covered}/${coverage.total}`.padStart(7)}  ${percent(coverage.covered, coverage.total).padStart(4)}`);
  lines.push('');
  if (coverage.coveredIncidents.length > 0) {
    lines.push(`Covered (${coverage.coveredIncidents.length}), and which way:`);
    for (const { incident, byWay } of coverage.coveredIncidents) {
      const ways = COVERAGE_WAYS.filter((way) => byWay[way].length > 0).map((way) => `${WAY_LABELS[way]} (${byWay[way].join(', ')})`);
      lines.push(`  ${incident.date.padEnd(7)}  ${sanitizeInline(incident.name)} · ${incident.id} · ${ways.join('; ')}`);
    }
    lines.push('');
  }
  if (coverage.uncovered.length === 0) {
    lines.push('Every incident is covered.');
  } else {
    lines.push(`Not covered by any check (${coverage.uncovered.length}: ${coverage.outOfReach} out of reach of a read-only check, ${coverage.noCheckYet} with no check yet):`);
    for (const { incident, reason } of coverage.uncovered) {
      lines.push(`  ${incident.date.padEnd(7)}  ${sanitizeInline(incident.name)} · ${incident.id} · ${incident.primaryCause} · ${sanitizeInline(reason)}`);
    }
  }
  return lines.join('\n') + '\n';
}
