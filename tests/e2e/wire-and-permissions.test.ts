/**
 * What breachmap sends, checked on the server side on a moto instance of this file's own (its
 * request recorder and its IAM enforcement are server-wide, so they cannot share the server the
 * other scenarios use):
 * - read-only on the wire: moto records every request of a full scan; each must be a read.
 * - least privilege is exact: with moto enforcing IAM, a user holding exactly the policy that
 *   `breachmap permissions` prints scans without one AccessDenied, and a user lacking
 *   s3:GetBucketAcl gets `unknown` (naming the action) for the buckets, never `pass`.
 */
import { readFileSync } from 'node:fs';
import { CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReadOnlyOperation } from '../../src/collect/readonly.js';
import type { Report } from '../../src/report/schema.js';
import { cliEnvironment, e2eServer, findResult, HOME_REGION, reportOf, runCli, Scenario, SECOND_REGION, startMoto, type MotoServer } from './harness.js';
import { createBucket, createSnapshot, grantAllUsers, launchWithRole, putObjectPolicy } from './provision.js';
import { createImage, plainUserData, prefixList, runInstance, securityGroup } from './provision-hosts.js';
import { createDetector, createTrail } from './provision-detection.js';

const shared = e2eServer();

interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  body_encoded: boolean;
}

/**
 * The API operation of one recorded request. Query-protocol services (IAM, STS, EC2) name it in
 * `Action`, JSON-protocol ones in `X-Amz-Target`; S3 and S3 Control are REST, where only GET and
 * HEAD read.
 */
export function operationOf(request: RecordedRequest): string {
  const url = new URL(request.url);
  const body = request.body === null ? '' : request.body_encoded ? Buffer.from(request.body, 'base64').toString('utf8') : request.body;
  const action = new URLSearchParams(body).get('Action') ?? url.searchParams.get('Action');
  if (action !== null) return action;
  // JSON-protocol services (Organizations) name it in X-Amz-Target, e.g. AWSOrganizationsV20161128.ListAccounts.
  const target = request.headers['X-Amz-Target'] ?? request.headers['x-amz-target'];
  if (target !== undefined) return target.split('.').at(-1) ?? target;
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(request.headers['Authorization'] ?? request.headers['authorization'] ?? '');
  const service = scope?.[1] ?? 'unsigned';
  if (request.method !== 'GET' && request.method !== 'HEAD') return `${service}:${request.method} ${url.pathname}${url.search}`;
  // GuardDuty is REST-JSON: GET /detector lists detectors, GET /detector/<id> reads one.
  if (service === 'guardduty') return /^\/detector\/[^/]+$/.test(url.pathname) ? 'GetDetector' : 'ListDetectors';
  if (url.pathname.startsWith('/v20180820/')) return `Get${url.pathname.split('/').at(-1) ?? ''}`;
  const subresource = [...url.searchParams.keys()][0];
  if (url.pathname === '/' || url.pathname === '') return 'ListBuckets';
  if (subresource === undefined) return 'ListObjects';
  return `GetBucket${subresource.charAt(0).toUpperCase()}${subresource.slice(1)}`;
}

