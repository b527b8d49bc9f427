/**
 * The Capital One shape (an SSRF-reachable IMDSv1 instance whose role reads every bucket) and
 * its look-alikes: IMDSv2 with a narrow role (pass), a role with an iam:PassRole +
 * ec2:RunInstances escalation path, and a broad Allow cut back by an explicit Deny (pass).
 * Issue 12: an admin role capped by a boundary-only policy (pass), a short-ARN grant on every
 * secret (fail), and conditions judged for instance credentials (MFA never present).
 */
import { CreatePolicyCommand } from '@aws-sdk/client-iam';
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
    name: 'short-arn-secrets',
    inline: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*' }],
    httpTokens: 'required',
  },
  {
    name: 'mfa-only-admin',
    inline: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }],
    httpTokens: 'required',
  },
  {
    name: 'force-mfa-admin',
    managed: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    inline: [{ Effect: 'Deny', NotAction: ['iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
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
    // A policy used only as a permissions boundary: attached to nothing (AttachmentCount 0).
    const boundary = await scenario.iam.send(
      new CreatePolicyCommand({
        PolicyName: 'one-bucket-boundary',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-uploads/*' }] }),
      }),
    );
    const boundaryArn = boundary.Policy?.Arn ?? 'missing';
    const specs: InstanceRoleSpec[] = [
      ...ROLES,
      { name: 'bounded-admin', managed: ['arn:aws:iam::aws:policy/AdministratorAccess'], boundary: boundaryArn, httpTokens: 'required' },
    ];
    await Promise.all(specs.map(async (spec) => instanceOf.set(spec.name, await launchWithRole(scenario, HOME_REGION, spec))));
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

  it('passes an admin role capped by a boundary-only policy that reads one bucket', () => {
    const role = findResult(report, 'ec2-instance-role-overprivileged', instanceArn('bounded-admin'));
    expect(role.status).toBe('pass');
    expect(role.evidence['kinds']).toEqual([]);
  });

  it('fails GetSecretValue on the short ARN arn:aws:secretsmanager:* as data-wide', () => {
    const role = findResult(report, 'ec2-instance-role-overprivileged', instanceArn('short-arn-secrets'));
    expect(role.status).toBe('fail');
    expect(role.evidence['grants']).toEqual(['data-wide [secretsmanager:GetSecretValue] via inline:short-arn-secrets-inline statement #0']);
  });

  it('passes admin that needs MFA, and admin behind the force-MFA Deny: instance credentials never carry MFA', () => {
    expect(findResult(report, 'ec2-instance-role-overprivileged', instanceArn('mfa-only-admin')).status).toBe('pass');
    expect(findResult(report, 'ec2-instance-role-overprivileged', instanceArn('force-mfa-admin')).status).toBe('pass');
  });
});
