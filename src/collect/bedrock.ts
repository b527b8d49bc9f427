/**
 * Bedrock: each region's model invocation logging configuration, one
 * GetModelInvocationLoggingConfiguration per region
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_GetModelInvocationLoggingConfiguration.html).
 *
 * Bedrock is not offered in every region, and AWS publishes a service endpoint only where it is
 * (https://docs.aws.amazon.com/general/latest/gr/bedrock.html): there the name
 * bedrock.<region>.amazonaws.com does not exist, and the lookup fails with ENOTFOUND (NXDOMAIN).
 * That answer is recorded as "not offered", not as a failure. A temporary resolver failure
 * (EAI_AGAIN), a refused or timed-out connection and every AWS error stay failures (unknown).
 */
import { GetModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import type { LoggingConfig } from '@aws-sdk/client-bedrock';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import type { BedrockInvocationLogging } from '../inventory/schema.js';
import { perRegion } from './ec2.js';
import type { CollectContext, SliceCollector } from './types.js';

type RegionLogging = Extract<BedrockInvocationLogging[number]['result'], { ok: true }>['data'];

/** bedrock.<region>.amazonaws.com (or .com.cn, and the -fips variants). */
const BEDROCK_HOST = /^bedrock(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

/** The host name of a failed lookup, when the error is a Node ENOTFOUND; undefined otherwise. */
export function unresolvedHost(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { code?: unknown; hostname?: unknown; cause?: unknown };
  if (e.code === 'ENOTFOUND' && typeof e.hostname === 'string') return e.hostname;
  return e.cause === undefined ? undefined : unresolvedHost(e.cause);
}

/** Thrown in place of ENOTFOUND inside the retry loop, so the SDK does not retry a name that does not exist. */
class EndpointNotFoundError extends Error {
  constructor(readonly hostname: string) {
    super(`${hostname} does not resolve`);
    this.name = 'EndpointNotFound';
  }
}

function failFastOnMissingEndpoint<Input extends object, Output extends object>(): FinalizeRequestMiddleware<Input, Output> {
  return (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      const host = unresolvedHost(error);
      if (host !== undefined) throw new EndpointNotFoundError(host);
      throw error;
    }
  };
}

export function toRegionLogging(config: LoggingConfig | undefined): RegionLogging['logging'] {
  const logGroup = config?.cloudWatchConfig?.logGroupName;
  const bucket = config?.s3Config?.bucketName;
  // AWS leaves loggingConfig out when logging was never set; emulators answer {} (moto). Either
  // way no log is written without a destination.
  if ((logGroup === undefined || logGroup === '') && (bucket === undefined || bucket === '')) return null;
  const prefix = config?.s3Config?.keyPrefix;
  const delivery: [string, boolean | undefined][] = [
    ['text', config?.textDataDeliveryEnabled],
    ['image', config?.imageDataDeliveryEnabled],
    ['embedding', config?.embeddingDataDeliveryEnabled],
    ['video', config?.videoDataDeliveryEnabled],
  ];
  return {
    cloudWatchLogGroup: logGroup === undefined || logGroup === '' ? null : logGroup,
    s3Destination: bucket === undefined || bucket === '' ? null : prefix === undefined || prefix === '' ? bucket : `${bucket}/${prefix}`,
    dataDelivery: delivery.filter(([, enabled]) => enabled === true).map(([kind]) => kind),
  };
}

async function readRegion(context: CollectContext, region: string): Promise<RegionLogging> {
  const command = new GetModelInvocationLoggingConfigurationCommand({});
  command.middlewareStack.addRelativeTo(failFastOnMissingEndpoint(), {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'breachmapFailFastOnMissingEndpoint',
  });
  try {
    const output = await context.limit(() => context.clients.bedrock(region).send(command));
    return { logging: toRegionLogging(output.loggingConfig), notOffered: null };
  } catch (error) {
    const host = error instanceof EndpointNotFoundError ? error.hostname : unresolvedHost(error);
    // Only Bedrock's own regional name counts: an unresolvable custom endpoint (--endpoint-url,
    // AWS_ENDPOINT_URL) says nothing about Bedrock and stays a failure.
    if (host === undefined || !BEDROCK_HOST.test(host)) throw error;
    return { logging: null, notOffered: `${host} does not resolve: Amazon Bedrock has no endpoint in ${region}` };
  }
}

export const bedrockInvocationLoggingCollector: SliceCollector<'bedrockInvocationLogging'> = {
  slice: 'bedrockInvocationLogging',
  collect: (context) => perRegion(context, 'bedrock:GetModelInvocationLoggingConfiguration', (region) => readRegion(context, region)),
};
