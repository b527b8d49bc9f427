/**
 * Breach paths end to end: a user whose access key reads every bucket (Uber's leaked key) and a
 * user who may assume a role that does, scanned from moto, then `breachmap paths --format json` on
 * the JSON report the scan wrote. The paths must name the bucket and the steps.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BreachPaths } from '../../src/report/paths-schema.js';
import type { Report } from '../../src/report/schema.js';
import { cliEnvironment, e2eServer, HOME_REGION, reportOf, runCli, Scenario } from './harness.js';
import { createBucket } from './provision.js';

const server = e2eServer();

const readEveryObject = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }] });

describe.skipIf(!server.available)('breach paths: leaked keys to a bucket, directly and through an assumed role', () => {
  let scenario: Scenario;
  let report: Report;
  let paths: BreachPaths;
  let bucket: string;
  let reportFile: string;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'breach-paths');
    const iam = scenario.iam;
    bucket = `customer-exports-${scenario.accountId}`;
    await createBucket(scenario.s3(), bucket, HOME_REGION);

    await iam.send(new CreateUserCommand({ UserName: 'leaky' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'leaky', PolicyName: 'read-exports', PolicyDocument: readEveryObject }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'leaky' }));

    await iam.send(new CreateUserCommand({ UserName: 'hopper' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'hopper',
        PolicyName: 'assume-reader',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${scenario.accountId}:role/reader` }] }),
      }),
    );
    await iam.send(new CreateAccessKeyCommand({ UserName: 'hopper' }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'reader',
        AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${scenario.accountId}:root` }, Action: 'sts:AssumeRole' }] }),
      }),
    );
    await iam.send(new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'read-exports', PolicyDocument: readEveryObject }));

    report = reportOf(await scenario.scan(['--region', HOME_REGION, '--checks', 'iam-user-keys-privileged,iam-access-key-rotation,s3-bucket-public-read']));
    reportFile = join(mkdtempSync(join(tmpdir(), 'breachmap-paths-e2e-')), 'report.json');
    writeFileSync(reportFile, JSON.stringify(report));
    const listed = await runCli(['paths', reportFile, '--format', 'json'], cliEnvironment(scenario.endpoint, scenario.credentials));
    expect(listed.exitCode, listed.stderr).toBe(0);
    paths = JSON.parse(listed.stdout) as BreachPaths;
  }, 180_000);

  afterAll(() => scenario?.destroy());

  it('the JSON report carries the paths and the headline figures', () => {
    expect(report.paths?.paths.length).toBeGreaterThan(0);
    expect(report.summary.paths?.bucketsReachable).toBeGreaterThanOrEqual(1);
    expect(report.summary.paths?.bucketsKnown).toBeGreaterThanOrEqual(1);
  });

  it('a leaked key of leaky reads the bucket', () => {
    const path = paths.paths.find((candidate) => candidate.hops.length === 1 && candidate.hops[0]?.name === 'leaky' && candidate.target.kind === 'data');
    expect(path?.story).toMatch(/leaked key → user leaky → s3:GetObject on /);
    expect(path?.hops[0]).toMatchObject({ principal: `arn:aws:iam::${scenario.accountId}:user/leaky`, via: 'key' });
    const stores = paths.reach.find((entry) => entry.key === path?.target.reach)?.stores ?? [];
    expect(stores.find((store) => store.name === bucket)?.access).toEqual(['read']);
    expect(paths.entryPoints.find((entry) => entry.name === 'leaky')?.kind).toBe('access-key');
  });

  it('hopper reaches it by assuming the reader role', () => {
    const path = paths.paths.find((candidate) => candidate.hops.map((hop) => hop.name).join('>') === 'hopper>reader' && candidate.target.kind === 'data');
    expect(path?.hops.map((hop) => hop.via)).toEqual(['key', 'assume-role']);
    expect(path?.story).toMatch(/leaked key → user hopper → assume role reader → s3:GetObject on /);
    expect(path?.length).toBe(3);
  });

  it('--to the bucket keeps exactly the paths that reach it', async () => {
    const filtered = await runCli(['paths', reportFile, '--format', 'json', '--to', bucket], cliEnvironment(scenario.endpoint, scenario.credentials));
    const kept = (JSON.parse(filtered.stdout) as BreachPaths).paths.map((path) => path.hops.map((hop) => hop.name).join('>'));
    expect(kept.sort()).toEqual(['hopper>reader', 'leaky']);
  });
});
