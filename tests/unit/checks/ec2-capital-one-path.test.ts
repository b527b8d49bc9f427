import { expect } from 'vitest';
import check from '../../../src/checks/ec2/ec2-capital-one-path.js';
import type { AuthorizationDetails, Collected, Instance, ManagedPrefixList, SecurityGroup } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices } from '../../helpers/check-tester.js';

const S3_FULL = 'arn:aws:iam::aws:policy/AmazonS3FullAccess';
const PROFILE = 'arn:aws:iam::123456789012:instance-profile/web';
const ROLE = 'arn:aws:iam::123456789012:role/web-role';

function details(policyArn = S3_FULL, extra: Partial<AuthorizationDetails> = {}): AuthorizationDetails {
  return {
    users: [],
    groups: [],
    roles: [
      {
        name: 'web-role',
        arn: ROLE,
        id: 'AROAWEB',
        path: '/',
        createDate: daysAgo(100),
        assumeRolePolicy: {},
        attachedPolicies: [{ name: 'attached', arn: policyArn }],
        inlinePolicies: [],
        permissionsBoundaryArn: null,
      },
    ],
    instanceProfiles: [{ name: 'web', arn: PROFILE, roleArns: [ROLE] }],
    policies: [
      { name: 'AmazonS3FullAccess', arn: S3_FULL, awsManaged: true, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
      {
        name: 'own-bucket',
        arn: 'arn:aws:iam::123456789012:policy/own-bucket',
        awsManaged: false,
        document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::web-assets/*' }] },
      },
    ],
    ...extra,
  };
}

const WEB_SG: SecurityGroup = {
  id: 'sg-web',
  arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-web',
  name: 'web',
  vpcId: 'vpc-1',
  ingress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: [], prefixListIds: [] }],
};
const PRIVATE_SG: SecurityGroup = {
  id: 'sg-private',
  arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-private',
  name: 'private',
  vpcId: 'vpc-1',
  ingress: [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['10.0.0.0/16'], ipv6Ranges: [], prefixListIds: [] }],
};

function halfGroup(id: string, ingress: SecurityGroup['ingress']): SecurityGroup {
  return { ...WEB_SG, id, arn: `arn:aws:ec2:us-east-1:123456789012:security-group/${id}`, ingress };
}
const LOW_HALF = halfGroup('sg-low', [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['0.0.0.0/1'], ipv6Ranges: [], prefixListIds: [] }]);
const HIGH_HALF = halfGroup('sg-high', [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: ['128.0.0.0/1'], ipv6Ranges: [], prefixListIds: [] }]);
const HIGH_HALF_OTHER_PORT = halfGroup('sg-high-80', [{ ipProtocol: 'tcp', fromPort: 80, toPort: 80, ipv4Ranges: ['128.0.0.0/1'], ipv6Ranges: [], prefixListIds: [] }]);
const LIST_SG = halfGroup('sg-list', [{ ipProtocol: 'tcp', fromPort: 443, toPort: 443, ipv4Ranges: [], ipv6Ranges: [], prefixListIds: ['pl-edge'] }]);

function edgeList(cidrs: Collected<string[]>): ManagedPrefixList {
  return { id: 'pl-edge', name: 'edge', ownerId: '123456789012', addressFamily: 'IPv4', cidrs };
}

/** The full Capital One shape; each case breaks or hides one link. */
function instance(fields: Partial<Instance> = {}, metadata: Partial<Instance['metadataOptions']> = {}): Instance {
  return {
    id: 'i-web',
    arn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web',
    name: 'web-1',
    state: 'running',
    imageId: 'ami-1',
    launchTime: daysAgo(30),
    publicIp: '203.0.113.10',
    instanceProfileArn: PROFILE,
    securityGroupIds: ['sg-web'],
    metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, ...metadata },
    ...fields,
  };
}

function input(
  instances: Instance[],
  groups: SecurityGroup[] = [WEB_SG, PRIVATE_SG],
  authorization: AuthorizationDetails = details(),
  prefixLists: Collected<ManagedPrefixList[]> = ok([]),
) {
  return slices({
    ec2Instances: [{ region: 'us-east-1', result: ok({ instances }) }],
    ec2SecurityGroups: [{ region: 'us-east-1', result: ok({ securityGroups: groups, prefixLists }) }],
    authorizationDetails: authorization,
  });
}

checkTester(check, {
  pass: [
    {
      name: 'IMDSv2 required breaks the chain',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({}, { httpTokens: 'required' })]),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('IMDSv1 — IMDSv2 session tokens are required');
        expect(outcomes[0]?.evidence['imdsV1Reachable']).toBe(false);
      },
    },
    {
      name: 'metadata endpoint disabled',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({}, { httpEndpoint: 'disabled' })]),
    },
    {
      name: 'no public IP',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ publicIp: null })]),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('public address — no public IP address'),
    },
    {
      name: 'security groups admit only the private network',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-private'] })]),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('internet ingress'),
    },
    {
      name: 'two groups hold halves of the internet on different ports',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-low', 'sg-high-80'] })], [LOW_HALF, HIGH_HALF_OTHER_PORT]),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('internet ingress — no security group rule, alone or with the others, admits TCP from the whole internet'),
    },
    {
      name: 'a prefix list of office ranges only',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-list'] })], [LIST_SG], details(), ok([edgeList(ok(['198.51.100.0/24', '52.1.2.0/24']))])),
    },
    {
      name: 'narrowly scoped role',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance()], [WEB_SG], details('arn:aws:iam::123456789012:policy/own-bucket')),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('privileged role'),
    },
    {
      name: 'no instance profile, even with unreadable security groups',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: slices({
        ec2Instances: [{ region: 'us-east-1', result: ok({ instances: [instance({ instanceProfileArn: null })] }) }],
        ec2SecurityGroups: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeSecurityGroups') }],
        authorizationDetails: details(),
      }),
    },
    {
      name: 'terminated instances are skipped',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ id: 'i-gone', state: 'terminated' }), instance({ id: 'i-ok', publicIp: null })]),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.evidence['instanceId']).toBe('i-ok');
      },
    },
  ],
  fail: [
    {
      name: 'the whole Capital One chain',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance()]),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web', region: 'us-east-1' });
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence).toMatchObject({
          imdsV1Reachable: true,
          publicIp: '203.0.113.10',
          worldOpenRules: ['sg-web: tcp 443 from 0.0.0.0/0'],
          roleArns: [ROLE],
          privilegeKinds: ['data-wide'],
        });
        const chain = outcomes[0]?.evidence['chain'];
        expect(chain).toHaveLength(4);
        expect(chain).toEqual(expect.arrayContaining([expect.stringMatching(/^IMDSv1: yes/), expect.stringMatching(/^privileged role: yes/)]));
      },
    },
    {
      name: 'IPv6 world rule, HttpTokens unreported and httpEndpoint missing',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input(
        [instance({ securityGroupIds: ['sg-private', 'sg-v6'] }, { httpTokens: null, httpEndpoint: null })],
        [PRIVATE_SG, { ...WEB_SG, id: 'sg-v6', ingress: [{ ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: [], ipv6Ranges: ['::/0'], prefixListIds: [] }] }],
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['worldOpenRules']).toEqual(['sg-v6: all traffic from ::/0']),
    },
    {
      name: 'two groups on the instance hold the two halves of the IPv4 internet on 443',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-low', 'sg-high'] })], [LOW_HALF, HIGH_HALF]),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['worldOpenRules']).toEqual(['sg-low: tcp 443 from 0.0.0.0/1', 'sg-high: tcp 443 from 128.0.0.0/1']);
        expect(outcomes[0]?.evidence['chain']).toContain('internet ingress: yes (security group rules sg-low: tcp 443 from 0.0.0.0/1 + sg-high: tcp 443 from 128.0.0.0/1 together admit the whole internet)');
      },
    },
    {
      name: 'a prefix list whose entries add up to the internet',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-list'] })], [LIST_SG], details(), ok([edgeList(ok(['0.0.0.0/1', '128.0.0.0/1']))])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['worldOpenRules']).toEqual(['sg-list: tcp 443 from pl-edge (edge): 0.0.0.0/1, 128.0.0.0/1']),
    },
  ],
  unknown: [
    {
      name: 'the only open rule names a prefix list whose entries could not be read',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-list'] })], [LIST_SG], details(), ok([edgeList(failed('UnauthorizedOperation', 'ec2:GetManagedPrefixListEntries'))])),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:GetManagedPrefixListEntries');
        expect(outcomes[0]?.message).toContain('pl-edge (edge)');
      },
    },
    {
      name: 'the region\'s prefix lists could not be listed',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-list'] })], [LIST_SG], details(), failed('UnauthorizedOperation', 'ec2:DescribeManagedPrefixLists')),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeManagedPrefixLists'),
    },
    {
      name: 'security groups of the region could not be listed',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: slices({
        ec2Instances: [{ region: 'us-east-1', result: ok({ instances: [instance()] }) }],
        ec2SecurityGroups: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeSecurityGroups') }],
        authorizationDetails: details(),
      }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeSecurityGroups'),
    },
    {
      name: 'instance profile missing from the authorization details',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance()], [WEB_SG], details(S3_FULL, { instanceProfiles: [] })),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('iam:GetAccountAuthorizationDetails'),
    },
    {
      name: 'the instance\'s security group is not in the listing',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: input([instance({ securityGroupIds: ['sg-elsewhere'] })], [PRIVATE_SG]),
    },
    {
      name: 'instances of a region could not be listed',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:eu-west-1' }],
      slices: slices({
        ec2Instances: [{ region: 'eu-west-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }],
        ec2SecurityGroups: [],
        authorizationDetails: details(),
      }),
    },
    {
      name: "the role's permissions boundary is not in the authorization details",
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-web' }],
      slices: (() => {
        const base = details();
        const roles = base.roles.map((role) => ({ ...role, permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/missing-boundary' }));
        return input([instance()], [WEB_SG], { ...base, roles });
      })(),
      assert: (outcomes) => expect(String(outcomes[0]?.evidence['chain'])).toContain('missing-boundary'),
    },
    {
      name: 'authorization details unavailable',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { ...input([instance()]), authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
    },
  ],
});
