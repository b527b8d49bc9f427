/**
 * Breach paths for the application: the entry points, the reach (./reach-source.ts, the one adapter
 * point) and the incident catalog wired together. src/app/final-report.ts calls `breachPathsOf`.
 */
import { ALL_CHECKS } from '../checks/index.js';
import { INCIDENTS } from '../incidents/catalog.js';
import { matchIncidents } from '../incidents/match.js';
import type { Inventory } from '../inventory/schema.js';
import type { BreachPaths, PathsSummary } from '../report/paths-schema.js';
import type { Report } from '../report/schema.js';
import { buildBreachPaths, type PathLimits } from './build.js';
import type { IncidentLookup, IncidentRef } from './entries.js';
import { reachIndexFor } from './reach-source.js';

export { DEFAULT_PATH_LIMITS, type PathLimits } from './build.js';

/** The catalog: incident names, and the incident each registered check matches first. */
export function catalogIncidents(): IncidentLookup {
  const names = new Map(INCIDENTS.map((incident) => [incident.id, incident.name]));
  const tops = new Map<string, IncidentRef | null>();
  return {
    name: (id) => names.get(id),
    topOf: (checkId) => {
      if (!tops.has(checkId)) {
        const check = ALL_CHECKS.find((candidate) => candidate.id === checkId);
        const top = check === undefined ? undefined : matchIncidents(check, INCIDENTS)[0];
        tops.set(checkId, top === undefined ? null : { id: top.id, name: names.get(top.id) ?? top.id });
      }
      return tops.get(checkId) ?? null;
    },
  };
}

export function breachPathsOf(report: Pick<Report, 'results' | 'options'>, inventory: Inventory, limits?: PathLimits): { paths: BreachPaths; summary: PathsSummary } {
  return buildBreachPaths({ report, inventory, reach: reachIndexFor(inventory), incidents: catalogIncidents(), ...(limits === undefined ? {} : { limits }) });
}
