import { classifyAllowCondition } from '../../../src/policy/public-conditions.js';
import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails, IamRole, IamUser } from '../../../src/inventory/schema.js';
import type { AnalyzeOptions, EscalationPath, PolicySource, PrivilegeGrant } from '../../../src/policy/iam.js';
import { ESCALATION_PATHS } from '../../../src/policy/escalation-paths.js';
import {
  actionMatches,
  conditionVerdict,
  documentProblem,
  instantiateTemplate,
  normalizeCondition,
  analyzeIdentity,
  analyzePrivileges,
  describeGrant,
  identityGaps,
  normalizeStatements,
  patternCovers,
  rolePolicies,
  statementAllowsAction,
  userPolicies,
} from '../../../src/policy/iam.js';

const ADMINISTRATOR_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const S3_FULL_ACCESS = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }],
};
const POWER_USER_ACCESS = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
    { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles'], Resource: '*' },
  ],
};

function policy(...statements: unknown[]): unknown {
  return { Version: '2012-10-17', Statement: statements };
}

const ACCOUNT = '123456789012';

function grantsOf(...documents: unknown[]): PrivilegeGrant[] {
  return analyzePrivileges(
    documents.map((document, index) => ({ source: `inline:p${String(index)}`, document })),
    { account: ACCOUNT },
  );
}

function kindsOf(grants: PrivilegeGrant[]): string[] {
  return [...new Set(grants.map((grant) => grant.kind))].sort();
}