describe.skipIf(!shared.available)('on the wire: read-only requests and an exact least-privilege policy', () => {
  let server: MotoServer;
  let scenario: Scenario;
  let recorded: RecordedRequest[];
  let recordedReport: Report;
  let exactPolicy: string;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;

  async function motoApi(path: string): Promise<string> {
    const response = await fetch(`${server.endpoint}/moto-api/${path}`, { method: 'POST' });
    if (!response.ok) throw new Error(`/moto-api/${path}: HTTP ${response.status}`);
    return response.text();
  }

  async function userWithPolicy(name: string, policy: string) {
    await scenario.iam.send(new CreateUserCommand({ UserName: name }));
    await scenario.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'breachmap', PolicyDocument: policy }));
    const key = await scenario.iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return { accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? '' };
  }

  beforeAll(async () => {
    server = await startMoto();
    scenario = await Scenario.create(server.endpoint, 'wire');
    const s3 = scenario.s3(HOME_REGION);
    await Promise.all([createBucket(s3, bucket('acl-write'), HOME_REGION), createBucket(s3, bucket('policy-write'), HOME_REGION), createBucket(s3, bucket('private'), HOME_REGION)]);
    await grantAllUsers(s3, bucket('acl-write'), 'WRITE');
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket('policy-write'), Policy: putObjectPolicy(bucket('policy-write')) }));
    await createSnapshot(scenario.ec2(HOME_REGION), `${HOME_REGION}a`, { group: 'all' });
    // Data for the issue-6 collectors: a foreign snapshot share, an open SSH group, user data with a password.
    await createSnapshot(scenario.ec2(HOME_REGION), `${HOME_REGION}a`, { userId: '999988887777' });
    const sshOpen = await securityGroup(scenario.ec2(HOME_REGION), 'ssh-open', [{ port: 22, ipv4: ['0.0.0.0/0'] }]);
    // A rule naming a prefix list, so its two reads are recorded and authorized too.
    const partners = await prefixList(scenario.ec2(HOME_REGION), 'partners', ['0.0.0.0/1', '128.0.0.0/1']);
    await securityGroup(scenario.ec2(HOME_REGION), 'partners-rdp', [{ port: 3389, prefixListIds: [partners] }]);
    // A public AMI of the account, for ec2-ami-public's DescribeImages Owners=self and image Block Public Access reads.
    await createImage(scenario.ec2(HOME_REGION), 'wire-public-ami', 'public');
    await runInstance(scenario.ec2(HOME_REGION), { securityGroupIds: [sshOpen], userData: plainUserData('#!/bin/bash\nDB_PASSWORD=wire-e2e-pass\n') });
    await launchWithRole(scenario, HOME_REGION, { name: 'web', managed: ['arn:aws:iam::aws:policy/AmazonS3FullAccess'], httpTokens: 'optional' });
    await scenario.iam.send(new CreateUserCommand({ UserName: 'someone' }));
    await scenario.iam.send(new CreateAccessKeyCommand({ UserName: 'someone' }));
    await scenario.setRoot({ accessKeysPresent: false, mfaEnabled: false });
    // A logging multi-region trail and a detector, so GetTrailStatus, GetEventSelectors and GetDetector are sent and authorized too.
    await createTrail(scenario, { name: 'wire-audit', region: HOME_REGION, multiRegion: true, validation: true, logging: 'started' });
    await createDetector(scenario, HOME_REGION, true);

    // Everything above is provisioning; only the scan below is recorded.
    await motoApi('recorder/reset-recording');
    await motoApi('recorder/start-recording');
    recordedReport = reportOf(await scenario.scan(['--region', `${HOME_REGION},${SECOND_REGION}`]));
    await motoApi('recorder/stop-recording');
    recorded = readFileSync(server.recordingFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as RecordedRequest);
    exactPolicy = (await runCli(['permissions'], cliEnvironment(server.endpoint, scenario.credentials))).stdout;
  });
  afterAll(async () => {
    scenario?.destroy();
    await server?.stop();
  });

  it('records the whole scan, and every recorded request is a read-only operation', () => {
    const operations = recorded.map(operationOf);
    expect(operations).toContain('GetCallerIdentity');
    expect(operations).toContain('GetAccountAuthorizationDetails');
    expect(operations).toContain('GetBucketAcl');
    expect(operations).toContain('DescribeSnapshotAttribute');
    // The reads of the issue-6 collectors: security groups, AMIs, user data, owned snapshots, snapshot Block Public Access.
    for (const operation of ['DescribeSecurityGroups', 'DescribeManagedPrefixLists', 'GetManagedPrefixListEntries', 'DescribeImages', 'GetImageBlockPublicAccessState', 'DescribeInstanceAttribute', 'DescribeSnapshots', 'GetSnapshotBlockPublicAccessState']) {
      expect(operations).toContain(operation);
    }
    // The detection collectors' reads (issue 15): the trail set once, its status and selectors, the detectors.
    for (const operation of ['DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'ListDetectors', 'GetDetector']) expect(operations).toContain(operation);
    expect(recorded.length).toBeGreaterThanOrEqual(recordedReport.stats.totalCalls);
    expect(operations.filter((operation) => !isReadOnlyOperation(operation))).toEqual([]);
  });

  it('recognises a write when it sees one (the classifier itself can fail)', () => {
    expect(isReadOnlyOperation(operationOf({ method: 'PUT', url: 'http://localhost/b?acl', headers: {}, body: null, body_encoded: false }))).toBe(false);
    expect(isReadOnlyOperation(operationOf({ method: 'POST', url: 'http://localhost/', headers: {}, body: 'Action=CreateUser&UserName=x', body_encoded: false }))).toBe(false);
  });

  describe('with IAM enforced by moto', () => {
    let full: Report;
    let withoutAcl: Report;
    let fullStderr: string;

    beforeAll(async () => {
      const policy = JSON.parse(exactPolicy) as { Version: string; Statement: { Action: string[] }[] };
      // moto-only shim, granting two actions that do not exist for these requests on AWS:
      // - moto 5.2 authorizes the bucket-level GetPublicAccessBlock and GetBucketPolicyStatus
      //   requests as s3:ListBucket (its S3 ACTION_MAP keys the former as `public_access_block`,
      //   which never matches the `publicAccessBlock` query string; the latter is not implemented
      //   and falls through to ListObjects). AWS authorizes them as s3:GetBucketPublicAccessBlock
      //   and s3:GetBucketPolicyStatus, which the printed policy grants. Its ACTION_MAP has no entry
      //   for `object-lock` either, so GetObjectLockConfiguration is authorized as s3:ListBucket too;
      //   AWS authorizes it as s3:GetBucketObjectLockConfiguration, which the printed policy grants.
      // - moto authorizes S3 Control's account-level GetPublicAccessBlock as
      //   s3:GetPublicAccessBlock (the API name) and denies with an empty error body; AWS
      //   authorizes it as s3:GetAccountPublicAccessBlock, which the printed policy grants.
      // Neither is in breachmap's policy, and every action breachmap needs on AWS still has to
      // come from the printed policy, which the GetBucketAcl case below proves.
      const motoOnlyActions = ['s3:ListBucket', 's3:GetPublicAccessBlock'];
      for (const action of motoOnlyActions) expect(policy.Statement.flatMap((statement) => statement.Action)).not.toContain(action);
      const motoShim = { Sid: 'MotoOnlyActionNames', Effect: 'Allow', Action: motoOnlyActions, Resource: '*' };
      const withShim = (statements: object[]) => JSON.stringify({ Version: policy.Version, Statement: [...statements, motoShim] });
      const withoutGetBucketAcl = policy.Statement.map((statement) => ({ ...statement, Action: statement.Action.filter((action) => action !== 's3:GetBucketAcl') }));
      const exactUser = await userWithPolicy('scanner', withShim(policy.Statement));
      const limitedUser = await userWithPolicy('scanner-without-acl', withShim(withoutGetBucketAcl));
      // From here on moto checks every request's signature and the caller's IAM policies.
      const reset = await fetch(`${server.endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
      expect(reset.ok).toBe(true);
      const [fullOutcome, limitedOutcome] = await Promise.all([
        scenario.scan(['--region', HOME_REGION], exactUser),
        scenario.scan(['--region', HOME_REGION], limitedUser),
      ]);
      fullStderr = fullOutcome.stderr;
      full = reportOf(fullOutcome);
      withoutAcl = reportOf(limitedOutcome);
    });

    it('scans with exactly the printed policy and meets no AccessDenied', () => {
      expect(full.account.callerArn).toMatch(/:user\/scanner$/);
      const denied = full.errors.filter((issue) => /denied/i.test(`${issue.code} ${issue.message}`));
      expect(denied, fullStderr).toEqual([]);
      expect(full.results.filter((result) => /access denied/i.test(result.message))).toEqual([]);
      expect(findResult(full, 's3-bucket-public-write', `arn:aws:s3:::${bucket('acl-write')}`).status).toBe('fail');
      // The issue-6 checks read their data under the printed policy too (each has a finding to make).
      for (const checkId of ['ebs-snapshot-shared-unknown-account', 'ec2-security-group-admin-ports-open', 'ec2-user-data-secrets', 'ec2-ami-public', 's3-bucket-destruction-protection']) {
        expect(full.results.filter((result) => result.checkId === checkId).map((result) => result.status), checkId).toContain('fail');
      }
      // The prefix list's entries were read under the printed policy: RDP through it is a finding, not unknown.
      const throughList = full.results.find((result) => result.checkId === 'ec2-security-group-admin-ports-open' && result.evidence['exposedPorts'] !== undefined && JSON.stringify(result.evidence['exposedPorts']).includes('3389'));
      expect(throughList?.status).toBe('fail');
    });

    it('reads the trail and the detectors under the printed policy: verdicts, not unknowns', () => {
      expect(findResult(full, 'cloudtrail-multi-region-logging', `arn:aws:cloudtrail:${HOME_REGION}:${scenario.accountId}:trail/wire-audit`).status).toBe('pass');
      expect(full.results.filter((result) => result.checkId === 'guardduty-enabled').map((result) => result.status)).toEqual(['pass']);
    });

    it('without s3:GetBucketAcl: buckets whose verdict needs the ACL are unknown and name the action, never pass', () => {
      const buckets = withoutAcl.results.filter((result) => result.checkId === 's3-bucket-public-write');
      expect(buckets.filter((result) => result.status === 'pass')).toEqual([]);
      for (const name of [bucket('acl-write'), bucket('private')]) {
        const result = findResult(withoutAcl, 's3-bucket-public-write', `arn:aws:s3:::${name}`);
        expect(result.status).toBe('unknown');
        expect(result.message).toContain('s3:GetBucketAcl');
      }
      // The policy alone proves this one writable: the missing ACL cannot make it safer.
      expect(findResult(withoutAcl, 's3-bucket-public-write', `arn:aws:s3:::${bucket('policy-write')}`).status).toBe('fail');
    });

    it('without s3:GetBucketAcl: public read cannot be decided either, and says so', () => {
      const buckets = withoutAcl.results.filter((result) => result.checkId === 's3-bucket-public-read');
      expect(buckets.length).toBeGreaterThan(0);
      for (const result of buckets) {
        expect(result.status).toBe('unknown');
        expect(result.message).toContain('s3:GetBucketAcl');
      }
    });

    it('without s3:GetBucketAcl: every other verdict is the same as with the full policy', () => {
      const needsAcl = new Set(['s3-bucket-public-write', 's3-bucket-public-read']);
      const verdicts = (report: Report) =>
        report.results
          .filter((result) => !needsAcl.has(result.checkId))
          .map((result) => `${result.checkId} ${result.resource} ${result.qualifier ?? ''} ${result.status}`)
          .sort();
      expect(verdicts(withoutAcl)).toEqual(verdicts(full));
    });
  });
});
