/**
 * The Capital One shape (an SSRF-reachable IMDSv1 instance whose role reads every bucket) and
 * its look-alikes: IMDSv2 with a narrow role (pass), a role with an iam:PassRole +
 * ec2:RunInstances escalation path, and a broad Allow cut back by an explicit Deny (pass).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, Scenario } from './harness.js';
import { launchWithRole, type InstanceRoleSpec } from './provision.js';

const server = e2eServer();

const ROLES: InstanceRoleSpec[] = [
  { name: 'capital-one-waf', managed: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'], httpTokens: 'optional' },
  {
    name: 'narrow-uploader',
    inline: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-uploads/incoming/*' }],
    httpTokens: 'required',
  },
  {
    name: 'launcher',
    inline: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }],
    httpTokens: 'required',
  },
  {
    name: 'denied-broad',
    managed: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'],
    inline: [{ Effect: 'Deny', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }],
    httpTokens: 'required',
  },
];

describe.skipIf(!server.available)('EC2: instance roles reachable through the metadata service', () => {
  let scenario: Scenario;
  let report: Report;
  const instanceOf = new Map<string, string>();

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'ec2-instance-roles');
    await Promise.all(ROLES.map(async (spec) => instanceOf.set(spec.name, await launchWithRole(scenario, HOME_REGION, spec))));
    report = reportOf(await scenario.scan(['--region', HOME_REGION]));
  });
  afterAll(() => scenario?.destroy());

  const instanceArn = (role: string) => `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:instance/${instanceOf.get(role) ?? 'missing'}`;

  it('fails the Capital One shape twice: IMDSv1 answers, and its role reads every bucket', () => {
    const imds = findResult(report, 'ec2-imdsv1-enabled', instanceArn('capital-one-waf'));
    const role = findResult(report, 'ec2-instance-role-overprivileged', instanceArn('capital-one-waf'));
    expect([imds.status, role.status]).toEqual(['fail', 'fail']);
    expect(role.evidence['imdsV1Reachable']).toBe(true);
    expect(role.evidence['kinds']).toContain('data-wide');
    expect(JSON.stringify(role.evidence['grantSources'])).toContain('AmazonS3FullAccess');
    expect(role.incidents[0]?.id).toMatch(/^capital-one/);
  });

  it('passes IMDSv2 with a narrow role', () => {
    expect(findResult(report, 'ec2-imdsv1-enabled', instanceArn('narrow-uploader')).status).toBe('pass');
    expect(findResult(report, 'ec2-instance-role-overprivileged', instanceArn('narrow-uploader')).status).toBe('pass');
  });

  it('fails a role that can pass a role to a new instance (iam:PassRole + ec2:RunInstances)', () => {
    const role = findResult(report, 'ec2-instance-role-overprivileged', instanceArn('launcher'));
    expect(role.status).toBe('fail');
    expect(role.evidence['kinds']).toContain('privilege-escalation');
    expect(JSON.stringify(role.evidence['grants'])).toMatch(/iam:PassRole/);
  });

  it('passes a broad Allow that an explicit Deny cuts back', () => {
    const role = findResult(report, 'ec2-instance-role-overprivileged', instanceArn('denied-broad'));
    expect(role.status).toBe('pass');
  });
});
