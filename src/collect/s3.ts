/**
 * S3 collectors: one paginated ListBuckets and the account-level Block Public Access (S3 Control)
 * side by side, then per bucket only the reads the public verdicts still need under the account
 * setting (bucketReadPlan): its ACL, its Block Public Access, AWS's policy-status verdict and, when
 * that verdict is public or unavailable, the policy itself. Each read is captured on its own so one
 * refused call never hides the rest; a part not read on purpose says why (`skipped`).
 */
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
} from '@aws-sdk/client-s3';
import type { Bucket as SdkBucket, Grant, PublicAccessBlockConfiguration, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import type {
  AclGrant,
  Bucket,
  BucketAcl,
  BucketPartSkipReason,
  Collected,
  PublicAccessBlock,
  SkippedPart,
} from '../inventory/schema.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';
import { sdkErrorShape } from './sdk-error.js';

/** The S3 error code of a rejected call, whether the SDK modelled it or not. */
function s3ErrorCode(error: unknown): string | undefined {
  const { code, name } = sdkErrorShape(error);
  return code ?? name;
}

/** Runs `read`, and turns the one error code that means "not configured" into `absent`. */
async function orWhenMissing<T>(missingCode: string, absent: T, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (s3ErrorCode(error) === missingCode) return absent;
    throw error;
  }
}

// ---------------------------------------------------------------- ACL

const GRANTEE_TYPES = ['Group', 'CanonicalUser', 'AmazonCustomerByEmail'] as const;
const PERMISSIONS = ['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP'] as const;

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

export function toAclGrant(grant: Grant): AclGrant {
  const type = grant.Grantee?.Type;
  const permission = grant.Permission;
  return {
    granteeType: isOneOf(GRANTEE_TYPES, type) ? type : 'Unknown',
    uri: grant.Grantee?.URI ?? null,
    id: grant.Grantee?.ID ?? null,
    permission: isOneOf(PERMISSIONS, permission) ? permission : 'UNKNOWN',
  };
}

async function readAcl(client: S3Client, bucket: string): Promise<BucketAcl> {
  const output = await client.send(new GetBucketAclCommand({ Bucket: bucket }));
  return { ownerId: output.Owner?.ID ?? null, grants: (output.Grants ?? []).map(toAclGrant) };
}

// ---------------------------------------------------------------- policy

async function readPolicy(client: S3Client, bucket: string): Promise<Collected<{ document: unknown }>> {
  const fetched = await settle('s3:GetBucketPolicy', () =>
    orWhenMissing('NoSuchBucketPolicy', undefined, async () => {
      const output = await client.send(new GetBucketPolicyCommand({ Bucket: bucket }));
      return output.Policy;
    }),
  );
  if (!fetched.ok) return fetched;
  const text = fetched.data;
  if (text === undefined || text.trim() === '') return { ok: true, data: { document: null } };
  try {
    return { ok: true, data: { document: JSON.parse(text) as unknown } };
  } catch {
    return {
      ok: false,
      error: { code: 'MalformedPolicy', message: `the policy of bucket ${bucket} is not valid JSON`, action: 's3:GetBucketPolicy' },
    };
  }
}

// ---------------------------------------------------------------- Block Public Access

/** An unset flag is off: that is how S3 applies a partial configuration. */
export function toPublicAccessBlock(configuration: PublicAccessBlockConfiguration | undefined): PublicAccessBlock | null {
  if (configuration === undefined) return null;
  return {
    blockPublicAcls: configuration.BlockPublicAcls ?? false,
    ignorePublicAcls: configuration.IgnorePublicAcls ?? false,
    blockPublicPolicy: configuration.BlockPublicPolicy ?? false,
    restrictPublicBuckets: configuration.RestrictPublicBuckets ?? false,
  };
}

async function readBucketPublicAccessBlock(client: S3Client, bucket: string): Promise<PublicAccessBlock | null> {
  return orWhenMissing('NoSuchPublicAccessBlockConfiguration', null, async () => {
    const output = await client.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    return toPublicAccessBlock(output.PublicAccessBlockConfiguration);
  });
}

