import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeClusterCommand, EKSClient, EKSServiceException, ListClustersCommand } from '@aws-sdk/client-eks';
import { eksClustersCollector } from '../../../src/collect/eks.js';
import { eksClustersSchema, SLICES } from '../../../src/inventory/schema.js';
import { buildCollectContext, okData, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

function eksError(name: string, httpStatusCode: number, attempts = 1): EKSServiceException {
  return new EKSServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

const arnOf = (name: string) => `arn:aws:eks:us-east-1:${TEST_ACCOUNT_ID}:cluster/${name}`;

describe('eksClustersCollector (mocked SDK)', () => {
  let eks: AwsClientStub<EKSClient>;
  beforeAll(() => {
    eks = mockClient(EKSClient);
  });
  afterAll(() => eks.restore());
  beforeEach(() => eks.reset());

  it('follows nextToken, describes each cluster once and keeps only the endpoint access', async () => {
    eks.on(ListClustersCommand).resolvesOnce({ clusters: ['prod'], nextToken: 't2' }).resolvesOnce({ clusters: ['dev'] });
    eks.on(DescribeClusterCommand, { name: 'prod' }).resolves({
      cluster: {
        name: 'prod',
        arn: arnOf('prod'),
        version: '1.31',
        status: 'ACTIVE',
        resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'], subnetIds: ['subnet-1'] },
      },
    });
    eks.on(DescribeClusterCommand, { name: 'dev' }).resolves({ cluster: { name: 'dev', arn: arnOf('dev'), resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true } } });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await eksClustersCollector.collect(context);

    expect(SLICES.eksClusters.actions).toEqual(['eks:ListClusters', 'eks:DescribeCluster']);
    expect(eks.calls().every((call) => call.args[0] instanceof ListClustersCommand || call.args[0] instanceof DescribeClusterCommand)).toBe(true);
    expect(eks.commandCalls(ListClustersCommand).map((c) => c.args[0].input)).toEqual([{}, { nextToken: 't2' }]);
    expect(eks.commandCalls(DescribeClusterCommand).map((c) => c.args[0].input.name).sort()).toEqual(['dev', 'prod']);
    expect(eksClustersSchema.safeParse(result).success).toBe(true);
    expect(okData(regionResult(result, 'us-east-1')).clusters).toEqual([
      { name: 'dev', endpoint: { ok: true, data: { arn: arnOf('dev'), version: null, status: null, endpointPublicAccess: false, endpointPrivateAccess: true, publicAccessCidrs: [] } } },
      { name: 'prod', endpoint: { ok: true, data: { arn: arnOf('prod'), version: '1.31', status: 'ACTIVE', endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] } } },
    ]);
  });

  it('fails one cluster when DescribeCluster is refused or throttled, and a region when ListClusters is', async () => {
    eks.on(ListClustersCommand).callsFake(async (_input, getClient) => {
      const name = await getClient().config.region();
      if (name === 'eu-west-1') throw eksError('AccessDeniedException', 403);
      return { clusters: ['denied', 'slow'] };
    });
    eks.on(DescribeClusterCommand, { name: 'denied' }).rejects(eksError('AccessDeniedException', 403));
    eks.on(DescribeClusterCommand, { name: 'slow' }).rejects(eksError('ThrottlingException', 400, 3));
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'] });

    const result = await eksClustersCollector.collect(context);

    expect(regionResult(result, 'eu-west-1')).toEqual({
      ok: false,
      error: { code: 'AccessDeniedException', message: 'access denied: the scanning identity lacks eks:ListClusters', action: 'eks:ListClusters' },
    });
    expect(okData(regionResult(result, 'us-east-1')).clusters.map((c) => c.endpoint)).toEqual([
      { ok: false, error: { code: 'AccessDeniedException', message: 'access denied: the scanning identity lacks eks:DescribeCluster', action: 'eks:DescribeCluster' } },
      { ok: false, error: { code: 'ThrottlingException', message: 'throttled by AWS after all retries (eks:DescribeCluster)', action: 'eks:DescribeCluster' } },
    ]);
  });
});
