import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand,
  S3ControlClient,
  S3ControlServiceException,
} from '@aws-sdk/client-s3-control';
import { s3AccountPublicAccessBlockCollector, s3BucketsCollector } from '../../../src/collect/s3.js';
import { settle } from '../../../src/collect/errors.js';
import { SLICES } from '../../../src/inventory/schema.js';
import { s3AccountPublicAccessBlockSchema, s3BucketsSchema } from '../../../src/inventory/schema.js';
import type { Bucket, S3Buckets } from '../../../src/inventory/schema.js';
import { buildCollectContext, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

function s3Error(name: string, message = name): S3ServiceException {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 403 }, message });
}

function s3ControlError(name: string, httpStatusCode = 404, message = name): S3ControlServiceException {
  return new S3ControlServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message });
}

function bucketNamed(result: S3Buckets, name: string): Bucket {
  const bucket = result.buckets.find((b) => b.name === name);
  if (bucket === undefined) throw new Error(`bucket ${name} missing from ${JSON.stringify(result.buckets.map((b) => b.name))}`);
  return bucket;
}

// One mock per client class for the whole file: both collectors read S3 Control.
const s3Control = mockClient(S3ControlClient);

describe('s3BucketsCollector', () => {
  const s3 = mockClient(S3Client);

  beforeEach(() => {
    s3.reset();
    s3Control.reset();
    // No account-level Block Public Access by default: every per-bucket read is needed.
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(s3ControlError('NoSuchPublicAccessBlockConfiguration'));
    // A healthy bucket by default: owner-only ACL, a policy, BPA on, policy not public.
    s3.on(GetBucketAclCommand).resolves({
      Owner: { ID: 'owner-canonical-id' },
      Grants: [{ Grantee: { Type: 'CanonicalUser', ID: 'owner-canonical-id' }, Permission: 'FULL_CONTROL' }],
    });
    s3.on(GetBucketPolicyCommand).resolves({
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] }),
    });
    s3.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
  });

  afterEach(() => {
    s3.reset();
    s3Control.reset();
  });

  it('follows ListBuckets continuation tokens and keeps every page', async () => {
    s3.on(ListBucketsCommand)
      .resolvesOnce({
        Buckets: [
          { Name: 'alpha', BucketRegion: 'us-east-1', CreationDate: new Date('2020-01-02T03:04:05Z') },
          { Name: 'bravo', BucketRegion: 'us-east-1' },
        ],
        ContinuationToken: 'page-2',
      })
      .resolvesOnce({ Buckets: [{ Name: 'charlie', BucketRegion: 'us-east-1' }] });
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    expect(result.buckets.map((b) => b.name)).toEqual(['alpha', 'bravo', 'charlie']);
    const listCalls = s3.commandCalls(ListBucketsCommand);
    expect(listCalls).toHaveLength(2);
    expect(listCalls[0]!.args[0].input.ContinuationToken).toBeUndefined();
    expect(listCalls[0]!.args[0].input.MaxBuckets).toBeGreaterThan(0);
    expect(listCalls[1]!.args[0].input.ContinuationToken).toBe('page-2');
    expect(bucketNamed(result, 'alpha')).toMatchObject({
      arn: 'arn:aws:s3:::alpha',
      region: 'us-east-1',
      creationDate: '2020-01-02T03:04:05.000Z',
    });
    expect(bucketNamed(result, 'bravo').creationDate).toBeNull();
    expect(s3BucketsSchema.safeParse(result).success).toBe(true);
  });

  it('reads each bucket with the client of the region ListBuckets reports', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'frankfurt', BucketRegion: 'eu-central-1' }] });
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    expect(bucketNamed(result, 'frankfurt').region).toBe('eu-central-1');
    const aclCall = s3.commandCalls(GetBucketAclCommand)[0]!;
    expect(aclCall.thisValue).toBe(context.clients.s3('eu-central-1'));
    expect(s3.commandCalls(GetBucketLocationCommand)).toHaveLength(0);
  });

  it('asks GetBucketLocation when ListBuckets leaves the region out, and falls back to the home region if that fails', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'legacy-eu' }, { Name: 'classic' }, { Name: 'locked' }] });
    s3.on(GetBucketLocationCommand, { Bucket: 'legacy-eu' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'classic' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'locked' }).rejects(s3Error('AccessDenied'));
    const { context } = buildCollectContext({ homeRegion: 'ap-southeast-2' });

    const result = await s3BucketsCollector.collect(context);

    expect(bucketNamed(result, 'legacy-eu').region).toBe('eu-west-1');
    expect(bucketNamed(result, 'classic').region).toBe('us-east-1');
    expect(bucketNamed(result, 'locked').region).toBe('ap-southeast-2');
    expect(bucketNamed(result, 'locked').acl.ok).toBe(true);
  });

  it('maps ACL grantees and permissions to the schema, unknown values included', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'public-write', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketAclCommand).resolves({
      Owner: { ID: 'owner-id' },
      Grants: [
        { Grantee: { Type: 'Group', URI: ALL_USERS }, Permission: 'WRITE' },
        { Grantee: { Type: 'CanonicalUser', ID: 'owner-id' }, Permission: 'FULL_CONTROL' },
        { Grantee: { Type: 'AmazonCustomerByEmail', EmailAddress: 'a@example.com' }, Permission: 'READ_ACP' },
        { Grantee: { Type: 'SomethingNew' as never }, Permission: 'SOMETHING_NEW' as never },
      ],
    });
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    expect(bucketNamed(result, 'public-write').acl).toEqual({
      ok: true,
      data: {
        ownerId: 'owner-id',
        grants: [
          { granteeType: 'Group', uri: ALL_USERS, id: null, permission: 'WRITE' },
          { granteeType: 'CanonicalUser', uri: null, id: 'owner-id', permission: 'FULL_CONTROL' },
          { granteeType: 'AmazonCustomerByEmail', uri: null, id: null, permission: 'READ_ACP' },
          { granteeType: 'Unknown', uri: null, id: null, permission: 'UNKNOWN' },
        ],
      },
    });
    expect(s3BucketsSchema.safeParse(result).success).toBe(true);
  });

  it('fails only the ACL of the bucket whose ACL read is denied', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'denied', BucketRegion: 'us-east-1' },
        { Name: 'readable', BucketRegion: 'us-east-1' },
      ],
    });
    s3.on(GetBucketAclCommand, { Bucket: 'denied' }).rejects(s3Error('AccessDenied', 'Access Denied'));
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    const denied = bucketNamed(result, 'denied');
    expect(denied.acl).toEqual({
      ok: false,
      error: { code: 'AccessDenied', message: 'access denied: the scanning identity lacks s3:GetBucketAcl', action: 's3:GetBucketAcl' },
    });
    expect(denied.policy.ok).toBe(true);
    expect(denied.publicAccessBlock.ok).toBe(true);
    expect(denied.policyStatus.ok).toBe(true);
    expect(bucketNamed(result, 'readable').acl.ok).toBe(true);
    expect(s3BucketsSchema.safeParse(result).success).toBe(true);
  });

  it('maps NoSuchBucketPolicy and NoSuchPublicAccessBlockConfiguration to "not configured"', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'bare', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketPolicyCommand).rejects(s3Error('NoSuchBucketPolicy'));
    s3.on(GetPublicAccessBlockCommand).rejects(s3Error('NoSuchPublicAccessBlockConfiguration'));
    s3.on(GetBucketPolicyStatusCommand).rejects(s3Error('NoSuchBucketPolicy'));
    const { context } = buildCollectContext();

    const bare = bucketNamed(await s3BucketsCollector.collect(context), 'bare');

    expect(bare.policy).toEqual({ ok: true, data: { document: null } });
    expect(bare.publicAccessBlock).toEqual({ ok: true, data: null });
    expect(bare.policyStatus).toEqual({ ok: true, data: { isPublic: false } });
    // NoSuchBucketPolicy from the status call already says there is no policy to read.
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(0);
  });

  it('reads the policy only when GetBucketPolicyStatus says public or gives no verdict', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: ['private', 'public', 'emulated', 'denied'].map((Name) => ({ Name, BucketRegion: 'us-east-1' })),
    });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'private' }).resolves({ PolicyStatus: { IsPublic: false } });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'public' }).resolves({ PolicyStatus: { IsPublic: true } });
    // moto: no such operation, answered as ListObjects, so the SDK sees an empty PolicyStatus.
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'emulated' }).resolves({ PolicyStatus: {} });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'denied' }).rejects(s3Error('AccessDenied'));
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    expect(s3.commandCalls(GetBucketPolicyCommand).map((call) => call.args[0].input.Bucket).sort()).toEqual(['denied', 'emulated', 'public']);
    expect(bucketNamed(result, 'private').policy).toEqual({ ok: true, skipped: 'policy-status-not-public' });
    expect(bucketNamed(result, 'private').policyStatus).toEqual({ ok: true, data: { isPublic: false } });
    expect(bucketNamed(result, 'public').policy.ok).toBe(true);
    expect(bucketNamed(result, 'emulated').policyStatus.ok).toBe(false);
    expect(bucketNamed(result, 'denied').policyStatus).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
    expect(s3BucketsSchema.safeParse(result).success).toBe(true);
  });

  it.each([
    [
      'IgnorePublicAcls: no ACL read',
      { IgnorePublicAcls: true },
      { acl: 0, publicAccessBlock: 2, policyStatus: 2 },
      { acl: { ok: true, skipped: 'account-ignore-public-acls' } },
    ],
    [
      'RestrictPublicBuckets: no policy or policy status read',
      { RestrictPublicBuckets: true },
      { acl: 2, publicAccessBlock: 2, policyStatus: 0 },
      { policy: { ok: true, skipped: 'account-restrict-public-buckets' }, policyStatus: { ok: true, skipped: 'account-restrict-public-buckets' } },
    ],
    [
      'both: no per-bucket read at all',
      { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      { acl: 0, publicAccessBlock: 0, policyStatus: 0 },
      {
        acl: { ok: true, skipped: 'account-blocks-acls-and-policies' },
        policy: { ok: true, skipped: 'account-blocks-acls-and-policies' },
        publicAccessBlock: { ok: true, skipped: 'account-blocks-acls-and-policies' },
        policyStatus: { ok: true, skipped: 'account-blocks-acls-and-policies' },
      },
    ],
    [
      'BlockPublicAcls and BlockPublicPolicy only (they neutralise nothing that exists): every read',
      { BlockPublicAcls: true, BlockPublicPolicy: true },
      { acl: 2, publicAccessBlock: 2, policyStatus: 2 },
      {},
    ],
  ])('account Block Public Access first, %s', async (_label, configuration, calls, parts) => {
    s3Control.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: configuration });
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'one', BucketRegion: 'us-east-1' }, { Name: 'two', BucketRegion: 'eu-west-1' }] });
    const { context } = buildCollectContext();

    const [result, account] = await Promise.all([s3BucketsCollector.collect(context), s3AccountPublicAccessBlockCollector.collect(context)]);

    expect({
      acl: s3.commandCalls(GetBucketAclCommand).length,
      publicAccessBlock: s3.commandCalls(GetPublicAccessBlockCommand).length,
      policyStatus: s3.commandCalls(GetBucketPolicyStatusCommand).length,
    }).toEqual(calls);
    // Both slices share one S3 Control read.
    expect(s3Control.commandCalls(GetAccountPublicAccessBlockCommand)).toHaveLength(1);
    expect(account.configuration).not.toBeNull();
    for (const bucket of result.buckets) expect(bucket).toMatchObject(parts);
    expect(s3BucketsSchema.safeParse(result).success).toBe(true);
  });

  it('skips nothing when the account-level setting cannot be read', async () => {
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(s3ControlError('AccessDenied', 403));
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'one', BucketRegion: 'us-east-1' }] });
    const { context } = buildCollectContext();

    const one = bucketNamed(await s3BucketsCollector.collect(context), 'one');

    expect(one.acl.ok && !('skipped' in one.acl)).toBe(true);
    expect(one.publicAccessBlock.ok && !('skipped' in one.publicAccessBlock)).toBe(true);
    expect(s3.commandCalls(GetBucketPolicyStatusCommand)).toHaveLength(1);
  });

  it('starts per-bucket reads before every bucket is located', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'fast' }, { Name: 'slow' }] });
    let slowLocated = false;
    s3.on(GetBucketLocationCommand, { Bucket: 'fast' }).resolves({ LocationConstraint: 'eu-west-1' });
    s3.on(GetBucketLocationCommand, { Bucket: 'slow' }).callsFake(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      slowLocated = true;
      return { LocationConstraint: 'us-west-2' };
    });
    let fastReadBeforeSlowLocated = false;
    s3.on(GetBucketAclCommand, { Bucket: 'fast' }).callsFake(() => {
      fastReadBeforeSlowLocated = !slowLocated;
      return { Owner: { ID: 'o' }, Grants: [] };
    });
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    expect(fastReadBeforeSlowLocated).toBe(true);
    expect(result.buckets.map((bucket) => [bucket.name, bucket.region])).toEqual([
      ['fast', 'eu-west-1'],
      ['slow', 'us-west-2'],
    ]);
  });

  it('parses the policy document and fails only the policy when it is not JSON', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'good-policy', BucketRegion: 'us-east-1' },
        { Name: 'broken-policy', BucketRegion: 'us-east-1' },
      ],
    });
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::good-policy/*' }] };
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    s3.on(GetBucketPolicyCommand, { Bucket: 'good-policy' }).resolves({ Policy: JSON.stringify(document) });
    s3.on(GetBucketPolicyCommand, { Bucket: 'broken-policy' }).resolves({ Policy: '{"Version": "2012-10-17", "Statement": [' });
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    expect(bucketNamed(result, 'good-policy').policy).toEqual({ ok: true, data: { document } });
    const broken = bucketNamed(result, 'broken-policy').policy;
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe('MalformedPolicy');
      expect(broken.error.message).toContain('broken-policy');
      expect(broken.error.action).toBe('s3:GetBucketPolicy');
    }
  });

  it('maps a partial Block Public Access configuration with unset flags as off', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'partial', BucketRegion: 'us-east-1' }] });
    s3.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: false } });
    const { context } = buildCollectContext();

    const partial = bucketNamed(await s3BucketsCollector.collect(context), 'partial');

    expect(partial.publicAccessBlock).toEqual({
      ok: true,
      data: { blockPublicAcls: true, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false },
    });
  });

  it('reports an empty PolicyStatus (an endpoint without GetBucketPolicyStatus) as a failed sub-result, never as not public', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'emulated', BucketRegion: 'us-east-1' },
        { Name: 'public', BucketRegion: 'us-east-1' },
      ],
    });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'emulated' }).resolves({ PolicyStatus: {} });
    s3.on(GetBucketPolicyStatusCommand, { Bucket: 'public' }).resolves({ PolicyStatus: { IsPublic: true } });
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    const status = bucketNamed(result, 'emulated').policyStatus;
    expect(status.ok).toBe(false);
    if (!status.ok) {
      expect(status.error.code).toBe('NotImplemented');
      expect(status.error.message).toMatch(/did not return a policy status/);
      expect(status.error.action).toBe('s3:GetBucketPolicyStatus');
    }
    expect(bucketNamed(result, 'emulated').acl.ok).toBe(true);
    expect(bucketNamed(result, 'public').policyStatus).toEqual({ ok: true, data: { isPublic: true } });
  });

  it('records a call still throttled after the SDK retries as a failed sub-result and goes on', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'throttled', BucketRegion: 'us-east-1' },
        { Name: 'calm', BucketRegion: 'us-east-1' },
      ],
    });
    const throttled = new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503, attempts: 3 }, message: 'Please reduce your request rate.' });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: true } });
    s3.on(GetBucketPolicyCommand, { Bucket: 'throttled' }).rejects(throttled);
    const { context } = buildCollectContext();

    const result = await s3BucketsCollector.collect(context);

    const policy = bucketNamed(result, 'throttled').policy;
    expect(policy).toEqual({
      ok: false,
      error: { code: 'SlowDown', message: 'throttled by AWS after all retries (s3:GetBucketPolicy)', action: 's3:GetBucketPolicy' },
    });
    expect(bucketNamed(result, 'throttled').acl.ok).toBe(true);
    expect(bucketNamed(result, 'calm').policy.ok).toBe(true);
  });

  it('fails the whole slice when the buckets cannot be listed', async () => {
    s3.on(ListBucketsCommand).rejects(s3Error('AccessDenied'));
    const { context } = buildCollectContext();

    await expect(s3BucketsCollector.collect(context)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('keeps the number of concurrent per-bucket calls within the limit', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `bucket-${i}`);
    s3.on(ListBucketsCommand).resolves({ Buckets: names.map((Name) => ({ Name, BucketRegion: 'us-east-1' })) });
    let inFlight = 0;
    let peak = 0;
    s3.on(GetBucketAclCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return { Owner: { ID: 'o' }, Grants: [] };
    });
    const { context } = buildCollectContext({ concurrency: 3 });

    const result = await s3BucketsCollector.collect(context);

    expect(result.buckets).toHaveLength(12);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
  });
});

describe('s3AccountPublicAccessBlockCollector', () => {
  afterEach(() => {
    s3Control.reset();
  });

  it('reads the account configuration for the scanned account', async () => {
    s3Control.on(GetAccountPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true },
    });
    const { context } = buildCollectContext();

    const result = await s3AccountPublicAccessBlockCollector.collect(context);

    expect(result).toEqual({
      configuration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true },
    });
    expect(s3Control.commandCalls(GetAccountPublicAccessBlockCommand)[0]!.args[0].input).toEqual({ AccountId: TEST_ACCOUNT_ID });
    expect(s3AccountPublicAccessBlockSchema.safeParse(result).success).toBe(true);
  });

  it('maps NoSuchPublicAccessBlockConfiguration to a null configuration', async () => {
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(s3ControlError('NoSuchPublicAccessBlockConfiguration'));
    const { context } = buildCollectContext();

    expect(await s3AccountPublicAccessBlockCollector.collect(context)).toEqual({ configuration: null });
  });

  it('fails the slice on any other error, so a denied read never looks like "not configured"', async () => {
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(s3ControlError('AccessDenied'));
    const { context } = buildCollectContext();

    await expect(s3AccountPublicAccessBlockCollector.collect(context)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  // What collectInventory does with a failed slice: settle() under the slice's actions.
  const collectSettled = () =>
    settle(SLICES.s3AccountPublicAccessBlock.actions.join(', '), () => s3AccountPublicAccessBlockCollector.collect(buildCollectContext().context));

  // The SDK names an error whose body has no code after the HTTP status, or "UnknownError"
  // (@smithy/core throwDefaultError); its message is then "UnknownError".
  it.each([
    ['403', 'UnknownError'],
    ['UnknownError', 'UnknownError'],
  ])('reports a bare HTTP 403 (SDK name %s) as access denied naming s3:GetAccountPublicAccessBlock', async (name, message) => {
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(s3ControlError(name, 403, message));

    expect(await collectSettled()).toEqual({
      ok: false,
      error: {
        code: 'AccessDenied',
        message: 'access denied: the scanning identity lacks s3:GetAccountPublicAccessBlock',
        action: 's3:GetAccountPublicAccessBlock',
      },
    });
  });

  it.each([
    ['a 403 that carries its own code keeps it', 'SignatureDoesNotMatch', 403, 'SignatureDoesNotMatch', 's3:GetAccountPublicAccessBlock failed: SignatureDoesNotMatch'],
    ['a code-less error of another status is not access denied', '500', 500, 'UnknownError', 's3:GetAccountPublicAccessBlock failed: UnknownError'],
  ])('%s', async (_label, name, status, sdkMessage, message) => {
    s3Control.on(GetAccountPublicAccessBlockCommand).rejects(s3ControlError(name, status, sdkMessage));

    expect(await collectSettled()).toEqual({ ok: false, error: { code: name, message, action: 's3:GetAccountPublicAccessBlock' } });
  });
});
