/**
 * The one place AWS SDK clients are built. Every client gets the same credentials (the SDK's
 * default chain or a named profile, SSO included), the read-only guard, the call recorder, steady
 * retries (retry.ts) and the per-service budgets (service-budgets.ts): calls in flight per service
 * and region, a token bucket per metered API, and one global bound on attempts on the wire. AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> keep working
 * because no client sets an explicit endpoint unless `--endpoint-url` is given.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { BedrockClient } from '@aws-sdk/client-bedrock';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { RDSClient } from '@aws-sdk/client-rds';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import pLimit from 'p-limit';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, Logger, MiddlewareStack } from '@smithy/types';
import { ACTION_PROPERTY, iamActionFor, isReadOnlyOperation, MutatingOperationError } from './readonly.js';
import type { CallRecorder } from './recorder.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './defaults.js';
import { SteadyRetryStrategy } from './retry.js';
import { sdkErrorShape } from './sdk-error.js';
import { DEFAULT_CONCURRENCY, serviceBudget } from './service-budgets.js';
import { TokenBucket } from './token-bucket.js';

export interface ClientOptions {
  /** A named profile from ~/.aws/config (SSO profiles included). Undefined: the default chain. */
  profile?: string;
  /** Explicit credentials (e.g. an assumed role); overrides the profile. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Path-style S3 addressing, for local emulators. */
  s3PathStyle: boolean;
  /**
   * `--endpoint-url`: one endpoint for every service, as the AWS CLI's flag. It is the client's
   * `endpoint`, which the SDK's endpoint rules treat as AWS_ENDPOINT_URL is treated (S3 Control
   * still puts the account id in front of the host), and it wins over AWS_ENDPOINT_URL_<SERVICE>.
   */
  endpointUrl?: string;
  maxAttempts: number;
  /** Region for global services (IAM, STS, S3 Control). */
  homeRegion: string;
  recorder: CallRecorder;
  /** Replaces the HTTP layer (tests inject canned wire responses to exercise real SDK retries). */
  requestHandler?: NodeHttpHandler;
  /** How long one HTTP attempt may wait for an answer before it is abandoned (and retried). */
  requestTimeoutMs?: number;
  /**
   * Most calls in flight to one service in one region (`--service-concurrency`) for every service.
   * Undefined: each service's own budget (SERVICE_BUDGETS: S3 wide, IAM narrow). AWS throttles per
   * account, region and API, so this keeps one busy service from taking every slot.
   */
  serviceConcurrency?: number;
  /**
   * Most HTTP attempts on the wire at once for this account (`--concurrency`), taken only while an
   * attempt is sent, never while a call waits for its service slot, a token or a backoff, so one
   * service waiting on its budget never starves another. Default DEFAULT_CONCURRENCY.
   */
  concurrency?: number;
  /** Off in tests that count raw attempts; default on: the per-API token buckets of SERVICE_BUDGETS. */
  rateLimits?: boolean;
}

/**
 * Resolves `*.localhost` to loopback as RFC 6761 asks. S3 Control prefixes the host with the
 * account id ("123456789012.localhost"), which glibc does not resolve, so a local emulator
 * endpoint would otherwise be unreachable. Every other name goes to the system resolver.
 */
function rfc6761Lookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  const target = hostname.endsWith('.localhost') ? 'localhost' : hostname;
  dnsLookup(target, options, callback);
}

/** How many SDK debug lines the credential trace keeps: the chain logs about 30 per resolution. */
const CREDENTIAL_TRACE_LINES = 200;

/**
 * The SDK's default credential chain ends with "Could not load credentials from any providers" and
 * drops why each provider failed, so a profile whose `source_profile` is missing or whose
 * `credential_process` fails looks like "no credentials". The providers do log their reasons at
 * debug level, between the chain's "defaultProvider::fromIni" and "defaultProvider::fromProcess"
 * markers; this logger (given to the STS client only, the first to resolve credentials) keeps
 * those lines so the CLI can show the real reason.
 */
export class CredentialTrace implements Logger {
  private readonly lines: string[] = [];

  debug(...content: unknown[]): void {
    if (this.lines.length < CREDENTIAL_TRACE_LINES) this.lines.push(content.map(String).join(' '));
  }
  info(): void {}
  warn(): void {}
  error(): void {}
  trace(): void {}

