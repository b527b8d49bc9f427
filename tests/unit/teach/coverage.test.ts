/** `breachmap incidents --coverage` (issue 13, item 7): how much of the catalog the checks cover. */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { AnyCheck } from '../../../src/checks/define.js';
import { main } from '../../../src/cli/main.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { incidentCoverage } from '../../../src/incidents/coverage.js';
import type { Incident, IncidentLink } from '../../../src/incidents/types.js';
import type { RootCause } from '../../../src/model.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function incident(id: string, primary: RootCause, secondary: RootCause[] = []): Incident {
  return {
    id,
    name: id,
    date: '2020-01',
    section: 'customer-incident',
    primaryCause: primary,
    secondaryCauses: secondary,
    patterns: [],
    rootCause: 'x',
    escalation: 'x',
    impact: 'x',
    impactShort: 'x',
    lesson: 'x',
    links: [{ title: 'w', url: `https://example.com/${id}` }],
  };
}

function fakeCheck(id: string, rootCauses: [RootCause, ...RootCause[]], incidents: IncidentLink[] = []): AnyCheck {
  const base = ALL_CHECKS[0];
  if (base === undefined) throw new Error('no checks');
  return { ...base, id, rootCauses, incidents };
}

const link = (incidentId: string, kind: IncidentLink['kind']): IncidentLink => ({ incident: incidentId, kind, why: 'The write-up says so.', source: `https://example.com/${incidentId}` });

describe('incident coverage', () => {
  it('counts a precondition link or a first-class primary cause, never attacker actions, related links or second classes', () => {
    const catalog = [
      incident('by-link', 'unknown'),
      incident('by-first-class', 'root'),
      incident('by-second-class-only', 'leaked-keys'),
      incident('by-action-only', 'unknown'),
      incident('by-related-only', 'third-party'),
      incident('by-secondary-cause-only', 'app-vuln', ['root']),
    ];
    const checks = [fakeCheck('a', ['root', 'leaked-keys'], [link('by-link', 'precondition'), link('by-action-only', 'attacker-action'), link('by-related-only', 'related')]), fakeCheck('b', ['root'])];
    const coverage = incidentCoverage(catalog, checks);
    expect(coverage.total).toBe(6);
    expect(coverage.covered).toBe(2);
    expect(coverage.coveredIncidents.map((c) => [c.incident.id, c.checks])).toEqual([
      ['by-link', ['a']],
      ['by-first-class', ['a', 'b']],
    ]);
    expect(coverage.uncovered.map((i) => i.id)).toEqual(['by-second-class-only', 'by-action-only', 'by-related-only', 'by-secondary-cause-only']);
    expect(coverage.byCause).toEqual([
      { cause: 'leaked-keys', incidents: 1, covered: 0 },
      { cause: 'root', incidents: 1, covered: 1 },
      { cause: 'third-party', incidents: 1, covered: 0 },
      { cause: 'app-vuln', incidents: 1, covered: 0 },
      { cause: 'unknown', incidents: 2, covered: 1 },
    ]);
  });

  it('prints per class and in total, and lists the incidents no check covers', async () => {
    const result = await cli(['incidents', '--coverage']);
    expect(result.code).toBe(0);
    const coverage = incidentCoverage(INCIDENTS, ALL_CHECKS);
    const [headline] = result.stdout.split('\n');
    expect(headline).toMatch(new RegExp(`^${coverage.covered} of ${INCIDENTS.length} incidents \\(\\d+%\\) are covered`));
    // Rows add up to the total, and every class with an incident has a row.
    const rows = [...result.stdout.matchAll(/^([a-z0-9-]+)\s+(\d+)\/(\d+)\s+\d+%/gm)].filter((m) => m[1] !== 'total');
    expect(rows.reduce((n, m) => n + Number(m[3]), 0)).toBe(INCIDENTS.length);
    expect(rows.reduce((n, m) => n + Number(m[2]), 0)).toBe(coverage.covered);
    expect(new Set(rows.map((m) => m[1]))).toEqual(new Set(INCIDENTS.map((i) => i.primaryCause)));
    // Chegg has a precondition link (root access keys); Open Exchange Rates began with a third-party compromise no check covers.
    expect(result.stdout).toMatch(/Not covered by any check \(\d+\):/);
    expect(result.stdout).toContain('open-exchange-rates-2020-03');
    expect(result.stdout).not.toContain('chegg-2018-04');
    for (const missing of coverage.uncovered) {
      expect(ALL_CHECKS.some((c) => c.rootCauses[0] === missing.primaryCause), missing.id).toBe(false);
      expect(ALL_CHECKS.some((c) => c.incidents.some((l) => l.incident === missing.id && l.kind === 'precondition')), missing.id).toBe(false);
    }
  });

  it('writes JSON, narrows to filtered incidents, and refuses --check', async () => {
    const json = await cli(['incidents', '--coverage', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { total: number; covered: number; uncovered: { id: string }[] };
    expect(parsed.total).toBe(INCIDENTS.length);
    expect(parsed.covered + parsed.uncovered.length).toBe(parsed.total);

    const root = await cli(['incidents', '--coverage', '--cause', 'root', '--format', 'json']);
    const rootParsed = JSON.parse(root.stdout) as { total: number };
    expect(rootParsed.total).toBe(INCIDENTS.filter((i) => i.primaryCause === 'root' || i.secondaryCauses.includes('root')).length);

    const refused = await cli(['incidents', '--coverage', '--check', 'iam-root-mfa']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--coverage cannot be combined with --check/);
  });
});
