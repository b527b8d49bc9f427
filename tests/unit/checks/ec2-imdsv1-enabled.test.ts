import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/ec2/ec2-imdsv1-enabled.js';
import type { Instance } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, runCase, slices } from '../../helpers/check-tester.js';

const WEB_PROFILE = 'arn:aws:iam::123456789012:instance-profile/web-app';

function instance(id: string, fields: Partial<Omit<Instance, 'metadataOptions'>> = {}, metadata: Partial<Instance['metadataOptions']> = {}): Instance {
  return {
    id,
    arn: `arn:aws:ec2:us-east-1:123456789012:instance/${id}`,
    name: `server-${id}`,
    state: 'running',
    imageId: 'ami-0abcdef1234567890',
    launchTime: daysAgo(60),
    publicIp: null,
    instanceProfileArn: null,
    securityGroupIds: ['sg-0123456789abcdef0'],
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1, ...metadata },
    ...fields,
  };
}

function inRegion(region: string, instances: Instance[]) {
  return { region, result: ok({ instances }) };
}

function ec2(...regions: ReturnType<typeof inRegion>[]) {
  return slices({ ec2Instances: regions });
}

checkTester(check, {
  pass: [
    {
      name: 'IMDSv2 required',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0aaa' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0aaa', { instanceProfileArn: WEB_PROFILE })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0aaa', region: 'us-east-1' });
        expect(outcomes[0]?.evidence).toMatchObject({ httpTokens: 'required', httpEndpoint: 'enabled' });
      },
    },
    {
      name: 'metadata service disabled although tokens are optional',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0bbb' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0bbb', { instanceProfileArn: WEB_PROFILE }, { httpTokens: 'optional', httpEndpoint: 'disabled' })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('disabled');
        expect(outcomes[0]?.evidence['metadataServiceEnabled']).toBe(false);
      },
    },
    {
      name: 'IMDSv2 required with httpEndpoint missing',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0ccc' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0ccc', {}, { httpEndpoint: null })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ httpEndpoint: null, metadataServiceEnabled: true }),
    },
    {
      name: 'terminated and shutting-down IMDSv1 instances are ignored',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0fff' }],
      slices: ec2(
        inRegion('us-east-1', [
          instance('i-0ddd', { state: 'terminated' }, { httpTokens: 'optional' }),
          instance('i-0eee', { state: 'shutting-down' }, { httpTokens: 'optional' }),
          instance('i-0fff'),
        ]),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.evidence['instanceId']).toBe('i-0fff');
      },
    },
  ],
  fail: [
    {
      name: 'IMDSv1 on an instance with a role (Capital One pattern)',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0111', severity: 'high' }],
      slices: ec2(
        inRegion('us-east-1', [
          instance('i-0111', { instanceProfileArn: WEB_PROFILE, publicIp: '203.0.113.10' }, { httpTokens: 'optional', httpPutResponseHopLimit: 1 }),
        ]),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'high', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0111' });
        expect(outcomes[0]?.evidence).toMatchObject({
          instanceId: 'i-0111',
          httpTokens: 'optional',
          httpEndpoint: 'enabled',
          httpPutResponseHopLimit: 1,
          containersCanReachCredentials: false,
          instanceProfileArn: WEB_PROFILE,
          publicIp: '203.0.113.10',
        });
        expect(outcomes[0]?.message).toContain('role credentials');
      },
    },
    {
      name: 'IMDSv1 without an instance profile stays medium',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0222' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0222', {}, { httpTokens: 'optional' })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence['instanceProfileArn']).toBeNull();
      },
    },
    {
      name: 'httpEndpoint missing means enabled',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0333', severity: 'high' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0333', { instanceProfileArn: WEB_PROFILE }, { httpTokens: 'optional', httpEndpoint: null })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.evidence).toMatchObject({ httpEndpoint: null, metadataServiceEnabled: true });
      },
    },
    {
      name: 'httpTokens not reported counts as optional',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0444' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0444', {}, { httpTokens: null })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['httpTokens']).toBeNull(),
    },
    {
      name: 'hop limit above 1 lets containers reach the credentials',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0555', severity: 'high' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0555', { instanceProfileArn: WEB_PROFILE }, { httpTokens: 'optional', httpPutResponseHopLimit: 2 })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ httpPutResponseHopLimit: 2, containersCanReachCredentials: true }),
    },
    {
      name: 'stopped IMDSv1 instance is still judged',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0666' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0666', { state: 'stopped' }, { httpTokens: 'optional' })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['state']).toBe('stopped'),
    },
    {
      name: 'mixed fleet across regions',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0777' },
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0888' },
        { status: 'fail', resource: 'arn:aws:ec2:eu-central-1:123456789012:instance/i-0999' },
      ],
      slices: ec2(
        inRegion('us-east-1', [instance('i-0777'), instance('i-0888', {}, { httpTokens: 'optional' })]),
        inRegion('eu-central-1', [instance('i-0999', { arn: 'arn:aws:ec2:eu-central-1:123456789012:instance/i-0999' }, { httpTokens: 'optional' })]),
      ),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.region, o.evidence['instanceId'], o.status])).toEqual([
          ['us-east-1', 'i-0777', 'pass'],
          ['us-east-1', 'i-0888', 'fail'],
          ['eu-central-1', 'i-0999', 'fail'],
        ]);
      },
    },
  ],
  unknown: [
    {
      name: 'DescribeInstances failed in one region',
      expected: [
        { status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:ap-northeast-1' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0aaa' },
      ],
      slices: slices({
        ec2Instances: [
          { region: 'ap-northeast-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') },
          inRegion('us-east-1', [instance('i-0aaa')]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.region, o.status])).toEqual([
          ['ap-northeast-1', 'unknown'],
          ['us-east-1', 'pass'],
        ]);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:ap-northeast-1' });
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeInstances');
      },
    },
    {
      name: 'ec2Instances slice denied',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { ec2Instances: failed('AccessDenied', 'ec2:DescribeInstances') },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('ec2:DescribeInstances'),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
  notApplicable: [
    {
      name: 'only terminated instances',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: ec2(inRegion('us-east-1', [instance('i-0ddd', { state: 'terminated' }, { httpTokens: 'optional' })]), inRegion('eu-west-1', [])),
    },
  ],
});

describe('ec2-imdsv1-enabled scope', () => {
  it('a failed region is unknown, never not applicable', () => {
    const outcomes = runCase(check, {
      name: 'failed region only',
      slices: slices({ ec2Instances: [{ region: 'us-east-1', result: failed('RequestExpired') }] }),
    });
    expect(outcomes.map((o) => o.status)).toEqual(['unknown']);
  });
});
