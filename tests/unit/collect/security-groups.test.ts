import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2SecurityGroupsCollector } from '../../../src/collect/security-groups.js';
import { ec2SecurityGroupsSchema } from '../../../src/inventory/schema.js';

import { buildCollectContext, ec2Error, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

describe('ec2SecurityGroupsCollector (mocked SDK)', () => {
  let ec2: AwsClientStub<EC2Client>;

  beforeAll(() => {
    ec2 = mockClient(EC2Client);
  });
  afterAll(() => {
    ec2.restore();
  });
  beforeEach(() => {
    ec2.reset();
  });

  it('follows NextToken with one listing per region and keeps only protocol, ports and ranges', async () => {
    ec2.on(DescribeSecurityGroupsCommand)
      .resolvesOnce({
        SecurityGroups: [
          {
            GroupId: 'sg-web',
            GroupName: 'web',
            VpcId: 'vpc-1',
            OwnerId: TEST_ACCOUNT_ID,
            Description: 'free text that is not kept',
            IpPermissions: [
              {
                IpProtocol: 'tcp',
                FromPort: 22,
                ToPort: 22,
                IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'temporary, remove me' }],
                Ipv6Ranges: [{ CidrIpv6: '::/0' }],
                UserIdGroupPairs: [{ GroupId: 'sg-lb' }],
              },
              { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/8' }] },
            ],
          },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ SecurityGroups: [{ GroupId: 'sg-empty', OwnerId: '210987654321' }, { GroupName: 'no-id' }] });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await ec2SecurityGroupsCollector.collect(context);

    const calls = ec2.commandCalls(DescribeSecurityGroupsCommand);
    expect(calls.map((call) => call.args[0].input)).toEqual([{ MaxResults: 1000 }, { MaxResults: 1000, NextToken: 'page-2' }]);
    expect(regionResult(result, 'us-east-1')).toEqual({
      ok: true,
      data: {
        securityGroups: [
          {
            id: 'sg-web',
            arn: `arn:aws:ec2:us-east-1:${TEST_ACCOUNT_ID}:security-group/sg-web`,
            name: 'web',
            vpcId: 'vpc-1',
            ingress: [
              { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'] },
              { ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: [] },
            ],
          },
          // A group shared into the VPC by another account keeps its owner in the ARN.
          { id: 'sg-empty', arn: 'arn:aws:ec2:us-east-1:210987654321:security-group/sg-empty', name: null, vpcId: null, ingress: [] },
        ],
      },
    });
    expect(JSON.stringify(result)).not.toContain('remove me');
    expect(ec2SecurityGroupsSchema.safeParse(result).success).toBe(true);
  });

  it('records AccessDenied in one region and keeps the other', async () => {
    const { context } = buildCollectContext({ regions: ['eu-west-1', 'us-east-1'] });
    ec2.on(DescribeSecurityGroupsCommand).callsFake(async (_input, getClient: () => EC2Client) => {
      const region = await getClient().config.region();
      if (region === 'eu-west-1') throw ec2Error('UnauthorizedOperation', 403);
      return { SecurityGroups: [{ GroupId: 'sg-1' }] };
    });

    const result = await ec2SecurityGroupsCollector.collect(context);

    expect(regionResult(result, 'eu-west-1')).toEqual({
      ok: false,
      error: {
        code: 'UnauthorizedOperation',
        message: 'access denied: the scanning identity lacks ec2:DescribeSecurityGroups',
        action: 'ec2:DescribeSecurityGroups',
      },
    });
    expect(regionResult(result, 'us-east-1').ok).toBe(true);
  });

  it('turns throttling past retries into a failed region, not a failed scan', async () => {
    ec2.on(DescribeSecurityGroupsCommand).rejects(ec2Error('RequestLimitExceeded', 503, 3));
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await ec2SecurityGroupsCollector.collect(context);

    expect(regionResult(result, 'us-east-1')).toEqual({
      ok: false,
      error: {
        code: 'RequestLimitExceeded',
        message: 'throttled by AWS after all retries (ec2:DescribeSecurityGroups)',
        action: 'ec2:DescribeSecurityGroups',
      },
    });
  });
});