// ---------------------------------------------------------------- policy status

async function readPolicyStatus(client: S3Client, bucket: string): Promise<Collected<{ isPublic: boolean } | 'no-policy'>> {
  const fetched = await settle('s3:GetBucketPolicyStatus', () =>
    orWhenMissing<{ isPublic: boolean | undefined } | 'no-policy'>('NoSuchBucketPolicy', 'no-policy', async () => {
      const output = await client.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
      return { isPublic: output.PolicyStatus?.IsPublic };
    }),
  );
  if (!fetched.ok) return fetched;
  if (fetched.data === 'no-policy') return { ok: true, data: 'no-policy' };
  const { isPublic } = fetched.data;
  // Emulators without this operation (moto) route the request to ListObjects and answer 200, which
  // the SDK turns into an empty PolicyStatus: that is "unavailable" (the policy is then read), never
  // "not public".
  if (isPublic === undefined) {
    return {
      ok: false,
      error: {
        code: 'NotImplemented',
        message: 'the S3 endpoint did not return a policy status (GetBucketPolicyStatus is probably not implemented)',
        action: 's3:GetBucketPolicyStatus',
      },
    };
  }
  return { ok: true, data: { isPublic } };
}

// ---------------------------------------------------------------- buckets

interface ListedBucket {
  name: string;
  creationDate: string | null;
  region: string | undefined;
}

/** S3 accepts 1..1000 per page; asking for a page size is what makes ListBuckets paginate. */
const LIST_BUCKETS_PAGE_SIZE = 1000;

async function listBuckets(context: CollectContext, onPage: (buckets: ListedBucket[]) => void): Promise<void> {
  const client = context.clients.s3(context.clients.homeRegion);
  let continuationToken: string | undefined;
  do {
    const token = continuationToken;
    const page = await context.limit(() =>
      client.send(
        new ListBucketsCommand(
          token === undefined ? { MaxBuckets: LIST_BUCKETS_PAGE_SIZE } : { MaxBuckets: LIST_BUCKETS_PAGE_SIZE, ContinuationToken: token },
        ),
      ),
    );
    onPage((page.Buckets ?? []).flatMap(toListedBucket));
    continuationToken = page.ContinuationToken === '' ? undefined : page.ContinuationToken;
  } while (continuationToken !== undefined);
}

function toListedBucket(bucket: SdkBucket): ListedBucket[] {
  if (bucket.Name === undefined) return [];
  return [{ name: bucket.Name, creationDate: bucket.CreationDate?.toISOString() ?? null, region: bucket.BucketRegion }];
}

/** GetBucketLocation's historical spellings: empty means us-east-1, `EU` means eu-west-1. */
export function regionFromLocationConstraint(constraint: string | undefined): string {
  if (constraint === undefined || constraint === '') return 'us-east-1';
  if (constraint === 'EU') return 'eu-west-1';
  return constraint;
}

/**
 * ListBuckets reports each bucket's region on AWS, but emulators (moto) leave `BucketRegion` out.
 * Asking GetBucketLocation keeps the recorded region right; the home region is the last resort
 * (the client follows region redirects, so the per-bucket reads still work there).
 */
async function resolveBucketRegion(context: CollectContext, bucket: ListedBucket): Promise<string> {
  if (bucket.region !== undefined && bucket.region !== '') return bucket.region;
  const home = context.clients.homeRegion;
  const located = await settle('s3:GetBucketLocation', () =>
    context.limit(() => context.clients.s3(home).send(new GetBucketLocationCommand({ Bucket: bucket.name }))),
  );
  return located.ok ? regionFromLocationConstraint(located.data.LocationConstraint) : home;
}

/** A bucket from ListBuckets with its region resolved. */
export interface LocatedBucket {
  name: string;
  creationDate: string | null;
  region: string;
}

/**
 * The account's bucket listing as it arrives: ListBuckets pages, then (where the endpoint leaves
 * `BucketRegion` out) one GetBucketLocation per bucket. Per-bucket readers start on a bucket as soon
 * as its region is known instead of waiting for the whole listing.
 */
