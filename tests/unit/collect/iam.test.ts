import { Readable } from 'node:stream';
import {
  CredentialReportNotPresentException,
  CredentialReportNotReadyException,
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  IAMServiceException,
  type GetAccountAuthorizationDetailsResponse,
} from '@aws-sdk/client-iam';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settle } from '../../../src/collect/errors.js';
import {
  accountSummaryCollector,
  authorizationDetailsCollector,
  createCredentialReportCollector,
  decodePolicyDocument,
  decodeReportContent,
} from '../../../src/collect/iam.js';
import { SLICES, type SliceName } from '../../../src/inventory/schema.js';
import { buildCollectContext } from '../../helpers/collect-context.js';

// ---------------------------------------------------------------- fixtures

const HEADER = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
].join(',');

// Rows as AWS prints them: `not_supported` for the root password, N/A for what never happened.
const REPORT_CSV = [
  HEADER,
  '<root_account>,arn:aws:iam::123456789012:root,2015-01-01T00:00:00+00:00,not_supported,2024-05-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'alice,arn:aws:iam::123456789012:user/alice,2020-02-03T04:05:06+00:00,true,2024-06-02T08:00:00+00:00,2023-11-12T13:14:15+00:00,N/A,true,true,2023-01-10T09:00:00+00:00,2024-06-01T12:00:00+00:00,us-east-1,s3,false,2022-03-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A',
  'ci-bot,arn:aws:iam::123456789012:user/ci/ci-bot,2024-01-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2024-01-01T00:05:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
  'carol,arn:aws:iam::123456789012:user/carol,2021-07-07T07:07:07+00:00,true,no_information,2021-07-07T07:07:07+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A',
].join('\n');

const encoder = new TextEncoder();

function accessDenied(action: string): IAMServiceException {
  return new IAMServiceException({
    name: 'AccessDenied',
    $fault: 'client',
    message: `User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: ${action}`,
    $metadata: { httpStatusCode: 403 },
  });
}

function notReady(): CredentialReportNotReadyException {
  return new CredentialReportNotReadyException({ message: 'Report is in progress', $metadata: { httpStatusCode: 404 } });
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: (ms) => { delays.push(ms); return Promise.resolve(); } };
}

