import { expect } from 'vitest';
import check from '../../../src/checks/ec2/ec2-instance-untrusted-ami.js';
import type { Instance, MachineImage } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const MINER_PUBLISHER = '555566667777';
const IMAGE_FACTORY = '111122223333';

function instance(id: string, imageId: string | null, state = 'running', region = 'us-east-1'): Instance {
  return {
    id,
    arn: `arn:aws:ec2:${region}:${TEST_ACCOUNT}:instance/${id}`,
    name: `${id}-name`,
    state,
    imageId,
    launchTime: daysAgo(5),
    publicIp: null,
    instanceProfileArn: null,
    securityGroupIds: [],
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
  };
}

function image(id: string, ownerId: string | null, ownerAlias: string | null, isPublic: boolean | null): MachineImage {
  return { id, ownerId, ownerAlias, name: `${id}-name`, public: isPublic, state: 'available', creationDate: '2024-01-01T00:00:00.000Z' };
}

const AMAZON_LINUX = image('ami-amazon', '137112412989', 'amazon', true);
const MARKETPLACE = image('ami-market', '679593333241', 'aws-marketplace', true);
const OWN = image('ami-own', TEST_ACCOUNT, null, false);
const COMMUNITY_MINER = image('ami-miner', MINER_PUBLISHER, null, true);
const SHARED_PRIVATE = image('ami-shared', IMAGE_FACTORY, null, false);

function instances(region: string, list: Instance[]) {
  return { region, result: ok({ instances: list }) };
}

function images(region: string, list: MachineImage[], missingImageIds: string[] = []) {
  return { region, result: ok({ images: list, missingImageIds }) };
}

checkTester(check, {
  pass: [
    {
      name: 'Amazon, Marketplace and own images',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-2' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-3' },
      ],
      slices: slices({
        ec2Instances: [instances('us-east-1', [instance('i-1', 'ami-amazon'), instance('i-2', 'ami-market'), instance('i-3', 'ami-own', 'stopped')])],
        ec2InstanceImages: [images('us-east-1', [AMAZON_LINUX, MARKETPLACE, OWN])],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => o.status)).toEqual(['pass', 'pass', 'pass']);
        expect(outcomes[0]?.evidence).toMatchObject({ imageId: 'ami-amazon', imageOwnerAlias: 'amazon', imageOwnerId: '137112412989' });
        expect(outcomes[2]?.message).toContain('built itself');
      },
    },
    {
      name: 'a privately shared image from an account in --trusted-accounts',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-4' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [instance('i-4', 'ami-shared')])], ec2InstanceImages: [images('us-east-1', [SHARED_PRIVATE])] }),
      options: { trustedAccounts: [IMAGE_FACTORY] },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain(IMAGE_FACTORY),
    },
    {
      name: 'terminated and shutting-down instances are not judged',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-6' }],
      slices: slices({
        ec2Instances: [instances('us-east-1', [instance('i-5', 'ami-miner', 'shutting-down'), instance('i-6', 'ami-amazon')])],
        ec2InstanceImages: [images('us-east-1', [AMAZON_LINUX, COMMUNITY_MINER])],
      }),
      assert: (outcomes) => expect(outcomes.map((o) => o.resource)).toEqual([`arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:instance/i-6`]),
    },
  ],
  fail: [
    {
      name: 'community AMI from an unknown publisher (Cryptomining AMI)',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-7' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [instance('i-7', 'ami-miner')])], ec2InstanceImages: [images('us-east-1', [COMMUNITY_MINER])] }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', resource: `arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:instance/i-7` });
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence).toMatchObject({ imageOwnerId: MINER_PUBLISHER, imagePublic: true, imageOwnerAlias: null });
        expect(outcomes[0]?.message).toContain('community AMI');
      },
    },
    {
      name: 'privately shared AMI from an account not in --trusted-accounts is medium',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-8', severity: 'medium' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [instance('i-8', 'ami-shared')])], ec2InstanceImages: [images('us-east-1', [SHARED_PRIVATE])] }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'medium' });
        expect(outcomes[0]?.message).toContain('--trusted-accounts');
      },
    },
    {
      name: 'trusting another account does not trust every publisher',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-9' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [instance('i-9', 'ami-miner')])], ec2InstanceImages: [images('us-east-1', [COMMUNITY_MINER])] }),
      options: { trustedAccounts: [IMAGE_FACTORY] },
    },
    {
      name: 'an alias that is not an AWS-vouched provider is not trusted',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-10' }],
      slices: slices({
        ec2Instances: [instances('us-east-1', [instance('i-10', 'ami-self-alias')])],
        ec2InstanceImages: [images('us-east-1', [image('ami-self-alias', MINER_PUBLISHER, 'self', true)])],
      }),
    },
  ],
  unknown: [
    {
      name: 'deregistered AMI cannot be judged',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-11' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [instance('i-11', 'ami-gone')])], ec2InstanceImages: [images('us-east-1', [], ['ami-gone'])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('no longer visible');
        expect(outcomes[0]?.evidence['imageVisible']).toBe(false);
      },
    },
    {
      name: 'DescribeImages denied in the region',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-12' }],
      slices: slices({
        ec2Instances: [instances('us-east-1', [instance('i-12', 'ami-miner')])],
        ec2InstanceImages: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeImages') }],
      }),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ errorCode: 'UnauthorizedOperation', missingAction: 'ec2:DescribeImages' }),
    },
    {
      name: 'images of the region missing from the inventory',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-13' }],
      slices: slices({ ec2Instances: [instances('eu-west-1', [instance('i-13', 'ami-miner', 'running', 'eu-west-1')])], ec2InstanceImages: [] }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['errorCode']).toBe('NotCollected'),
    },
    {
      name: 'instance listing failed',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-east-1' }],
      slices: slices({ ec2Instances: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }], ec2InstanceImages: [] }),
    },
    {
      name: 'EC2 did not report the image id',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-14' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [instance('i-14', null)])], ec2InstanceImages: [images('us-east-1', [])] }),
    },
    { name: 'images slice failed', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: { ec2Instances: ok([instances('us-east-1', [])]), ec2InstanceImages: failed('AccessDenied', 'ec2:DescribeImages') } },
  ],
  notApplicable: [
    {
      name: 'no instance',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ec2Instances: [instances('us-east-1', [])], ec2InstanceImages: [images('us-east-1', [])] }),
    },
  ],
});
