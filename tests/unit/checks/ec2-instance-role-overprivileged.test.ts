import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/ec2/ec2-instance-role-overprivileged.js';
import type { CheckOutcome } from '../../../src/checks/define.js';
import type { AuthorizationDetails, Ec2Instances, IamRole, Instance, ManagedPolicy } from '../../../src/inventory/schema.js';
import { ESCALATION_PATHS } from '../../../src/policy/escalation-paths.js';
import { checkTester, failed, ok, runCase, slices } from '../../helpers/check-tester.js';

const ACCOUNT = '123456789012';
const PROFILE_ARN = `arn:aws:iam::${ACCOUNT}:instance-profile/web`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/web`;

const ADMINISTRATOR_ACCESS: ManagedPolicy = {
  name: 'AdministratorAccess',
  arn: 'arn:aws:iam::aws:policy/AdministratorAccess',
  awsManaged: true,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};
const S3_FULL_ACCESS: ManagedPolicy = {
  name: 'AmazonS3FullAccess',
  arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess',
  awsManaged: true,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }] },
};
const SSM_CORE: ManagedPolicy = {
  name: 'AmazonSSMManagedInstanceCore',
  arn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
  awsManaged: true,
  document: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['ssm:DescribeAssociation', 'ssm:GetDeployablePatchSnapshotForInstance', 'ssm:GetDocument', 'ssm:UpdateInstanceInformation'], Resource: '*' },
      { Effect: 'Allow', Action: ['ssmmessages:CreateControlChannel', 'ec2messages:GetMessages'], Resource: '*' },
    ],
  },
};

/** A boundary that allows reading one bucket only. */
const ONE_BUCKET_BOUNDARY: ManagedPolicy = {
  name: 'one-bucket-boundary',
  arn: `arn:aws:iam::${ACCOUNT}:policy/one-bucket-boundary`,
  awsManaged: false,
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }] },
};

function instance(id: string, profileArn: string | null = PROFILE_ARN, overrides: Partial<Instance> = {}): Instance {
  return {
    id,
    arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/${id}`,
    name: null,
    state: 'running',
    imageId: 'ami-1',
    launchTime: null,
    publicIp: '198.51.100.10',
    instanceProfileArn: profileArn,
    securityGroupIds: [],
    metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
    ...overrides,
  };
}

function role(shape: Partial<IamRole>): IamRole {
  return {
    name: 'web',
    arn: ROLE_ARN,
    id: 'AROAWEB',
    path: '/',
    createDate: null,
    assumeRolePolicy: {},
    attachedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
    ...shape,
  };
}

function inline(name: string, ...statements: unknown[]): { name: string; document: unknown } {
  return { name, document: { Version: '2012-10-17', Statement: statements } };
}

function details(roles: IamRole[], policies: ManagedPolicy[] = [], profileRoleArns: string[] = [ROLE_ARN]): AuthorizationDetails {
  return {
    users: [],
    groups: [],
    roles,
    instanceProfiles: [{ name: 'web', arn: PROFILE_ARN, roleArns: profileRoleArns }],
    policies,
  };
}

function scan(authorization: AuthorizationDetails, instances: Instance[] = [instance('i-web')], extraRegions: Ec2Instances = []) {
  return slices({ ec2Instances: [{ region: 'us-east-1', result: ok({ instances }) }, ...extraRegions], authorizationDetails: authorization });
}

function single(outcomes: CheckOutcome[]): CheckOutcome {
  expect(outcomes).toHaveLength(1);
  const [outcome] = outcomes;
  if (outcome === undefined) throw new Error('no outcome');
  return outcome;
}

const withAttached = (...policies: ManagedPolicy[]): AuthorizationDetails =>
  details([role({ attachedPolicies: policies.map(({ name, arn }) => ({ name, arn })) })], policies);

