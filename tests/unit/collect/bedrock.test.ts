import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { BedrockClient, BedrockServiceException, GetModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { bedrockInvocationLoggingCollector, toRegionLogging } from '../../../src/collect/bedrock.js';
import { bedrockInvocationLoggingSchema, SLICES } from '../../../src/inventory/schema.js';
import { buildCollectContext, okData, regionResult } from '../../helpers/collect-context.js';

function bedrockError(name: string, httpStatusCode: number, attempts = 1): BedrockServiceException {
  return new BedrockServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

/** What Node's resolver throws for a name that does not exist. */
function dnsError(code: 'ENOTFOUND' | 'EAI_AGAIN', hostname: string): Error {
  return Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname, syscall: 'getaddrinfo' });
}

describe('toRegionLogging', () => {
  it('reads a destination and the data delivered; no destination (AWS: no loggingConfig; moto: {}) is off', () => {
    expect(
      toRegionLogging({
        cloudWatchConfig: { logGroupName: '/bedrock/invocations', roleArn: 'arn:aws:iam::123456789012:role/BedrockLogging' },
        s3Config: { bucketName: 'bedrock-logs', keyPrefix: 'invocations' },
        textDataDeliveryEnabled: true,
        imageDataDeliveryEnabled: false,
        embeddingDataDeliveryEnabled: true,
      }),
    ).toEqual({ cloudWatchLogGroup: '/bedrock/invocations', s3Destination: 'bedrock-logs/invocations', dataDelivery: ['text', 'embedding'] });
    expect(toRegionLogging(undefined)).toBeNull();
    expect(toRegionLogging({})).toBeNull();
    expect(toRegionLogging({ textDataDeliveryEnabled: true })).toBeNull();
  });
});

describe('bedrockInvocationLoggingCollector (mocked SDK)', () => {
  let bedrock: AwsClientStub<BedrockClient>;
  beforeAll(() => {
    bedrock = mockClient(BedrockClient);
  });
  afterAll(() => bedrock.restore());
  beforeEach(() => bedrock.reset());

  it('reads each region once with the slice\'s only action; a missing endpoint is "not offered", other failures stay failures', async () => {
    bedrock.on(GetModelInvocationLoggingConfigurationCommand).callsFake(async (_input, getClient) => {
      const region = await getClient().config.region();
      switch (region) {
        case 'us-east-1':
          return { loggingConfig: { s3Config: { bucketName: 'bedrock-logs' }, textDataDeliveryEnabled: true } };
        case 'eu-west-1':
          return {};
        case 'ap-southeast-5':
          throw dnsError('ENOTFOUND', `bedrock.${region}.amazonaws.com`);
        case 'ca-west-1':
          throw dnsError('EAI_AGAIN', `bedrock.${region}.amazonaws.com`);
        case 'eu-north-1':
          throw dnsError('ENOTFOUND', 'emulator.invalid');
        case 'sa-east-1':
          throw bedrockError('AccessDeniedException', 403);
        default:
          throw bedrockError('ThrottlingException', 429, 3);
      }
    });
    const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-5', 'ca-west-1', 'eu-north-1', 'sa-east-1', 'ap-south-1'];
    const { context } = buildCollectContext({ regions });

    const result = await bedrockInvocationLoggingCollector.collect(context);

    expect(SLICES.bedrockInvocationLogging.actions).toEqual(['bedrock:GetModelInvocationLoggingConfiguration']);
    expect(bedrock.calls()).toHaveLength(regions.length);
    expect(bedrockInvocationLoggingSchema.safeParse(result).success).toBe(true);
    expect(okData(regionResult(result, 'us-east-1'))).toEqual({ logging: { cloudWatchLogGroup: null, s3Destination: 'bedrock-logs', dataDelivery: ['text'] }, notOffered: null });
    expect(okData(regionResult(result, 'eu-west-1'))).toEqual({ logging: null, notOffered: null });
    expect(okData(regionResult(result, 'ap-southeast-5'))).toEqual({
      logging: null,
      notOffered: 'bedrock.ap-southeast-5.amazonaws.com does not resolve: Amazon Bedrock has no endpoint in ap-southeast-5',
    });
    // A resolver that failed for now, or an unresolvable custom endpoint, says nothing about Bedrock.
    expect(regionResult(result, 'ca-west-1')).toMatchObject({ ok: false });
    expect(regionResult(result, 'eu-north-1')).toMatchObject({ ok: false });
    expect(regionResult(result, 'sa-east-1')).toEqual({
      ok: false,
      error: {
        code: 'AccessDeniedException',
        message: 'access denied: the scanning identity lacks bedrock:GetModelInvocationLoggingConfiguration',
        action: 'bedrock:GetModelInvocationLoggingConfiguration',
      },
    });
    expect(regionResult(result, 'ap-south-1')).toMatchObject({
      ok: false,
      error: { code: 'ThrottlingException', message: 'throttled by AWS after all retries (bedrock:GetModelInvocationLoggingConfiguration)' },
    });
  });
});

describe('bedrockInvocationLoggingCollector (SDK stack, fake wire)', () => {
  it('does not retry a Bedrock host name that does not exist', async () => {
    const hosts: string[] = [];
    const { context, clients } = buildCollectContext({
      regions: ['ap-southeast-5'],
      maxAttempts: 3,
      requestHandler: {
        handle: (request: { hostname: string }) => {
          hosts.push(request.hostname);
          // The resolver's answer for the regional name (the test environment may point the SDK elsewhere).
          return Promise.reject(dnsError('ENOTFOUND', 'bedrock.ap-southeast-5.amazonaws.com'));
        },
      },
    });
    try {
      const result = await bedrockInvocationLoggingCollector.collect(context);
      expect(hosts).toHaveLength(1);
      expect(okData(regionResult(result, 'ap-southeast-5')).notOffered).toContain('bedrock.ap-southeast-5.amazonaws.com does not resolve');
    } finally {
      clients.destroy();
    }
  });
});
