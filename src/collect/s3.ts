/**
 * S3 collectors: one paginated ListBuckets, then per bucket its ACL, policy, Block Public Access
 * and AWS's policy-status verdict, each captured on its own so one refused call never hides the
 * rest. The account-level Block Public Access comes from S3 Control.
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
  Collected,
  PublicAccessBlock,
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

async function readPolicyStatus(client: S3Client, bucket: string): Promise<Collected<{ isPublic: boolean }>> {
  const fetched = await settle('s3:GetBucketPolicyStatus', () =>
    orWhenMissing('NoSuchBucketPolicy', { isPublic: false }, async () => {
      const output = await client.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }));
      return { isPublic: output.PolicyStatus?.IsPublic };
    }),
  );
  if (!fetched.ok) return fetched;
  const { isPublic } = fetched.data;
  // Emulators without this operation route the request to ListObjects and answer 200, which the
  // SDK turns into an empty PolicyStatus: that is "unknown", never "not public".
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

async function listBuckets(context: CollectContext): Promise<ListedBucket[]> {
  const client = context.clients.s3(context.clients.homeRegion);
  const buckets: ListedBucket[] = [];
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
    buckets.push(...(page.Buckets ?? []).flatMap(toListedBucket));
    continuationToken = page.ContinuationToken === '' ? undefined : page.ContinuationToken;
  } while (continuationToken !== undefined);
  return buckets;
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
 * Every bucket of the account with its region, listed once per collection and shared by every
 * collector that reads per-bucket configuration (the public-access reads, the recovery reads).
 */
export function listLocatedBuckets(context: CollectContext): Promise<LocatedBucket[]> {
  return context.once('s3:ListBuckets', async () => {
    const listed = await listBuckets(context);
    return Promise.all(
      listed.map(async (bucket) => ({ name: bucket.name, creationDate: bucket.creationDate, region: await resolveBucketRegion(context, bucket) })),
    );
  });
}

async function collectBucket(context: CollectContext, located: LocatedBucket): Promise<Bucket> {
  const { name, region } = located;
  const client = context.clients.s3(region);
  const [acl, policy, publicAccessBlock, policyStatus] = await Promise.all([
    settle('s3:GetBucketAcl', () => context.limit(() => readAcl(client, name))),
    context.limit(() => readPolicy(client, name)),
    settle('s3:GetBucketPublicAccessBlock', () => context.limit(() => readBucketPublicAccessBlock(client, name))),
    context.limit(() => readPolicyStatus(client, name)),
  ]);
  return {
    name,
    arn: `arn:${context.partition}:s3:::${name}`,
    region,
    creationDate: located.creationDate,
    acl,
    policy,
    publicAccessBlock,
    policyStatus,
  };
}

export const s3BucketsCollector: SliceCollector<'s3Buckets'> = {
  slice: 's3Buckets',
  async collect(context) {
    const located = await listLocatedBuckets(context);
    context.progress(`S3: reading ${located.length} bucket${located.length === 1 ? '' : 's'}`);
    const buckets = await Promise.all(located.map((bucket) => collectBucket(context, bucket)));
    return { buckets };
  },
};

export const s3AccountPublicAccessBlockCollector: SliceCollector<'s3AccountPublicAccessBlock'> = {
  slice: 's3AccountPublicAccessBlock',
  async collect(context) {
    const client = context.clients.s3Control();
    const configuration = await orWhenMissing('NoSuchPublicAccessBlockConfiguration', null, async () => {
      const output = await context.limit(() => client.send(new GetAccountPublicAccessBlockCommand({ AccountId: context.accountId })));
      return toPublicAccessBlock(output.PublicAccessBlockConfiguration);
    });
    return { configuration };
  },
};