  /** The named profile's own failure (fromIni's last reason), in one line; undefined when none was logged. */
  profileFailure(): string | undefined {
    const start = this.lines.findIndex((line) => line.includes('defaultProvider::fromIni'));
    if (start < 0) return undefined;
    const end = this.lines.findIndex((line, index) => index > start && line.includes('defaultProvider::'));
    const reasons = this.lines
      .slice(start + 1, end < 0 ? undefined : end)
      .map((line) => /^@smithy\/property-provider (?:->|\(!\)) ([\s\S]*)$/.exec(line)?.[1])
      .filter((reason): reason is string => reason !== undefined && reason.trim() !== '');
    const last = reasons.at(-1);
    return last === undefined ? undefined : oneLine(last);
  }
}

/** "Command failed: cmd\nstderr text\n" → "Command failed: cmd: stderr text". */
function oneLine(text: string): string {
  const parts = text.split(/\r?\n/).map((part) => part.trim()).filter((part) => part !== '');
  // Other control characters are the CLI's to neutralise (sanitizeInline on every error line).
  return parts.join(': ').slice(0, 400);
}

export class ClientFactory {
  private readonly handler: NodeHttpHandler;
  /** Why the credential chain failed, as the SDK logged it (see CredentialTrace). */
  readonly credentialTrace = new CredentialTrace();
  private readonly cache = new Map<string, unknown>();
  private readonly serviceLimits = new Map<string, ReturnType<typeof pLimit>>();
  private readonly rateBuckets = new Map<string, TokenBucket>();
  private readonly wireLimit: ReturnType<typeof pLimit>;

  constructor(private readonly options: ClientOptions) {
    this.wireLimit = pLimit(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY));
    const sockets = Math.max(50, options.concurrency ?? DEFAULT_CONCURRENCY);
    this.handler = options.requestHandler ?? new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: sockets, lookup: rfc6761Lookup }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: sockets, lookup: rfc6761Lookup }),
      connectionTimeout: 5_000,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Without this the handler only logs a warning when the timeout passes and keeps waiting, so
      // an endpoint that never answers would hang the scan (found by the fault matrix). As an
      // error (TimeoutError) the attempt is retried, and the last one becomes an `unknown` reason.
      throwOnRequestTimeout: true,
    });
  }

  get homeRegion(): string {
    return this.options.homeRegion;
  }

  private common(region: string) {
    const config: {
      region: string;
      retryStrategy: SteadyRetryStrategy;
      maxAttempts: number;
      requestHandler: NodeHttpHandler;
      profile?: string;
      credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
      endpoint?: string;
    } = { region, retryStrategy: new SteadyRetryStrategy({ maxAttempts: this.options.maxAttempts }), maxAttempts: this.options.maxAttempts, requestHandler: this.handler };
    if (this.options.endpointUrl !== undefined) config.endpoint = this.options.endpointUrl;
    if (this.options.credentials !== undefined) config.credentials = this.options.credentials;
    else if (this.options.profile !== undefined) config.profile = this.options.profile;
    return config;
  }

  private cached<T extends { middlewareStack: unknown }>(key: string, service: string, region: string, build: () => T): T {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit as T;
    const client = build();
    instrument(client.middlewareStack, service, region, this.options.recorder, this.serviceLimit(service, region), {
      wireLimit: this.wireLimit,
      rateBucket: (operation) => this.rateBucket(service, region, operation),
    });
    this.cache.set(key, client);
    return client;
  }

  iam(): IAMClient {
    const region = this.options.homeRegion;
    return this.cached('iam', 'iam', region, () => new IAMClient(this.common(region)));
  }

  sts(): STSClient {
    const region = this.options.homeRegion;
    return this.cached('sts', 'sts', region, () => new STSClient({ ...this.common(region), logger: this.credentialTrace }));
  }

  s3(region: string): S3Client {
    return this.cached(`s3:${region}`, 's3', region, () =>
      new S3Client({ ...this.common(region), forcePathStyle: this.options.s3PathStyle, followRegionRedirects: true }),
    );
  }

  s3Control(): S3ControlClient {
    const region = this.options.homeRegion;
    return this.cached('s3control', 's3control', region, () => new S3ControlClient(this.common(region)));
  }

  ec2(region: string): EC2Client {
    return this.cached(`ec2:${region}`, 'ec2', region, () => new EC2Client(this.common(region)));
  }

  cloudtrail(region: string): CloudTrailClient {
    return this.cached(`cloudtrail:${region}`, 'cloudtrail', region, () => new CloudTrailClient(this.common(region)));
  }

  guardduty(region: string): GuardDutyClient {
    return this.cached(`guardduty:${region}`, 'guardduty', region, () => new GuardDutyClient(this.common(region)));
  }

  lambda(region: string): LambdaClient {
    return this.cached(`lambda:${region}`, 'lambda', region, () => new LambdaClient(this.common(region)));
  }

  rds(region: string): RDSClient {
    return this.cached(`rds:${region}`, 'rds', region, () => new RDSClient(this.common(region)));
  }

  eks(region: string): EKSClient {
    return this.cached(`eks:${region}`, 'eks', region, () => new EKSClient(this.common(region)));
  }

  bedrock(region: string): BedrockClient {
    return this.cached(`bedrock:${region}`, 'bedrock', region, () => new BedrockClient(this.common(region)));
  }

  /** AWS Organizations is global; its API lives in the partition's home region (us-east-1 for aws). */
  organizations(): OrganizationsClient {
    const region = this.options.homeRegion;
    return this.cached('organizations', 'organizations', region, () => new OrganizationsClient(this.common(region)));
  }

  /** One limiter per service and region, shared by every client of that pair. */
  private serviceLimit(service: string, region: string): ReturnType<typeof pLimit> {
    const bound = this.options.serviceConcurrency ?? serviceBudget(service).concurrency;
    const key = `${service}:${region}`;
    const existing = this.serviceLimits.get(key);
    if (existing !== undefined) return existing;
    const limit = pLimit(Math.max(1, bound));
    this.serviceLimits.set(key, limit);
    return limit;
  }

  /** AWS's token bucket for one API in one region, mirrored client-side; undefined when the service has none. */
  private rateBucket(service: string, region: string, operation: string): TokenBucket | undefined {
    const rate = serviceBudget(service).rate;
    if (rate === undefined || this.options.rateLimits === false) return undefined;
    const key = `${service}:${region}:${operation}`;
    const existing = this.rateBuckets.get(key);
    if (existing !== undefined) return existing;
    const bucket = new TokenBucket(rate.burst, rate.perSecond);
    this.rateBuckets.set(key, bucket);
    return bucket;
  }

  destroy(): void {
    this.handler.destroy();
  }
}

