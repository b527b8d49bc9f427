/**
 * EKS: each region's clusters (one paginated ListClusters) and, per cluster, DescribeCluster for
 * its API endpoint access (`resourcesVpcConfig`), which no listing carries. The per-cluster calls
 * run under the scan's concurrency bound and fail one by one.
 */
import { DescribeClusterCommand, ListClustersCommand } from '@aws-sdk/client-eks';
import type { EKSClient } from '@aws-sdk/client-eks';
import type { EksClusterEndpoint, EksClusters } from '../inventory/schema.js';
import { perRegion } from './ec2.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';

type RegionClusters = Extract<EksClusters[number]['result'], { ok: true }>['data'];

async function listClusterNames(context: CollectContext, client: EKSClient): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() => client.send(new ListClustersCommand(token === undefined ? {} : { nextToken: token })));
    names.push(...(page.clusters ?? []));
    nextToken = page.nextToken === undefined || page.nextToken === '' ? undefined : page.nextToken;
  } while (nextToken !== undefined);
  return [...new Set(names)].sort();
}

async function describeEndpoint(context: CollectContext, client: EKSClient, region: string, name: string): Promise<EksClusterEndpoint> {
  const output = await context.limit(() => client.send(new DescribeClusterCommand({ name })));
  const cluster = output.cluster;
  const vpc = cluster?.resourcesVpcConfig;
  return {
    arn: cluster?.arn ?? `arn:${context.partition}:eks:${region}:${context.accountId}:cluster/${name}`,
    version: cluster?.version ?? null,
    status: cluster?.status ?? null,
    endpointPublicAccess: vpc?.endpointPublicAccess ?? null,
    endpointPrivateAccess: vpc?.endpointPrivateAccess ?? null,
    publicAccessCidrs: vpc?.publicAccessCidrs ?? [],
  };
}

async function collectRegionClusters(context: CollectContext, region: string): Promise<RegionClusters> {
  const client = context.clients.eks(region);
  const names = await listClusterNames(context, client);
  const clusters = await Promise.all(
    names.map(async (name) => ({ name, endpoint: await settle('eks:DescribeCluster', () => describeEndpoint(context, client, region, name)) })),
  );
  return { clusters };
}

export const eksClustersCollector: SliceCollector<'eksClusters'> = {
  slice: 'eksClusters',
  collect: (context) => perRegion(context, 'eks:ListClusters', (region) => collectRegionClusters(context, region)),
};
