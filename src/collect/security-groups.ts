/**
 * Security groups, one paginated DescribeSecurityGroups listing per region. Only what the checks
 * judge is kept: each ingress permission's protocol, ports, IPv4/IPv6 ranges and the managed prefix
 * lists it admits. Rule descriptions are dropped (free text that can carry anything), and so are
 * group references, which never mean "the internet" (they admit members' private addresses).
 *
 * A rule that names a prefix list admits every CIDR among the list's entries
 * (https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html), so those entries
 * are read too, for the lists the region's rules reference and no others: one paginated
 * DescribeManagedPrefixLists per region (only when some rule references a list), then
 * GetManagedPrefixListEntries per referenced list. Customer-managed, shared and AWS-managed
 * (com.amazonaws.…) lists are all read the same way.
 */
import { DescribeManagedPrefixListsCommand, DescribeSecurityGroupsCommand, GetManagedPrefixListEntriesCommand } from '@aws-sdk/client-ec2';
import type { EC2Client, IpPermission, ManagedPrefixList as SdkManagedPrefixList, SecurityGroup as SdkSecurityGroup } from '@aws-sdk/client-ec2';
import type { Collected, ManagedPrefixList, SecurityGroup, SecurityGroupIngress, SecurityGroupsRegion } from '../inventory/schema.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';

const ACTION = 'ec2:DescribeSecurityGroups';
const DESCRIBE_PREFIX_LISTS = 'ec2:DescribeManagedPrefixLists';
const GET_ENTRIES = 'ec2:GetManagedPrefixListEntries';

export function toIngress(permission: IpPermission): SecurityGroupIngress {
  return {
    ipProtocol: permission.IpProtocol ?? '-1',
    fromPort: permission.FromPort ?? null,
    toPort: permission.ToPort ?? null,
    ipv4Ranges: (permission.IpRanges ?? []).flatMap((range) => (range.CidrIp === undefined ? [] : [range.CidrIp])),
    ipv6Ranges: (permission.Ipv6Ranges ?? []).flatMap((range) => (range.CidrIpv6 === undefined ? [] : [range.CidrIpv6])),
    prefixListIds: (permission.PrefixListIds ?? []).flatMap((list) => (list.PrefixListId === undefined ? [] : [list.PrefixListId])),
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

async function listSecurityGroups(context: CollectContext, client: EC2Client, region: string): Promise<SecurityGroup[]> {
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
  return securityGroups;
}

/**
 * Every prefix list the caller can see in the region (its own, those shared with it, AWS's). No
 * id filter: DescribeManagedPrefixLists with PrefixListIds fails as a whole on one unknown id.
 */
async function describePrefixLists(context: CollectContext, client: EC2Client): Promise<SdkManagedPrefixList[]> {
  const lists: SdkManagedPrefixList[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() =>
      client.send(new DescribeManagedPrefixListsCommand(token === undefined ? { MaxResults: 100 } : { MaxResults: 100, NextToken: token })),
    );
    lists.push(...(page.PrefixLists ?? []));
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  return lists;
}

async function readEntries(context: CollectContext, client: EC2Client, prefixListId: string): Promise<Collected<string[]>> {
  return settle(GET_ENTRIES, async () => {
    const cidrs: string[] = [];
    let nextToken: string | undefined;
    do {
      const token = nextToken;
      const page = await context.limit(() =>
        client.send(
          new GetManagedPrefixListEntriesCommand(token === undefined ? { PrefixListId: prefixListId, MaxResults: 100 } : { PrefixListId: prefixListId, MaxResults: 100, NextToken: token }),
        ),
      );
      for (const entry of page.Entries ?? []) if (entry.Cidr !== undefined) cidrs.push(entry.Cidr);
      nextToken = page.NextToken === '' ? undefined : page.NextToken;
    } while (nextToken !== undefined);
    return cidrs;
  });
}

/** The ids referenced by the groups' ingress permissions, in first-seen order. */
export function referencedPrefixListIds(groups: readonly SecurityGroup[]): string[] {
  return [...new Set(groups.flatMap((group) => group.ingress.flatMap((rule) => rule.prefixListIds)))];
}

async function collectReferencedPrefixLists(context: CollectContext, client: EC2Client, ids: readonly string[]): Promise<Collected<ManagedPrefixList[]>> {
  if (ids.length === 0) return { ok: true, data: [] };
  const described = await settle(DESCRIBE_PREFIX_LISTS, () => describePrefixLists(context, client));
  if (!described.ok) return described;
  const lists = await Promise.all(
    ids.map(async (id): Promise<ManagedPrefixList> => {
      const found = described.data.find((list) => list.PrefixListId === id);
      if (found === undefined) {
        // Not visible to this account (deleted, or no longer shared with it). Entries are not asked
        // for: an emulator answers an unknown id with an empty list, which would read as "closed".
        return {
          id,
          name: null,
          ownerId: null,
          addressFamily: null,
          cidrs: {
            ok: false,
            error: { code: 'PrefixListNotFound', message: `prefix list ${id} is not among the lists ${DESCRIBE_PREFIX_LISTS} returns`, action: DESCRIBE_PREFIX_LISTS },
          },
        };
      }
      return {
        id,
        name: found.PrefixListName ?? null,
        ownerId: found.OwnerId ?? null,
        addressFamily: found.AddressFamily ?? null,
        cidrs: await readEntries(context, client, id),
      };
    }),
  );
  return { ok: true, data: lists };
}

async function collectRegionSecurityGroups(context: CollectContext, region: string): Promise<SecurityGroupsRegion> {
  const client = context.clients.ec2(region);
  const securityGroups = await listSecurityGroups(context, client, region);
  const prefixLists = await collectReferencedPrefixLists(context, client, referencedPrefixListIds(securityGroups));
  return { securityGroups, prefixLists };
}

export const ec2SecurityGroupsCollector: SliceCollector<'ec2SecurityGroups'> = {
  slice: 'ec2SecurityGroups',
  collect: (context) =>
    Promise.all(
      context.regions.map(async (region) => ({ region, result: await settle(ACTION, () => collectRegionSecurityGroups(context, region)) })),
    ),
};
