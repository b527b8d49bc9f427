/**
 * The demo account: "Pinecone Pay", a fictional payments start-up whose AWS account repeats the
 * mistakes behind real breaches. Root keys and no root MFA (Chegg, Code Spaces), a CI key four
 * hundred days old (DXC, Uber), a departed contractor's key (Voova, Cisco), a web-assets bucket
 * anyone can write to (LA Times, Twilio), CRM exports any AWS user can list (the 2017 exposed
 * buckets), a public database snapshot (the DNC snapshot theft) and a
 * web server with IMDSv1 and an S3-wide role (Capital One), roles that outsiders can assume (the
 * backdoor roles of the Datadog and Invictus IR cases), and a support vendor's account trusted,
 * without an external id, by a role that may assume the break-glass admin role. Everything here is invented; the
 * account id is one AWS reserves for documentation.
 */
import type { Inventory } from '../inventory/schema.js';
import { daysBefore as daysBeforeDate } from '../time.js';

const ACCOUNT = '444455556666';
/** A support vendor's account (also one AWS reserves for documentation). */
const VENDOR_ACCOUNT = '210987654321';
const COLLECTED_AT = '2026-11-02T09:30:00.000Z';

function daysBefore(days: number): string {
  return daysBeforeDate(COLLECTED_AT, days);
}

const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const profileArn = (name: string) => `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`;

const S3_FULL_ACCESS = 'arn:aws:iam::aws:policy/AmazonS3FullAccess';
const SSM_CORE = 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore';

const trustEc2 = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

const noKey = [] as const;