describe('actionMatches', () => {
  it.each([
    ['*', 's3:GetObject', true],
    ['s3:*', 's3:GetObject', true],
    ['s3:*', 'S3:GETOBJECT', true],
    ['S3:getobject', 's3:GetObject', true],
    ['s3:Get*', 's3:GetObject', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:*Object', 's3:PutObject', true],
    ['s3:*Object', 's3:PutObjectAcl', false],
    ['iam:Put*Policy', 'iam:PutRolePolicy', true],
    ['iam:Put*Policy', 'iam:PutRolePermissionsBoundary', false],
    ['iam:Put?serPolicy', 'iam:PutUserPolicy', true],
    ['iam:Put?serPolicy', 'iam:PutUsserPolicy', false],
    ['s3:GetObject', 's3:GetObjectAcl', false],
    ['s3.GetObject', 's3:GetObject', false],
    ['s3:*', 's3-object-lambda:GetObject', false],
    ['*:*', 'ec2:RunInstances', true],
    ['ec2:Run(Instances)', 'ec2:RunInstances', false],
  ])('%s vs %s → %s', (pattern, action, expected) => {
    expect(actionMatches(pattern, action)).toBe(expected);
  });
});

describe('patternCovers', () => {
  it.each([
    ['*', 'arn:aws:s3:::bucket/*', true],
    ['arn:aws:s3:::*', 'arn:aws:s3:::*/*', true],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::*', false],
    ['arn:aws:s3:::b?cket', 'arn:aws:s3:::bucket', true],
    ['arn:aws:s3:::b?cket', 'arn:aws:s3:::b*cket', false],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket', true],
    ['arn:aws:s3:::bucket', 'arn:aws:s3:::Bucket', false],
  ])('%s covers %s → %s', (general, specific, expected) => {
    expect(patternCovers(general, specific)).toBe(expected);
  });
});

describe('normalizeStatements', () => {
  it('reads a single statement object with string fields', () => {
    const [statement, ...rest] = normalizeStatements({
      Statement: { Sid: 'One', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    });
    expect(rest).toHaveLength(0);
    expect(statement).toEqual({
      index: 0,
      sid: 'One',
      effect: 'Allow',
      actions: { negated: false, patterns: ['s3:GetObject'] },
      resources: { negated: false, patterns: ['arn:aws:s3:::b/*'] },
      principal: null,
      condition: {},
    });
  });

  it('reads arrays, NotAction, NotResource, principals and conditions', () => {
    const statements = normalizeStatements(
      policy(
        { Effect: 'deny', NotAction: ['iam:*', 's3:*'], NotResource: 'arn:aws:s3:::b', Principal: { AWS: ['arn:aws:iam::1:root', '*'], Service: 'ec2.amazonaws.com' } },
        { Effect: 'ALLOW', Action: ['s3:PutObject'], Principal: '*', Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:max-keys': 10 } } },
        { Effect: 'Allow', Action: 's3:GetObject', NotPrincipal: { AWS: 'arn:aws:iam::1:root' } },
      ),
    );
    expect(statements.map((statement) => statement.effect)).toEqual(['Deny', 'Allow', 'Allow']);
    expect(statements[0]?.actions).toEqual({ negated: true, patterns: ['iam:*', 's3:*'] });
    expect(statements[0]?.resources).toEqual({ negated: true, patterns: ['arn:aws:s3:::b'] });
    expect(statements[0]?.principal).toEqual({
      negated: false,
      everyone: false,
      byType: { AWS: ['arn:aws:iam::1:root', '*'], Service: ['ec2.amazonaws.com'] },
    });
    expect(statements[1]?.principal?.everyone).toBe(true);
    expect(statements[1]?.resources).toBeNull();
    expect(statements[1]?.condition).toEqual({ Bool: { 'aws:SecureTransport': ['false'] }, NumericLessThan: { 's3:max-keys': ['10'] } });
    expect(statements[2]?.principal?.negated).toBe(true);
  });

  it('keeps original indexes when junk statements are skipped', () => {
    const statements = normalizeStatements(
      policy(
        'junk',
        { Effect: 'Maybe', Action: '*', Resource: '*' },
        { Effect: 'Allow', Resource: '*' },
        { Effect: 'Allow', Action: '*', NotAction: 's3:*', Resource: '*' },
        { Effect: 'Allow', Action: ['s3:GetObject', 42, null], Resource: '*' },
      ),
    );
    expect(statements.map((statement) => statement.index)).toEqual([4]);
    expect(statements[0]?.actions.patterns).toEqual(['s3:GetObject']);
  });

  it('parses a document given as a JSON string', () => {
    expect(normalizeStatements(JSON.stringify(ADMINISTRATOR_ACCESS))).toHaveLength(1);
  });

  it.each([null, undefined, 42, 'not json', '{', [], {}, { Statement: null }, { Statement: 'x' }, { Statement: [null, 1, []] }])(
    'returns [] for junk %j',
    (junk) => {
      expect(normalizeStatements(junk)).toEqual([]);
    },
  );
});

describe('statementAllowsAction', () => {
  const [notActionAllow] = normalizeStatements(policy({ Effect: 'Allow', NotAction: ['iam:*', 's3:Delete*'], Resource: '*' }));
  const [deny] = normalizeStatements(policy({ Effect: 'Deny', Action: 's3:*', Resource: '*' }));

  it.each([
    ['ec2:RunInstances', true],
    ['s3:GetObject', true],
    ['s3:DeleteObject', false],
    ['IAM:PassRole', false],
  ])('NotAction Allow and %s → %s', (action, expected) => {
    if (notActionAllow === undefined) throw new Error('statement missing');
    expect(statementAllowsAction(notActionAllow, action)).toBe(expected);
  });

  it('a Deny never allows', () => {
    if (deny === undefined) throw new Error('statement missing');
    expect(statementAllowsAction(deny, 's3:GetObject')).toBe(false);
  });
});

// The table that once tested iam.ts's copy of the caller keys now tests the one table of them.
describe('classifyAllowCondition (src/policy/public-conditions.ts)', () => {
  it.each([
    ['fixed SourceIp', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, true],
    ['several fixed SourceIps', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.7', '2001:db8::/48'] } }, true],
    ['SourceIp 0.0.0.0/0', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, false],
    ['SourceIp ::/0', { IpAddress: { 'aws:SourceIp': '::/0' } }, false],
    ['one broad CIDR among fixed ones', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '0.0.0.0/1'] } }, false],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, false],
    ['SourceIp with a string operator', { StringEquals: { 'aws:SourceIp': '203.0.113.5' } }, false],
    ['PrincipalOrgID', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, true],
    ['PrincipalOrgID key in odd case', { StringEquals: { 'AWS:principalorgid': 'o-abc123' } }, true],
    ['PrincipalOrgID "*"', { StringLike: { 'aws:PrincipalOrgID': '*' } }, false],
    ['PrincipalOrgID IfExists', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } }, false],
    ['StringNotEquals PrincipalOrgID', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, false],
    ['ForAnyValue SourceVpce', { 'ForAnyValue:StringEquals': { 'aws:SourceVpce': 'vpce-1a2b3c' } }, true],
    ['ForAllValues SourceVpce', { 'ForAllValues:StringEquals': { 'aws:SourceVpce': 'vpce-1a2b3c' } }, false],
    ['SourceVpc', { StringEquals: { 'aws:SourceVpc': 'vpc-111' } }, true],
    ['SourceAccount', { StringEquals: { 'aws:SourceAccount': '123456789012' } }, true],
    ['SourceAccount wildcard', { StringLike: { 'aws:SourceAccount': '1234*' } }, false],
    ['SourceArn fixed', { ArnEquals: { 'aws:SourceArn': 'arn:aws:cloudfront::123456789012:distribution/E1' } }, true],
    // S3 treats a wildcard as fixed only after a literal region and account (its DataAccessPointArn example).
    ['SourceArn wildcard region around a fixed account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } }, false],
    ['SourceArn wildcard account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:topic' } }, false],
    ['SourceArn wildcard with fixed account and region', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:*' } }, true],
    ['SourceArn S3 bucket prefix wildcard', { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::logs-*' } }, false],
    ['PrincipalArn fixed', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::123456789012:role/app' } }, true],
    ['PrincipalArn policy variable', { StringEquals: { 'aws:PrincipalArn': '${aws:username}' } }, false],
    ['userid role pattern', { StringLike: { 'aws:userid': 'AROAEXAMPLEID:*' } }, true],
    ['userid wildcard', { StringLike: { 'aws:userid': '*' } }, false],
    ['DataAccessPointAccount', { StringEquals: { 's3:DataAccessPointAccount': '123456789012' } }, true],
    ['SecureTransport only', { Bool: { 'aws:SecureTransport': 'true' } }, false],
    ['Null check on SourceVpce', { Null: { 'aws:SourceVpce': 'false' } }, false],
    ['unrelated key plus fixed org', { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }, true],
    ['empty', {}, false],
    ['junk', 'junk', false],
  ])('%s → restricts %s', (_name, condition, expected) => {
    expect(classifyAllowCondition(condition).restricts).toBe(expected);
  });

  it('names the restricting and other entries', () => {
    const result = classifyAllowCondition({ Bool: { 'aws:SecureTransport': 'true' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
    expect(result.restrictingEntries).toEqual(['IpAddress aws:SourceIp']);
    expect(result.otherEntries).toEqual(['Bool aws:SecureTransport']);
  });
});

describe('analyzePrivileges', () => {
  it('AdministratorAccess is admin, and only admin', () => {
    const grants = analyzePrivileges([{ source: 'arn:aws:iam::aws:policy/AdministratorAccess', document: ADMINISTRATOR_ACCESS }]);
    expect(grants).toEqual([
      { kind: 'admin', actions: ['*'], supporting: [], source: 'arn:aws:iam::aws:policy/AdministratorAccess', statementIndex: 0, conditional: false },
    ]);
  });

  it('AmazonS3FullAccess is data-wide on s3:GetObject', () => {
    const grants = grantsOf(S3_FULL_ACCESS);
    expect(kindsOf(grants)).toEqual(['data-wide']);
    expect(grants[0]?.actions).toEqual(['s3:GetObject']);
  });

  it('PowerUserAccess (NotAction iam:*) is not admin but data-wide', () => {
    const grants = grantsOf(POWER_USER_ACCESS);
    // Escalation paths outside IAM (lambda, ssm …) may fire too, depending on the catalog.
    expect(kindsOf(grants)).not.toContain('admin');
    expect(kindsOf(grants)).toContain('data-wide');
    expect(grants[0]?.actions).toContain('secretsmanager:GetSecretValue');
  });

  it('NotAction that leaves IAM in is admin', () => {
    const grants = grantsOf(policy({ Effect: 'Allow', NotAction: ['organizations:*', 'account:*'], Resource: '*' }));
    expect(kindsOf(grants)).toEqual(['admin']);
    expect(grants[0]?.actions).toEqual(['NotAction: organizations:*, account:*']);
  });

  it.each([
    ['s3:Get* on every bucket', { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::*' }, ['s3:GetObject']],
    ['s3:*Object on every object', { Effect: 'Allow', Action: 's3:*Object', Resource: 'arn:aws:s3:::*/*' }, ['s3:GetObject']],
    ['GetSecretValue on every secret', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:*' }, ['secretsmanager:GetSecretValue']],
    ['kms:Decrypt on *', { Effect: 'Allow', Action: 'KMS:decrypt', Resource: '*' }, ['kms:Decrypt']],
    ['dynamodb:* on every table', { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/*' }, ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:ExportTableToPointInTime']],
    ['ssm:GetParameter? on *', { Effect: 'Allow', Action: 'ssm:GetParameter?', Resource: '*' }, ['ssm:GetParameters']],
    ['rds-data on *', { Effect: 'Allow', Action: 'rds-data:*', Resource: '*' }, ['rds-data:ExecuteStatement']],
  ])('%s is data-wide', (_name, statement, actions) => {
    const grants = grantsOf(policy(statement));
    expect(kindsOf(grants)).toEqual(['data-wide']);
    expect(grants[0]?.actions).toEqual(actions);
  });

  it.each([
    ['one bucket', { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-assets/*' }],
    ['one secret prefix', { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:app/*' }],
    ['read-only describe actions', { Effect: 'Allow', Action: ['ec2:Describe*', 's3:ListAllMyBuckets', 'cloudwatch:PutMetricData'], Resource: '*' }],
    ['wrong service wildcard', { Effect: 'Allow', Action: 's3-object-lambda:*', Resource: '*' }],
    ['iam:PassRole alone', { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }],
    ['PutRolePolicy on one role', { Effect: 'Allow', Action: 'iam:PutRolePolicy', Resource: 'arn:aws:iam::123456789012:role/worker' }],
    ['a Deny only', { Effect: 'Deny', Action: '*', Resource: '*' }],
  ])('%s grants nothing dangerous', (_name, statement) => {
    expect(grantsOf(policy(statement))).toEqual([]);
  });

  it.each([
    ['iam:PassRole + ec2:RunInstances', ['iam:PassRole', 'ec2:RunInstances'], 'passrole-ec2'],
    ['iam:PassRole + lambda create and invoke', ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], 'passrole-lambda-invoke'],
    ['iam:PassRole + cloudformation:CreateStack', ['iam:PassRole', 'cloudformation:CreateStack'], 'passrole-cloudformation'],
    ['iam:Put*Policy', ['iam:Put*Policy'], 'put-role-policy'],
    ['iam:Attach*', ['iam:Attach*'], 'attach-role-policy'],
    ['iam:CreatePolicyVersion', ['iam:CreatePolicyVersion'], 'create-policy-version'],
    ['iam:SetDefaultPolicyVersion', ['iam:SetDefaultPolicyVersion'], 'set-default-policy-version'],
    ['iam:CreateAccessKey', ['iam:CreateAccessKey'], 'create-access-key'],
    ['iam:CreateLoginProfile', ['iam:CreateLoginProfile'], 'create-login-profile'],
    ['iam:UpdateLoginProfile', ['iam:UpdateLoginProfile'], 'update-login-profile'],
    ['iam:UpdateAssumeRolePolicy', ['iam:UpdateAssumeRolePolicy'], 'update-assume-role-policy'],
    ['iam:AddUserToGroup', ['iam:AddUserToGroup'], 'add-user-to-group'],
  ])('%s is privilege escalation', (_name, actions, path) => {
    const grants = grantsOf(policy({ Sid: 'Esc', Effect: 'Allow', Action: actions, Resource: '*' }));
    expect(kindsOf(grants)).toEqual(['privilege-escalation']);
    expect(grants.map((grant) => grant.path)).toContain(path);
    expect(grants.every((grant) => grant.sid === 'Esc' && grant.statementIndex === 0)).toBe(true);
  });

  it('combines an escalation path across statements of different policies', () => {
    const grants = analyzePrivileges(
      [
        { source: 'inline:pass', document: policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::123456789012:role/*' }) },
        { source: 'arn:aws:iam::123456789012:policy/ec2', document: policy({ Effect: 'Allow', Action: 'ec2:Run*', Resource: '*' }) },
      ],
      { account: ACCOUNT },
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ kind: 'privilege-escalation', path: 'passrole-ec2', source: 'inline:pass', conditional: false });
    expect(grants[0]?.supporting.map((ref) => ref.source)).toEqual(['arn:aws:iam::123456789012:policy/ec2']);
  });

  it('an unconditional Deny on the action removes the grant', () => {
    const grants = grantsOf(S3_FULL_ACCESS, policy({ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }));
    expect(grants).toEqual([]);
  });

  it('an unconditional Deny covering the allowed resources removes the grant', () => {
    const grants = grantsOf(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }), policy({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*' }));
    expect(grants).toEqual([]);
  });

  it('an Allow with NotResource excluding one bucket is still data-wide; excluding all of S3 is not', () => {
    expect(kindsOf(grantsOf(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secrets/*' })))).toEqual(['data-wide']);
    expect(grantsOf(policy({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::*' }))).toEqual([]);
  });

  it('a Deny on a narrower resource does not remove the grant', () => {
    const grants = grantsOf(S3_FULL_ACCESS, policy({ Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::secrets/*' }));
    expect(kindsOf(grants)).toEqual(['data-wide']);
  });

  it('a conditional Deny does not remove the grant', () => {
    const grants = grantsOf(ADMINISTRATOR_ACCESS, policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }));
    expect(kindsOf(grants)).toEqual(['admin']);
  });

  it('a Deny with NotResource leaves only what it lists', () => {
    const grants = grantsOf(S3_FULL_ACCESS, policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::nothing' }));
    expect(grants).toEqual([]);
  });

  it('a Deny with NotResource that lists every object leaves the grant', () => {
    const grants = grantsOf(S3_FULL_ACCESS, policy({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::*'] }));
    expect(kindsOf(grants)).toEqual(['data-wide']);
  });

  it('a NotAction Deny removes what it does not list', () => {
    const grants = grantsOf(ADMINISTRATOR_ACCESS, policy({ Effect: 'Deny', NotAction: ['ec2:Describe*'], Resource: '*' }));
    expect(grants).toEqual([]);
  });

  it('a guardrail Deny leaves an admin statement admin', () => {
    const grants = grantsOf(ADMINISTRATOR_ACCESS, policy({ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }));
    expect(kindsOf(grants)).toEqual(['admin']);
  });

  it('a Deny on iam:* turns admin into data-wide', () => {
    const grants = grantsOf(ADMINISTRATOR_ACCESS, policy({ Effect: 'Deny', Action: 'iam:*', Resource: '*' }));
    expect(kindsOf(grants)).not.toContain('admin');
    expect(kindsOf(grants)).toContain('data-wide');
    expect(grants.flatMap((grant) => grant.actions)).not.toContain('iam:PassRole');
  });

  it('a conditional Allow counts and is marked conditional', () => {
    const grants = grantsOf(policy({ Sid: 'OnlyFromVpc', Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }));
    expect(grants).toEqual([
      { kind: 'admin', actions: ['*'], supporting: [], source: 'inline:p0', statementIndex: 0, sid: 'OnlyFromVpc', conditional: true },
    ]);
  });

  it('keeps the original statement index as evidence', () => {
    const grants = grantsOf(policy({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }, 'junk', { Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' }));
    expect(grants[0]).toMatchObject({ statementIndex: 2, sid: 'S3' });
    expect(describeGrant(grants[0] as PrivilegeGrant)).toBe('data-wide [s3:GetObject] via inline:p0 statement #2 (S3)');
  });

  it('ignores junk documents', () => {
    expect(analyzePrivileges([{ source: 'inline:junk', document: 'junk' }, { source: 'inline:null', document: null }])).toEqual([]);
  });

  describe('permissions boundary', () => {
    const admin: PolicySource[] = [{ source: 'arn:aws:iam::aws:policy/AdministratorAccess', document: ADMINISTRATOR_ACCESS }];

    it('a boundary allowing only S3 turns admin into s3 data-wide', () => {
      const grants = analyzePrivileges(admin, { boundary: { source: 'boundary', document: S3_FULL_ACCESS } });
      expect(kindsOf(grants)).toEqual(['data-wide']);
      expect(grants[0]?.actions).toEqual(['s3:GetObject']);
    });

    it('a boundary allowing only describes removes everything', () => {
      const boundary = policy({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' });
      expect(analyzePrivileges(admin, { boundary: { source: 'boundary', document: boundary } })).toEqual([]);
    });

    it('a boundary with an unconditional Deny cuts the action', () => {
      const boundary = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' });
      const grants = analyzePrivileges(admin, { boundary: { source: 'boundary', document: boundary } });
      expect(kindsOf(grants)).not.toContain('admin');
      expect(kindsOf(grants)).toContain('data-wide');
      expect(grants.flatMap((grant) => grant.actions)).not.toContain('iam:PassRole');
    });

    it('a boundary allowing everything leaves admin', () => {
      expect(kindsOf(analyzePrivileges(admin, { boundary: { source: 'boundary', document: ADMINISTRATOR_ACCESS } }))).toEqual(['admin']);
    });
  });
});

const ROLE_BASE: IamRole = {
  name: 'app',
  arn: 'arn:aws:iam::123456789012:role/app',
  id: 'AROAEXAMPLE',
  path: '/',
  createDate: null,
  assumeRolePolicy: {},
  attachedPolicies: [],
  inlinePolicies: [],
  permissionsBoundaryArn: null,
};

function details(overrides: Partial<AuthorizationDetails>): AuthorizationDetails {
  return { users: [], groups: [], roles: [], instanceProfiles: [], policies: [], ...overrides };
}

describe('rolePolicies and userPolicies', () => {
  const adminPolicy = { name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', awsManaged: true, document: ADMINISTRATOR_ACCESS };
  const s3Policy = { name: 'AmazonS3FullAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', awsManaged: true, document: S3_FULL_ACCESS };

  it('gathers inline and attached policies with readable sources, and reports unknown ARNs', () => {
    const role: IamRole = {
      ...ROLE_BASE,
      inlinePolicies: [{ name: 'reads', document: policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) }],
      attachedPolicies: [
        { name: 'AmazonS3FullAccess', arn: s3Policy.arn },
        { name: 'Gone', arn: 'arn:aws:iam::123456789012:policy/Gone' },
      ],
    };
    const gathered = rolePolicies(role, details({ policies: [s3Policy] }));
    expect(gathered.policies.map((entry) => entry.source)).toEqual(['inline:reads', s3Policy.arn]);
    expect(gathered.missing).toEqual(['arn:aws:iam::123456789012:policy/Gone']);
    expect(gathered.boundary).toBeNull();
    expect(kindsOf(analyzeIdentity(gathered))).toEqual(['data-wide']);
  });

  it('applies a known boundary and ignores an unknown one', () => {
    const role: IamRole = { ...ROLE_BASE, attachedPolicies: [{ name: 'AdministratorAccess', arn: adminPolicy.arn }], permissionsBoundaryArn: s3Policy.arn };
    const bounded = rolePolicies(role, details({ policies: [adminPolicy, s3Policy] }));
    expect(bounded.boundary?.source).toBe(s3Policy.arn);
    expect(kindsOf(analyzeIdentity(bounded))).toEqual(['data-wide']);

    const unknownBoundary = rolePolicies({ ...role, permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/Unknown' }, details({ policies: [adminPolicy] }));
    expect(unknownBoundary.boundaryGap).toEqual({ source: 'arn:aws:iam::123456789012:policy/Unknown', reason: 'the permissions boundary policy is not in the authorization details' });
    expect(identityGaps(unknownBoundary).blocking).toHaveLength(1);
  });

  it('includes group policies for users and reports unknown groups', () => {
    const user: IamUser = {
      name: 'alice',
      arn: 'arn:aws:iam::123456789012:user/alice',
      id: 'AIDAEXAMPLE',
      createDate: null,
      groups: ['admins', 'ghosts'],
      attachedPolicies: [],
      inlinePolicies: [],
      permissionsBoundaryArn: null,
    };
    const gathered = userPolicies(
      user,
      details({
        groups: [{ name: 'admins', arn: 'arn:aws:iam::123456789012:group/admins', attachedPolicies: [{ name: 'AdministratorAccess', arn: adminPolicy.arn }], inlinePolicies: [{ name: 'extra', document: {} }] }],
        policies: [adminPolicy],
      }),
    );
    // `{}` has no Statement: not a policy IAM would accept, so it is unreadable rather than empty.
    expect(gathered.policies.map((entry) => entry.source)).toEqual([adminPolicy.arn]);
    expect(gathered.unreadable).toEqual([{ source: 'group:admins/inline:extra', reason: 'the document has no Statement' }]);
    expect(gathered.missing).toEqual(['group:ghosts']);
    expect(identityGaps(gathered).other).toContainEqual({ source: 'group:ghosts', reason: 'the group is not in the authorization details' });
    expect(gathered.account).toBe('123456789012');
    expect(kindsOf(analyzeIdentity(gathered))).toEqual(['admin']);
  });
});

// ---------------------------------------------------------------- issue 12: IAM's real rules

/** A catalog of test paths, so these tests do not depend on which entries the real catalog holds. */
const TEST_PATHS: readonly EscalationPath[] = [
  {
    id: 'lambda-update-code',
    steps: [{ anyOf: ['lambda:UpdateFunctionCode'], on: 'arn:{partition}:lambda:{region}:{account}:function:*' }],
    how: 'replace the code of a function that runs as a privileged role',
    references: ['https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'],
  },
  {
    id: 'passrole-lambda',
    steps: [
      { anyOf: ['iam:PassRole'], on: 'arn:{partition}:iam::{account}:role/*' },
      { anyOf: ['lambda:CreateFunction'], on: 'arn:{partition}:lambda:{region}:{account}:function:*' },
      { anyOf: ['lambda:InvokeFunction', 'lambda:CreateEventSourceMapping', 'lambda:AddPermission'], on: '*' },
    ],
    how: 'create a function as any role and run it',
    references: ['https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'],
  },
  {
    id: 'ec2-instance-connect',
    steps: [{ anyOf: ['ec2-instance-connect:SendSSHPublicKey'], on: 'arn:{partition}:ec2:{region}:{account}:instance/*' }],
    how: 'push an SSH key to any instance and use its role',
    references: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/connect-linux-inst-eic.html'],
  },
  {
    id: 'ssm-send-command',
    steps: [
      {
        anyOf: ['ssm:SendCommand'],
        on: 'arn:{partition}:ssm:{region}::document/AWS-RunShellScript',
      },
      { anyOf: ['ssm:SendCommand'], on: 'arn:{partition}:ec2:{region}:{account}:instance/*' },
    ],
    how: 'run shell commands on any managed instance',
    references: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/run-command.html'],
  },
  {
    id: 'create-access-key',
    steps: [{ anyOf: ['iam:CreateAccessKey'], on: 'arn:{partition}:iam::{account}:user/*' }],
    how: 'mint long-lived keys for a more privileged user',
    references: ['https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/'],
  },
];

function testGrants(documents: unknown[], options: Partial<AnalyzeOptions> = {}): PrivilegeGrant[] {
  return analyzePrivileges(
    documents.map((document, index) => ({ source: `inline:p${String(index)}`, document })),
    { account: ACCOUNT, paths: TEST_PATHS, ...options },
  );
}

function pathsOf(grants: PrivilegeGrant[]): string[] {
  return [...new Set(grants.flatMap((grant) => (grant.path === undefined ? [] : [grant.path])))].sort();
}

function dataActionsOf(grants: PrivilegeGrant[]): string[] {
  return [...new Set(grants.filter((grant) => grant.kind === 'data-wide').flatMap((grant) => grant.actions))].sort();
}

describe('patternCovers over whole ARNs (short forms)', () => {
  it.each([
    ['arn:aws:secretsmanager:*', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*', true],
    ['arn:aws:secretsmanager:??-*', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*', true],
    ['arn:aws:secretsmanager:??-*', 'arn:aws:secretsmanager:*:123456789012:secret:*', false],
    ['arn:aws:lambda:*', 'arn:aws:lambda:eu-west-1:123456789012:function:*', true],
    ['arn:aws:*', 'arn:aws:s3:::*/*', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:role/*', true],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:user/*', false],
    ['arn:aws:s3:::*', 'arn:aws:s3:::*/*', true],
    ['arn:aws:S3:::*', 'arn:aws:s3:::*/*', false],
    ['arn:aws:rds-data:*', 'arn:aws:rds:us-east-1:123456789012:cluster:*', false],
  ])('%s covers %s → %s', (general, specific, expected) => {
    expect(patternCovers(general, specific)).toBe(expected);
  });
});

describe('instantiateTemplate', () => {
  it('fills partition, account and region', () => {
    expect(instantiateTemplate('arn:{partition}:ssm:{region}:{account}:parameter/*', { partition: 'aws-cn', account: ACCOUNT }, 'cn-north-1')).toBe(
      'arn:aws-cn:ssm:cn-north-1:123456789012:parameter/*',
    );
  });
});

describe('data-wide access by resource template (items 1, 5, 11)', () => {
  it.each([
    ['GetSecretValue on arn:aws:secretsmanager:*', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*', ['secretsmanager:GetSecretValue']],
    ['GetSecretValue on arn:aws:secretsmanager:??-*', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:??-*', ['secretsmanager:GetSecretValue']],
    ['GetSecretValue on every secret of one region', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:*', ['secretsmanager:GetSecretValue']],
    ['GetSecretValue on a region AWS added after this list', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:xx-future-9:123456789012:secret:*', ['secretsmanager:GetSecretValue']],
    ['kms:Decrypt on arn:aws:kms:*', 'kms:Decrypt', 'arn:aws:kms:*', ['kms:Decrypt']],
    ['dynamodb:Scan on arn:aws:dynamodb:*', 'dynamodb:Scan', 'arn:aws:dynamodb:*', ['dynamodb:Scan']],
    ['ssm:GetParameter on arn:aws:ssm:*', 'ssm:GetParameter', 'arn:aws:ssm:*', ['ssm:GetParameter']],
    ['rds-data on rds cluster ARNs', 'rds-data:ExecuteStatement', 'arn:aws:rds:*:*:cluster:*', ['rds-data:ExecuteStatement']],
    ['s3:GetObject on arn:aws:s3:::*', 's3:GetObject', 'arn:aws:s3:::*', ['s3:GetObject']],
  ])('%s is data-wide', (_name, action, resource, expected) => {
    expect(dataActionsOf(testGrants([policy({ Effect: 'Allow', Action: action, Resource: resource })]))).toEqual(expected);
  });

  it.each([
    ['GetSecretValue on one prefix', 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:*:secret:app/*'],
    ["GetSecretValue on another account's secrets", 'secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:*:999999999999:secret:*'],
    ['rds-data on an ARN with the rds-data service (no such resource)', 'rds-data:ExecuteStatement', 'arn:aws:rds-data:*'],
    ['rds-data on rds instance ARNs (wrong resource type)', 'rds-data:ExecuteStatement', 'arn:aws:rds:*:*:db:*'],
    ['s3:GetObject on buckets starting with app-', 's3:GetObject', 'arn:aws:s3:::app-*'],
    ['ssm:GetParameter on the documents of a region', 'ssm:GetParameter', 'arn:aws:ssm:us-east-1:123456789012:document/*'],
  ])('%s is not data-wide', (_name, action, resource) => {
    expect(testGrants([policy({ Effect: 'Allow', Action: action, Resource: resource })])).toEqual([]);
  });

  it('a Deny is compared with the template: Allow s3:GetObject on * + Deny s3:* on arn:aws:s3:::* is not data-wide', () => {
    const grants = testGrants([policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::*' })]);
    expect(grants).toEqual([]);
  });

  it('a short-ARN Deny removes what a full-ARN Allow grants', () => {
    const grants = testGrants([
      policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:*:*:secret:*' }, { Effect: 'Deny', Action: 'secretsmanager:*', Resource: 'arn:aws:secretsmanager:*' }),
    ]);
    expect(grants).toEqual([]);
  });

  it('a Deny on one region leaves every other region', () => {
    const grants = testGrants([
      policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: 'arn:aws:secretsmanager:us-east-1:*' }),
    ]);
    expect(dataActionsOf(grants)).toEqual(['secretsmanager:GetSecretValue']);
  });

  it('a Deny on every region (??-*) removes a grant on one region', () => {
    const grants = testGrants([
      policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:eu-west-1:*' }, { Effect: 'Deny', Action: '*', Resource: 'arn:aws:secretsmanager:??-*' }),
    ]);
    expect(grants).toEqual([]);
  });

  it.each([
    ['aws-cn', 'arn:aws-cn:secretsmanager:*'],
    ['aws-us-gov', 'arn:aws-us-gov:secretsmanager:us-gov-*'],
    ['aws-iso', 'arn:aws-iso:secretsmanager:*:*:secret:*'],
  ])('regions of the %s partition count too (%s)', (partition, resource) => {
    const document = policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: resource });
    expect(dataActionsOf(testGrants([document], { partition }))).toEqual(['secretsmanager:GetSecretValue']);
  });

  it('${aws:PrincipalAccount} in a Resource is the identity\'s own account; ${aws:username} stays narrow', () => {
    const own = policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:user/*' });
    expect(pathsOf(testGrants([own]))).toEqual(['create-access-key']);
    const self = policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/${aws:username}' });
    expect(testGrants([self])).toEqual([]);
  });

  it('the partition comes from the options', () => {
    const document = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws-cn:s3:::*' });
    expect(testGrants([document])).toEqual([]);
    expect(dataActionsOf(testGrants([document], { partition: 'aws-cn' }))).toEqual(['s3:GetObject']);
  });
});

describe('admin by resource template (item 11)', () => {
  it.each([
    ['Allow * + Deny * NotResource one bucket', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', NotResource: ['arn:aws:s3:::assets', 'arn:aws:s3:::assets/*'] }], []],
    ['Allow * on arn:aws:s3:::* only', [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::*' }], ['data-wide']],
    ['Allow * on arn:* (every ARN)', [{ Effect: 'Allow', Action: '*', Resource: 'arn:*' }], ['admin']],
    ['Allow * on arn:aws:iam::* and everything else listed by service', [{ Effect: 'Allow', Action: '*', Resource: ['arn:aws:iam::*', 'arn:aws:ec2:*', 'arn:aws:lambda:*', 'arn:aws:s3:::*', 'arn:aws:kms:*'] }], ['admin']],
  ])('%s → %j', (_name, statements, expected) => {
    expect(kindsOf(testGrants([policy(...statements)]))).toEqual(expected);
  });
});

describe('escalation paths from the catalog (items 2, 5, 11)', () => {
  it('lambda:UpdateFunctionCode on the short ARN arn:aws:lambda:* is an escalation, named with its how', () => {
    const grants = testGrants([policy({ Sid: 'Deploy', Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: 'arn:aws:lambda:*' })]);
    expect(grants).toEqual([
      {
        kind: 'privilege-escalation',
        path: 'lambda-update-code',
        how: 'replace the code of a function that runs as a privileged role',
        actions: ['lambda:UpdateFunctionCode'],
        supporting: [],
        source: 'inline:p0',
        statementIndex: 0,
        sid: 'Deploy',
        conditional: false,
      },
    ]);
    expect(describeGrant(grants[0] as PrivilegeGrant)).toBe(
      'privilege-escalation lambda-update-code (replace the code of a function that runs as a privileged role) [lambda:UpdateFunctionCode] via inline:p0 statement #0 (Deploy)',
    );
  });

  it('lambda:UpdateFunctionCode on one function is not', () => {
    expect(testGrants([policy({ Effect: 'Allow', Action: 'lambda:UpdateFunctionCode', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:web' })])).toEqual([]);
  });

  it.each([
    ['lambda:InvokeFunction', 'lambda:InvokeFunction'],
    ['lambda:AddPermission', 'lambda:AddPermission'],
    ['lambda:CreateEventSourceMapping', 'lambda:CreateEventSourceMapping'],
  ])('steps are ANDed and anyOf is ORed: PassRole + CreateFunction + %s', (_name, third) => {
    const grants = testGrants([policy({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', third], Resource: '*' })]);
    expect(pathsOf(grants)).toEqual(['passrole-lambda']);
    expect(grants.find((grant) => grant.path === 'passrole-lambda')?.actions).toEqual(['iam:PassRole', 'lambda:CreateFunction', third]);
  });

  it('a missing step breaks the path', () => {
    expect(pathsOf(testGrants([policy({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' })]))).toEqual([]);
  });

  it('a step whose action has no resource-level permissions needs Resource *', () => {
    const grants = testGrants([
      policy(
        { Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction'], Resource: '*' },
        { Effect: 'Allow', Action: 'lambda:CreateEventSourceMapping', Resource: 'arn:aws:lambda:*' },
      ),
    ]);
    expect(pathsOf(grants)).toEqual([]);
  });

  it('combines steps across statements of several policies and names every provider', () => {
    const grants = testGrants([
      policy({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::*:role/*' }),
      policy({ Effect: 'Allow', Action: 'lambda:Create*', Resource: 'arn:aws:lambda:*' }),
      policy({ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
    ]);
    const grant = grants.find((candidate) => candidate.path === 'passrole-lambda');
    expect(grant).toMatchObject({ source: 'inline:p0', conditional: true, actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'] });
    expect(grant?.supporting).toEqual([
      { source: 'inline:p1', statementIndex: 0, conditional: false },
      { source: 'inline:p2', statementIndex: 0, conditional: true },
    ]);
  });

  it('ec2-instance-connect acts on ec2 instance ARNs', () => {
    expect(pathsOf(testGrants([policy({ Effect: 'Allow', Action: 'ec2-instance-connect:SendSSHPublicKey', Resource: 'arn:aws:ec2:*:*:instance/*' })]))).toEqual(['ec2-instance-connect']);
    expect(pathsOf(testGrants([policy({ Effect: 'Allow', Action: 'ec2-instance-connect:SendSSHPublicKey', Resource: 'arn:aws:ec2-instance-connect:*' })]))).toEqual([]);
  });

  it('ssm:SendCommand needs both the document and the instances', () => {
    const both = policy({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: ['arn:aws:ssm:*::document/AWS-RunShellScript', 'arn:aws:ec2:*:*:instance/*'] });
    expect(pathsOf(testGrants([both]))).toEqual(['ssm-send-command']);
    const documentOnly = policy({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ssm:*::document/*' });
    expect(pathsOf(testGrants([documentOnly]))).toEqual([]);
    const instanceOnly = policy({ Effect: 'Allow', Action: 'ssm:SendCommand', Resource: 'arn:aws:ec2:*:*:instance/*' });
    expect(pathsOf(testGrants([instanceOnly]))).toEqual([]);
  });

  it('iam:CreateAccessKey on roles grants nothing (keys belong to users)', () => {
    expect(testGrants([policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:role/*' })])).toEqual([]);
    expect(pathsOf(testGrants([policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:user/*' })]))).toEqual(['create-access-key']);
  });

  it('reads the real catalog by default', () => {
    const grants = grantsOf(policy({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::*:role/*' }));
    expect(grants).toEqual([]);
    expect(ESCALATION_PATHS.length).toBeGreaterThan(0);
  });
});

describe('permissions boundaries (item 8)', () => {
  const admin: PolicySource[] = [{ source: 'arn:aws:iam::aws:policy/AdministratorAccess', document: ADMINISTRATOR_ACCESS }];
  const bounded = (boundary: unknown, extra: Partial<AnalyzeOptions> = {}): PrivilegeGrant[] =>
    analyzePrivileges(admin, { account: ACCOUNT, paths: TEST_PATHS, boundary: { source: 'arn:aws:iam::123456789012:policy/boundary', document: boundary }, ...extra });

  it('AdministratorAccess bounded to s3:GetObject on one bucket is neither admin nor data-wide', () => {
    expect(bounded(policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::assets/*' }))).toEqual([]);
  });

  it('a short-ARN boundary still lets its whole service through', () => {
    expect(dataActionsOf(bounded(policy({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: 'arn:aws:secretsmanager:*' })))).toEqual(['secretsmanager:GetSecretValue']);
  });

  it('the boundary is judged on the same template: a boundary on one region and an Allow on another leave nothing', () => {
    const grants = analyzePrivileges([{ source: 'inline:p', document: policy({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:*' }) }], {
      account: ACCOUNT,
      boundary: { source: 'boundary', document: policy({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: 'arn:aws:secretsmanager:eu-west-1:*' }) },
    });
    expect(grants).toEqual([]);
  });

  it('a boundary that allows only under a condition makes the grant conditional', () => {
    const grants = bounded(policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }));
    expect(grants).toEqual([expect.objectContaining({ kind: 'admin', conditional: true })]);
  });

  it('a boundary Allow that can never hold for the credential allows nothing', () => {
    const boundary = policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    expect(bounded(boundary, { credential: 'access-key' })).toEqual([]);
    expect(kindsOf(bounded(boundary))).toEqual(['admin']);
  });

  it('a boundary with a NotResource Deny leaves only its list', () => {
    const boundary = policy({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', NotResource: 'arn:aws:s3:::assets/*' });
    expect(bounded(boundary)).toEqual([]);
  });
});

describe('conditionVerdict per credential (item 9)', () => {
  const mfaTrue = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
  const mfaFalse = { Bool: { 'aws:MultiFactorAuthPresent': 'false' } };
  const mfaFalseIfExists = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } };
  it.each([
    ['Bool MFA true', mfaTrue, 'access-key', 'never'],
    ['Bool MFA true', mfaTrue, 'instance-role', 'never'],
    ['Bool MFA true', mfaTrue, 'console', 'maybe'],
    ['Bool MFA true', mfaTrue, 'unknown', 'maybe'],
    ['Bool MFA false', mfaFalse, 'access-key', 'never'],
    ['Bool MFA false', mfaFalse, 'instance-role', 'always'],
    ['BoolIfExists MFA false', mfaFalseIfExists, 'access-key', 'always'],
    ['BoolIfExists MFA false', mfaFalseIfExists, 'instance-role', 'always'],
    ['BoolIfExists MFA false', mfaFalseIfExists, 'console', 'maybe'],
    ['BoolIfExists MFA true', { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }, 'instance-role', 'never'],
    ['Bool MFA as a JSON boolean, odd case', normalizeCondition({ bool: { 'AWS:multifactorauthpresent': false } }), 'instance-role', 'always'],
    ['Null MFA true (key absent)', { Null: { 'aws:MultiFactorAuthPresent': 'true' } }, 'access-key', 'always'],
    ['Null MFA true (key absent)', { Null: { 'aws:MultiFactorAuthPresent': 'true' } }, 'instance-role', 'never'],
    ['MFA age under an hour', { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } }, 'access-key', 'never'],
    ['MFA age over an hour, IfExists', { NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } }, 'instance-role', 'always'],
    ['MFA false and a source IP (undecidable)', { ...mfaFalse, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, 'instance-role', 'maybe'],
    ['MFA true and a source IP', { ...mfaTrue, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, 'access-key', 'never'],
    ['ForAnyValue on MFA', { 'ForAnyValue:Bool': { 'aws:MultiFactorAuthPresent': 'true' } }, 'access-key', 'maybe'],
    ['no condition', {}, 'access-key', 'always'],
  ] as const)('%s for %s → %s', (_name, condition, credential, expected) => {
    expect(conditionVerdict(normalizeCondition(condition), credential)).toBe(expected);
  });
});

describe('privileges per credential (item 9)', () => {
  const FORCE_MFA = policy({
    Sid: 'BlockMostAccessUnlessSignedInWithMFA',
    Effect: 'Deny',
    NotAction: ['iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:GetUser', 'iam:ListMFADevices', 'iam:ListVirtualMFADevices', 'iam:ResyncMFADevice', 'sts:GetSessionToken'],
    Resource: '*',
    Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  });
  const PLAIN_MFA_DENY = policy({ Effect: 'Deny', NotAction: 'iam:ListMFADevices', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } });
  const MFA_ONLY_ADMIN = policy({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });

  it.each([
    ['force-MFA Deny (BoolIfExists) on an access key', [ADMINISTRATOR_ACCESS, FORCE_MFA], 'access-key', []],
    ['force-MFA Deny (BoolIfExists) on an instance role', [ADMINISTRATOR_ACCESS, FORCE_MFA], 'instance-role', []],
    ['force-MFA Deny (BoolIfExists) on a console session (MFA unknown)', [ADMINISTRATOR_ACCESS, FORCE_MFA], 'console', ['admin']],
    ['plain Bool MFA-false Deny on an access key (key absent: no match)', [ADMINISTRATOR_ACCESS, PLAIN_MFA_DENY], 'access-key', ['admin']],
    ['plain Bool MFA-false Deny on an instance role (present, false)', [ADMINISTRATOR_ACCESS, PLAIN_MFA_DENY], 'instance-role', []],
    ['plain Bool MFA-false Deny, credential unknown', [ADMINISTRATOR_ACCESS, PLAIN_MFA_DENY], 'unknown', ['admin']],
    ['MFA-only admin Allow on an access key', [MFA_ONLY_ADMIN], 'access-key', []],
    ['MFA-only admin Allow on an instance role', [MFA_ONLY_ADMIN], 'instance-role', []],
    ['MFA-only admin Allow on a console session', [MFA_ONLY_ADMIN], 'console', ['admin']],
  ] as const)('%s → %j', (_name, documents, credential, expected) => {
    expect(kindsOf(testGrants([...documents], { credential }))).toEqual(expected);
  });

  it('an MFA-only Allow that is undecided stays conditional, one that is inapplicable disappears', () => {
    expect(testGrants([MFA_ONLY_ADMIN], { credential: 'console' })).toEqual([expect.objectContaining({ kind: 'admin', conditional: true })]);
    expect(testGrants([MFA_ONLY_ADMIN], { credential: 'access-key' })).toEqual([]);
  });

  it('a conditional Deny that cannot be decided removes nothing', () => {
    const deny = policy({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } });
    expect(kindsOf(testGrants([ADMINISTRATOR_ACCESS, deny], { credential: 'access-key' }))).toEqual(['admin']);
  });
});

describe('unreadable documents (item 6)', () => {
  it.each([
    [null, 'no document was returned'],
    ['{"Statement": [', 'the document is not JSON'],
    ['"just a string"', 'the document is not a JSON object'],
    [42, 'the document is not a JSON object'],
    [[], 'the document is not a JSON object'],
    [{ Version: '2012-10-17' }, 'the document has no Statement'],
    [ADMINISTRATOR_ACCESS, null],
    [JSON.stringify(ADMINISTRATOR_ACCESS), null],
    [{ Version: '2012-10-17', Statement: [] }, null],
  ])('%j → %s', (document, expected) => {
    expect(documentProblem(document)).toBe(expected);
  });

  it('an unreadable attached managed policy is a gap, never an empty policy', () => {
    const role: IamRole = { ...ROLE_BASE, attachedPolicies: [{ name: 'garbled', arn: 'arn:aws:iam::123456789012:policy/garbled' }] };
    const gathered = rolePolicies(role, details({ policies: [{ name: 'garbled', arn: 'arn:aws:iam::123456789012:policy/garbled', awsManaged: false, document: 'not json' }] }));
    expect(gathered.policies).toEqual([]);
    expect(identityGaps(gathered)).toEqual({ blocking: [], other: [{ source: 'arn:aws:iam::123456789012:policy/garbled', reason: 'the document is not JSON' }] });
  });

  it('an unreadable boundary blocks any verdict', () => {
    const role: IamRole = { ...ROLE_BASE, permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/b' };
    const gathered = rolePolicies(role, details({ policies: [{ name: 'b', arn: 'arn:aws:iam::123456789012:policy/b', awsManaged: false, document: null }] }));
    expect(identityGaps(gathered).blocking).toEqual([{ source: 'arn:aws:iam::123456789012:policy/b', reason: 'the permissions boundary cannot be read: no document was returned' }]);
  });
});
