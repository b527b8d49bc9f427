/**
 * Public EBS snapshots, the precondition of the 116,386 public snapshots study and of the DNC
 * snapshot theft: a public one in each of two regions, next to a snapshot shared with one
 * account and a private one, which are not public.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario, SECOND_REGION } from './harness.js';
import { createSnapshot } from './provision.js';

const server = e2eServer();

describe.skipIf(!server.available)('EBS: public snapshots in two regions; shared and private ones are not public', () => {
  let scenario: Scenario;
  let report: Report;
  const ids = { publicHome: '', publicSecond: '', sharedWithOne: '', private: '' };
  const arn = (region: string, id: string) => `arn:aws:ec2:${region}::snapshot/${id}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'ebs-snapshots');
    const home = scenario.ec2(HOME_REGION);
    [ids.publicHome, ids.publicSecond, ids.sharedWithOne, ids.private] = await Promise.all([
      createSnapshot(home, `${HOME_REGION}a`, { group: 'all' }),
      createSnapshot(scenario.ec2(SECOND_REGION), `${SECOND_REGION}a`, { group: 'all' }),
      createSnapshot(home, `${HOME_REGION}a`, { userId: '111122223333' }),
      createSnapshot(home, `${HOME_REGION}a`),
    ]);
    report = reportOf(await scenario.scan(['--region', `${HOME_REGION},${SECOND_REGION}`]));
  });
  afterAll(() => scenario?.destroy());

  it('fails the public snapshot in each region, with its region and the DNC-style match', () => {
    for (const [region, id] of [
      [HOME_REGION, ids.publicHome],
      [SECOND_REGION, ids.publicSecond],
    ] as const) {
      const result = findResult(report, 'ebs-snapshot-public', arn(region, id));
      expect(result.status).toBe('fail');
      expect(result.region).toBe(region);
      expect(result.severity).toBe('critical');
      expect(result.incidents.length).toBeGreaterThan(0);
    }
  });

  it('does not report the snapshot shared with one account, nor the private one, as public', () => {
    for (const id of [ids.sharedWithOne, ids.private]) {
      expect(resultsFor(report, 'ebs-snapshot-public', arn(HOME_REGION, id)).filter((result) => result.status === 'fail')).toEqual([]);
    }
    expect(resultsFor(report, 'ebs-snapshot-public').filter((result) => result.status === 'fail')).toHaveLength(2);
  });

  it("reports moto's missing snapshot Block Public Access as a collection error, never as a pass reason", () => {
    const issues = report.errors.filter((issue) => issue.slice === 'ebsSnapshotBlockPublicAccess');
    expect(issues.map((issue) => issue.action)).toEqual(['ec2:GetSnapshotBlockPublicAccessState', 'ec2:GetSnapshotBlockPublicAccessState']);
    const result = findResult(report, 'ebs-snapshot-public', arn(HOME_REGION, ids.publicHome));
    expect(result.message).toMatch(/could not be read/);
  });
});