export function demoInventory(toolVersion: string): Inventory {
  return {
    schemaVersion: 1,
    tool: { name: 'breachmap', version: toolVersion },
    account: { id: ACCOUNT, partition: 'aws', callerArn: `arn:aws:iam::${ACCOUNT}:user/security-audit`, alias: 'pinecone-pay-prod' },
    collectedAt: COLLECTED_AT,
    regions: ['eu-west-1', 'us-east-1'],
    slices: {
      credentialReport: {
        ok: true,
        data: {
          generatedAt: daysBefore(0),
          rows: [
            {
              user: '<root_account>',
              arn: `arn:aws:iam::${ACCOUNT}:root`,
              userCreationTime: daysBefore(2100),
              passwordEnabled: null,
              passwordLastUsed: daysBefore(3),
              passwordLastChanged: null,
              mfaActive: false,
              accessKeys: [{ slot: 1, active: true, lastRotated: daysBefore(1900), lastUsed: daysBefore(12), lastUsedService: 's3', lastUsedRegion: 'us-east-1' }],
            },
            {
              // The CI deploy user: a four-hundred-day-old key, used every day (DXC, Uber).
              user: 'ci-deployer',
              arn: userArn('ci-deployer'),
              userCreationTime: daysBefore(420),
              passwordEnabled: false,
              passwordLastUsed: null,
              passwordLastChanged: null,
              mfaActive: false,
              accessKeys: [{ slot: 1, active: true, lastRotated: daysBefore(400), lastUsed: daysBefore(1), lastUsedService: 's3', lastUsedRegion: 'us-east-1' }],
            },
            {
              // A contractor who left in the spring; the key was never deactivated (Voova, Cisco).
              user: 'jordan.lee',
              arn: userArn('jordan.lee'),
              userCreationTime: daysBefore(700),
              passwordEnabled: true,
              passwordLastUsed: daysBefore(210),
              passwordLastChanged: daysBefore(650),
              mfaActive: false,
              accessKeys: [{ slot: 1, active: true, lastRotated: daysBefore(300), lastUsed: daysBefore(200), lastUsedService: 'ec2', lastUsedRegion: 'eu-west-1' }],
            },
            {
              // Created for an analytics integration that never shipped.
              user: 'analytics-svc',
              arn: userArn('analytics-svc'),
              userCreationTime: daysBefore(100),
              passwordEnabled: false,
              passwordLastUsed: null,
              passwordLastChanged: null,
              mfaActive: false,
              accessKeys: [{ slot: 1, active: true, lastRotated: daysBefore(100), lastUsed: null, lastUsedService: null, lastUsedRegion: null }],
            },
            {
              // A well-kept user: MFA, a key rotated last month and used yesterday.
              user: 'maria.ops',
              arn: userArn('maria.ops'),
              userCreationTime: daysBefore(500),
              passwordEnabled: true,
              passwordLastUsed: daysBefore(1),
              passwordLastChanged: daysBefore(60),
              mfaActive: true,
              accessKeys: [
                { slot: 1, active: true, lastRotated: daysBefore(30), lastUsed: daysBefore(1), lastUsedService: 'iam', lastUsedRegion: 'us-east-1' },
                { slot: 2, active: false, lastRotated: daysBefore(200), lastUsed: daysBefore(31), lastUsedService: 'iam', lastUsedRegion: 'us-east-1' },
              ],
            },
            {
              user: 'security-audit',
              arn: userArn('security-audit'),
              userCreationTime: daysBefore(40),
              passwordEnabled: false,
              passwordLastUsed: null,
              passwordLastChanged: null,
              mfaActive: false,
              accessKeys: [...noKey],
            },
          ],
        },
      },
      accountSummary: {
        ok: true,
        data: { summaryMap: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 0, Users: 6, Roles: 6, Groups: 1, MFADevicesInUse: 1 } },
      },
      authorizationDetails: {
        ok: true,
        data: {
          users: [
            { name: 'ci-deployer', arn: userArn('ci-deployer'), id: 'AIDADEMO0CIDEPLOYER1', createDate: daysBefore(420), groups: ['deployers'], attachedPolicies: [], inlinePolicies: [], permissionsBoundaryArn: null },
            { name: 'jordan.lee', arn: userArn('jordan.lee'), id: 'AIDADEMO0JORDANLEE01', createDate: daysBefore(700), groups: [], attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: S3_FULL_ACCESS }], inlinePolicies: [], permissionsBoundaryArn: null },
            {
              name: 'analytics-svc',
              arn: userArn('analytics-svc'),
              id: 'AIDADEMO0ANALYTICS01',
              createDate: daysBefore(100),
              groups: [],
              attachedPolicies: [],
              // The analytics integration's prototype called a model "to summarise reports": any model, any region (LLMjacking).
              // The reach demo: the same stale key reads the two export buckets by name (issue 18).
              inlinePolicies: [
                { name: 'genai-prototype', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: '*' }] } },
                {
                  name: 'read-exports',
                  document: { Version: '2012-10-17', Statement: [{ Sid: 'ReadExports', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::pinecone-*-exports', 'arn:aws:s3:::pinecone-*-exports/*'] }] },
                },
              ],
              permissionsBoundaryArn: null,
            },
            { name: 'maria.ops', arn: userArn('maria.ops'), id: 'AIDADEMO0MARIAOPS001', createDate: daysBefore(500), groups: [], attachedPolicies: [], inlinePolicies: [], permissionsBoundaryArn: null },
            { name: 'security-audit', arn: userArn('security-audit'), id: 'AIDADEMO0SECAUDIT001', createDate: daysBefore(40), groups: [], attachedPolicies: [{ name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' }], inlinePolicies: [], permissionsBoundaryArn: null },
          ],
          groups: [
            {
              name: 'deployers',
              arn: `arn:aws:iam::${ACCOUNT}:group/deployers`,
              attachedPolicies: [],
              inlinePolicies: [{ name: 'deploy', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 'cloudfront:CreateInvalidation'], Resource: '*' }] } }],
            },
          ],
          roles: [
            {
              // The Capital One shape: a web server's role that can read every bucket.
              name: 'web-app-role',
              arn: roleArn('web-app-role'),
              id: 'AROADEMO0WEBAPPROLE1',
              path: '/',
              createDate: daysBefore(800),
              assumeRolePolicy: trustEc2,
              attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: S3_FULL_ACCESS }],
              inlinePolicies: [],
              permissionsBoundaryArn: null,
            },
            {
              // Build runners that may launch instances with any role: an escalation path.
              name: 'build-runner-role',
              arn: roleArn('build-runner-role'),
              id: 'AROADEMO0BUILDRUNNER',
              path: '/',
              createDate: daysBefore(300),
              assumeRolePolicy: trustEc2,
              attachedPolicies: [],
              inlinePolicies: [
                {
                  name: 'spawn-test-fleet',
                  document: {
                    Version: '2012-10-17',
                    Statement: [
                      { Sid: 'LaunchTestFleet', Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:CreateTags', 'ec2:CreateVolume', 'ec2:CopySnapshot'], Resource: '*' },
                      { Sid: 'PassAnyRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
                    ],
                  },
                },
              ],
              permissionsBoundaryArn: null,
            },
            {
              // A narrowly scoped worker: only its own queue and Session Manager.
              name: 'batch-worker-role',
              arn: roleArn('batch-worker-role'),
              id: 'AROADEMO0BATCHWORKER',
              path: '/',
              createDate: daysBefore(200),
              assumeRolePolicy: trustEc2,
              attachedPolicies: [{ name: 'AmazonSSMManagedInstanceCore', arn: SSM_CORE }],
              inlinePolicies: [
                {
                  name: 'own-queue',
                  document: {
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage'], Resource: `arn:aws:sqs:eu-west-1:${ACCOUNT}:settlements` }],
                  },
                },
              ],
              permissionsBoundaryArn: null,
            },
            {
              // Support staff were told an external id makes "*" safe: anyone in any AWS account can assume it.
              name: 'support-access-role',
              arn: roleArn('support-access-role'),
              id: 'AROADEMO0SUPPORTROLE',
              path: '/',
              createDate: daysBefore(150),
              assumeRolePolicy: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'pinecone-support-2025' } } }],
              },
              attachedPolicies: [],
              inlinePolicies: [{ name: 'read-tickets', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: `arn:aws:dynamodb:eu-west-1:${ACCOUNT}:table/tickets` }] } }],
              permissionsBoundaryArn: null,
            },
            {
              // GitHub Actions deploys, but the subject condition lets every repository on GitHub in.
              name: 'github-deploy-role',
              arn: roleArn('github-deploy-role'),
              id: 'AROADEMO0GITHUBDEPLY',
              path: '/ci/',
              createDate: daysBefore(90),
              assumeRolePolicy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
                    Action: 'sts:AssumeRoleWithWebIdentity',
                    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } },
                  },
                ],
              },
              attachedPolicies: [],
              inlinePolicies: [{ name: 'publish-assets', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }] } }],
              permissionsBoundaryArn: null,
            },
            {
              // The same provider done right: one repository, one branch, the STS audience.
              name: 'github-readonly-role',
              arn: roleArn('github-readonly-role'),
              id: 'AROADEMO0GITHUBREADO',
              path: '/ci/',
              createDate: daysBefore(90),
              assumeRolePolicy: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
                    Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
                    Condition: {
                      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:pinecone-pay/web:ref:refs/heads/main' },
                    },
                  },
                ],
              },
              attachedPolicies: [],
              inlinePolicies: [{ name: 'read-assets', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }],
              permissionsBoundaryArn: null,
            },
            {
              // A former auditor's account, still trusted, with no external id (the same account a snapshot is shared with).
              name: 'partner-audit-role',
              arn: roleArn('partner-audit-role'),
              id: 'AROADEMO0PARTNERAUDT',
              path: '/',
              createDate: daysBefore(700),
              assumeRolePolicy: {
                Version: '2012-10-17',
                Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::210987654321:root' }, Action: 'sts:AssumeRole' }],
              },
              attachedPolicies: [],
              inlinePolicies: [{ name: 'read-config', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['config:Describe*', 'config:Get*'], Resource: '*' }] } }],
              permissionsBoundaryArn: null,
            },
            {
              // A support vendor's way in: another account may assume it, with no external id (a cross-account path).
              name: 'vendor-support-role',
              arn: roleArn('vendor-support-role'),
              id: 'AROADEMO0VENDORSUPRT',
              path: '/',
              createDate: daysBefore(610),
              assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${VENDOR_ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
              attachedPolicies: [],
              inlinePolicies: [
                {
                  name: 'break-glass',
                  document: { Version: '2012-10-17', Statement: [{ Sid: 'EscalateForIncidents', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArn('ops-break-glass-role') }] },
                },
              ],
              permissionsBoundaryArn: null,
            },
            {
              // The break-glass admin role: any principal of the account whose policies allow it may assume it.
              name: 'ops-break-glass-role',
              arn: roleArn('ops-break-glass-role'),
              id: 'AROADEMO0OPSBRKGLASS',
              path: '/',
              createDate: daysBefore(900),
              assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] },
              attachedPolicies: [],
              inlinePolicies: [{ name: 'everything', document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }],
              permissionsBoundaryArn: null,
            },
          ],
          instanceProfiles: [
            { name: 'web-app', arn: profileArn('web-app'), roleArns: [roleArn('web-app-role')] },
            { name: 'build-runner', arn: profileArn('build-runner'), roleArns: [roleArn('build-runner-role')] },
            { name: 'batch-worker', arn: profileArn('batch-worker'), roleArns: [roleArn('batch-worker-role')] },
          ],
          policies: [
            {
              name: 'AmazonS3FullAccess',
              arn: S3_FULL_ACCESS,
              awsManaged: true,
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }] },
            },
            {
              name: 'AmazonSSMManagedInstanceCore',
              arn: SSM_CORE,
              awsManaged: true,
              document: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: ['ssm:DescribeAssociation', 'ssm:GetDocument', 'ssm:UpdateInstanceInformation', 'ssmmessages:CreateControlChannel', 'ssmmessages:OpenDataChannel', 'ec2messages:GetMessages'], Resource: '*' },
                ],
              },
            },
            {
              name: 'SecurityAudit',
              arn: 'arn:aws:iam::aws:policy/SecurityAudit',
              awsManaged: true,
              document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 'iam:GenerateCredentialReport', 's3:GetBucketAcl', 'ec2:Describe*'], Resource: '*' }] },
            },
          ],
        },
      },
      s3Buckets: {
        ok: true,
        data: {
          buckets: [
            {
              // Anyone may upload here, the LA Times and Twilio precondition: a script swap away from Magecart.
              name: 'pinecone-web-assets',
              arn: 'arn:aws:s3:::pinecone-web-assets',
              region: 'us-east-1',
              creationDate: daysBefore(1500),
              acl: {
                ok: true,
                data: {
                  ownerId: 'c0ffee00demo',
                  grants: [
                    { granteeType: 'CanonicalUser', uri: null, id: 'c0ffee00demo', permission: 'FULL_CONTROL' },
                    { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', id: null, permission: 'READ' },
                    { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', id: null, permission: 'WRITE' },
                  ],
                },
              },
              policy: { ok: true, data: { document: null } },
              publicAccessBlock: { ok: true, data: null },
              policyStatus: { ok: true, data: { isPublic: false } },
            },
            {
              // The SDK bucket served to customers' checkout pages: the policy lets anyone overwrite it.
              name: 'pinecone-checkout-sdk',
              arn: 'arn:aws:s3:::pinecone-checkout-sdk',
              region: 'us-east-1',
              creationDate: daysBefore(900),
              acl: { ok: true, data: { ownerId: 'c0ffee00demo', grants: [{ granteeType: 'CanonicalUser', uri: null, id: 'c0ffee00demo', permission: 'FULL_CONTROL' }] } },
              policy: {
                ok: true,
                data: {
                  document: {
                    Version: '2012-10-17',
                    Statement: [
                      { Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pinecone-checkout-sdk/*' },
                      { Sid: 'ReleaseUpload', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: 'arn:aws:s3:::pinecone-checkout-sdk/*' },
                    ],
                  },
                },
              },
              publicAccessBlock: { ok: true, data: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false } },
              policyStatus: { ok: true, data: { isPublic: true } },
            },
            {
              // Public documentation: readable by anyone, writable by no one. Passes the write check.
              name: 'pinecone-public-docs',
              arn: 'arn:aws:s3:::pinecone-public-docs',
              region: 'eu-west-1',
              creationDate: daysBefore(700),
              acl: { ok: true, data: { ownerId: 'c0ffee00demo', grants: [{ granteeType: 'CanonicalUser', uri: null, id: 'c0ffee00demo', permission: 'FULL_CONTROL' }] } },
              policy: {
                ok: true,
                data: { document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::pinecone-public-docs/*' }] } },
              },
              publicAccessBlock: { ok: true, data: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: false } },
              policyStatus: { ok: true, data: { isPublic: true } },
            },
            {
              // Partners drop files here, but only from the partner's fixed address range (a policy
              // condition on aws:SourceIp). AWS's policy status therefore says "not public", so the
              // scan does not read the policy at all (issue 17). Passes.
              name: 'pinecone-partner-drop',
              arn: 'arn:aws:s3:::pinecone-partner-drop',
              region: 'eu-west-1',
              creationDate: daysBefore(400),
              acl: { ok: true, data: { ownerId: 'c0ffee00demo', grants: [{ granteeType: 'CanonicalUser', uri: null, id: 'c0ffee00demo', permission: 'FULL_CONTROL' }] } },
              policy: { ok: true, skipped: 'policy-status-not-public' },
              publicAccessBlock: { ok: true, data: null },
              policyStatus: { ok: true, data: { isPublic: false } },
            },
            {
              // Nightly CRM exports, shared with "any authenticated AWS user" to reach a vendor: the
              // 2017 exposures (Verizon through NICE Systems, Dow Jones) in one ACL grant.
              name: 'pinecone-crm-exports',
              arn: 'arn:aws:s3:::pinecone-crm-exports',
              region: 'us-east-1',
              creationDate: daysBefore(600),
              acl: {
                ok: true,
                data: {
                  ownerId: 'c0ffee00demo',
                  grants: [
                    { granteeType: 'CanonicalUser', uri: null, id: 'c0ffee00demo', permission: 'FULL_CONTROL' },
                    { granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers', id: null, permission: 'READ' },
                  ],
                },
              },
              policy: { ok: true, data: { document: null } },
              publicAccessBlock: { ok: true, data: null },
              policyStatus: { ok: true, data: { isPublic: false } },
            },
            {
              name: 'pinecone-ledger-exports',
              arn: 'arn:aws:s3:::pinecone-ledger-exports',
              region: 'eu-west-1',
              creationDate: daysBefore(300),
              acl: { ok: true, data: { ownerId: 'c0ffee00demo', grants: [{ granteeType: 'CanonicalUser', uri: null, id: 'c0ffee00demo', permission: 'FULL_CONTROL' }] } },
              policy: { ok: true, data: { document: null } },
              publicAccessBlock: { ok: true, data: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true } },
              policyStatus: { ok: true, data: { isPublic: false } },
            },
          ],
        },
      },
      s3AccountPublicAccessBlock: {
        ok: true,
        // Someone turned on the two "block new" flags and believed the account was protected.
        data: { configuration: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: true, restrictPublicBuckets: false } },
      },
      ebsPublicSnapshots: {
        ok: true,
        data: [
          { region: 'eu-west-1', result: { ok: true, data: { candidates: [] } } },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                candidates: [
                  {
                    // Shared "temporarily" with a vendor by making it public: the DNC snapshot-copy path.
                    id: 'snap-0d3m0ledger00001',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:snapshot/snap-0d3m0ledger00001`,
                    ownerId: ACCOUNT,
                    volumeSizeGiB: 200,
                    encrypted: false,
                    startTime: daysBefore(45),
                    description: 'ledger-db migration copy',
                    createVolumePermissions: { ok: true, data: [{ group: 'all', userId: null }] },
                  },
                ],
              },
            },
          },
        ],
      },
      ebsSnapshotBlockPublicAccess: {
        ok: true,
        data: [
          { region: 'eu-west-1', result: { ok: true, data: { state: 'block-all-sharing' } } },
          // Switched on after the ledger snapshot went public, in the mode that leaves existing public shares public.
          { region: 'us-east-1', result: { ok: true, data: { state: 'block-new-sharing' } } },
        ],
      },
      ec2PublicImages: {
        ok: true,
        data: [
          { region: 'eu-west-1', result: { ok: true, data: { images: [], blockPublicAccess: { ok: true, data: { state: 'block-new-sharing' } } } } },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                images: [
                  {
                    // A "golden" build-agent image made public so a contractor could launch it; it was baked with the deploy key on disk.
                    id: 'ami-0demobuildagent1',
                    arn: 'arn:aws:ec2:us-east-1::image/ami-0demobuildagent1',
                    ownerId: ACCOUNT,
                    name: 'build-agent-golden-2024-03',
                    state: 'available',
                    creationDate: daysBefore(420),
                    snapshotIds: ['snap-0demobuildroot01'],
                  },
                ],
                blockPublicAccess: { ok: true, data: { state: 'unblocked' } },
              },
            },
          },
        ],
      },
      // The audit role lives in the account itself, so it may not list the organization's accounts.
      organizationAccounts: {
        ok: true,
        data: { accountIds: null, unavailableReason: 'access denied: the scanning identity lacks organizations:ListAccounts' },
      },
      ebsSnapshotSharing: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                ownedSnapshots: 2,
                attributeCallBudget: 1000,
                skippedByBudget: 0,
                snapshots: [
                  {
                    id: 'snap-0demosettle0001',
                    arn: 'arn:aws:ec2:eu-west-1::snapshot/snap-0demosettle0001',
                    volumeSizeGiB: 100,
                    encrypted: true,
                    startTime: daysBefore(2),
                    createVolumePermissions: { ok: true, data: [] },
                  },
                  {
                    id: 'snap-0demosettle0002',
                    arn: 'arn:aws:ec2:eu-west-1::snapshot/snap-0demosettle0002',
                    volumeSizeGiB: 100,
                    encrypted: true,
                    startTime: daysBefore(9),
                    createVolumePermissions: { ok: true, data: [] },
                  },
                ],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                ownedSnapshots: 2,
                attributeCallBudget: 1000,
                skippedByBudget: 0,
                snapshots: [
                  {
                    // Shared with a fraud-analytics vendor whose contract ended a year ago; nobody knows the account any more (DNC: snapshots copied out).
                    id: 'snap-0demoanalytics1',
                    arn: 'arn:aws:ec2:us-east-1::snapshot/snap-0demoanalytics1',
                    volumeSizeGiB: 500,
                    encrypted: false,
                    startTime: daysBefore(380),
                    createVolumePermissions: { ok: true, data: [{ group: null, userId: '210987654321' }] },
                  },
                  {
                    // The public ledger copy: reported by ebs-snapshot-public, not here.
                    id: 'snap-0d3m0ledger00001',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:snapshot/snap-0d3m0ledger00001`,
                    volumeSizeGiB: 200,
                    encrypted: false,
                    startTime: daysBefore(45),
                    createVolumePermissions: { ok: true, data: [{ group: 'all', userId: null }] },
                  },
                ],
              },
            },
          },
        ],
      },
      ec2InstanceImages: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                // The image pipeline deregisters old builds: the batch worker's AMI is gone, so its publisher cannot be checked.
                images: [],
                missingImageIds: ['ami-0demosettlebuild'],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                images: [
                  { id: 'ami-0demoamazonlinux1', ownerId: '137112412989', ownerAlias: 'amazon', name: 'al2023-ami-2023.6-x86_64', public: true, state: 'available', creationDate: daysBefore(60) },
                  // A community "runner ready" image from an account nobody vetted (the Cryptomining AMI shape).
                  { id: 'ami-0democommunity01', ownerId: '777700001111', ownerAlias: null, name: 'ci-runner-ubuntu-docker-ready', public: true, state: 'available', creationDate: daysBefore(700) },
                ],
                missingImageIds: [],
              },
            },
          },
        ],
      },
      ec2UserDataSecrets: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                skippedByBudget: 0,
                instances: [
                  {
                    instanceId: 'i-0demobatchworker01',
                    arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0demobatchworker01`,
                    name: 'settlement-batch',
                    state: 'running',
                    scan: { ok: true, data: { encoding: 'mime-multipart', decodedBytes: 1840, matches: [] } },
                  },
                ],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                skippedByBudget: 0,
                instances: [
                  {
                    instanceId: 'i-0demobuildrunner1',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0demobuildrunner1`,
                    name: 'build-runner',
                    state: 'running',
                    scan: { ok: true, data: { encoding: 'text', decodedBytes: 610, matches: [] } },
                  },
                  {
                    // The boot script exports the ci-deployer key "until we move to the role" (Imperva, BrowserStack).
                    instanceId: 'i-0demowebfront0001',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0demowebfront0001`,
                    name: 'web-front-1',
                    state: 'running',
                    scan: {
                      ok: true,
                      data: {
                        encoding: 'gzip',
                        decodedBytes: 2304,
                        matches: [
                          { kind: 'aws-access-key-id', line: 6, part: null },
                          { kind: 'aws-secret-access-key', line: 7, part: null },
                          { kind: 'password-assignment', line: 12, part: null },
                        ],
                      },
                    },
                  },
                ],
              },
            },
          },
        ],
      },
      lambdaEnvironmentSecrets: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                functions: [
                  {
                    // Reads its database password from Secrets Manager at run time: only a reference is configured. Passes.
                    name: 'settlement-report',
                    arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:settlement-report`,
                    version: '$LATEST',
                    runtime: 'python3.12',
                    kmsKeyArn: null,
                    environment: { ok: true, data: { variableCount: 3, matches: [] } },
                  },
                ],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                functions: [
                  {
                    // The payout webhook carries the partner bank's AWS key pair and an API token (SCARLETEEL).
                    name: 'payout-webhook',
                    arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:payout-webhook`,
                    version: '$LATEST',
                    runtime: 'nodejs20.x',
                    kmsKeyArn: null,
                    environment: {
                      ok: true,
                      data: {
                        variableCount: 6,
                        matches: [
                          { variable: 'BANK_PARTNER_ACCESS_KEY', kind: 'aws-access-key-id', rule: 'value' },
                          { variable: 'BANK_PARTNER_SECRET_ACCESS_KEY', kind: 'aws-secret-access-key', rule: 'value' },
                          { variable: 'STRIPE_API_KEY', kind: 'token-assignment', rule: 'value' },
                        ],
                      },
                    },
                  },
                ],
              },
            },
          },
        ],
      },
      eksClusters: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                clusters: [
                  {
                    // Reached only through the VPN into the VPC. Passes.
                    name: 'payments-eu',
                    endpoint: {
                      ok: true,
                      data: {
                        arn: `arn:aws:eks:eu-west-1:${ACCOUNT}:cluster/payments-eu`,
                        version: '1.31',
                        status: 'ACTIVE',
                        endpointPublicAccess: false,
                        endpointPrivateAccess: true,
                        publicAccessCidrs: [],
                      },
                    },
                  },
                ],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                clusters: [
                  {
                    // Created with the console defaults for a hackathon and kept: public to the world (Tesla, TeamTNT).
                    name: 'data-platform',
                    endpoint: {
                      ok: true,
                      data: {
                        arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/data-platform`,
                        version: '1.29',
                        status: 'ACTIVE',
                        endpointPublicAccess: true,
                        endpointPrivateAccess: false,
                        publicAccessCidrs: ['0.0.0.0/0'],
                      },
                    },
                  },
                ],
              },
            },
          },
        ],
      },
      bedrockInvocationLogging: {
        ok: true,
        data: [
          // The data team turned logging on where they work; nobody looked at us-east-1.
          { region: 'eu-west-1', result: { ok: true, data: { logging: { cloudWatchLogGroup: '/bedrock/invocations', s3Destination: null, dataDelivery: ['text'] }, notOffered: null } } },
          { region: 'us-east-1', result: { ok: true, data: { logging: null, notOffered: null } } },
        ],
      },
      ec2Instances: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                instances: [
                  {
                    id: 'i-0demobatchworker01',
                    arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-0demobatchworker01`,
                    name: 'settlement-batch',
                    state: 'running',
                    imageId: 'ami-0demosettlebuild',
                    launchTime: daysBefore(20),
                    publicIp: null,
                    instanceProfileArn: profileArn('batch-worker'),
                    securityGroupIds: ['sg-0demoprivate0001'],
                    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
                  },
                ],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                instances: [
                  {
                    // The Capital One shape: internet-facing, IMDSv1, and a role that reads every bucket.
                    id: 'i-0demowebfront0001',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0demowebfront0001`,
                    name: 'web-front-1',
                    state: 'running',
                    imageId: 'ami-0demoamazonlinux1',
                    launchTime: daysBefore(400),
                    publicIp: '203.0.113.10',
                    instanceProfileArn: profileArn('web-app'),
                    securityGroupIds: ['sg-0demowebpublic01'],
                    metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
                  },
                  {
                    id: 'i-0demobuildrunner1',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0demobuildrunner1`,
                    name: 'build-runner',
                    state: 'running',
                    imageId: 'ami-0democommunity01',
                    launchTime: daysBefore(10),
                    publicIp: null,
                    instanceProfileArn: profileArn('build-runner'),
                    securityGroupIds: ['sg-0demoprivate0001'],
                    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
                  },
                ],
              },
            },
          },
        ],
      },
      ec2SecurityGroups: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                securityGroups: [
                  {
                    // Only the VPC's own network may connect. Passes.
                    id: 'sg-0demoprivate0001',
                    arn: `arn:aws:ec2:eu-west-1:${ACCOUNT}:security-group/sg-0demoprivate0001`,
                    name: 'private-workers',
                    vpcId: 'vpc-0demoeuwest00001',
                    ingress: [{ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['10.20.0.0/16'], ipv6Ranges: [], prefixListIds: [] }],
                  },
                ],
                prefixLists: { ok: true, data: [] },
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                securityGroups: [
                  {
                    // The web front: HTTPS for customers, plus an SSH rule "for one debugging session" two years ago.
                    id: 'sg-0demowebpublic01',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0demowebpublic01`,
                    name: 'web-public',
                    vpcId: 'vpc-0demouseast00001',
                    ingress: [
                      { ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [] },
                      { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [] },
                    ],
                  },
                  {
                    // A data scientist's notebook group, left behind after the experiment ended (Jupyter, Permiso).
                    id: 'sg-0demonotebook001',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0demonotebook001`,
                    name: 'jupyter-experiment',
                    vpcId: 'vpc-0demouseast00001',
                    ingress: [{ ipProtocol: 'tcp', fromPort: 8888, toPort: 8888, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [] }],
                  },
                  {
                    id: 'sg-0demoprivate0001',
                    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0demoprivate0001`,
                    name: 'private-workers',
                    vpcId: 'vpc-0demouseast00001',
                    ingress: [{ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['10.10.0.0/16'], ipv6Ranges: [], prefixListIds: [] }],
                  },
                ],
                prefixLists: { ok: true, data: [] },
              },
            },
          },
        ],
      },
      cloudTrailTrails: {
        ok: true,
        data: {
          describedIn: 'us-east-1',
          trails: [
            {
              // The account-wide trail, stopped "for a cost review" and never started again (the trail-tampering move, done by a colleague).
              name: 'pinecone-audit',
              arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/pinecone-audit`,
              homeRegion: 'us-east-1',
              isMultiRegion: true,
              isOrganizationTrail: false,
              includeGlobalServiceEvents: true,
              logFileValidation: false,
              hasCustomEventSelectors: true,
              status: {
                ok: true,
                data: { isLogging: false, startLoggingTime: daysBefore(900), stopLoggingTime: daysBefore(64), latestDeliveryTime: daysBefore(64), latestDeliveryError: null },
              },
              eventSelectors: { ok: true, data: { basic: [{ readWriteType: 'WriteOnly', includeManagementEvents: true, excludeManagementEventSources: [] }], advanced: [] } },
            },
            {
              // The payments team's own trail: logging, but only us-east-1 is recorded.
              name: 'payments-api-trail',
              arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/payments-api-trail`,
              homeRegion: 'us-east-1',
              isMultiRegion: false,
              isOrganizationTrail: false,
              includeGlobalServiceEvents: true,
              logFileValidation: true,
              hasCustomEventSelectors: false,
              status: null,
              eventSelectors: null,
            },
          ],
        },
      },
      guardDutyDetectors: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                detectors: [
                  {
                    id: '12abc34d567e8fa901bc2d34eexample',
                    arn: `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34eexample`,
                    status: 'ENABLED',
                    createdAt: daysBefore(700),
                    findingPublishingFrequency: 'SIX_HOURS',
                    features: [
                      { name: 'CLOUD_TRAIL', status: 'ENABLED' },
                      { name: 'DNS_LOGS', status: 'ENABLED' },
                      { name: 'FLOW_LOGS', status: 'ENABLED' },
                      { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
                      { name: 'EBS_MALWARE_PROTECTION', status: 'DISABLED' },
                      { name: 'RUNTIME_MONITORING', status: 'DISABLED' },
                    ],
                  },
                ],
              },
            },
          },
          // Never turned on in us-east-1, where the web servers and the CI runners live.
          { region: 'us-east-1', result: { ok: true, data: { detectors: [] } } },
        ],
      },
      rdsSnapshots: {
        ok: true,
        data: [
          {
            region: 'eu-west-1',
            result: {
              ok: true,
              data: {
                manualSnapshots: 1,
                attributeCallBudget: 1000,
                skippedByBudget: 0,
                snapshots: [
                  {
                    // The settlement cluster's pre-upgrade snapshot: encrypted and kept private.
                    kind: 'db-cluster-snapshot',
                    id: 'settlement-pre-upgrade',
                    arn: `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster-snapshot:settlement-pre-upgrade`,
                    sourceId: 'settlement-aurora',
                    engine: 'aurora-postgresql',
                    encrypted: true,
                    kmsKeyId: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0d3m0a11-5e77-4e11-8c0d-e0000000d3m0`,
                    createTime: daysBefore(20),
                    restore: { ok: true, data: [] },
                  },
                ],
              },
            },
          },
          {
            region: 'us-east-1',
            result: {
              ok: true,
              data: {
                manualSnapshots: 3,
                attributeCallBudget: 1000,
                skippedByBudget: 0,
                snapshots: [
                  {
                    // Made public "for an hour" so a consultant could restore it in their own account (Mitiga's public RDS snapshots).
                    kind: 'db-snapshot',
                    id: 'payments-db-consultant-copy',
                    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:payments-db-consultant-copy`,
                    sourceId: 'payments-db',
                    engine: 'postgres',
                    encrypted: false,
                    kmsKeyId: null,
                    createTime: daysBefore(33),
                    restore: { ok: true, data: ['all'] },
                  },
                  {
                    // Still shared with the fraud-analytics vendor whose contract ended (the same account as the EBS share).
                    kind: 'db-snapshot',
                    id: 'payments-db-fraud-vendor',
                    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:payments-db-fraud-vendor`,
                    sourceId: 'payments-db',
                    engine: 'postgres',
                    encrypted: false,
                    kmsKeyId: null,
                    createTime: daysBefore(390),
                    restore: { ok: true, data: ['210987654321'] },
                  },
                  {
                    kind: 'db-snapshot',
                    id: 'payments-db-before-migration',
                    arn: `arn:aws:rds:us-east-1:${ACCOUNT}:snapshot:payments-db-before-migration`,
                    sourceId: 'payments-db',
                    engine: 'postgres',
                    encrypted: false,
                    kmsKeyId: null,
                    createTime: daysBefore(400),
                    restore: { ok: true, data: [] },
                  },
                ],
              },
            },
          },
        ],
      },
      s3BucketRecovery: {
        ok: true,
        data: {
          buckets: [
            {
              // Never versioned: one overwrite of the storefront script and the original is gone.
              name: 'pinecone-web-assets',
              arn: 'arn:aws:s3:::pinecone-web-assets',
              region: 'us-east-1',
              versioning: { ok: true, data: { status: null, mfaDelete: null } },
              objectLock: null,
              lifecycle: null,
            },
            {
              // Versioned, but a "save storage" rule drops old versions after a week (the S3 ransomware timer).
              name: 'pinecone-checkout-sdk',
              arn: 'arn:aws:s3:::pinecone-checkout-sdk',
              region: 'us-east-1',
              versioning: { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } },
              objectLock: { ok: true, data: { enabled: false, defaultRetention: null } },
              lifecycle: {
                ok: true,
                data: { rules: [{ id: 'save-storage', enabled: true, noncurrentDays: 7, newerNoncurrentVersions: null, prefix: null, filtered: false }] },
              },
            },
            {
              name: 'pinecone-public-docs',
              arn: 'arn:aws:s3:::pinecone-public-docs',
              region: 'eu-west-1',
              versioning: { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } },
              objectLock: { ok: true, data: { enabled: false, defaultRetention: null } },
              lifecycle: { ok: true, data: { rules: [] } },
            },
            {
              name: 'pinecone-partner-drop',
              arn: 'arn:aws:s3:::pinecone-partner-drop',
              region: 'eu-west-1',
              versioning: { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } },
              objectLock: { ok: true, data: { enabled: false, defaultRetention: null } },
              lifecycle: {
                ok: true,
                data: { rules: [{ id: 'keep-90-days', enabled: true, noncurrentDays: 90, newerNoncurrentVersions: null, prefix: null, filtered: false }] },
              },
            },
            {
              // The CRM exports nobody versioned (Code Spaces: the only copy lived in the same account).
              name: 'pinecone-crm-exports',
              arn: 'arn:aws:s3:::pinecone-crm-exports',
              region: 'us-east-1',
              versioning: { ok: true, data: { status: null, mfaDelete: null } },
              objectLock: null,
              lifecycle: null,
            },
            {
              // The ledger exports the regulator requires: Object Lock in compliance mode for seven years.
              name: 'pinecone-ledger-exports',
              arn: 'arn:aws:s3:::pinecone-ledger-exports',
              region: 'eu-west-1',
              versioning: { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } },
              objectLock: { ok: true, data: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', days: null, years: 7 } } },
              lifecycle: null,
            },
          ],
        },
      },
    },
    stats: {
      durationMs: 2840,
      totalCalls: 62,
      calls: [
        { service: 'bedrock', operation: 'GetModelInvocationLoggingConfiguration', calls: 2, errors: 0, throttled: 0, totalMs: 160 },
        { service: 'ec2', operation: 'DescribeImages', calls: 2, errors: 0, throttled: 0, totalMs: 260 },
        { service: 'ec2', operation: 'DescribeInstanceAttribute', calls: 3, errors: 0, throttled: 0, totalMs: 300 },
        { service: 'ec2', operation: 'DescribeInstances', calls: 2, errors: 0, throttled: 0, totalMs: 610 },
        { service: 'ec2', operation: 'DescribeSecurityGroups', calls: 2, errors: 0, throttled: 0, totalMs: 240 },
        { service: 'ec2', operation: 'DescribeRegions', calls: 1, errors: 0, throttled: 0, totalMs: 120 },
        { service: 'ec2', operation: 'DescribeSnapshotAttribute', calls: 5, errors: 0, throttled: 0, totalMs: 475 },
        { service: 'ec2', operation: 'DescribeSnapshots', calls: 4, errors: 0, throttled: 0, totalMs: 860 },
        { service: 'ec2', operation: 'GetSnapshotBlockPublicAccessState', calls: 2, errors: 0, throttled: 0, totalMs: 180 },
        { service: 'eks', operation: 'DescribeCluster', calls: 2, errors: 0, throttled: 0, totalMs: 150 },
        { service: 'eks', operation: 'ListClusters', calls: 2, errors: 0, throttled: 0, totalMs: 140 },
        { service: 'iam', operation: 'GenerateCredentialReport', calls: 2, errors: 0, throttled: 0, totalMs: 260 },
        { service: 'iam', operation: 'GetAccountAuthorizationDetails', calls: 1, errors: 0, throttled: 0, totalMs: 540 },
        { service: 'iam', operation: 'GetAccountSummary', calls: 1, errors: 0, throttled: 0, totalMs: 90 },
        { service: 'iam', operation: 'GetCredentialReport', calls: 1, errors: 0, throttled: 0, totalMs: 110 },
        { service: 'iam', operation: 'ListAccountAliases', calls: 1, errors: 0, throttled: 0, totalMs: 80 },
        { service: 'lambda', operation: 'ListFunctions', calls: 2, errors: 0, throttled: 0, totalMs: 190 },
        { service: 's3', operation: 'GetBucketAcl', calls: 6, errors: 0, throttled: 0, totalMs: 400 },
        { service: 's3', operation: 'GetBucketPolicy', calls: 6, errors: 0, throttled: 0, totalMs: 410 },
        { service: 's3', operation: 'GetBucketPolicyStatus', calls: 6, errors: 0, throttled: 1, totalMs: 460 },
        { service: 's3', operation: 'GetPublicAccessBlock', calls: 6, errors: 0, throttled: 0, totalMs: 390 },
        { service: 's3', operation: 'ListBuckets', calls: 1, errors: 0, throttled: 0, totalMs: 150 },
        { service: 's3control', operation: 'GetPublicAccessBlock', calls: 1, errors: 0, throttled: 0, totalMs: 100 },
        { service: 'sts', operation: 'GetCallerIdentity', calls: 1, errors: 0, throttled: 0, totalMs: 70 },
      ],
    },
  };
}