interface BucketListing {
  /** Every bucket with its region, in ListBuckets order. */
  all: Promise<LocatedBucket[]>;
  /**
   * Runs `visit` on every bucket as soon as it is located (the ones already located at once), and
   * resolves with the visits' results in ListBuckets order once the listing and every visit are done.
   */
  forEach: <T>(visit: (bucket: LocatedBucket) => Promise<T>) => Promise<T[]>;
}

function startBucketListing(context: CollectContext): BucketListing {
  const located: { index: number; bucket: LocatedBucket }[] = [];
  const listeners = new Set<(entry: { index: number; bucket: LocatedBucket }) => void>();
  const all = (async () => {
    const locating: Promise<void>[] = [];
    let index = 0;
    await listBuckets(context, (page) => {
      for (const bucket of page) {
        const position = index;
        index += 1;
        locating.push(
          resolveBucketRegion(context, bucket).then((region) => {
            const entry = { index: position, bucket: { name: bucket.name, creationDate: bucket.creationDate, region } };
            located.push(entry);
            for (const listener of listeners) listener(entry);
          }),
        );
      }
    });
    await Promise.all(locating);
    return [...located].sort((a, b) => a.index - b.index).map((entry) => entry.bucket);
  })();
  // A failed listing is reported by whoever awaits it; this keeps an unobserved one from crashing.
  all.catch(() => undefined);
  return {
    all,
    async forEach<T>(visit: (bucket: LocatedBucket) => Promise<T>): Promise<T[]> {
      const visits = new Map<number, Promise<T>>();
      const start = (entry: { index: number; bucket: LocatedBucket }): void => {
        const visiting = visit(entry.bucket);
        visiting.catch(() => undefined);
        visits.set(entry.index, visiting);
      };
      for (const entry of located) start(entry);
      listeners.add(start);
      try {
        await all;
      } finally {
        listeners.delete(start);
      }
      return Promise.all([...visits.entries()].sort(([a], [b]) => a - b).map(([, visiting]) => visiting));
    },
  };
}

function bucketListing(context: CollectContext): Promise<BucketListing> {
  return context.once('s3:ListBuckets', () => Promise.resolve(startBucketListing(context)));
}

/**
 * Every bucket of the account with its region, listed once per collection and shared by every
 * collector that reads per-bucket configuration (the public-access reads, the recovery reads).
 */
export async function listLocatedBuckets(context: CollectContext): Promise<LocatedBucket[]> {
  return (await bucketListing(context)).all;
}

/**
 * The same shared listing, visiting each bucket as soon as its region is known (so per-bucket reads
 * overlap the listing); resolves with the visits' results in ListBuckets order.
 */
export async function forEachLocatedBucket<T>(context: CollectContext, visit: (bucket: LocatedBucket) => Promise<T>): Promise<T[]> {
  return (await bucketListing(context)).forEach(visit);
}

// ---------------------------------------------------------------- account Block Public Access

/**
 * The account-level Block Public Access, read once per collection (s3control:GetPublicAccessBlock)
 * and shared by its own slice and by the bucket reads it makes unnecessary.
 */
function accountPublicAccessBlock(context: CollectContext): Promise<PublicAccessBlock | null> {
  return context.once('s3control:GetPublicAccessBlock', () =>
    orWhenMissing('NoSuchPublicAccessBlockConfiguration', null, async () => {
      const output = await context.limit(() =>
        context.clients.s3Control().send(new GetAccountPublicAccessBlockCommand({ AccountId: context.accountId })),
      );
      return toPublicAccessBlock(output.PublicAccessBlockConfiguration);
    }),
  );
}

// ---------------------------------------------------------------- per-bucket reads

/**
 * Which per-bucket reads the public verdicts need under the account-level settings
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html:
 * account-level settings apply to every bucket, and IgnorePublicAcls / RestrictPublicBuckets
 * neutralise grants that already exist): with IgnorePublicAcls no ACL is read, with
 * RestrictPublicBuckets neither the policy nor its status, with both not the bucket-level settings
 * either. An account setting that could not be read skips nothing.
 */
