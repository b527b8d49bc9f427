import { expect } from 'vitest';
import check from '../../../src/checks/ec2/ec2-security-group-admin-ports-open.js';
import type { Collected, Instance, ManagedPrefixList, SecurityGroup, SecurityGroupIngress } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices } from '../../helpers/check-tester.js';

function rule(ipProtocol: string, fromPort: number | null, toPort: number | null, ipv4Ranges: string[] = ['0.0.0.0/0'], ipv6Ranges: string[] = [], prefixListIds: string[] = []): SecurityGroupIngress {
  return { ipProtocol, fromPort, toPort, ipv4Ranges, ipv6Ranges, prefixListIds };
}

function group(id: string, ingress: SecurityGroupIngress[], name: string | null = `group-${id}`): SecurityGroup {
  return { id, arn: `arn:aws:ec2:us-east-1:123456789012:security-group/${id}`, name, vpcId: 'vpc-1', ingress };
}

function instance(id: string, groupIds: string[], fields: Partial<Instance> = {}): Instance {
  return {
    id,
    arn: `arn:aws:ec2:us-east-1:123456789012:instance/${id}`,
    name: null,
    state: 'running',
    imageId: 'ami-1',
    launchTime: daysAgo(5),
    publicIp: null,
    instanceProfileArn: null,
    securityGroupIds: groupIds,
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
    ...fields,
  };
}

function input(groups: SecurityGroup[], instances: Instance[] = [], region = 'us-east-1', prefixLists: Collected<ManagedPrefixList[]> = ok([])) {
  return slices({
    ec2SecurityGroups: [{ region, result: ok({ securityGroups: groups, prefixLists }) }],
    ec2Instances: [{ region, result: ok({ instances }) }],
  });
}

function prefixList(id: string, cidrs: string[], fields: Partial<ManagedPrefixList> = {}): ManagedPrefixList {
  return { id, name: `list-${id}`, ownerId: '123456789012', addressFamily: 'IPv4', cidrs: ok(cidrs), ...fields };
}

/** The "everything but private ranges" list VPN clients (WireGuard AllowedIPs) use: the whole IPv4 internet in 30 blocks. */
const ALL_BUT_PRIVATE = [
  '0.0.0.0/5', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/2', '128.0.0.0/3', '160.0.0.0/5',
  '168.0.0.0/6', '172.0.0.0/12', '172.32.0.0/11', '172.64.0.0/10', '172.128.0.0/9', '173.0.0.0/8', '174.0.0.0/7', '176.0.0.0/4',
  '192.0.0.0/9', '192.128.0.0/11', '192.160.0.0/13', '192.169.0.0/16', '192.170.0.0/15', '192.172.0.0/14', '192.176.0.0/12',
  '192.192.0.0/10', '193.0.0.0/8', '194.0.0.0/7', '196.0.0.0/6', '200.0.0.0/5', '208.0.0.0/4',
];

