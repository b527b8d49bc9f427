/**
 * The throttling strategy (issue 17): a client-side token bucket per metered API, per-service
 * concurrency budgets under one global wire bound, and retries that never give up before their
 * attempts are spent. Timing is never asserted as an upper bound here (the machine may be loaded);
 * the benchmark measures speed.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DescribeSnapshotAttributeCommand, DescribeInstanceAttributeCommand } from '@aws-sdk/client-ec2';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import { GetBucketAclCommand } from '@aws-sdk/client-s3';
import { ClientFactory } from '../../../src/collect/clients.js';
import { CallRecorder } from '../../../src/collect/recorder.js';
import { SteadyRetryStrategy } from '../../../src/collect/retry.js';
import { SERVICE_BUDGETS, serviceBudget } from '../../../src/collect/service-budgets.js';
import { TokenBucket } from '../../../src/collect/token-bucket.js';

describe('TokenBucket', () => {
  afterEach(() => vi.useRealTimers());

  it('lets the burst through at once, then exactly the refill rate, in order', async () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket(3, 2, () => Date.now());
    const granted: number[] = [];
    const started = Date.now();
    const all = Array.from({ length: 7 }, (_, i) => bucket.acquire().then(() => granted.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(499);
    expect(granted).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1, 2, 3]);
    await vi.advanceTimersByTimeAsync(1500);
    await Promise.all(all);
    expect(granted).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Date.now() - started).toBe(2000);
  });

  it('refills up to its capacity only', async () => {
    vi.useFakeTimers();
    const bucket = new TokenBucket(5, 10, () => Date.now());
    for (let i = 0; i < 5; i += 1) await bucket.acquire();
    expect(bucket.available()).toBeCloseTo(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bucket.available()).toBe(5);
  });

  it('refuses a bucket that could never grant', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(1, 0)).toThrow(RangeError);
  });
});

describe('SteadyRetryStrategy', () => {
  const throttled = { errorType: 'THROTTLING' as const };

  it('retries throttling and transient errors with full jitter, doubling to the cap', async () => {
    const strategy = new SteadyRetryStrategy({ maxAttempts: 10, baseDelayMs: 50, maxDelayMs: 1000, random: () => 0.999 });
    let token = await strategy.acquireInitialRetryToken();
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      token = await strategy.refreshRetryTokenForRetry(token, i % 2 === 0 ? throttled : { errorType: 'TRANSIENT' });
      delays.push(token.getRetryDelay());
    }
    expect(delays).toEqual([49, 99, 199, 399, 799, 999]);
    const none = new SteadyRetryStrategy({ maxAttempts: 3, random: () => 0 });
    expect((await none.refreshRetryTokenForRetry(await none.acquireInitialRetryToken(), throttled)).getRetryDelay()).toBe(0);
  });

  it('stops exactly when the attempts are spent, and never for a client error', async () => {
    const strategy = new SteadyRetryStrategy({ maxAttempts: 3, random: () => 0.5 });
    let token = await strategy.acquireInitialRetryToken();
    token = await strategy.refreshRetryTokenForRetry(token, throttled);
    token = await strategy.refreshRetryTokenForRetry(token, throttled);
    expect(token.getRetryCount()).toBe(2);
    await expect(strategy.refreshRetryTokenForRetry(token, throttled)).rejects.toThrow();
    await expect(strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), { errorType: 'CLIENT_ERROR' })).rejects.toThrow();
  });

  it('has no retry quota: thousands of throttled calls of one client all keep their retries', async () => {
    const strategy = new SteadyRetryStrategy({ maxAttempts: 2, random: () => 0 });
    const tokens = await Promise.all(
      Array.from({ length: 5_000 }, async () => strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), throttled)),
    );
    expect(tokens.every((token) => token.getRetryCount() === 1)).toBe(true);
  });

  it('waits at least as long as a Retry-After hint, within the cap', async () => {
    const strategy = new SteadyRetryStrategy({ maxAttempts: 3, maxDelayMs: 5_000, random: () => 0 });
    const token = await strategy.refreshRetryTokenForRetry(await strategy.acquireInitialRetryToken(), { ...throttled, retryAfterHint: new Date(Date.now() + 60_000) });
    expect(token.getRetryDelay()).toBe(5_000);
  });
});

/** A wire that answers every request after `delayMs`, counting requests in flight per path kind. */
function countingWire(body: (request: { hostname?: string; path?: string; body?: unknown }) => string, delayMs = 10) {
  let inFlight = 0;
  const peak = { value: 0 };
  const sent = { value: 0 };
  return {
    peak,
    sent,
    handler: {
      destroy: () => undefined,
      handle: async (request: { hostname?: string; path?: string; body?: unknown }) => {
        sent.value += 1;
        inFlight += 1;
        peak.value = Math.max(peak.value, inFlight);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        inFlight -= 1;
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': 'r' }, body: Readable.from([Buffer.from(body(request))]) } };
      },
    },
  };
}