checkTester(check, {
  pass: [
    {
      name: 'narrow role (SSM core + one bucket)',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details(
          [role({ attachedPolicies: [{ name: SSM_CORE.name, arn: SSM_CORE.arn }], inlinePolicies: [inline('assets', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' })] })],
          [SSM_CORE],
        ),
      ),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome).toMatchObject({ status: 'pass', resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-web`, region: 'us-east-1' });
        expect(outcome.evidence['roleArns']).toEqual([ROLE_ARN]);
      },
    },
    {
      name: 'broad S3 allow cut by an unconditional Deny',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details(
          [role({ attachedPolicies: [{ name: S3_FULL_ACCESS.name, arn: S3_FULL_ACCESS.arn }], inlinePolicies: [inline('guard', { Effect: 'Deny', Action: ['s3:GetObject*', 's3:Put*'], Resource: '*' })] })],
          [S3_FULL_ACCESS],
        ),
      ),
    },
    {
      name: 'admin cut down by a permissions boundary allowing only SSM core',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details([role({ attachedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }], permissionsBoundaryArn: SSM_CORE.arn })], [ADMINISTRATOR_ACCESS, SSM_CORE]),
      ),
    },
    {
      name: 'admin bounded to s3:GetObject on one bucket (a boundary-only policy)',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details(
          [role({ attachedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }], permissionsBoundaryArn: ONE_BUCKET_BOUNDARY.arn })],
          [ADMINISTRATOR_ACCESS, ONE_BUCKET_BOUNDARY],
        ),
      ),
      assert: (outcomes) => expect(single(outcomes).evidence['kinds']).toEqual([]),
    },
    {
      name: 'MFA-only admin allow: instance credentials never carry MFA',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ inlinePolicies: [inline('mfa', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })] })])),
    },
    {
      name: 'admin allow with a Deny of everything but one bucket (NotResource)',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details(
          [role({ attachedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }], inlinePolicies: [inline('fence', { Effect: 'Deny', Action: '*', NotResource: ['arn:aws:s3:::assets', 'arn:aws:s3:::assets/*'] })] })],
          [ADMINISTRATOR_ACCESS],
        ),
      ),
    },
    {
      name: 'iam:CreateAccessKey on roles only: not a resource it applies to',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ inlinePolicies: [inline('keys', { Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: `arn:aws:iam::${ACCOUNT}:role/*` })] })])),
    },
    {
      name: 'instance profile without a role',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([], [], [])),
      assert: (outcomes) => expect(single(outcomes).message).toContain('no role'),
    },
    {
      name: 'instances without a profile give no outcome next to a narrow one',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({})]), [instance('i-plain', null), instance('i-web')]),
      assert: (outcomes) => expect(single(outcomes).resource).toContain('i-web'),
    },
  ],
  fail: [
    {
      name: 'role with AdministratorAccess',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web', severity: 'critical' }],
      slices: scan(withAttached(ADMINISTRATOR_ACCESS)),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome.severity).toBe('critical');
        expect(outcome.evidence['kinds']).toEqual(['admin']);
        expect(outcome.evidence['grants']).toEqual(['admin [*] via arn:aws:iam::aws:policy/AdministratorAccess statement #0']);
        expect(outcome.evidence['grantSources']).toEqual([ADMINISTRATOR_ACCESS.arn]);
        expect(outcome.evidence['imdsV1Reachable']).toBe(true);
        expect(outcome.message).toContain('admin [*] via arn:aws:iam::aws:policy/AdministratorAccess');
      },
    },
    {
      name: 'role with AmazonS3FullAccess',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(withAttached(S3_FULL_ACCESS)),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome.severity).toBeUndefined();
        expect(outcome.evidence['kinds']).toEqual(['data-wide']);
        expect(outcome.evidence['grants']).toEqual(['data-wide [s3:GetObject] via arn:aws:iam::aws:policy/AmazonS3FullAccess statement #0']);
      },
    },
    {
      name: 'role with iam:PassRole + ec2:RunInstances',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ inlinePolicies: [inline('launcher', { Sid: 'Launch', Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' })] })])),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome.evidence['kinds']).toEqual(['privilege-escalation']);
        const how = ESCALATION_PATHS.find((path) => path.id === 'passrole-ec2')?.how ?? 'missing';
        expect(outcome.evidence['grants']).toContain(`privilege-escalation passrole-ec2 (${how}) [iam:PassRole, ec2:RunInstances] via inline:launcher statement #0 (Launch)`);
        expect(outcome.evidence['escalationPaths']).toContain('passrole-ec2');
        expect(outcome.message).toContain('passrole-ec2');
      },
    },
    {
      name: 'broad allow cut only by a conditional Deny',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details(
          [
            role({
              attachedPolicies: [{ name: S3_FULL_ACCESS.name, arn: S3_FULL_ACCESS.arn }],
              inlinePolicies: [inline('guard', { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } })],
            }),
          ],
          [S3_FULL_ACCESS],
        ),
      ),
      assert: (outcomes) => expect(single(outcomes).evidence['kinds']).toEqual(['data-wide']),
    },
    {
      name: 'conditional admin allow still fails',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web', severity: 'high' }],
      slices: scan(details([role({ inlinePolicies: [inline('vpc-only', { Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })] })])),
      assert: (outcomes) => {
        expect(single(outcomes).evidence['allGrantsConditional']).toBe(true);
        // Admin is critical; holding only under a condition drops it one level.
        expect(single(outcomes).severity).toBe('high');
      },
    },
    {
      name: 'grant proven even though another attached policy is missing',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ attachedPolicies: [{ name: S3_FULL_ACCESS.name, arn: S3_FULL_ACCESS.arn }, { name: 'Gone', arn: `arn:aws:iam::${ACCOUNT}:policy/Gone` }] })], [S3_FULL_ACCESS])),
      assert: (outcomes) => expect(single(outcomes).evidence['unreadablePolicies']).toEqual([`arn:aws:iam::${ACCOUNT}:policy/Gone`]),
    },
    {
      name: 'GetSecretValue on the short ARN arn:aws:secretsmanager:*',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ inlinePolicies: [inline('secrets', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*' })] })])),
      assert: (outcomes) => expect(single(outcomes).evidence['grants']).toEqual(['data-wide [secretsmanager:GetSecretValue] via inline:secrets statement #0']),
    },
    {
      name: 'admin with a plain Bool MFA-false Deny: applies to instance credentials (present, false)',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details(
          [role({ attachedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }], inlinePolicies: [inline('mfa', { Effect: 'Deny', Action: 'iam:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } })] })],
          [ADMINISTRATOR_ACCESS],
        ),
      ),
      assert: (outcomes) => {
        // The Deny holds for the role session, so iam:* is gone: data-wide remains, admin does not.
        expect(single(outcomes).evidence['kinds']).toContain('data-wide');
        expect(single(outcomes).evidence['kinds']).not.toContain('admin');
        expect(single(outcomes).severity).toBeUndefined();
      },
    },
    {
      name: 'admin bounded by a boundary that allows everything',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web', severity: 'critical' }],
      slices: scan(
        details([role({ attachedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }], permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/open-boundary` })], [
          ADMINISTRATOR_ACCESS,
          { ...ADMINISTRATOR_ACCESS, name: 'open-boundary', arn: `arn:aws:iam::${ACCOUNT}:policy/open-boundary`, awsManaged: false },
        ]),
      ),
      assert: (outcomes) => expect(single(outcomes)).toMatchObject({ severity: 'critical', evidence: expect.objectContaining({ kinds: ['admin'] }) as unknown }),
    },
    {
      name: 'escalation only under an undecidable condition: medium',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web', severity: 'medium' }],
      slices: scan(
        details([role({ inlinePolicies: [inline('tagged', { Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'ci' } } })] })]),
      ),
      assert: (outcomes) => {
        expect(single(outcomes)).toMatchObject({ severity: 'medium', evidence: expect.objectContaining({ allGrantsConditional: true }) as unknown });
        expect(single(outcomes).evidence['escalationPaths']).toContain('passrole-ec2');
      },
    },
    {
      name: 'one region fails, another has an admin instance',
      expected: [
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web', severity: 'critical' },
        { status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:eu-west-1' },
      ],
      slices: scan(withAttached(ADMINISTRATOR_ACCESS), [instance('i-web')], [{ region: 'eu-west-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }]),
      assert: (outcomes) => expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fail', 'unknown']),
    },
  ],
  unknown: [
    {
      name: 'instance profile missing from the details',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan({ users: [], groups: [], roles: [], instanceProfiles: [], policies: [] }),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome.resource).toContain('i-web');
        expect(outcome.message).toContain(PROFILE_ARN);
      },
    },
    {
      name: 'role missing from the details',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([])),
      assert: (outcomes) => expect(single(outcomes).message).toContain(ROLE_ARN),
    },
    {
      name: 'only attached policy missing',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ attachedPolicies: [{ name: 'Gone', arn: `arn:aws:iam::${ACCOUNT}:policy/Gone` }] })])),
    },
    {
      name: 'boundary document missing: admin without it, but nothing can be concluded',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(details([role({ attachedPolicies: [{ name: ADMINISTRATOR_ACCESS.name, arn: ADMINISTRATOR_ACCESS.arn }], permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/unknown` })], [ADMINISTRATOR_ACCESS])),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome.message).toContain(`arn:aws:iam::${ACCOUNT}:policy/unknown`);
        expect(outcome.message).toContain('Without the boundary its policies would grant admin');
        expect(outcome.evidence['unreadableBoundary']).toEqual([`arn:aws:iam::${ACCOUNT}:policy/unknown`]);
      },
    },
    {
      name: 'attached policy document is not JSON',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details([role({ attachedPolicies: [{ name: 'garbled', arn: `arn:aws:iam::${ACCOUNT}:policy/garbled` }] })], [
          { name: 'garbled', arn: `arn:aws:iam::${ACCOUNT}:policy/garbled`, awsManaged: false, document: '{"Version": "2012-10-17", "Statement": [' },
        ]),
      ),
      assert: (outcomes) => {
        expect(single(outcomes).message).toContain('not JSON');
        expect(single(outcomes).evidence['unreadablePolicies']).toEqual([`arn:aws:iam::${ACCOUNT}:policy/garbled`]);
      },
    },
    {
      name: 'attached policy document is null',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: scan(
        details([role({ attachedPolicies: [{ name: 'empty', arn: `arn:aws:iam::${ACCOUNT}:policy/empty` }] })], [
          { name: 'empty', arn: `arn:aws:iam::${ACCOUNT}:policy/empty`, awsManaged: false, document: null },
        ]),
      ),
      assert: (outcomes) => expect(single(outcomes).message).toContain('no document'),
    },
    {
      name: 'failed region',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:ap-south-1' }],
      slices: slices({
        ec2Instances: [{ region: 'ap-south-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }],
        authorizationDetails: details([]),
      }),
      assert: (outcomes) => {
        const outcome = single(outcomes);
        expect(outcome).toMatchObject({ region: 'ap-south-1', qualifier: 'region:ap-south-1' });
        expect(outcome.message).toContain('ec2:DescribeInstances');
      },
    },
    {
      name: 'authorization details not collected',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { ec2Instances: ok([{ region: 'us-east-1', result: ok({ instances: [instance('i-web')] }) }]), authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
      assert: (outcomes) => expect(single(outcomes).message).toContain('iam:GetAccountAuthorizationDetails'),
    },
  ],
  notApplicable: [
    {
      name: 'a terminated instance with an admin profile is skipped',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: scan(withAttached(ADMINISTRATOR_ACCESS), [instance('i-gone', PROFILE_ARN, { state: 'terminated' })]),
    },
    {
      name: 'no instance has a profile',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: scan(details([]), [instance('i-plain', null)]),
    },
  ],
});

describe('ec2-instance-role-overprivileged scope', () => {
  it('reports IMDSv2-only instances without the IMDSv1 flag', () => {
    const outcomes = runCase(check, {
      name: 'imdsv2',
      slices: scan(withAttached(ADMINISTRATOR_ACCESS), [instance('i-web', PROFILE_ARN, { metadataOptions: { httpTokens: 'required', httpEndpoint: null, httpPutResponseHopLimit: 2 } })]),
    });
    expect(outcomes[0]?.status).toBe('fail');
    expect(outcomes[0]?.evidence['imdsV1Reachable']).toBe(false);
  });
});