/** What each HTTP attempt waits for: a token of its API's bucket, then a global wire slot. */
export interface AttemptBounds {
  wireLimit: ReturnType<typeof pLimit>;
  rateBucket: (operation: string) => TokenBucket | undefined;
}

/**
 * Adds the read-only guard, the call recorder and the per-service bound to a client's middleware
 * stack. The bound wraps the whole send, retries included, so a throttled service backs off
 * inside its own slots instead of taking more. Each attempt (inside the SDK's retry loop) then
 * takes a token of its API's bucket, where AWS meters one, and a global wire slot only while it is
 * on the wire.
 */
export function instrument(
  stack: unknown,
  service: string,
  region: string,
  recorder: CallRecorder,
  serviceLimit?: ReturnType<typeof pLimit>,
  attempts?: AttemptBounds,
): void {
  const typed = stack as MiddlewareStack<object, object>;
  if (attempts !== undefined) {
    typed.add(
      (next, context) => async (args) => {
        const operation = ((context as { commandName?: string }).commandName ?? 'UnknownCommand').replace(/Command$/, '');
        await attempts.rateBucket(operation)?.acquire();
        return attempts.wireLimit(() => next(args));
      },
      // Innermost: once per attempt, around the HTTP exchange alone.
      { step: 'deserialize', name: 'breachmapAttemptBounds', priority: 'low' },
    );
  }
  typed.add(
    (next, context) => async (args) => {
      const operation = (context as { commandName?: string }).commandName ?? 'UnknownCommand';
      const name = operation.replace(/Command$/, '');
      if (!isReadOnlyOperation(name)) throw new MutatingOperationError(name);
      const started = performance.now();
      try {
        const result = serviceLimit === undefined ? await next(args) : await serviceLimit(() => next(args));
        const metadata = (result.output as { $metadata?: { attempts?: number } }).$metadata;
        recorder.record({ service, operation: name, region, durationMs: performance.now() - started, attempts: metadata?.attempts ?? 1, outcome: 'ok' });
        return result;
      } catch (error) {
        const e = sdkErrorShape(error);
        const record = { service, operation: name, region, durationMs: performance.now() - started, attempts: e.attempts ?? 1, outcome: 'error' as const };
        recorder.record(e.name === undefined ? record : { ...record, errorCode: e.name });
        if (typeof error === 'object' && error !== null && !(ACTION_PROPERTY in error)) {
          Object.defineProperty(error, ACTION_PROPERTY, { value: iamActionFor(service, name), enumerable: false });
        }
        throw error;
      }
    },
    { step: 'initialize', name: 'breachmapGuardAndRecorder', priority: 'high' },
  );
}