function factory(wire: { handler: unknown }, extra: Partial<ConstructorParameters<typeof ClientFactory>[0]> = {}): ClientFactory {
  return new ClientFactory({
    credentials: { accessKeyId: 'unit-test', secretAccessKey: 'unit-test' },
    s3PathStyle: true,
    maxAttempts: 1,
    homeRegion: 'us-east-1',
    recorder: new CallRecorder(),
    requestHandler: wire.handler as never,
    ...extra,
  });
}

const ACL_XML = '<AccessControlPolicy><Owner><ID>o</ID></Owner><AccessControlList></AccessControlList></AccessControlPolicy>';
const SUMMARY_XML = '<GetAccountSummaryResponse><GetAccountSummaryResult><SummaryMap></SummaryMap></GetAccountSummaryResult></GetAccountSummaryResponse>';
const SNAPSHOT_ATTRIBUTE_XML = '<DescribeSnapshotAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><snapshotId>snap-1</snapshotId><createVolumePermission/></DescribeSnapshotAttributeResponse>';
const INSTANCE_ATTRIBUTE_XML = '<DescribeInstanceAttributeResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><instanceId>i-1</instanceId></DescribeInstanceAttributeResponse>';

describe('per-service budgets in the client factory', () => {
  it('runs S3 wide and IAM narrow by default, each within its own budget', async () => {
    const s3Wire = countingWire(() => ACL_XML);
    const s3 = factory(s3Wire);
    await Promise.all(Array.from({ length: 100 }, (_, i) => s3.s3('us-east-1').send(new GetBucketAclCommand({ Bucket: `b-${i}` }))));
    expect(s3Wire.peak.value).toBe(SERVICE_BUDGETS['s3']?.concurrency);

    const iamWire = countingWire(() => SUMMARY_XML);
    const iam = factory(iamWire);
    await Promise.all(Array.from({ length: 12 }, () => iam.iam().send(new GetAccountSummaryCommand({}))));
    expect(iamWire.peak.value).toBe(serviceBudget('iam').concurrency);
  });

  it('bounds every attempt on the wire by --concurrency, and --service-concurrency overrides every service budget', async () => {
    const wire = countingWire(() => ACL_XML);
    const clients = factory(wire, { concurrency: 5 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => clients.s3('us-east-1').send(new GetBucketAclCommand({ Bucket: `b-${i}` }))));
    expect(wire.peak.value).toBe(5);

    const overridden = countingWire(() => ACL_XML);
    const narrow = factory(overridden, { serviceConcurrency: 3 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => narrow.s3('us-east-1').send(new GetBucketAclCommand({ Bucket: `b-${i}` }))));
    expect(overridden.peak.value).toBe(3);
  });

  it('keeps each EC2 API within its own token bucket (burst 100, then 20 per second), per region', async () => {
    const wire = countingWire((request) => (String(request.body).includes('DescribeSnapshotAttribute') ? SNAPSHOT_ATTRIBUTE_XML : INSTANCE_ATTRIBUTE_XML), 0);
    const clients = factory(wire);
    const started = performance.now();
    const snapshotAttributes = Array.from({ length: 110 }, () =>
      clients.ec2('us-east-1').send(new DescribeSnapshotAttributeCommand({ SnapshotId: 'snap-1', Attribute: 'createVolumePermission' })),
    );
    // Another API and another region have buckets of their own: they are not held back.
    const others = [
      clients.ec2('us-east-1').send(new DescribeInstanceAttributeCommand({ InstanceId: 'i-1', Attribute: 'userData' })),
      clients.ec2('eu-west-1').send(new DescribeSnapshotAttributeCommand({ SnapshotId: 'snap-1', Attribute: 'createVolumePermission' })),
    ];
    await Promise.all(others);
    const othersMs = performance.now() - started;
    await Promise.all(snapshotAttributes);
    const allMs = performance.now() - started;
    // Ten calls past the burst need half a second of refill at 20 per second (a lower bound only).
    expect(allMs).toBeGreaterThanOrEqual(450);
    expect(othersMs).toBeLessThan(allMs);
    expect(wire.sent.value).toBe(112);
  });
});