function sentActions(mock: AwsClientStub<IAMClient>): string[] {
  return mock.calls().map((call) => `iam:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);
}

function expectOnlyDeclaredActions(mock: AwsClientStub<IAMClient>, slice: SliceName): void {
  const sent = new Set(sentActions(mock));
  expect(sent.size).toBeGreaterThan(0);
  for (const action of sent) expect(SLICES[slice].actions).toContain(action);
}

const enc = (document: object): string => encodeURIComponent(JSON.stringify(document));

const trustEc2 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const trustLambda = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const adminDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const deployV1 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const deployV2 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::deploy/*' }] };
const aliceInline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] };
const webInline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] };

const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const DEPLOY_ARN = 'arn:aws:iam::123456789012:policy/deploy';
const BOUNDARY_ARN = 'arn:aws:iam::123456789012:policy/boundary';
const PROFILE_ARN = 'arn:aws:iam::123456789012:instance-profile/web';
const WEB_ROLE_ARN = 'arn:aws:iam::123456789012:role/web';
const WORKER_ROLE_ARN = 'arn:aws:iam::123456789012:role/service/worker';

const profile = (roleArn: string, roleName: string) => ({
  InstanceProfileName: 'web',
  InstanceProfileId: 'AIPAWEB',
  Arn: PROFILE_ARN,
  Path: '/',
  CreateDate: new Date('2022-01-01T00:00:00Z'),
  // moto returns nested trust policies as raw JSON
  Roles: [{ RoleName: roleName, RoleId: `AROA${roleName}`, Arn: roleArn, Path: '/', CreateDate: new Date('2022-01-01T00:00:00Z'), AssumeRolePolicyDocument: JSON.stringify(trustEc2) }],
});

const FIRST_PAGE: GetAccountAuthorizationDetailsResponse = {
  IsTruncated: true,
  Marker: 'page-2',
  UserDetailList: [
    {
      UserName: 'alice',
      UserId: 'AIDAALICE',
      Arn: 'arn:aws:iam::123456789012:user/alice',
      Path: '/',
      CreateDate: new Date('2020-02-03T04:05:06Z'),
      GroupList: ['admins'],
      AttachedManagedPolicies: [{ PolicyName: 'deploy', PolicyArn: DEPLOY_ARN }],
      UserPolicyList: [{ PolicyName: 'describe', PolicyDocument: enc(aliceInline) }],
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: BOUNDARY_ARN },
    },
  ],
  GroupDetailList: [
    { GroupName: 'admins', GroupId: 'AGPAADMINS', Arn: 'arn:aws:iam::123456789012:group/admins', AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN_ARN }], GroupPolicyList: [] },
  ],
  RoleDetailList: [
    {
      RoleName: 'web',
      RoleId: 'AROAWEB',
      Arn: WEB_ROLE_ARN,
      Path: '/',
      CreateDate: new Date('2022-01-01T00:00:00Z'),
      // Emulator quirk: raw JSON where AWS would URL-encode.
      AssumeRolePolicyDocument: JSON.stringify(trustEc2),
      InstanceProfileList: [profile(WEB_ROLE_ARN, 'web')],
      RolePolicyList: [{ PolicyName: 'queue', PolicyDocument: enc(webInline) }],
      AttachedManagedPolicies: [],
    },
  ],
  Policies: [
    {
      PolicyName: 'deploy',
      Arn: DEPLOY_ARN,
      DefaultVersionId: 'v2',
      AttachmentCount: 1,
      PolicyVersionList: [
        { VersionId: 'v1', IsDefaultVersion: false, Document: enc(deployV1) },
        { VersionId: 'v2', IsDefaultVersion: true, Document: enc(deployV2) },
      ],
    },
    {
      PolicyName: 'unused-local',
      Arn: 'arn:aws:iam::123456789012:policy/unused-local',
      DefaultVersionId: 'v1',
      AttachmentCount: 0,
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(deployV1) }],
    },
  ],
};

const SECOND_PAGE: GetAccountAuthorizationDetailsResponse = {
  IsTruncated: false,
  RoleDetailList: [
    {
      RoleName: 'worker',
      RoleId: 'AROAWORKER',
      Arn: WORKER_ROLE_ARN,
      Path: '/service/',
      CreateDate: new Date('2023-05-06T07:08:09Z'),
      AssumeRolePolicyDocument: enc(trustLambda),
      // The same profile again, as listed under a second role entry: it must come out once.
      InstanceProfileList: [profile(WEB_ROLE_ARN, 'web')],
      RolePolicyList: [],
      AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN_ARN }],
      PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: BOUNDARY_ARN },
    },
  ],
  Policies: [
    {
      PolicyName: 'AdministratorAccess',
      Arn: ADMIN_ARN,
      DefaultVersionId: 'v1',
      AttachmentCount: 2,
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(adminDocument) }],
    },
    {
      PolicyName: 'ReadOnlyAccess',
      Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      DefaultVersionId: 'v9',
      AttachmentCount: 0,
      PolicyVersionList: [{ VersionId: 'v9', IsDefaultVersion: true, Document: enc(deployV1) }],
    },
  ],
};

// ---------------------------------------------------------------- with a mocked client

describe('IAM collectors (aws-sdk-client-mock)', () => {
  let iamMock: AwsClientStub<IAMClient>;
  beforeEach(() => {
    iamMock = mockClient(IAMClient);
  });
  afterEach(() => {
    iamMock.restore();
  });

  describe('credential report', () => {
    it('generates until COMPLETE, then reads and maps the report', async () => {
      iamMock.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'STARTED' }).resolves({ State: 'COMPLETE' });
      iamMock.on(GetCredentialReportCommand).resolves({ Content: encoder.encode(REPORT_CSV), ReportFormat: 'text/csv', GeneratedTime: new Date('2024-06-03T00:00:00Z') });
      const { sleep, delays } = recordingSleep();
      const { context } = buildCollectContext();

      const report = await createCredentialReportCollector({ sleep }).collect(context);

      expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(2);
      expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(1);
      expect(delays).toEqual([250]);
      expect(SLICES.credentialReport.schema.parse(report)).toEqual(report);
      expect(report.generatedAt).toBe('2024-06-03T00:00:00.000Z');
      expect(report.rows.map((row) => row.user)).toEqual(['<root_account>', 'alice', 'ci-bot', 'carol']);

      const [root, alice, ciBot, carol] = report.rows;
      expect(root).toEqual({
        user: '<root_account>',
        arn: 'arn:aws:iam::123456789012:root',
        userCreationTime: '2015-01-01T00:00:00.000Z',
        passwordEnabled: null,
        passwordLastUsed: '2024-05-01T10:00:00.000Z',
        passwordLastChanged: null,
        mfaActive: true,
        accessKeys: [],
      });
      expect(alice?.passwordEnabled).toBe(true);
      expect(alice?.passwordLastChanged).toBe('2023-11-12T13:14:15.000Z');
      expect(alice?.accessKeys).toEqual([
        { slot: 1, active: true, lastRotated: '2023-01-10T09:00:00.000Z', lastUsed: '2024-06-01T12:00:00.000Z', lastUsedService: 's3', lastUsedRegion: 'us-east-1' },
        { slot: 2, active: false, lastRotated: '2022-03-01T00:00:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null },
      ]);
      expect(ciBot).toMatchObject({ passwordEnabled: false, passwordLastUsed: null, passwordLastChanged: null, mfaActive: false });
      expect(ciBot?.accessKeys).toEqual([
        { slot: 1, active: true, lastRotated: '2024-01-01T00:05:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null },
      ]);
      expect(carol).toMatchObject({ passwordEnabled: true, passwordLastUsed: null, accessKeys: [] });
      expectOnlyDeclaredActions(iamMock, 'credentialReport');
    });

    it('keeps polling while GetCredentialReport says ReportInProgress', async () => {
      iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
      iamMock.on(GetCredentialReportCommand).rejectsOnce(notReady()).resolves({ Content: encoder.encode(REPORT_CSV) });
      const { sleep, delays } = recordingSleep();
      const { context, progressLines } = buildCollectContext();

      const report = await createCredentialReportCollector({ sleep }).collect(context);

      expect(report.rows).toHaveLength(4);
      expect(report.generatedAt).toBeNull();
      expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(2);
      expect(delays).toEqual([250]);
      expect(progressLines).toHaveLength(1);
    });

    it('generates again when the report is not present', async () => {
      iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
      iamMock
        .on(GetCredentialReportCommand)
        .rejectsOnce(new CredentialReportNotPresentException({ message: 'no report', $metadata: {} }))
        .resolves({ Content: encoder.encode(REPORT_CSV) });
      const { sleep } = recordingSleep();
      const { context } = buildCollectContext();

      await createCredentialReportCollector({ sleep }).collect(context);

      expect(iamMock.commandCalls(GenerateCredentialReportCommand)).toHaveLength(2);
    });

    it('decodes base64-string content', async () => {
      iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
      // A plain object stands in for a response that went through JSON (Content as base64 text).
      iamMock.on(GetCredentialReportCommand).resolves({ Content: Buffer.from(REPORT_CSV).toString('base64') } as never);
      const { context } = buildCollectContext();

      const report = await createCredentialReportCollector({ sleep: () => Promise.resolve() }).collect(context);

      expect(report.rows.map((row) => row.arn)).toContain('arn:aws:iam::123456789012:user/ci/ci-bot');
    });

    it('gives up after the bound, with backoff doubling to the cap', async () => {
      iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
      iamMock.on(GetCredentialReportCommand).rejects(notReady());
      const { sleep, delays } = recordingSleep();
      const { context } = buildCollectContext();

      await expect(createCredentialReportCollector({ sleep }).collect(context)).rejects.toThrow(/not ready after 10 attempts; gave up/);

      expect(iamMock.commandCalls(GetCredentialReportCommand)).toHaveLength(10);
      expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000]);
    });

    it('does not retry an error that is not about report readiness', async () => {
      iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
      iamMock.on(GetCredentialReportCommand).rejects(accessDenied('iam:GetCredentialReport'));
      const { sleep, delays } = recordingSleep();
      const { context } = buildCollectContext();

      const result = await settle('iam:GetCredentialReport', () => createCredentialReportCollector({ sleep }).collect(context));

      expect(result).toMatchObject({ ok: false, error: { code: 'AccessDenied', action: 'iam:GetCredentialReport' } });
      expect(delays).toEqual([]);
    });

    it('decodeReportContent accepts bytes, base64 and already-decoded text', () => {
      expect(decodeReportContent(encoder.encode('user,arn\n'))).toBe('user,arn\n');
      expect(decodeReportContent(Buffer.from('user,arn\n').toString('base64'))).toBe('user,arn\n');
      expect(decodeReportContent('user,arn\n')).toBe('user,arn\n');
      expect(() => decodeReportContent(undefined)).toThrow(/no content/);
    });
  });

  describe('account summary', () => {
    it('returns the SummaryMap', async () => {
      iamMock.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 0, Users: 7 } });
      const { context } = buildCollectContext();

      const summary = await accountSummaryCollector.collect(context);

      expect(summary).toEqual({ summaryMap: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 0, Users: 7 } });
      expectOnlyDeclaredActions(iamMock, 'accountSummary');
    });
  });

  describe('authorization details', () => {
    it('follows the marker and maps every principal, profile and attached policy', async () => {
      iamMock.on(GetAccountAuthorizationDetailsCommand).resolvesOnce(FIRST_PAGE).resolvesOnce(SECOND_PAGE);
      // The fixture's boundary is listed nowhere and no longer exists.
      iamMock.on(GetPolicyCommand).rejects(new IAMServiceException({ name: 'NoSuchEntity', $fault: 'client', message: 'Policy not found', $metadata: { httpStatusCode: 404 } }));
      const { context } = buildCollectContext();

      const details = await authorizationDetailsCollector.collect(context);

      const calls = iamMock.commandCalls(GetAccountAuthorizationDetailsCommand);
      expect(calls).toHaveLength(2);
      expect(calls[0]?.args[0].input.Marker).toBeUndefined();
      expect(calls[1]?.args[0].input.Marker).toBe('page-2');
      expect(SLICES.authorizationDetails.schema.parse(details)).toEqual(details);

      expect(details.users).toEqual([
        {
          name: 'alice',
          arn: 'arn:aws:iam::123456789012:user/alice',
          id: 'AIDAALICE',
          createDate: '2020-02-03T04:05:06.000Z',
          groups: ['admins'],
          attachedPolicies: [{ name: 'deploy', arn: DEPLOY_ARN }],
          inlinePolicies: [{ name: 'describe', document: aliceInline }],
          permissionsBoundaryArn: BOUNDARY_ARN,
        },
      ]);
      expect(details.groups).toEqual([
        { name: 'admins', arn: 'arn:aws:iam::123456789012:group/admins', attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }], inlinePolicies: [] },
      ]);
      expect(details.roles).toEqual([
        {
          name: 'web',
          arn: WEB_ROLE_ARN,
          id: 'AROAWEB',
          path: '/',
          createDate: '2022-01-01T00:00:00.000Z',
          assumeRolePolicy: trustEc2,
          attachedPolicies: [],
          inlinePolicies: [{ name: 'queue', document: webInline }],
          permissionsBoundaryArn: null,
        },
        {
          name: 'worker',
          arn: WORKER_ROLE_ARN,
          id: 'AROAWORKER',
          path: '/service/',
          createDate: '2023-05-06T07:08:09.000Z',
          assumeRolePolicy: trustLambda,
          attachedPolicies: [{ name: 'AdministratorAccess', arn: ADMIN_ARN }],
          inlinePolicies: [],
          permissionsBoundaryArn: BOUNDARY_ARN,
        },
      ]);
      expect(details.instanceProfiles).toEqual([{ name: 'web', arn: PROFILE_ARN, roleArns: [WEB_ROLE_ARN, WORKER_ROLE_ARN].sort() }]);
      expect(details.policies).toEqual([
        { name: 'deploy', arn: DEPLOY_ARN, awsManaged: false, document: deployV2 },
        { name: 'AdministratorAccess', arn: ADMIN_ARN, awsManaged: true, document: adminDocument },
      ]);
      expectOnlyDeclaredActions(iamMock, 'authorizationDetails');
    });

    it('keeps every managed policy used as a permissions boundary, even one attached nowhere', async () => {
      const boundaryDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }] };
      const awsBoundaryArn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
      iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({
        IsTruncated: false,
        UserDetailList: [
          {
            UserName: 'bounded',
            UserId: 'AIDABOUNDED',
            Arn: 'arn:aws:iam::123456789012:user/bounded',
            AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN_ARN }],
            PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: BOUNDARY_ARN },
          },
        ],
        RoleDetailList: [
          {
            RoleName: 'capped',
            RoleId: 'AROACAPPED',
            Arn: 'arn:aws:iam::123456789012:role/capped',
            AssumeRolePolicyDocument: enc(trustEc2),
            PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: awsBoundaryArn },
          },
        ],
        Policies: [
          { PolicyName: 'AdministratorAccess', Arn: ADMIN_ARN, DefaultVersionId: 'v1', AttachmentCount: 1, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(adminDocument) }] },
          // Boundary-only: attached as a permission policy nowhere.
          { PolicyName: 'boundary', Arn: BOUNDARY_ARN, DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 1, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(boundaryDocument) }] },
          { PolicyName: 'ReadOnlyAccess', Arn: awsBoundaryArn, DefaultVersionId: 'v9', AttachmentCount: 0, PermissionsBoundaryUsageCount: 1, PolicyVersionList: [{ VersionId: 'v9', IsDefaultVersion: true, Document: enc(deployV1) }] },
          { PolicyName: 'unused-local', Arn: 'arn:aws:iam::123456789012:policy/unused-local', DefaultVersionId: 'v1', AttachmentCount: 0, PermissionsBoundaryUsageCount: 0, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(deployV1) }] },
        ],
      });
      const { context } = buildCollectContext();

      const details = await authorizationDetailsCollector.collect(context);

      expect(iamMock.commandCalls(GetAccountAuthorizationDetailsCommand)[0]?.args[0].input.Filter).toBeUndefined();
      expect(details.policies).toEqual([
        { name: 'AdministratorAccess', arn: ADMIN_ARN, awsManaged: true, document: adminDocument },
        { name: 'boundary', arn: BOUNDARY_ARN, awsManaged: false, document: boundaryDocument },
        { name: 'ReadOnlyAccess', arn: awsBoundaryArn, awsManaged: true, document: deployV1 },
      ]);
      expect(details.users[0]?.permissionsBoundaryArn).toBe(BOUNDARY_ARN);
      expect(details.roles[0]?.permissionsBoundaryArn).toBe(awsBoundaryArn);
      expect(SLICES.authorizationDetails.schema.parse(details)).toEqual(details);
    });

    it('reads a boundary policy that GAAD did not list with GetPolicy and GetPolicyVersion', async () => {
      const boundaryDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] };
      iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({
        IsTruncated: false,
        RoleDetailList: [
          {
            RoleName: 'capped',
            Arn: 'arn:aws:iam::123456789012:role/capped',
            AssumeRolePolicyDocument: enc(trustEc2),
            AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN_ARN }],
            PermissionsBoundary: { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess' },
          },
        ],
        Policies: [{ PolicyName: 'AdministratorAccess', Arn: ADMIN_ARN, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: enc(adminDocument) }] }],
      });
      iamMock.on(GetPolicyCommand).resolves({ Policy: { PolicyName: 'AmazonEC2ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess', DefaultVersionId: 'v3' } });
      iamMock.on(GetPolicyVersionCommand).resolves({ PolicyVersion: { VersionId: 'v3', IsDefaultVersion: true, Document: enc(boundaryDocument) } });
      const { context } = buildCollectContext();

      const details = await authorizationDetailsCollector.collect(context);

      expect(iamMock.commandCalls(GetPolicyVersionCommand)[0]?.args[0].input).toEqual({ PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess', VersionId: 'v3' });
      expect(details.policies).toEqual([
        { name: 'AdministratorAccess', arn: ADMIN_ARN, awsManaged: true, document: adminDocument },
        { name: 'AmazonEC2ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess', awsManaged: true, document: boundaryDocument },
      ]);
      expectOnlyDeclaredActions(iamMock, 'authorizationDetails');
    });

    it('a boundary policy that cannot be read stays missing without failing the slice', async () => {
      iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({
        IsTruncated: false,
        UserDetailList: [{ UserName: 'capped', Arn: 'arn:aws:iam::123456789012:user/capped', PermissionsBoundary: { PermissionsBoundaryArn: BOUNDARY_ARN } }],
      });
      iamMock.on(GetPolicyCommand).rejects(accessDenied('iam:GetPolicy'));
      const { context } = buildCollectContext();

      const details = await authorizationDetailsCollector.collect(context);

      expect(details.users[0]?.permissionsBoundaryArn).toBe(BOUNDARY_ARN);
      expect(details.policies).toEqual([]);
      expect(iamMock.commandCalls(GetPolicyVersionCommand)).toHaveLength(0);
    });

    it('stops when the server repeats a marker instead of looping', async () => {
      iamMock.on(GetAccountAuthorizationDetailsCommand).resolves({ IsTruncated: true, Marker: 'same' });
      const { context } = buildCollectContext();

      await expect(authorizationDetailsCollector.collect(context)).rejects.toThrow(/repeated a pagination marker/);
      expect(iamMock.commandCalls(GetAccountAuthorizationDetailsCommand)).toHaveLength(2);
    });

    it('AccessDenied becomes a failed slice naming the action', async () => {
      iamMock.on(GetAccountAuthorizationDetailsCommand).rejects(accessDenied('iam:GetAccountAuthorizationDetails'));
      const { context } = buildCollectContext();

      const result = await settle('iam:GetAccountAuthorizationDetails', () => authorizationDetailsCollector.collect(context));

      expect(result).toEqual({
        ok: false,
        error: {
          code: 'AccessDenied',
          action: 'iam:GetAccountAuthorizationDetails',
          message: 'access denied: the scanning identity lacks iam:GetAccountAuthorizationDetails',
        },
      });
    });
  });
});

describe('decodePolicyDocument', () => {
  const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a b/*' }] };

  it('decodes URL-encoded JSON', () => {
    expect(decodePolicyDocument(encodeURIComponent(JSON.stringify(document)))).toEqual(document);
  });

  it('accepts raw JSON', () => {
    expect(decodePolicyDocument(JSON.stringify(document))).toEqual(document);
  });

  it('accepts raw JSON with a literal % that is not an escape', () => {
    const withPercent = { Statement: [{ Condition: { StringLike: { 's3:prefix': '100%' } } }] };
    expect(decodePolicyDocument(JSON.stringify(withPercent))).toEqual(withPercent);
  });

  it('keeps a document that is not JSON as the raw string, and a missing one as null', () => {
    expect(decodePolicyDocument('not a policy')).toBe('not a policy');
    expect(decodePolicyDocument(undefined)).toBeNull();
  });
});

// ---------------------------------------------------------------- over a fake wire

interface CannedResponse {
  statusCode: number;
  body: string;
}

/** Stands in for NodeHttpHandler: the SDK's serializers, retries and parsers all still run. */
function fakeWire(responses: CannedResponse[]) {
  const requests: unknown[] = [];
  return {
    requests,
    handler: {
      handle: (request: unknown) => {
        requests.push(request);
        const next = responses[Math.min(requests.length, responses.length) - 1];
        if (next === undefined) throw new Error('fakeWire needs at least one response');
        // HttpResponse from @smithy/protocol-http is not installed; the SDK accepts any object of its shape.
        const response = {
          statusCode: next.statusCode,
          headers: { 'content-type': 'text/xml', 'x-amzn-requestid': `req-${requests.length}` },
          body: Readable.from([Buffer.from(next.body)]),
        };
        return Promise.resolve({ response });
      },
    },
  };
}

const THROTTLED = {
  statusCode: 400,
  body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-1</RequestId></ErrorResponse>',
};

const SUMMARY_OK = {
  statusCode: 200,
  body: `<GetAccountSummaryResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
  <GetAccountSummaryResult>
    <SummaryMap>
      <entry><key>AccountAccessKeysPresent</key><value>1</value></entry>
      <entry><key>AccountMFAEnabled</key><value>0</value></entry>
      <entry><key>Users</key><value>12</value></entry>
    </SummaryMap>
  </GetAccountSummaryResult>
  <ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata>
</GetAccountSummaryResponse>`,
};

describe('IAM collectors over a fake wire (real SDK retries)', () => {
  it('retries Throttling and records both attempts', async () => {
    const wire = fakeWire([THROTTLED, SUMMARY_OK]);
    const { context, recorder } = buildCollectContext({ requestHandler: wire.handler, maxAttempts: 3 });

    const summary = await accountSummaryCollector.collect(context);

    expect(summary.summaryMap).toEqual({ AccountAccessKeysPresent: 1, AccountMFAEnabled: 0, Users: 12 });
    expect(wire.requests).toHaveLength(2);
    expect(recorder.records).toHaveLength(1);
    expect(recorder.records[0]).toMatchObject({ service: 'iam', operation: 'GetAccountSummary', attempts: 2, outcome: 'ok' });
    expect(recorder.stats(0).calls[0]).toMatchObject({ calls: 1, errors: 0, throttled: 1 });
  });

  it('throttling past maxAttempts becomes a clear failed slice', async () => {
    const wire = fakeWire([THROTTLED]);
    const { context, recorder } = buildCollectContext({ requestHandler: wire.handler, maxAttempts: 2 });

    const result = await settle('iam:GetAccountSummary', () => accountSummaryCollector.collect(context));

    expect(result).toEqual({
      ok: false,
      error: { code: 'Throttling', action: 'iam:GetAccountSummary', message: 'throttled by AWS after all retries (iam:GetAccountSummary)' },
    });
    expect(wire.requests).toHaveLength(2);
    expect(recorder.records[0]).toMatchObject({ attempts: 2, outcome: 'error', errorCode: 'Throttling' });
  });

  it('an operation the endpoint does not implement (HTTP 501) gives a clear error', async () => {
    const wire = fakeWire([
      {
        statusCode: 501,
        body: '<ErrorResponse><Error><Type>Sender</Type><Code>NotImplemented</Code><Message>The GetAccountAuthorizationDetails action has not been implemented</Message></Error></ErrorResponse>',
      },
    ]);
    const { context } = buildCollectContext({ requestHandler: wire.handler });

    const result = await settle('iam:GetAccountAuthorizationDetails', () => authorizationDetailsCollector.collect(context));

    expect(result).toEqual({
      ok: false,
      error: {
        code: 'NotImplemented',
        action: 'iam:GetAccountAuthorizationDetails',
        message: 'iam:GetAccountAuthorizationDetails is not implemented by this endpoint',
      },
    });
    // 501 is not a transient status: no retry.
    expect(wire.requests).toHaveLength(1);
  });

  it('an HTTP 501 with a non-XML body is still reported as not implemented', async () => {
    const wire = fakeWire([{ statusCode: 501, body: 'Not Implemented' }]);
    const { context } = buildCollectContext({ requestHandler: wire.handler });

    const result = await settle('iam:GetAccountSummary', () => accountSummaryCollector.collect(context));

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('iam:GetAccountSummary is not implemented by this endpoint');
  });
});
