/**
 * `--region` names against moto's DescribeRegions, which lists the real region names (opt-in
 * regions as `not-opted-in`): a typo exits 2 before any regional read, an opt-in region is
 * skipped with a warning line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eServer, HOME_REGION, reportOf, Scenario } from './harness.js';

const server = e2eServer();
const CHECK = 'ebs-snapshot-block-public-access';

describe.skipIf(!server.available)('scan --region names are checked with ec2:DescribeRegions', () => {
  let scenario: Scenario;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'regions');
  });
  afterAll(() => scenario?.destroy());

  it('exits 2 on an unknown region, naming it and the closest real names', async () => {
    const outcome = await scenario.scan(['--region', 'us-east-9', '--checks', CHECK]);
    expect(outcome.exitCode).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).toMatch(/^breachmap: error: --region: 'us-east-9' is not a region of partition aws \(ec2:DescribeRegions does not list it\)\. Did you mean 'us-east-1'/m);
    expect(outcome.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('skips a not-opted-in region with one warning line and scans the others', async () => {
    const outcome = await scenario.scan(['--region', `ap-east-1,${HOME_REGION}`, '--checks', CHECK]);
    expect(outcome.stderr).toContain('breachmap: warning: region ap-east-1 is not enabled for account');
    const report = reportOf(outcome);
    expect(report.regions).toEqual([HOME_REGION]);
  });
});
