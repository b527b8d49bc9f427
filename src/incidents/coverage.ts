/**
 * How much of the catalog breachmap's checks cover. An incident is covered in any of three ways:
 * - precondition: some check has a precondition link to it (the write-up says that check's
 *   failing state let the attacker in or exposed the data);
 * - root cause: its primary root cause is some check's first root-cause class (the weakness the
 *   check exists for);
 * - pattern: it carries an attack pattern that some check declares it limits (the check would
 *   have made what the attacker did next harder or visible).
 * Attacker-action and related links, and secondary classes, do not count: a check that would only
 * notice the intrusion already under way, or a similar weakness, did not cover the incident.
 * An incident whose entry says it is out of reach (`notCoverable`), or whose primary cause is
 * `unknown`, is never covered by root cause; nor is any incident by the class of a check that only
 * limits the aftermath (`limitsAftermath`: logging, detection, recovery).
 * An incident no check covers is listed with the reason its catalog entry gives (`notCoverable`:
 * why no read-only check of an AWS account could cover it), or as having no check yet.
 */
import type { AnyCheck } from '../checks/define.js';
import { ROOT_CAUSES, type RootCause } from '../model.js';
import type { Incident } from './types.js';

export const COVERAGE_WAYS = ['precondition', 'root-cause', 'pattern'] as const;
export type CoverageWay = (typeof COVERAGE_WAYS)[number];

/** What the uncovered list says of an incident whose entry gives no `notCoverable` reason. */
export const NO_CHECK_YET = 'no check yet';

export interface CoverageByCause {
  cause: RootCause;
  /** Incidents whose primary root cause is this class. */
  incidents: number;
  covered: number;
}

export interface CoveredIncident {
  incident: Incident;
  /** Every way it is covered, in COVERAGE_WAYS order. */
  ways: CoverageWay[];
  /** The checks covering it each way, in registry order. */
  byWay: Record<CoverageWay, string[]>;
  /** Every covering check once: precondition links first, then first classes, then patterns. */
  checks: string[];
}

export interface UncoveredIncident {
  incident: Incident;
  /** The incident's `notCoverable` reason, or NO_CHECK_YET. */
  reason: string;
  /** True when the catalog says no read-only AWS check could cover it. */
  outOfReach: boolean;
}

export interface Coverage {
  total: number;
  covered: number;
  /** Incidents covered in each way (an incident covered two ways counts in both). */
  byWay: Record<CoverageWay, number>;
  /** Incidents covered only through a pattern: what pattern declarations add. */
  onlyByPattern: number;
  byCause: CoverageByCause[];
  coveredIncidents: CoveredIncident[];
  /** Incidents no check covers, in catalog order. */
  uncovered: UncoveredIncident[];
  /** Of the uncovered, those the catalog marks out of reach of a read-only check. */
  outOfReach: number;
  /** Of the uncovered, those with no check yet: the gap the target says to close. */
  noCheckYet: number;
}

export function incidentCoverage(catalog: readonly Incident[], checks: readonly AnyCheck[]): Coverage {
  const coveredIncidents: CoveredIncident[] = [];
  const uncovered: UncoveredIncident[] = [];
  for (const incident of catalog) {
    const byWay: Record<CoverageWay, string[]> = {
      precondition: checks.filter((check) => check.incidents.some((l) => l.incident === incident.id && l.kind === 'precondition')).map((c) => c.id),
      // A hand-reviewed `notCoverable` reason outranks a class match: the class says which kind of
      // weakness began it, the review says the write-up names nothing in the account to check.
      // "Unknown" names no weakness, so a check of that class (logging, detection) does not cover how it began.
      'root-cause':
        incident.notCoverable !== undefined || incident.primaryCause === 'unknown'
          ? []
          : checks.filter((check) => check.limitsAftermath !== true && check.rootCauses[0] === incident.primaryCause).map((c) => c.id),
      pattern: checks.filter((check) => (check.patterns ?? []).some((p) => incident.patterns.includes(p))).map((c) => c.id),
    };
    const ways = COVERAGE_WAYS.filter((way) => byWay[way].length > 0);
    if (ways.length === 0) {
      uncovered.push({ incident, reason: incident.notCoverable ?? NO_CHECK_YET, outOfReach: incident.notCoverable !== undefined });
      continue;
    }
    const checkIds = [...new Set(COVERAGE_WAYS.flatMap((way) => byWay[way]))];
    coveredIncidents.push({ incident, ways, byWay, checks: checkIds });
  }
  const coveredIds = new Set(coveredIncidents.map((c) => c.incident.id));
  const byCause = ROOT_CAUSES.flatMap((cause) => {
    const ofCause = catalog.filter((incident) => incident.primaryCause === cause);
    if (ofCause.length === 0) return [];
    return [{ cause, incidents: ofCause.length, covered: ofCause.filter((incident) => coveredIds.has(incident.id)).length }];
  });
  const countWay = (way: CoverageWay): number => coveredIncidents.filter((c) => c.ways.includes(way)).length;
  const outOfReach = uncovered.filter((u) => u.outOfReach).length;
  return {
    total: catalog.length,
    covered: coveredIncidents.length,
    byWay: { precondition: countWay('precondition'), 'root-cause': countWay('root-cause'), pattern: countWay('pattern') },
    onlyByPattern: coveredIncidents.filter((c) => c.ways.length === 1 && c.ways[0] === 'pattern').length,
    byCause,
    coveredIncidents,
    uncovered,
    outOfReach,
    noCheckYet: uncovered.length - outOfReach,
  };
}