export interface BucketReadPlan {
  acl: BucketPartSkipReason | 'read';
  publicAccessBlock: BucketPartSkipReason | 'read';
  policy: BucketPartSkipReason | 'read';
}

export function bucketReadPlan(account: PublicAccessBlock | null | undefined): BucketReadPlan {
  const ignoreAcls = account?.ignorePublicAcls === true;
  const restrictPolicies = account?.restrictPublicBuckets === true;
  if (ignoreAcls && restrictPolicies) {
    return { acl: 'account-blocks-acls-and-policies', publicAccessBlock: 'account-blocks-acls-and-policies', policy: 'account-blocks-acls-and-policies' };
  }
  return {
    acl: ignoreAcls ? 'account-ignore-public-acls' : 'read',
    publicAccessBlock: 'read',
    policy: restrictPolicies ? 'account-restrict-public-buckets' : 'read',
  };
}

const skipped = (reason: BucketPartSkipReason): SkippedPart => ({ ok: true, skipped: reason });

/**
 * GetBucketPolicyStatus first (AWS's own verdict on the policy,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html); the policy text
 * is read only when AWS says public (to name the statements and tell write from read) or gave no
 * verdict. NoSuchBucketPolicy from the status call means there is no policy to read.
 */
async function readPolicyThroughStatus(
  context: CollectContext,
  client: S3Client,
  bucket: string,
): Promise<{ policy: Bucket['policy']; policyStatus: Bucket['policyStatus'] }> {
  const status = await context.limit(() => readPolicyStatus(client, bucket));
  if (!status.ok) return { policy: await context.limit(() => readPolicy(client, bucket)), policyStatus: status };
  if (status.data === 'no-policy') return { policy: { ok: true, data: { document: null } }, policyStatus: { ok: true, data: { isPublic: false } } };
  const policyStatus: Bucket['policyStatus'] = { ok: true, data: { isPublic: status.data.isPublic } };
  if (!status.data.isPublic) return { policy: skipped('policy-status-not-public'), policyStatus };
  return { policy: await context.limit(() => readPolicy(client, bucket)), policyStatus };
}

async function collectBucket(context: CollectContext, located: LocatedBucket, plan: BucketReadPlan): Promise<Bucket> {
  const { name, region } = located;
  const client = context.clients.s3(region);
  const [acl, publicAccessBlock, policies] = await Promise.all([
    plan.acl === 'read' ? settle('s3:GetBucketAcl', () => context.limit(() => readAcl(client, name))) : skipped(plan.acl),
    plan.publicAccessBlock === 'read'
      ? settle('s3:GetBucketPublicAccessBlock', () => context.limit(() => readBucketPublicAccessBlock(client, name)))
      : skipped(plan.publicAccessBlock),
    plan.policy === 'read' ? readPolicyThroughStatus(context, client, name) : { policy: skipped(plan.policy), policyStatus: skipped(plan.policy) },
  ]);
  return {
    name,
    arn: `arn:${context.partition}:s3:::${name}`,
    region,
    creationDate: located.creationDate,
    acl,
    policy: policies.policy,
    publicAccessBlock,
    policyStatus: policies.policyStatus,
  };
}

export const s3BucketsCollector: SliceCollector<'s3Buckets'> = {
  slice: 's3Buckets',
  async collect(context) {
    // Listing and the account-level read run side by side; bucket reads wait for the account setting.
    const listing = bucketListing(context);
    let account: PublicAccessBlock | null | undefined;
    try {
      account = await accountPublicAccessBlock(context);
    } catch {
      // Its own slice reports the failure; here it only means nothing can be skipped.
      account = undefined;
    }
    const plan = bucketReadPlan(account);
    const buckets = await (await listing).forEach((bucket) => collectBucket(context, bucket, plan));
    context.progress(`S3: read ${buckets.length} bucket${buckets.length === 1 ? '' : 's'}`);
    return { buckets };
  },
};

export const s3AccountPublicAccessBlockCollector: SliceCollector<'s3AccountPublicAccessBlock'> = {
  slice: 's3AccountPublicAccessBlock',
  async collect(context) {
    return { configuration: await accountPublicAccessBlock(context) };
  },
};
