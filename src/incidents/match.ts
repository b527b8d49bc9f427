/**
 * Joins a failing result to the incidents it resembles. Ranking: the incidents for which the
 * check's failing state is the documented precondition come first, then those whose primary root
 * cause the check detects, then those where it appears as a secondary cause or escalation step.
 * Ties go to customer incidents before vendor case studies, then to the older (better known) case.
 */
import type { AnyCheck } from '../checks/define.js';
import { ROOT_CAUSE_LABELS } from '../model.js';
import type { IncidentMatch } from '../report/schema.js';
import type { Incident } from './types.js';

export const MAX_INCIDENTS_PER_RESULT = 5;

const MATCH_RANK: Readonly<Record<IncidentMatch['match'], number>> = { exact: 3, cause: 2, related: 1 };

export function matchIncidents(check: AnyCheck, catalog: readonly Incident[]): IncidentMatch[] {
  return rankIncidents(check, catalog).slice(0, MAX_INCIDENTS_PER_RESULT);
}

/** Every incident the check relates to, best first (the incidents browser's --check filter). */
export function rankIncidents(check: AnyCheck, catalog: readonly Incident[]): IncidentMatch[] {
  const matches: { incident: Incident; match: IncidentMatch }[] = [];
  for (const incident of catalog) {
    const match = classify(check, incident);
    if (match !== undefined) matches.push({ incident, match });
  }
  matches.sort(
    (a, b) =>
      MATCH_RANK[b.match.match] - MATCH_RANK[a.match.match] ||
      sectionRank(a.incident) - sectionRank(b.incident) ||
      a.incident.date.localeCompare(b.incident.date) ||
      a.incident.id.localeCompare(b.incident.id),
  );
  return matches.map((m) => m.match);
}

/** A check seen from an incident's side: which checks detect its precondition, and how closely. */
export interface CheckMatch {
  checkId: string;
  match: IncidentMatch['match'];
  reason: string;
}

/** The checks that detect an incident's precondition, exact matches first, then by shared root cause, in registry order. */
export function matchChecks(incident: Incident, checks: readonly AnyCheck[]): CheckMatch[] {
  const found: CheckMatch[] = [];
  for (const check of checks) {
    const match = classify(check, incident);
    if (match !== undefined) found.push({ checkId: check.id, match: match.match, reason: match.reason });
  }
  // A stable sort keeps the registry's order within each match class.
  return found.sort((a, b) => MATCH_RANK[b.match] - MATCH_RANK[a.match]);
}

function sectionRank(incident: Incident): number {
  return incident.section === 'customer-incident' ? 0 : 1;
}

function classify(check: AnyCheck, incident: Incident): IncidentMatch | undefined {
  const causes = [incident.primaryCause, ...incident.secondaryCauses];
  const shared = causes.find((cause) => check.rootCauses.includes(cause));
  if (check.incidents.includes(incident.id)) {
    const weakness = ROOT_CAUSE_LABELS[shared ?? check.rootCauses[0]];
    return { id: incident.id, match: 'exact', reason: `Exact precondition: the write-up names this weakness (${weakness}).` };
  }
  if (check.rootCauses.includes(incident.primaryCause)) {
    return { id: incident.id, match: 'cause', reason: `Same root cause: ${ROOT_CAUSE_LABELS[incident.primaryCause]}.` };
  }
  if (shared !== undefined) {
    return { id: incident.id, match: 'related', reason: `Part of the attack path: ${ROOT_CAUSE_LABELS[shared]}.` };
  }
  return undefined;
}
