/** Bucket fixtures shared by the S3 public-access check tests: a bucket in the collector's shape. */
import type { AclGrant, Bucket, BucketPartSkipReason, PublicAccessBlock, SkippedPart } from '../../src/inventory/schema.js';
import { failed, ok } from './check-tester.js';

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const OFF: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
export const ALL_ON: PublicAccessBlock = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };

/** A part the collector did not read on purpose (issue 17). */
export function skipped(reason: BucketPartSkipReason): SkippedPart {
  return { ok: true, skipped: reason };
}

/** What the collector records when the account-level IgnorePublicAcls and RestrictPublicBuckets are both on: no per-bucket read. */
export function unreadBucket(name: string): Bucket {
  const part = skipped('account-blocks-acls-and-policies');
  return { name, arn: `arn:aws:s3:::${name}`, region: 'eu-west-1', creationDate: null, acl: part, policy: part, publicAccessBlock: part, policyStatus: part };
}

export function group(uri: string, permission: AclGrant['permission']): AclGrant {
  return { granteeType: 'Group', uri, id: null, permission };
}

export interface BucketShape {
  grants?: AclGrant[];
  policy?: unknown;
  block?: PublicAccessBlock | null;
  acl?: Bucket['acl'];
  policyResult?: Bucket['policy'];
  publicAccessBlock?: Bucket['publicAccessBlock'];
  /** GetBucketPolicyStatus's answer; absent: the endpoint does not implement it (moto). */
  isPublic?: boolean;
  policyStatus?: Bucket['policyStatus'];
}

/** The owner's own FULL_CONTROL grant plus `grants`; no policy, no bucket Block Public Access unless given. */
export function bucket(name: string, shape: BucketShape = {}): Bucket {
  return {
    name,
    arn: `arn:aws:s3:::${name}`,
    region: 'eu-west-1',
    creationDate: null,
    acl: shape.acl ?? ok({ ownerId: 'owner', grants: [{ granteeType: 'CanonicalUser', uri: null, id: 'owner', permission: 'FULL_CONTROL' }, ...(shape.grants ?? [])] }),
    policy: shape.policyResult ?? ok({ document: shape.policy ?? null }),
    publicAccessBlock: shape.publicAccessBlock ?? ok(shape.block ?? null),
    policyStatus: shape.policyStatus ?? (shape.isPublic === undefined ? failed('NotImplemented', 's3:GetBucketPolicyStatus') : ok({ isPublic: shape.isPublic })),
  };
}
