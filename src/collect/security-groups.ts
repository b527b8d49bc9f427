/**
 * Security groups, one paginated DescribeSecurityGroups listing per region. Only what the checks
 * judge is kept: each ingress permission's protocol, ports and IPv4/IPv6 ranges. Rule descriptions
 * are dropped (free text that can carry anything), and so are group references and prefix lists,
 * which never mean "the whole internet".
 */
import { DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import type { IpPermission, SecurityGroup as SdkSecurityGroup } from '@aws-sdk/client-ec2';
import type { SecurityGroup, SecurityGroupIngress } from '../inventory/schema.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';

const ACTION = 'ec2:DescribeSecurityGroups';

export function toIngress(permission: IpPermission): SecurityGroupIngress {
  return {
    ipProtocol: permission.IpProtocol ?? '-1',
    fromPort: permission.FromPort ?? null,
    toPort: permission.ToPort ?? null,
    ipv4Ranges: (permission.IpRanges ?? []).flatMap((range) => (range.CidrIp === undefined ? [] : [range.CidrIp])),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((range) => (range.CidrIpv6 === undefined ? [] : [range.CidrIpv6])),
  };
}

export function toSecurityGroup(group: SdkSecurityGroup, context: Pick<CollectContext, 'partition' | 'accountId'>, region: string): SecurityGroup[] {
  const id = group.GroupId;
  if (id === undefined) return [];
  return [
    {
      id,
      // The owner is the account that owns the group; in a shared VPC that may not be the caller.
      arn: `arn:${context.partition}:ec2:${region}:${group.OwnerId ?? context.accountId}:security-group/${id}`,
      name: group.GroupName ?? null,
      vpcId: group.VpcId ?? null,
      ingress: (group.IpPermissions ?? []).map(toIngress),
    },
  ];
}

async function collectRegionSecurityGroups(context: CollectContext, region: string): Promise<{ securityGroups: SecurityGroup[] }> {
  const client = context.clients.ec2(region);
  const securityGroups: SecurityGroup[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    // MaxResults turns on pagination (without it EC2 returns everything or fails on huge accounts).
    const page = await context.limit(() =>
      client.send(new DescribeSecurityGroupsCommand(token === undefined ? { MaxResults: 1000 } : { MaxResults: 1000, NextToken: token })),
    );
    for (const group of page.SecurityGroups ?? []) securityGroups.push(...toSecurityGroup(group, context, region));
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  return { securityGroups };
}

export const ec2SecurityGroupsCollector: SliceCollector<'ec2SecurityGroups'> = {
  slice: 'ec2SecurityGroups',
  collect: (context) =>
    Promise.all(
      context.regions.map(async (region) => ({ region, result: await settle(ACTION, () => collectRegionSecurityGroups(context, region)) })),
    ),
};
