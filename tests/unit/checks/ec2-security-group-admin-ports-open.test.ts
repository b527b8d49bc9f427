import { expect } from 'vitest';
import check from '../../../src/checks/ec2/ec2-security-group-admin-ports-open.js';
import type { Instance, SecurityGroup, SecurityGroupIngress } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices } from '../../helpers/check-tester.js';

function rule(ipProtocol: string, fromPort: number | null, toPort: number | null, ipv4Ranges: string[] = ['0.0.0.0/0'], ipv6Ranges: string[] = []): SecurityGroupIngress {
  return { ipProtocol, fromPort, toPort, ipv4Ranges, ipv6Ranges };
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

function input(groups: SecurityGroup[], instances: Instance[] = [], region = 'us-east-1') {
  return slices({
    ec2SecurityGroups: [{ region, result: ok({ securityGroups: groups }) }],
    ec2Instances: [{ region, result: ok({ instances }) }],
  });
}

checkTester(check, {
  pass: [
    {
      name: 'only HTTPS from the internet, SSH from the office',
      slices: input([group('sg-web', [rule('tcp', 443, 443), rule('tcp', 22, 22, ['198.51.100.0/24'])])]),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-web', region: 'us-east-1' });
        expect(outcomes[0]?.evidence['exposedPorts']).toEqual([]);
      },
    },
    {
      name: 'UDP and ICMP from anywhere are not TCP admin ports',
      slices: input([group('sg-dns', [rule('udp', 53, 53), rule('icmp', -1, -1), rule('udp', 0, 65535, [], ['::/0'])])]),
    },
    {
      name: 'a broad private range is not the internet',
      slices: input([group('sg-internal', [rule('-1', null, null, ['10.0.0.0/8'])])]),
    },
  ],
  fail: [
    {
      name: 'SSH from 0.0.0.0/0 on a public instance: critical',
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
      slices: input([group('sg-open', [rule('-1', null, null)])]),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['allPortsOpen']).toBe(true);
        expect(outcomes[0]?.evidence['exposedPorts']).toHaveLength(14);
        expect(outcomes[0]?.message).toContain('every port (all traffic from 0.0.0.0/0)');
      },
    },
    {
      name: 'a TCP range that spans database ports',
      slices: input([group('sg-range', [rule('tcp', 3000, 7000)])]),
      assert: (outcomes) => expect(outcomes[0]?.evidence['exposedPorts']).toEqual(['3389 (RDP)', '6443 (Kubernetes API)', '4040 (Weave Scope / Spark UI)', '5432 (PostgreSQL)', '3306 (MySQL)', '6379 (Redis)']),
    },
    {
      name: 'protocol given as number 6, and instances of the region unreadable',
      slices: slices({
        ec2SecurityGroups: [{ region: 'eu-west-1', result: ok({ securityGroups: [group('sg-num', [rule('6', 3389, 3389)])] }) }],
        ec2Instances: [{ region: 'eu-west-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ exposedPorts: ['3389 (RDP)'], instanceUsageKnown: false });
        expect(outcomes[0]?.message).toContain('unknown');
      },
    },
  ],
  unknown: [
    {
      name: 'security groups of a region could not be listed',
      slices: slices({
        ec2SecurityGroups: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeSecurityGroups') }],
        ec2Instances: [{ region: 'us-east-1', result: ok({ instances: [] }) }],
      }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeSecurityGroups'),
    },
    {
      name: 'security group slice missing entirely',
      slices: slices({ ec2Instances: [] }),
    },
  ],
});
