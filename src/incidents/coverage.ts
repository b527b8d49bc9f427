/**
 * How much of the catalog breachmap's checks cover. An incident is covered when some check has a
 * precondition link to it (the write-up says that check's failing state let the attacker in or
 * exposed the data) or when its primary root cause is some check's first root-cause class (the
 * weakness the check exists for). Attacker-action and related links, and secondary classes, do not
 * count: a check that would only notice the intrusion later, or a similar weakness, did not cover
 * how the incident began.
 */
import type { AnyCheck } from '../checks/define.js';
import { ROOT_CAUSES, type RootCause } from '../model.js';
import type { Incident } from './types.js';

export interface CoverageByCause {
  cause: RootCause;
  /** Incidents whose primary root cause is this class. */
  incidents: number;
  covered: number;
}

export interface CoveredIncident {
  incident: Incident;
  /** The checks covering it: precondition links first, then checks whose first class is its primary cause; registry order within each. */
  checks: string[];
}

export interface Coverage {
  total: number;
  covered: number;
  byCause: CoverageByCause[];
  coveredIncidents: CoveredIncident[];
  /** Incidents no check covers, in catalog order. */
  uncovered: Incident[];
}

export function incidentCoverage(catalog: readonly Incident[], checks: readonly AnyCheck[]): Coverage {
  const coveredIncidents: CoveredIncident[] = [];
  const uncovered: Incident[] = [];
  for (const incident of catalog) {
    const byLink = checks.filter((check) => check.incidents.some((l) => l.incident === incident.id && l.kind === 'precondition')).map((c) => c.id);
    const byClass = checks.filter((check) => check.rootCauses[0] === incident.primaryCause && !byLink.includes(check.id)).map((c) => c.id);
    const covering = [...byLink, ...byClass];
    if (covering.length === 0) uncovered.push(incident);
    else coveredIncidents.push({ incident, checks: covering });
  }
  const coveredIds = new Set(coveredIncidents.map((c) => c.incident.id));
  const byCause = ROOT_CAUSES.flatMap((cause) => {
    const ofCause = catalog.filter((incident) => incident.primaryCause === cause);
    if (ofCause.length === 0) return [];
    return [{ cause, incidents: ofCause.length, covered: ofCause.filter((incident) => coveredIds.has(incident.id)).length }];
  });
  return { total: catalog.length, covered: coveredIncidents.length, byCause, coveredIncidents, uncovered };
}
