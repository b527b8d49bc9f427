/**
 * Console logins and powerful long-lived keys, the preconditions of Code Spaces and LastPass (a
 * console password without MFA), Cisco and Voova (a login of someone long gone, still enabled) and
 * Onus, DXC and Uber (a leaked key whose user could read every bucket or do anything), each next to
 * its safe twin: a login with MFA, a login used yesterday, a key with a narrow inline policy.
 */
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario, type ScanOutcome } from './harness.js';
import { createBucket } from './provision.js';

const server = e2eServer();

const CHECKS = ['iam-user-console-without-mfa', 'iam-user-inactive-console', 'iam-user-keys-privileged'];
const SCAN_ARGS = ['--region', HOME_REGION, '--checks', CHECKS.join(',')];

describe.skipIf(!server.available)('IAM: console logins without MFA or long unused, and keys with admin or data-wide rights', () => {
  let scenario: Scenario;
  let outcome: ScanOutcome;
  let report: Report;
  let lenient: Report;

  async function user(name: string): Promise<void> {
    await scenario.iam.send(new CreateUserCommand({ UserName: name }));
  }
  async function consoleLogin(name: string): Promise<void> {
    await scenario.iam.send(new CreateLoginProfileCommand({ UserName: name, Password: `e2e-${name}-Login-2026!` }));
  }
  async function accessKey(name: string): Promise<void> {
    await scenario.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  }

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'iam-console-and-keys');
    const iam = scenario.iam;
    await Promise.all(['alice', 'bob', 'etl', 'admin1', 'worker', 'mfa-forced', 'half-guarded', 'secret-reader'].map(user));

    // alice: a console password and nothing else, used yesterday (Code Spaces' shape).
    await consoleLogin('alice');
    await scenario.backdate({ user: 'alice', userCreatedDaysAgo: 400, passwordLastUsedDaysAgo: 1 });

    // bob: a console password with a virtual MFA device, but last used 200 days ago (departed).
    await consoleLogin('bob');
    const mfa = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bob-phone' }));
    await iam.send(
      new EnableMFADeviceCommand({ UserName: 'bob', SerialNumber: mfa.VirtualMFADevice?.SerialNumber ?? '', AuthenticationCode1: '123456', AuthenticationCode2: '654321' }),
    );
    await scenario.backdate({ user: 'bob', userCreatedDaysAgo: 900, passwordLastUsedDaysAgo: 200 });

    // etl: a key whose user reads and writes every bucket (Onus: AmazonS3FullAccess).
    await iam.send(new AttachUserPolicyCommand({ UserName: 'etl', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    // admin1: a key whose user is an administrator through a group.
    await iam.send(new CreateGroupCommand({ GroupName: 'admins' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'admins', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'admins', UserName: 'admin1' }));
    // worker: a key scoped to one prefix of one bucket.
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'worker',
        PolicyName: 'uploads',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::app-uploads/incoming/*' }] }),
      }),
    );
    // mfa-forced: admin, with AWS's force-MFA Deny (BoolIfExists): a bare key can do nothing.
    // half-guarded: admin, with a plain Bool MFA-false Deny: the key carries no MFA key, so it never matches.
    const mfaDeny = (operator: string) =>
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'NoMfaNoAccess', Effect: 'Deny', NotAction: ['iam:ListMFADevices', 'sts:GetSessionToken'], Resource: '*', Condition: { [operator]: { 'aws:MultiFactorAuthPresent': 'false' } } }],
      });
    for (const [name, operator] of [['mfa-forced', 'BoolIfExists'], ['half-guarded', 'Bool']] as const) {
      await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'require-mfa', PolicyDocument: mfaDeny(operator) }));
    }
    // secret-reader: every secret through the short ARN form.
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'secret-reader',
        PolicyName: 'secrets',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*' }] }),
      }),
    );
    await Promise.all(['etl', 'admin1', 'worker', 'mfa-forced', 'half-guarded', 'secret-reader'].map(accessKey));
    // Two buckets for the reach of the keys (issue 18): etl reads both; a bucket policy denies it one's writes.
    await Promise.all(['etl-customer-exports', 'app-uploads'].map((name) => createBucket(scenario.s3(HOME_REGION), name, HOME_REGION)));
    await scenario.s3(HOME_REGION).send(
      new PutBucketPolicyCommand({
        Bucket: 'etl-customer-exports',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoEtlWrites', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${scenario.accountId}:user/etl` }, Action: ['s3:PutObject', 's3:DeleteObject'], Resource: 'arn:aws:s3:::etl-customer-exports/*' }] }),
      }),
    );

    const [strict, relaxed] = await Promise.all([scenario.scan(SCAN_ARGS), scenario.scan([...SCAN_ARGS, '--max-inactive-days', '365'])]);
    outcome = strict;
    report = reportOf(strict);
    lenient = reportOf(relaxed);
  });
  afterAll(() => scenario?.destroy());

  it('runs only the selected checks against the scenario account', () => {
    expect(report.account.id).toBe(scenario.accountId);
    expect([...new Set(report.results.map((result) => result.checkId))].sort()).toEqual([...CHECKS].sort());
    expect(report.errors).toEqual([]);
  });

  it('fails alice, whose console password has no MFA, and matches Code Spaces', () => {
    const alice = findResult(report, 'iam-user-console-without-mfa', ':user/alice');
    expect(alice.status).toBe('fail');
    expect(alice.evidence).toMatchObject({ passwordEnabled: true, mfaActive: false });
    expect(alice.incidents.map((incident) => incident.id)).toContain('code-spaces-2014-06');
  });

  it('passes bob, who has a virtual MFA device enabled', () => {
    const bob = findResult(report, 'iam-user-console-without-mfa', ':user/bob');
    expect(bob.status).toBe('pass');
    expect(bob.evidence['mfaActive']).toBe(true);
  });

  it('gives no console result for users who only have access keys', () => {
    for (const name of ['etl', 'admin1', 'worker', 'mfa-forced', 'half-guarded', 'secret-reader']) {
      expect(resultsFor(report, 'iam-user-console-without-mfa', `:user/${name}`)).toEqual([]);
      expect(resultsFor(report, 'iam-user-inactive-console', `:user/${name}`)).toEqual([]);
    }
  });

  it('fails the console password last used 200 days ago and passes the one used yesterday', () => {
    const bob = findResult(report, 'iam-user-inactive-console', ':user/bob');
    expect(bob.status).toBe('fail');
    expect(bob.evidence['daysSinceUse']).toBeGreaterThanOrEqual(199);
    expect(bob.evidence['maxInactiveConsoleDays']).toBe(90);
    const alice = findResult(report, 'iam-user-inactive-console', ':user/alice');
    expect(alice.status).toBe('pass');
    expect(alice.evidence['daysSinceUse']).toBeLessThanOrEqual(1);
  });

  it('with --max-inactive-days 365, the 200-day-old login passes and the limit is recorded', () => {
    const bob = findResult(lenient, 'iam-user-inactive-console', ':user/bob');
    expect(bob.status).toBe('pass');
    expect(bob.evidence['maxInactiveConsoleDays']).toBe(365);
    // Only the inactivity limit moved: the other checks judge the same.
    expect(findResult(lenient, 'iam-user-console-without-mfa', ':user/alice').status).toBe('fail');
  });

  it('fails the key of a user with AmazonS3FullAccess at high severity, naming the policy', () => {
    const etl = findResult(report, 'iam-user-keys-privileged', ':user/etl');
    expect(etl.status).toBe('fail');
    expect(etl.severity).toBe('high');
    expect(etl.evidence['kinds']).toContain('data-wide');
    expect(JSON.stringify(etl.evidence['grantSources'])).toContain('AmazonS3FullAccess');
  });

  it('fails the key of a user who is admin through a group at critical severity', () => {
    const admin = findResult(report, 'iam-user-keys-privileged', ':user/admin1');
    expect(admin.status).toBe('fail');
    expect(admin.severity).toBe('critical');
    expect(admin.evidence['kinds']).toContain('admin');
    expect(JSON.stringify(admin.evidence['grantSources'])).toContain('AdministratorAccess');
  });

  it('passes the key of a user with a narrow inline policy, and ignores users without keys', () => {
    expect(findResult(report, 'iam-user-keys-privileged', ':user/worker').status).toBe('pass');
    for (const name of ['alice', 'bob']) expect(resultsFor(report, 'iam-user-keys-privileged', `:user/${name}`)).toEqual([]);
  });

  it('judges MFA conditions for a bare key: the force-MFA Deny stops it, a plain Bool Deny does not', () => {
    expect(findResult(report, 'iam-user-keys-privileged', ':user/mfa-forced').status).toBe('pass');
    const halfGuarded = findResult(report, 'iam-user-keys-privileged', ':user/half-guarded');
    expect(halfGuarded.status).toBe('fail');
    expect(halfGuarded.severity).toBe('critical');
    expect(halfGuarded.evidence['kinds']).toEqual(['admin']);
  });

  it('fails a key that reads every secret through the short ARN arn:aws:secretsmanager:*', () => {
    const reader = findResult(report, 'iam-user-keys-privileged', ':user/secret-reader');
    expect(reader.status).toBe('fail');
    expect(reader.evidence['grants']).toEqual(['data-wide [secretsmanager:GetSecretValue] via inline:secrets statement #0']);
  });

  it('gives each failing key its reach: the buckets it reads by name, what a bucket policy denies, admin', () => {
    const etl = findResult(report, 'iam-user-keys-privileged', ':user/etl');
    expect(etl.reach?.principal).toBe(`arn:aws:iam::${scenario.accountId}:user/etl`);
    expect(etl.reach?.stores.map((store) => [store.name, store.access])).toEqual([
      ['etl-customer-exports', ['read', 'change-access']],
      ['app-uploads', ['read', 'write', 'change-access']],
    ]);
    expect(etl.reach?.summary).toMatch(/^reads 2 of 2 buckets \(`etl-customer-exports`, `app-uploads`\), writes 1, can change the access of 2/);
    const admin = findResult(report, 'iam-user-keys-privileged', ':user/admin1');
    expect(admin.reach?.admin).toEqual({ direct: true, pathIds: [] });
    // A passing key gets no reach: only findings carry it.
    expect(findResult(report, 'iam-user-keys-privileged', ':user/worker').reach).toBeUndefined();
  });

  it('never puts a console password or a secret key in the report', () => {
    expect(outcome.stdout).not.toMatch(/e2e-\w+-Login-2026!/);
    expect(outcome.stdout).not.toContain(scenario.credentials.secretAccessKey);
  });
});
