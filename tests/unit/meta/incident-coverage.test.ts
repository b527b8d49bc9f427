/**
 * The catalog's `notCoverable` reasons (issue 15): a hand judgement that no read-only check of an
 * AWS account could cover an incident. It must read as one sentence of our own, and it must not
 * contradict the rest of the data: an incident with an attack pattern (something a check could
 * limit) or a check's precondition link (a check that does cover it) is not out of reach.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { incidentCoverage } from '../../../src/incidents/coverage.js';

const outOfReach = INCIDENTS.filter((incident) => incident.notCoverable !== undefined);

describe('incidents marked out of reach of a read-only check', () => {
  it('exist, and are a minority of the catalog', () => {
    expect(outOfReach.length).toBeGreaterThan(5);
    expect(outOfReach.length).toBeLessThan(INCIDENTS.length / 4);
  });

  it.each(outOfReach.map((incident) => [incident.id, incident.notCoverable ?? ''] as const))('%s gives its reason in one sentence', (_id, reason) => {
    expect(reason).toMatch(/^[A-Z][^]*\.$/);
    expect(reason.match(/[.!?](?=\s+[A-Z]|$)/g) ?? []).toHaveLength(1);
  });

  it('carry no attack pattern: a pattern is something a check could limit', () => {
    expect(outOfReach.filter((incident) => incident.patterns.length > 0).map((i) => i.id)).toEqual([]);
  });

  it('have no precondition link from any check', () => {
    const linked = outOfReach.filter((incident) => ALL_CHECKS.some((check) => check.incidents.some((l) => l.incident === incident.id && l.kind === 'precondition')));
    expect(linked.map((i) => i.id)).toEqual([]);
  });

  it('are never counted as covered, not even by a check whose first class is their primary cause', () => {
    const coverage = incidentCoverage(INCIDENTS, ALL_CHECKS);
    const covered = new Set(coverage.coveredIncidents.map((c) => c.incident.id));
    expect(outOfReach.filter((incident) => covered.has(incident.id)).map((i) => i.id)).toEqual([]);
  });

  it('are listed with their reason when no check covers them', () => {
    const coverage = incidentCoverage(INCIDENTS, ALL_CHECKS);
    for (const { incident, reason, outOfReach: flagged } of coverage.uncovered) {
      expect(flagged, incident.id).toBe(incident.notCoverable !== undefined);
      if (incident.notCoverable !== undefined) expect(reason, incident.id).toBe(incident.notCoverable);
    }
  });
});

describe('coverage by root cause', () => {
  it('never comes from a check that only limits the aftermath', () => {
    const coverage = incidentCoverage(INCIDENTS, ALL_CHECKS);
    const aftermath = new Set<string>(ALL_CHECKS.filter((check) => check.limitsAftermath === true).map((check) => check.id));
    for (const covered of coverage.coveredIncidents) {
      expect(covered.byWay['root-cause'].filter((id) => aftermath.has(id)), covered.incident.id).toEqual([]);
    }
  });
});
