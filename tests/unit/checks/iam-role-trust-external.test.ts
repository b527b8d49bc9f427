import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/iam-role-trust-external.js';
import type { IamRole, OrganizationAccounts, Slices } from '../../../src/inventory/schema.js';
import { githubSubjectScope } from '../../../src/policy/role-trust.js';
import { checkTester, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const PARTNER = '111122223333';
const STRANGER = '999988887777';
const SIBLING = '555566667777';
const NOT_IN_ORG: OrganizationAccounts = { accountIds: null, unavailableReason: 'the account is not in an AWS Organization' };
const IN_ORG: OrganizationAccounts = { accountIds: [TEST_ACCOUNT, SIBLING], unavailableReason: null };
const ORG_REFUSED: OrganizationAccounts = {
  accountIds: null,
  unavailableReason: 'User is not authorized to perform organizations:ListAccounts',
};
const GITHUB = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const EKS = `arn:aws:iam::${TEST_ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789`;

const arn = (name: string): string => `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`;

function role(name: string, document: unknown, path = '/'): IamRole {
  return {
    name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:role${path === '/' ? '/' : path}${name}`,
    id: `AROA${name.toUpperCase().padEnd(17, 'X')}`,
    path,
    createDate: '2025-01-01T00:00:00.000Z',
    // As the collector stores it: URL-decoded JSON.
    assumeRolePolicy: document,
    attachedPolicies: [],
    inlinePolicies: [],
    permissionsBoundaryArn: null,
  };
}

function trust(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

function allow(principal: unknown, condition?: object, action: unknown = 'sts:AssumeRole'): object {
  return { Effect: 'Allow', Principal: principal, Action: action, ...(condition === undefined ? {} : { Condition: condition }) };
}

function github(condition?: object): object {
  return trust(allow({ Federated: GITHUB }, condition, 'sts:AssumeRoleWithWebIdentity'));
}

const AUD = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };

function input(roles: IamRole[], organization: OrganizationAccounts = NOT_IN_ORG): Slices {
  return slices({
    organizationAccounts: organization,
    authorizationDetails: { users: [], groups: [], roles, instanceProfiles: [], policies: [] },
  });
}

function one(name: string, document: unknown, organization: OrganizationAccounts = NOT_IN_ORG): Slices {
  return input([role(name, document)], organization);
}

checkTester(check, {
  pass: [
    {
      name: 'EC2 service principal',
      expected: [{ status: 'pass', resource: arn('web') }],
      slices: one('web', trust(allow({ Service: 'ec2.amazonaws.com' }))),
    },
    {
      name: 'same-account root as an ARN and as a bare id, with companion sts:TagSession',
      expected: [{ status: 'pass', resource: arn('admin') }],
      slices: one('admin', trust(allow({ AWS: [`arn:aws:iam::${TEST_ACCOUNT}:root`, TEST_ACCOUNT] }, undefined, ['sts:AssumeRole', 'sts:TagSession']))),
    },
    {
      name: 'a sibling account of the organization, without ExternalId',
      expected: [{ status: 'pass', resource: arn('deploy') }],
      slices: one('deploy', trust(allow({ AWS: `arn:aws:iam::${SIBLING}:role/pipeline` })), IN_ORG),
    },
    {
      name: 'a trusted partner with a fixed sts:ExternalId',
      expected: [{ status: 'pass', resource: arn('vendor') }],
      slices: one('vendor', trust(allow({ AWS: `arn:aws:iam::${PARTNER}:root` }, { StringEquals: { 'sts:ExternalId': 'a1b2c3d4' } }))),
      options: { trustedAccounts: [PARTNER] },
    },
    {
      name: 'a trusted partner whose callers must use MFA (a person, not a deputy)',
      expected: [{ status: 'pass', resource: arn('partner-humans') }],
      slices: one('partner-humans', trust(allow({ AWS: `arn:aws:iam::${PARTNER}:root` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }))),
      options: { trustedAccounts: [PARTNER] },
    },
    {
      name: 'Principal "*" pinned by StringEquals aws:PrincipalOrgID',
      expected: [{ status: 'pass', resource: arn('org-wide') }],
      slices: one('org-wide', trust(allow('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } }))),
      assert: (outcomes) => expect(String(outcomes[0]?.evidence['acceptedPrincipals'])).toContain('o-abc123def4 (confirm it is yours)'),
    },
    {
      name: 'Principal {"AWS":"*"} pinned to this account by aws:PrincipalAccount',
      expected: [{ status: 'pass', resource: arn('self-star') }],
      slices: one('self-star', trust(allow({ AWS: '*' }, { StringEquals: { 'aws:PrincipalAccount': TEST_ACCOUNT } }))),
    },
    {
      name: 'Principal "*" narrowed by a Deny StringNotEquals aws:PrincipalOrgID',
      expected: [{ status: 'pass', resource: arn('deny-narrowed') }],
      slices: one(
        'deny-narrowed',
        trust(allow('*'), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }),
      ),
    },
    {
      name: 'an unconditional Deny of the same external account removes it',
      expected: [{ status: 'pass', resource: arn('denied') }],
      slices: one(
        'denied',
        trust(allow({ AWS: `arn:aws:iam::${STRANGER}:root` }), { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${STRANGER}:root` }, Action: 'sts:*' }),
      ),
    },
    {
      name: 'GitHub OIDC scoped to one repository with StringLike sub and aud',
      expected: [{ status: 'pass', resource: arn('gha') }],
      slices: one('gha', github({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:*' } })),
    },
    {
      name: 'GitHub OIDC with several exact subjects under ForAnyValue:StringEquals',
      expected: [{ status: 'pass', resource: arn('gha-env') }],
      slices: one(
        'gha-env',
        github({
          StringEquals: AUD,
          'ForAnyValue:StringEquals': { 'token.actions.githubusercontent.com:sub': ['repo:my-org/app:environment:prod', 'repo:my-org/app:ref:refs/heads/main'] },
        }),
      ),
    },
    {
      name: 'EKS IRSA with sub and aud',
      expected: [{ status: 'pass', resource: arn('irsa') }],
      slices: one(
        'irsa',
        trust(
          allow(
            { Federated: EKS },
            {
              StringEquals: {
                'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:sub': 'system:serviceaccount:default:app',
                'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:aud': 'sts.amazonaws.com',
              },
            },
            'sts:AssumeRoleWithWebIdentity',
          ),
        ),
      ),
    },
    {
      name: 'Cognito identity pool with aud and amr',
      expected: [{ status: 'pass', resource: arn('cognito-auth') }],
      slices: one(
        'cognito-auth',
        trust(
          allow(
            { Federated: 'cognito-identity.amazonaws.com' },
            { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
            'sts:AssumeRoleWithWebIdentity',
          ),
        ),
      ),
    },
    {
      name: 'SAML federation',
      expected: [{ status: 'pass', resource: arn('sso') }],
      slices: one(
        'sso',
        trust(
          allow(
            { Federated: `arn:aws:iam::${TEST_ACCOUNT}:saml-provider/Okta` },
            { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
            ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
          ),
        ),
      ),
    },
    {
      name: 'a deleted principal shown by its unique id',
      expected: [{ status: 'pass', resource: arn('orphan') }],
      slices: one('orphan', trust(allow({ AWS: 'AROA1234567890EXAMPLE' }))),
      assert: (outcomes) => expect(String(outcomes[0]?.evidence['acceptedPrincipals'])).toContain('deleted principal'),
    },
    {
      name: 'a service-linked role, as a JSON string the way a snapshot may hold it',
      expected: [{ status: 'pass', resource: `arn:aws:iam::${TEST_ACCOUNT}:role/aws-service-role/AWSServiceRoleForSupport` }],
      slices: input([role('AWSServiceRoleForSupport', JSON.stringify(trust(allow({ Service: 'support.amazonaws.com' }))), '/aws-service-role/')]),
    },
    {
      name: 'a single statement object and only sts:TagSession for a stranger (no assumption)',
      expected: [{ status: 'pass', resource: arn('tag-only') }],
      slices: one('tag-only', {
        Version: '2012-10-17',
        Statement: [allow({ Service: 'lambda.amazonaws.com' }), allow({ AWS: STRANGER }, undefined, 'sts:TagSession')],
      }),
    },
  ],
  fail: [
    {
      name: 'Principal "*" with no condition',
      expected: [{ status: 'fail', resource: arn('open'), severity: 'critical' }],
      slices: one('open', trust(allow('*'))),
    },
    {
      name: 'Principal {"AWS":"*"} with only sts:ExternalId (not a restriction)',
      expected: [{ status: 'fail', resource: arn('extid-star'), severity: 'critical' }],
      slices: one('extid-star', trust(allow({ AWS: ['*'] }, { StringEquals: { 'sts:ExternalId': 'secret' } }))),
    },
    {
      name: 'Principal "*" with StringEqualsIfExists aws:PrincipalOrgID (an absent key passes)',
      expected: [{ status: 'fail', resource: arn('ifexists'), severity: 'critical' }],
      slices: one('ifexists', trust(allow('*', { StringEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123def4' } }))),
    },
    {
      name: 'Principal "*" with a wildcard PrincipalOrgID',
      expected: [{ status: 'fail', resource: arn('org-wildcard'), severity: 'critical' }],
      slices: one('org-wildcard', trust(allow('*', { StringLike: { 'aws:PrincipalOrgID': 'o-*' } }))),
    },
    {
      name: 'sts:* on everyone',
      expected: [{ status: 'fail', resource: arn('sts-star'), severity: 'critical' }],
      slices: one('sts-star', trust(allow('*', undefined, 'sts:*'))),
    },
    {
      name: 'Principal "*" limited only by aws:SourceIp',
      expected: [{ status: 'fail', resource: arn('by-ip') }],
      slices: one('by-ip', trust(allow('*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }))),
    },
    {
      name: 'Principal "*" pinned to a stranger account by aws:PrincipalArn',
      expected: [{ status: 'fail', resource: arn('pinned-stranger') }],
      slices: one('pinned-stranger', trust(allow('*', { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${STRANGER}:role/*` } }))),
    },
    {
      name: 'an unknown account root ARN',
      expected: [{ status: 'fail', resource: arn('backdoor') }],
      slices: one('backdoor', trust(allow({ AWS: `arn:aws:iam::${STRANGER}:root` })), IN_ORG),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain(STRANGER);
        expect(outcomes[0]?.evidence['otherAccounts']).toEqual([STRANGER]);
      },
    },
    {
      name: 'an unknown account as a bare id in an array, next to this account',
      expected: [{ status: 'fail', resource: arn('mixed') }],
      slices: one('mixed', trust(allow({ AWS: [TEST_ACCOUNT, STRANGER] }))),
    },
    {
      name: 'an unknown account even with sts:ExternalId',
      expected: [{ status: 'fail', resource: arn('stranger-extid') }],
      slices: one('stranger-extid', trust(allow({ AWS: `arn:aws:iam::${STRANGER}:user/bob` }, { StringEquals: { 'sts:ExternalId': 'x1' } }))),
    },
    {
      name: 'a Deny with a condition does not take the stranger out',
      expected: [{ status: 'fail', resource: arn('weak-deny') }],
      slices: one(
        'weak-deny',
        trust(allow({ AWS: STRANGER }), { Effect: 'Deny', Principal: { AWS: STRANGER }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ),
    },
    {
      name: 'a trusted partner without sts:ExternalId (confused deputy)',
      expected: [{ status: 'fail', resource: arn('vendor-noext'), severity: 'medium' }],
      slices: one('vendor-noext', trust(allow({ AWS: `arn:aws:iam::${PARTNER}:root` }))),
      options: { trustedAccounts: [PARTNER] },
    },
    {
      name: 'a trusted partner with BoolIfExists MFA (holds without MFA data)',
      expected: [{ status: 'fail', resource: arn('vendor-ifexists'), severity: 'medium' }],
      slices: one('vendor-ifexists', trust(allow({ AWS: PARTNER }, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } }))),
      options: { trustedAccounts: [PARTNER] },
      assert: (outcomes) => expect(outcomes[0]?.severityReason).toBe('a trusted third party need not present sts:ExternalId'),
    },
    {
      name: 'a trusted partner with a wildcard ExternalId',
      expected: [{ status: 'fail', resource: arn('vendor-wild'), severity: 'medium' }],
      slices: one('vendor-wild', trust(allow({ AWS: PARTNER }, { StringLike: { 'sts:ExternalId': '*' } }))),
      options: { trustedAccounts: [PARTNER] },
    },
    {
      name: 'another account while the organization could not be listed: lower confidence',
      expected: [{ status: 'fail', resource: arn('maybe-sibling'), severity: 'medium' }],
      slices: one('maybe-sibling', trust(allow({ AWS: `arn:aws:iam::${SIBLING}:root` })), ORG_REFUSED),
      assert: (outcomes) => {
        expect(outcomes[0]?.severityReason).toContain('may be a member');
        expect(outcomes[0]?.evidence['trustedAccountsFrom']).toContain('organizations:ListAccounts');
      },
    },
    {
      name: 'GitHub OIDC without any condition',
      expected: [{ status: 'fail', resource: arn('gha-open') }],
      slices: one('gha-open', github()),
    },
    {
      name: 'GitHub OIDC with aud only',
      expected: [{ status: 'fail', resource: arn('gha-aud') }],
      slices: one('gha-aud', github({ StringEquals: AUD })),
    },
    {
      name: 'GitHub OIDC with sub repo:*',
      expected: [{ status: 'fail', resource: arn('gha-any') }],
      slices: one('gha-any', github({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } })),
    },
    {
      name: 'GitHub OIDC with one good and one "*" subject',
      expected: [{ status: 'fail', resource: arn('gha-or') }],
      slices: one('gha-or', github({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': ['repo:my-org/app:*', '*'] } })),
    },
    {
      name: 'GitHub OIDC with a negated sub only',
      expected: [{ status: 'fail', resource: arn('gha-not') }],
      slices: one('gha-not', github({ StringEquals: AUD, StringNotLike: { 'token.actions.githubusercontent.com:sub': 'repo:evil/*' } })),
    },
    {
      name: 'GitHub OIDC scoped to an organization (repo:org/*)',
      expected: [{ status: 'fail', resource: arn('gha-org'), severity: 'medium' }],
      slices: one('gha-org', github({ StringEquals: AUD, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/*' } })),
    },
    {
      name: 'GitHub OIDC scoped to a repository but without aud',
      expected: [{ status: 'fail', resource: arn('gha-noaud'), severity: 'medium' }],
      slices: one('gha-noaud', github({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:*' } })),
    },
    {
      name: 'EKS OIDC with aud but no sub',
      expected: [{ status: 'fail', resource: arn('irsa-open') }],
      slices: one(
        'irsa-open',
        trust(allow({ Federated: EKS }, { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789:aud': 'sts.amazonaws.com' } }, 'sts:AssumeRoleWithWebIdentity')),
      ),
    },
    {
      name: 'Cognito identity pool without aud',
      expected: [{ status: 'fail', resource: arn('cognito-any') }],
      slices: one(
        'cognito-any',
        trust(allow({ Federated: 'cognito-identity.amazonaws.com' }, { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } }, 'sts:AssumeRoleWithWebIdentity')),
      ),
    },
    {
      name: 'several roles: one result each, the worst grant of each role wins',
      expected: [
        { status: 'pass', resource: arn('ok-role') },
        { status: 'fail', resource: arn('two-problems'), severity: 'critical' },
      ],
      slices: input([role('ok-role', trust(allow({ Service: 'lambda.amazonaws.com' }))), role('two-problems', trust(allow({ AWS: STRANGER }), allow('*')))]),
      assert: (outcomes) => expect(outcomes[1]?.evidence['findings']).toHaveLength(2),
    },
  ],
  unknown: [
    {
      name: 'authorization details refused',
      expected: [{ status: 'unknown', resource: `arn:aws:iam::${TEST_ACCOUNT}:root` }],
      slices: { organizationAccounts: ok(NOT_IN_ORG), authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
    },
    {
      name: 'a trust document that is not JSON',
      expected: [{ status: 'unknown', resource: arn('garbled') }],
      slices: one('garbled', '{"Statement": [oops'),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('not JSON'),
    },
    {
      name: 'a trust document without Statement',
      expected: [{ status: 'unknown', resource: arn('empty') }],
      slices: one('empty', { Version: '2012-10-17' }),
    },
    {
      name: 'NotPrincipal, which IAM does not accept in a trust policy',
      expected: [{ status: 'unknown', resource: arn('notprincipal') }],
      slices: one('notprincipal', trust({ Effect: 'Allow', NotPrincipal: { AWS: TEST_ACCOUNT }, Action: 'sts:AssumeRole' })),
    },
  ],
  notApplicable: [
    {
      name: 'no roles at all',
      expected: [{ status: 'not_applicable', resource: `arn:aws:iam::${TEST_ACCOUNT}:root` }],
      slices: input([]),
    },
  ],
});

describe('githubSubjectScope', () => {
  it.each([
    ['repo:my-org/my-repo:ref:refs/heads/main', 'repository'],
    ['repo:my-org/my-repo:*', 'repository'],
    ['repo:my-org/my-repo:environment:*', 'repository'],
    ['repo:my-org/*', 'organization'],
    ['repo:my-org/app-*', 'organization'],
    ['repo:my-org/*:ref:refs/heads/main', 'organization'],
    ['repo:my-org*', 'any'],
    ['repo:*', 'any'],
    ['*', 'any'],
    ['repo:my-org/my-repo*', 'organization'],
  ] as const)('%s → %s', (value, scope) => {
    expect(githubSubjectScope(value)).toBe(scope);
  });
});
