import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand, EC2Client, GetManagedPrefixListEntriesCommand } from '@aws-sdk/client-ec2';
import { ec2SecurityGroupsCollector } from '../../../src/collect/security-groups.js';
import { ec2SecurityGroupsSchema } from '../../../src/inventory/schema.js';

import { buildCollectContext, ec2Error, okData, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

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
              { ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipv4Ranges: ['0.0.0.0/0'], ipv6Ranges: ['::/0'], prefixListIds: [] },
              { ipProtocol: '-1', fromPort: null, toPort: null, ipv4Ranges: ['10.0.0.0/8'], ipv6Ranges: [], prefixListIds: [] },
            ],
          },
          // A group shared into the VPC by another account keeps its owner in the ARN.
          { id: 'sg-empty', arn: 'arn:aws:ec2:us-east-1:210987654321:security-group/sg-empty', name: null, vpcId: null, ingress: [] },
        ],
        // No rule references a prefix list: none is described or read.
        prefixLists: { ok: true, data: [] },
      },
    });
    expect(JSON.stringify(result)).not.toContain('remove me');
    expect(ec2SecurityGroupsSchema.safeParse(result).success).toBe(true);
    expect(ec2.commandCalls(DescribeManagedPrefixListsCommand)).toHaveLength(0);
    expect(ec2.commandCalls(GetManagedPrefixListEntriesCommand)).toHaveLength(0);
  });

  describe('prefix lists referenced by ingress rules', () => {
    const groupsReferencing = (...ids: string[]) => ({
      SecurityGroups: [
        {
          GroupId: 'sg-pl',
          IpPermissions: [
            { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, PrefixListIds: ids.map((id) => ({ PrefixListId: id, Description: 'office VPN, ask Bob' })) },
            { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, PrefixListIds: ids.slice(0, 1).map((id) => ({ PrefixListId: id })) },
          ],
        },
      ],
    });

    it('describes the region\'s lists once (all pages) and reads entries (all pages) only for the referenced ones', async () => {
      ec2.on(DescribeSecurityGroupsCommand).resolves(groupsReferencing('pl-office', 'pl-s3'));
      ec2.on(DescribeManagedPrefixListsCommand)
        .resolvesOnce({
          PrefixLists: [
            { PrefixListId: 'pl-office', PrefixListName: 'office', OwnerId: TEST_ACCOUNT_ID, AddressFamily: 'IPv4' },
            { PrefixListId: 'pl-unused', PrefixListName: 'unused', OwnerId: TEST_ACCOUNT_ID, AddressFamily: 'IPv6' },
          ],
          NextToken: 'lists-2',
        })
        .resolvesOnce({ PrefixLists: [{ PrefixListId: 'pl-s3', PrefixListName: 'com.amazonaws.us-east-1.s3', OwnerId: 'AWS', AddressFamily: 'IPv4' }] });
      ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-office' })
        .resolvesOnce({ Entries: [{ Cidr: '198.51.100.0/24', Description: 'HQ, door code 1234' }], NextToken: 'entries-2' })
        .resolvesOnce({ Entries: [{ Cidr: '0.0.0.0/1' }, { Description: 'no cidr' }] });
      ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-s3' }).resolves({ Entries: [{ Cidr: '52.216.0.0/15' }] });
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const result = await ec2SecurityGroupsCollector.collect(context);

      const data = okData(regionResult(result, 'us-east-1'));
      expect(data.securityGroups[0]?.ingress.map((rule) => rule.prefixListIds)).toEqual([['pl-office', 'pl-s3'], ['pl-office']]);
      expect(data.prefixLists).toEqual({
        ok: true,
        data: [
          { id: 'pl-office', name: 'office', ownerId: TEST_ACCOUNT_ID, addressFamily: 'IPv4', cidrs: { ok: true, data: ['198.51.100.0/24', '0.0.0.0/1'] } },
          { id: 'pl-s3', name: 'com.amazonaws.us-east-1.s3', ownerId: 'AWS', addressFamily: 'IPv4', cidrs: { ok: true, data: ['52.216.0.0/15'] } },
        ],
      });
      expect(ec2.commandCalls(DescribeManagedPrefixListsCommand).map((call) => call.args[0].input)).toEqual([{ MaxResults: 100 }, { MaxResults: 100, NextToken: 'lists-2' }]);
      const entryCalls = ec2.commandCalls(GetManagedPrefixListEntriesCommand).map((call) => call.args[0].input);
      expect(entryCalls).toHaveLength(3);
      expect(entryCalls).toEqual(
        expect.arrayContaining([
          { PrefixListId: 'pl-office', MaxResults: 100 },
          { PrefixListId: 'pl-office', MaxResults: 100, NextToken: 'entries-2' },
          { PrefixListId: 'pl-s3', MaxResults: 100 },
        ]),
      );
      expect(entryCalls.map((input) => input.PrefixListId)).not.toContain('pl-unused');
      // Descriptions of rules and entries are free text: never kept.
      expect(JSON.stringify(result)).not.toMatch(/Bob|door code/);
      expect(ec2SecurityGroupsSchema.safeParse(result).success).toBe(true);
    });

    it('keeps the groups and marks the lists failed, naming the action, when DescribeManagedPrefixLists is denied', async () => {
      ec2.on(DescribeSecurityGroupsCommand).resolves(groupsReferencing('pl-office'));
      ec2.on(DescribeManagedPrefixListsCommand).rejects(ec2Error('UnauthorizedOperation', 403));
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const data = okData(regionResult(await ec2SecurityGroupsCollector.collect(context), 'us-east-1'));

      expect(data.securityGroups).toHaveLength(1);
      expect(data.prefixLists).toEqual({
        ok: false,
        error: {
          code: 'UnauthorizedOperation',
          message: 'access denied: the scanning identity lacks ec2:DescribeManagedPrefixLists',
          action: 'ec2:DescribeManagedPrefixLists',
        },
      });
      expect(ec2.commandCalls(GetManagedPrefixListEntriesCommand)).toHaveLength(0);
    });

    it('fails one list\'s entries on throttling or denial and keeps the other list', async () => {
      ec2.on(DescribeSecurityGroupsCommand).resolves(groupsReferencing('pl-a', 'pl-b', 'pl-c'));
      ec2.on(DescribeManagedPrefixListsCommand).resolves({
        PrefixLists: ['pl-a', 'pl-b', 'pl-c'].map((id) => ({ PrefixListId: id, PrefixListName: id, AddressFamily: 'IPv4' })),
      });
      ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-a' }).rejects(ec2Error('RequestLimitExceeded', 503, 3));
      ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-b' }).rejects(ec2Error('UnauthorizedOperation', 403));
      ec2.on(GetManagedPrefixListEntriesCommand, { PrefixListId: 'pl-c' }).resolves({ Entries: [{ Cidr: '10.0.0.0/8' }] });
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const lists = okData(okData(regionResult(await ec2SecurityGroupsCollector.collect(context), 'us-east-1')).prefixLists);

      expect(lists.map((list) => [list.id, list.cidrs])).toEqual([
        ['pl-a', { ok: false, error: { code: 'RequestLimitExceeded', message: 'throttled by AWS after all retries (ec2:GetManagedPrefixListEntries)', action: 'ec2:GetManagedPrefixListEntries' } }],
        ['pl-b', { ok: false, error: { code: 'UnauthorizedOperation', message: 'access denied: the scanning identity lacks ec2:GetManagedPrefixListEntries', action: 'ec2:GetManagedPrefixListEntries' } }],
        ['pl-c', { ok: true, data: ['10.0.0.0/8'] }],
      ]);
    });

    it('marks a referenced list that DescribeManagedPrefixLists does not return as unknown, without asking for its entries', async () => {
      ec2.on(DescribeSecurityGroupsCommand).resolves(groupsReferencing('pl-gone'));
      ec2.on(DescribeManagedPrefixListsCommand).resolves({ PrefixLists: [] });
      ec2.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: [] });
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const lists = okData(okData(regionResult(await ec2SecurityGroupsCollector.collect(context), 'us-east-1')).prefixLists);

      expect(lists).toEqual([
        {
          id: 'pl-gone',
          name: null,
          ownerId: null,
          addressFamily: null,
          cidrs: { ok: false, error: { code: 'PrefixListNotFound', message: 'prefix list pl-gone is not among the lists ec2:DescribeManagedPrefixLists returns', action: 'ec2:DescribeManagedPrefixLists' } },
        },
      ]);
      expect(ec2.commandCalls(GetManagedPrefixListEntriesCommand)).toHaveLength(0);
    });
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