checkTester(check, {
  pass: [
    {
      name: 'only HTTPS from the internet, SSH from the office',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-web' }],
      slices: input([group('sg-web', [rule('tcp', 443, 443), rule('tcp', 22, 22, ['198.51.100.0/24'])])]),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-web', region: 'us-east-1' });
        expect(outcomes[0]?.evidence['exposedPorts']).toEqual([]);
      },
    },
    {
      name: 'UDP and ICMP from anywhere are not TCP admin ports',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-dns' }],
      slices: input([group('sg-dns', [rule('udp', 53, 53), rule('icmp', -1, -1), rule('udp', 0, 65535, [], ['::/0'])])]),
    },
    {
      name: 'a broad private range is not the internet',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-internal' }],
      slices: input([group('sg-internal', [rule('-1', null, null, ['10.0.0.0/8'])])]),
    },
    {
      name: 'split halves on different ports never meet',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-halves' }],
      slices: input([group('sg-halves', [rule('tcp', 22, 22, ['0.0.0.0/1']), rule('tcp', 3389, 3389, ['128.0.0.0/1'])])]),
    },
    {
      name: 'three quarters of the IPv4 space is not the whole internet',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-quarters' }],
      slices: input([group('sg-quarters', [rule('tcp', 22, 22, ['0.0.0.0/2', '64.0.0.0/2']), rule('tcp', 0, 1000, ['128.0.0.0/2'])])]),
    },
    {
      name: 'the internet less one public /24 is not the internet',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-almost' }],
      slices: input([group('sg-almost', [rule('tcp', 22, 22, ALL_BUT_PRIVATE.filter((cidr) => cidr !== '193.0.0.0/8').concat(['193.0.0.0/9', '193.128.0.0/10', '193.192.0.0/11', '193.224.0.0/12', '193.240.0.0/13', '193.248.0.0/14', '193.252.0.0/15', '193.254.0.0/16', '193.255.0.0/17', '193.255.128.0/18', '193.255.192.0/19', '193.255.224.0/20', '193.255.240.0/21', '193.255.248.0/22', '193.255.252.0/23', '193.255.254.0/24']))])]),
    },
    {
      name: 'a customer prefix list of office ranges, and an AWS-managed S3 list',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-office' }],
      slices: input(
        [group('sg-office', [rule('tcp', 22, 22, [], [], ['pl-office']), rule('tcp', 0, 65535, [], [], ['pl-s3'])])],
        [],
        'us-east-1',
        ok([prefixList('pl-office', ['198.51.100.0/24', '52.94.10.0/24']), prefixList('pl-s3', ['52.216.0.0/15', '3.5.0.0/19'], { name: 'com.amazonaws.us-east-1.s3', ownerId: 'AWS' })]),
      ),
      assert: (outcomes) => expect(outcomes[0]?.evidence['unreadablePrefixLists']).toEqual([]),
    },
    {
      name: 'IPv6 unique-local and link-local ranges are not the internet',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-ula' }],
      slices: input([group('sg-ula', [rule('tcp', 22, 22, [], ['fc00::/7', 'fe80::/10'])])]),
    },
    {
      name: 'an unreadable prefix list on a port that is no admin port',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-https-list' }],
      slices: input([group('sg-https-list', [rule('tcp', 443, 443, [], [], ['pl-cdn'])])], [], 'us-east-1', ok([prefixList('pl-cdn', [], { cidrs: failed('UnauthorizedOperation', 'ec2:GetManagedPrefixListEntries') })])),
    },
  ],
  fail: [
    {
      name: 'SSH from 0.0.0.0/0 on a public instance: critical',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-ssh', severity: 'critical' }],
      slices: input([group('sg-ssh', [rule('tcp', 22, 22)])], [instance('i-pub', ['sg-ssh'], { publicIp: '203.0.113.5' }), instance('i-priv', ['sg-ssh'])]),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'critical' });
        expect(outcomes[0]?.evidence).toMatchObject({
          exposedPorts: ['22 (SSH)'],
          allPortsOpen: false,
          sources: ['0.0.0.0/0'],
          instanceUsageKnown: true,
          usedByRunningInstances: ['i-pub', 'i-priv'],
          usedByPublicInstances: ['i-pub'],
          exposedServiceKinds: ['exposed-hosts'],
        });
        expect(outcomes[0]?.message).toContain('Used by running instances i-pub (public IP 203.0.113.5), i-priv.');
      },
    },
    {
      name: 'Kubernetes and Docker ports from ::/0, unused group: high',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-k8s' }],
      slices: input([group('sg-k8s', [rule('tcp', 2375, 2376, [], ['::/0']), rule('tcp', 10250, 10250, [], ['::/0']), rule('tcp', 6443, 6443, [], ['::/0'])])], [instance('i-stopped', ['sg-k8s'], { state: 'stopped' })]),
      assert: (outcomes) => {
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence).toMatchObject({
          exposedPorts: ['2375 (Docker API)', '2376 (Docker API (TLS))', '6443 (Kubernetes API)', '10250 (kubelet API)'],
          sources: ['::/0'],
          usedByRunningInstances: [],
          exposedServiceKinds: ['exposed-k8s'],
        });
        expect(outcomes[0]?.message).toContain('No running EC2 instance uses it');
      },
    },
    {
      name: 'all traffic from anywhere (protocol -1)',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-open' }],
      slices: input([group('sg-open', [rule('-1', null, null)])]),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['allPortsOpen']).toBe(true);
        expect(outcomes[0]?.evidence['exposedPorts']).toHaveLength(14);
        expect(outcomes[0]?.message).toContain('every port (all traffic from 0.0.0.0/0)');
      },
    },
    {
      name: 'a TCP range that spans database ports',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-range' }],
      slices: input([group('sg-range', [rule('tcp', 3000, 7000)])]),
      assert: (outcomes) => expect(outcomes[0]?.evidence['exposedPorts']).toEqual(['3389 (RDP)', '6443 (Kubernetes API)', '4040 (Weave Scope / Spark UI)', '5432 (PostgreSQL)', '3306 (MySQL)', '6379 (Redis)']),
    },
    {
      name: 'protocol given as number 6, and instances of the region unreadable',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-num' }],
      slices: slices({
        ec2SecurityGroups: [{ region: 'eu-west-1', result: ok({ securityGroups: [group('sg-num', [rule('6', 3389, 3389)])], prefixLists: ok([]) }) }],
        ec2Instances: [{ region: 'eu-west-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['3389 (RDP)'], instanceUsageKnown: false });
        expect(outcomes[0]?.message).toContain('unknown');
      },
    },
    {
      name: 'SSH from 0.0.0.0/1 on one rule and 128.0.0.0/1 on another',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-split' }],
      slices: input([group('sg-split', [rule('tcp', 22, 22, ['0.0.0.0/1']), rule('tcp', 22, 22, ['128.0.0.0/1', '10.0.0.0/8'])])]),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['22 (SSH)'], rulesPooled: true, sources: ['0.0.0.0/1', '128.0.0.0/1'] });
        expect(outcomes[0]?.evidence['worldOpenRules']).toEqual(['tcp 22 from 0.0.0.0/1', 'tcp 22 from 128.0.0.0/1']);
        expect(outcomes[0]?.message).toContain('together, tcp 22 from 0.0.0.0/1; tcp 22 from 128.0.0.0/1, cover every internet address');
      },
    },
    {
      name: 'four /2 blocks in one rule',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-quad' }],
      slices: input([group('sg-quad', [rule('tcp', 3389, 3389, ['0.0.0.0/2', '64.0.0.0/2', '128.0.0.0/2', '192.0.0.0/2'])])]),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['3389 (RDP)'], rulesPooled: false }),
    },
    {
      name: 'every public IPv4 address, private ranges left out (a VPN client\'s AllowedIPs list)',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-wg' }],
      slices: input([group('sg-wg', [rule('tcp', 22, 22, ALL_BUT_PRIVATE)])]),
      assert: (outcomes) => expect(outcomes[0]?.evidence['exposedPorts']).toEqual(['22 (SSH)']),
    },
    {
      name: 'overlapping port ranges: only the ports both halves cover',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-overlap' }],
      slices: input([group('sg-overlap', [rule('tcp', 0, 1000, ['0.0.0.0/1']), rule('tcp', 20, 30, ['128.0.0.0/1'])])]),
      assert: (outcomes) => expect(outcomes[0]?.evidence['exposedPorts']).toEqual(['22 (SSH)']),
    },
    {
      name: 'a customer prefix list holding 0.0.0.0/0',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-list' }],
      slices: input([group('sg-list', [rule('tcp', 5432, 5432, [], [], ['pl-partners'])])], [], 'us-east-1', ok([prefixList('pl-partners', ['203.0.113.0/24', '0.0.0.0/0'], { name: 'partners' })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['5432 (PostgreSQL)'], sources: ['pl-partners'] });
        expect(outcomes[0]?.evidence['worldOpenRules']).toEqual(['tcp 5432 from pl-partners (partners): 0.0.0.0/0']);
      },
    },
    {
      name: 'an IPv6 prefix list whose ::/1 holds all global unicast space',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-v6list' }],
      slices: input([group('sg-v6list', [rule('-1', null, null, [], [], ['pl-v6'])])], [], 'us-east-1', ok([prefixList('pl-v6', ['::/1'], { addressFamily: 'IPv6' })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['allPortsOpen']).toBe(true),
    },
    {
      name: 'a prefix list half and a CIDR half on rules of the same port',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-mixed' }],
      slices: input([group('sg-mixed', [rule('tcp', 6379, 6379, ['128.0.0.0/1']), rule('tcp', 6379, 6379, [], [], ['pl-low'])])], [], 'us-east-1', ok([prefixList('pl-low', ['0.0.0.0/1'])])),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['6379 (Redis)'], rulesPooled: true, sources: ['128.0.0.0/1', 'pl-low'] }),
    },
    {
      name: 'SSH open to the world, RDP behind an unreadable list: fail, with the unknown part named',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-partly' }],
      slices: input([group('sg-partly', [rule('tcp', 22, 22), rule('tcp', 3389, 3389, [], [], ['pl-secret'])])], [], 'us-east-1', ok([prefixList('pl-secret', [], { cidrs: failed('UnauthorizedOperation', 'ec2:GetManagedPrefixListEntries') })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['22 (SSH)'], uncertainPorts: ['3389 (RDP)'] });
        expect(outcomes[0]?.evidence['unreadablePrefixLists']).toEqual(['pl-secret (list-pl-secret): User is not authorized to perform this action']);
      },
    },
  ],
  unknown: [
    {
      name: 'security groups of a region could not be listed',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-east-1' }],
      slices: slices({
        ec2SecurityGroups: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeSecurityGroups') }],
        ec2Instances: [{ region: 'us-east-1', result: ok({ instances: [] }) }],
      }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeSecurityGroups'),
    },
    {
      name: 'security group slice missing entirely',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ec2Instances: [] }),
    },
    {
      name: 'SSH from a prefix list whose entries could not be read',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-pl' }],
      slices: input([group('sg-pl', [rule('tcp', 22, 22, ['0.0.0.0/1'], [], ['pl-1'])])], [], 'us-east-1', ok([prefixList('pl-1', [], { cidrs: failed('UnauthorizedOperation', 'ec2:GetManagedPrefixListEntries', 'access denied: the scanning identity lacks ec2:GetManagedPrefixListEntries') })])),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-pl' });
        expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 'ec2:GetManagedPrefixListEntries', uncertainPorts: ['22 (SSH)'], exposedPorts: [] });
        expect(outcomes[0]?.message).toContain('ec2:GetManagedPrefixListEntries');
      },
    },
    {
      name: 'every port from a prefix list, and the region\'s prefix lists could not be listed',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-pl-all' }],
      slices: input([group('sg-pl-all', [rule('-1', null, null, [], [], ['pl-2'])])], [], 'us-east-1', failed('UnauthorizedOperation', 'ec2:DescribeManagedPrefixLists', 'access denied: the scanning identity lacks ec2:DescribeManagedPrefixLists')),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeManagedPrefixLists');
        expect(outcomes[0]?.evidence['uncertainPorts']).toHaveLength(14);
      },
    },
    {
      name: 'a referenced prefix list that is no longer visible',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-gone' }],
      slices: input(
        [group('sg-gone', [rule('tcp', 8888, 8888, [], [], ['pl-gone'])])],
        [],
        'us-east-1',
        ok([prefixList('pl-gone', [], { name: null, addressFamily: null, cidrs: failed('PrefixListNotFound', 'ec2:DescribeManagedPrefixLists', 'prefix list pl-gone is not among the lists ec2:DescribeManagedPrefixLists returns') })]),
      ),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('pl-gone: prefix list pl-gone is not among the lists'),
    },
  ],
});
