/** `breachmap incidents --coverage` (issue 13, item 7; issue 15): how much of the catalog the checks cover, which way, and why the rest is not. */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import type { AnyCheck } from '../../../src/checks/define.js';
import { main } from '../../../src/cli/main.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { incidentCoverage, NO_CHECK_YET } from '../../../src/incidents/coverage.js';
import type { Incident, IncidentLink } from '../../../src/incidents/types.js';
import type { AttackPattern, RootCause } from '../../../src/model.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function incident(id: string, primary: RootCause, secondary: RootCause[] = [], extra: { patterns?: AttackPattern[]; notCoverable?: string } = {}): Incident {
  return {
    ...(extra.notCoverable === undefined ? {} : { notCoverable: extra.notCoverable }),
    id,
    name: id,
    date: '2020-01',
    section: 'customer-incident',
    primaryCause: primary,
    secondaryCauses: secondary,
    patterns: extra.patterns ?? [],
    rootCause: 'x',
    escalation: 'x',
    impact: 'x',
    impactShort: 'x',
    lesson: 'x',
    links: [{ title: 'w', url: `https://example.com/${id}` }],
  };
}

function fakeCheck(id: string, rootCauses: [RootCause, ...RootCause[]], incidents: IncidentLink[] = [], patterns?: AttackPattern[]): AnyCheck {
  const base = ALL_CHECKS[0];
  if (base === undefined) throw new Error('no checks');
  return { ...base, id, rootCauses, incidents, patterns: patterns ?? [] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
    expect(coverage.uncovered.map((u) => u.incident.id)).toEqual(['by-second-class-only', 'by-action-only', 'by-related-only', 'by-secondary-cause-only']);
    expect(coverage.byCause).toEqual([
      { cause: 'leaked-keys', incidents: 1, covered: 0 },
      { cause: 'root', incidents: 1, covered: 1 },
      { cause: 'third-party', incidents: 1, covered: 0 },
      { cause: 'app-vuln', incidents: 1, covered: 0 },
      { cause: 'unknown', incidents: 2, covered: 1 },
    ]);
  });

  it('counts an attack pattern a check limits, and says which ways cover each incident', () => {
    const catalog = [
      incident('mined', 'third-party', [], { patterns: ['cryptomining'] }),
      incident('mined-and-root', 'root', [], { patterns: ['cryptomining'] }),
      incident('other-pattern', 'third-party', [], { patterns: ['llmjacking'] }),
    ];
    const checks = [fakeCheck('root-check', ['root'], [link('mined-and-root', 'precondition')]), fakeCheck('miner-check', ['app-vuln'], [], ['cryptomining'])];
    const coverage = incidentCoverage(catalog, checks);
    expect(coverage.covered).toBe(2);
    expect(coverage.coveredIncidents.map((c) => [c.incident.id, c.ways, c.checks])).toEqual([
      ['mined', ['pattern'], ['miner-check']],
      ['mined-and-root', ['precondition', 'root-cause', 'pattern'], ['root-check', 'miner-check']],
    ]);
    expect(coverage.coveredIncidents[1]?.byWay).toEqual({ precondition: ['root-check'], 'root-cause': ['root-check'], pattern: ['miner-check'] });
    expect(coverage.byWay).toEqual({ precondition: 1, 'root-cause': 1, pattern: 2 });
    expect(coverage.onlyByPattern).toBe(1);
    expect(coverage.uncovered.map((u) => u.incident.id)).toEqual(['other-pattern']);
  });

  it("lists the uncovered with the catalog's reason, or as having no check yet", () => {
    const catalog = [incident('saas', 'third-party', [], { notCoverable: 'A SaaS token was stolen outside AWS.' }), incident('gap', 'app-vuln')];
    const coverage = incidentCoverage(catalog, [fakeCheck('root-check', ['root'])]);
    expect(coverage.uncovered.map((u) => [u.incident.id, u.reason, u.outOfReach])).toEqual([
      ['saas', 'A SaaS token was stolen outside AWS.', true],
      ['gap', NO_CHECK_YET, false],
    ]);
    expect([coverage.outOfReach, coverage.noCheckYet]).toEqual([1, 1]);
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
    // Chegg has a precondition link (root access keys); the DNC hack began with an unknown cause, but the
    // snapshots it shared to the attackers' accounts are a pattern the snapshot checks limit; Kodex is out of reach.
    const [coveredPart = '', uncoveredPart = ''] = result.stdout.split('Not covered by any check');
    expect(coveredPart).toMatch(/dnc-gru-2016-06 · attack pattern \(ebs-snapshot-public[^)]*\)$/m);
    expect(uncoveredPart).not.toContain('chegg-2018-04');
    expect(uncoveredPart).not.toContain('dnc-gru-2016-06');
    expect(uncoveredPart).toContain('kodex-2025-10');
    expect(result.stdout).toMatch(/Not covered by any check \(\d+: \d+ out of reach of a read-only check, \d+ with no check yet\):/);
    for (const { incident: missing, reason } of coverage.uncovered) {
      // A class match covers only incidents with a stated cause the catalog does not mark out of reach.
      const classCovers = missing.notCoverable === undefined && missing.primaryCause !== 'unknown';
      expect(classCovers && ALL_CHECKS.some((c) => c.limitsAftermath !== true && c.rootCauses[0] === missing.primaryCause), missing.id).toBe(false);
      expect(ALL_CHECKS.some((c) => c.incidents.some((l) => l.incident === missing.id && l.kind === 'precondition')), missing.id).toBe(false);
      expect(ALL_CHECKS.some((c) => (c.patterns ?? []).some((p) => missing.patterns.includes(p))), missing.id).toBe(false);
      // Every uncovered incident is listed with its reason: the catalog's, or "no check yet".
      expect(result.stdout, missing.id).toMatch(new RegExp(`${missing.id} · ${missing.primaryCause} · ${escapeRegExp(reason)}$`, 'm'));
    }
    expect(result.stdout).toMatch(/^By precondition link \d+, by root cause \d+, by attack pattern \d+ \(\d+ by a pattern alone\)/m);
    // Covered incidents say which way: Chegg by its precondition link (and its class).
    expect(result.stdout).toMatch(/chegg-2018-04 · precondition link \(iam-root-access-keys[^)]*\); root cause \(/);
    expect(result.stdout).toMatch(/kodex-2025-10 · unknown · A fraudulent legal order/);
  });

  it('writes JSON, narrows to filtered incidents, and refuses --check', async () => {
    const json = await cli(['incidents', '--coverage', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as {
      total: number;
      covered: number;
      outOfReach: number;
      noCheckYet: number;
      byWay: Record<string, number>;
      covered_incidents: { id: string; ways: string[]; checks: string[] }[];
      uncovered: { id: string; reason: string; outOfReach: boolean }[];
    };
    expect(parsed.total).toBe(INCIDENTS.length);
    expect(parsed.covered + parsed.uncovered.length).toBe(parsed.total);
    expect(parsed.outOfReach + parsed.noCheckYet).toBe(parsed.uncovered.length);
    expect(parsed.uncovered.filter((u) => u.outOfReach).length).toBe(parsed.outOfReach);
    expect(parsed.covered_incidents.every((c) => c.ways.length > 0 && c.checks.length > 0)).toBe(true);
    expect(Object.keys(parsed.byWay)).toEqual(['precondition', 'root-cause', 'pattern']);
    const kodex = parsed.uncovered.find((u) => u.id === 'kodex-2025-10');
    expect(kodex?.outOfReach).toBe(true);
    expect(kodex?.reason).toMatch(/fraudulent legal order/);

    const root = await cli(['incidents', '--coverage', '--cause', 'root', '--format', 'json']);
    const rootParsed = JSON.parse(root.stdout) as { total: number };
    expect(rootParsed.total).toBe(INCIDENTS.filter((i) => i.primaryCause === 'root' || i.secondaryCauses.includes('root')).length);

    const refused = await cli(['incidents', '--coverage', '--check', 'iam-root-mfa']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--coverage cannot be combined with --check/);
  });
});
