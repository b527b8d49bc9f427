/**
 * The inventory: everything the collectors gathered, as plain data. It is the contract between
 * collection and evaluation, the on-disk snapshot format (`breachmap collect`), and it never holds
 * a secret value.
 */
import { z } from 'zod';

export const INVENTORY_SCHEMA_VERSION = 1;

/** Why a slice of data could not be gathered. `action` names the IAM action that was refused or needed. */
export const collectErrorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    action: z.string().optional(),
  })
  .strict();
export type CollectError = z.infer<typeof collectErrorSchema>;

/** A slice either holds data or says why it does not. A failed slice never evaluates to pass. */
export function collectedSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }).strict(),
    z.object({ ok: z.literal(false), error: collectErrorSchema }).strict(),
  ]);
}
export type Collected<T> = { ok: true; data: T } | { ok: false; error: CollectError };

/** One entry per scanned region; a failure in one region leaves the others intact. */
export function regionalSchema<T extends z.ZodType>(data: T) {
  return z.array(z.object({ region: z.string(), result: collectedSchema(data) }).strict());
}
export type Regional<T> = { region: string; result: Collected<T> }[];

const isoDate = z.iso.datetime({ offset: true });
const nullableIsoDate = isoDate.nullable();

/** An IAM or resource policy document exactly as AWS returned it, already JSON-parsed. */
export const policyDocumentSchema = z.unknown();

// ---------------------------------------------------------------- IAM

export const credentialReportKeySchema = z
  .object({
    slot: z.union([z.literal(1), z.literal(2)]),
    active: z.boolean(),
    lastRotated: nullableIsoDate,
    lastUsed: nullableIsoDate,
    lastUsedService: z.string().nullable(),
    lastUsedRegion: z.string().nullable(),
  })
  .strict();
export type CredentialReportKey = z.infer<typeof credentialReportKeySchema>;

export const credentialReportRowSchema = z
  .object({
    /** `<root_account>` for the root user. */
    user: z.string(),
    arn: z.string(),
    userCreationTime: nullableIsoDate,
    /** null where AWS prints `not_supported` (the root row). */
    passwordEnabled: z.boolean().nullable(),
    /** null when the password was never used or there is no information. */
    passwordLastUsed: nullableIsoDate,
    passwordLastChanged: nullableIsoDate,
    mfaActive: z.boolean(),
    accessKeys: z.array(credentialReportKeySchema),
  })
  .strict();
export type CredentialReportRow = z.infer<typeof credentialReportRowSchema>;

export const ROOT_ACCOUNT_USER = '<root_account>';

export const credentialReportSchema = z
  .object({
    generatedAt: nullableIsoDate,
    rows: z.array(credentialReportRowSchema),
  })
  .strict();
export type CredentialReport = z.infer<typeof credentialReportSchema>;

export const accountSummarySchema = z
  .object({
    /** The raw `SummaryMap` of GetAccountSummary (AccountAccessKeysPresent, AccountMFAEnabled, Users, …). */
    summaryMap: z.record(z.string(), z.number()),
  })
  .strict();
export type AccountSummary = z.infer<typeof accountSummarySchema>;

const attachedPolicySchema = z.object({ name: z.string(), arn: z.string() }).strict();
const inlinePolicySchema = z.object({ name: z.string(), document: policyDocumentSchema }).strict();
export type AttachedPolicy = z.infer<typeof attachedPolicySchema>;
export type InlinePolicy = z.infer<typeof inlinePolicySchema>;

export const iamUserSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    id: z.string(),
    createDate: nullableIsoDate,
    groups: z.array(z.string()),
    attachedPolicies: z.array(attachedPolicySchema),
    inlinePolicies: z.array(inlinePolicySchema),
    permissionsBoundaryArn: z.string().nullable(),
  })
  .strict();
export type IamUser = z.infer<typeof iamUserSchema>;

export const iamGroupSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    attachedPolicies: z.array(attachedPolicySchema),
    inlinePolicies: z.array(inlinePolicySchema),
  })
  .strict();
export type IamGroup = z.infer<typeof iamGroupSchema>;

export const iamRoleSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    id: z.string(),
    path: z.string(),
    createDate: nullableIsoDate,
    assumeRolePolicy: policyDocumentSchema,
    attachedPolicies: z.array(attachedPolicySchema),
    inlinePolicies: z.array(inlinePolicySchema),
    permissionsBoundaryArn: z.string().nullable(),
  })
  .strict();
export type IamRole = z.infer<typeof iamRoleSchema>;

export const instanceProfileSchema = z
  .object({ name: z.string(), arn: z.string(), roleArns: z.array(z.string()) })
  .strict();
export type InstanceProfile = z.infer<typeof instanceProfileSchema>;

export const managedPolicySchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    awsManaged: z.boolean(),
    /** The default version's document. */
    document: policyDocumentSchema,
  })
  .strict();
export type ManagedPolicy = z.infer<typeof managedPolicySchema>;

export const authorizationDetailsSchema = z
  .object({
    users: z.array(iamUserSchema),
    groups: z.array(iamGroupSchema),
    roles: z.array(iamRoleSchema),
    instanceProfiles: z.array(instanceProfileSchema),
    /** Only the managed policies attached to some user, group or role, or used as a permissions boundary. */
    policies: z.array(managedPolicySchema),
  })
  .strict();
export type AuthorizationDetails = z.infer<typeof authorizationDetailsSchema>;

// ---------------------------------------------------------------- S3

export const publicAccessBlockSchema = z
  .object({
    blockPublicAcls: z.boolean(),
    ignorePublicAcls: z.boolean(),
    blockPublicPolicy: z.boolean(),
    restrictPublicBuckets: z.boolean(),
  })
  .strict();
export type PublicAccessBlock = z.infer<typeof publicAccessBlockSchema>;

export const aclGrantSchema = z
  .object({
    granteeType: z.enum(['Group', 'CanonicalUser', 'AmazonCustomerByEmail', 'Unknown']),
    /** For Group grantees, e.g. http://acs.amazonaws.com/groups/global/AllUsers. */
    uri: z.string().nullable(),
    /** For CanonicalUser grantees. */
    id: z.string().nullable(),
    permission: z.enum(['FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP', 'UNKNOWN']),
  })
  .strict();
export type AclGrant = z.infer<typeof aclGrantSchema>;

export const bucketAclSchema = z.object({ ownerId: z.string().nullable(), grants: z.array(aclGrantSchema) }).strict();
export type BucketAcl = z.infer<typeof bucketAclSchema>;

/**
 * Why a bucket part was deliberately not read (issue 17: fewest calls the public verdicts need).
 * The account-level Block Public Access settings apply to every bucket and neutralise what already
 * exists (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html):
 * - `account-ignore-public-acls`: IgnorePublicAcls makes S3 ignore every public ACL grant, so no
 *   bucket ACL can make anything public;
 * - `account-restrict-public-buckets`: RestrictPublicBuckets limits a bucket with a public policy to
 *   AWS service principals and the owner account, so no bucket policy can make anything public;
 * - `account-blocks-acls-and-policies`: both, so the bucket-level settings change nothing either;
 * - `policy-status-not-public`: GetBucketPolicyStatus (AWS's own verdict) says the policy is not
 *   public, so the policy text was not read.
 */
export const BUCKET_PART_SKIP_REASONS = [
  'account-ignore-public-acls',
  'account-restrict-public-buckets',
  'account-blocks-acls-and-policies',
  'policy-status-not-public',
] as const;
export type BucketPartSkipReason = (typeof BUCKET_PART_SKIP_REASONS)[number];

/**
 * A per-bucket read: data, a failure, or `skipped` (not read on purpose, with the reason). A skipped
 * part has no data: a reader must decide what the reason proves, never treat it as read.
 */
export function bucketPartSchema<T extends z.ZodType>(data: T) {
  return z.union([
    z.object({ ok: z.literal(true), data }).strict(),
    z.object({ ok: z.literal(false), error: collectErrorSchema }).strict(),
    z.object({ ok: z.literal(true), skipped: z.enum(BUCKET_PART_SKIP_REASONS) }).strict(),
  ]);
}
export type SkippedPart = { ok: true; skipped: BucketPartSkipReason };
export type BucketPartResult<T> = Collected<T> | SkippedPart;

export function isSkipped(part: { ok: boolean }): part is SkippedPart {
  return part.ok && 'skipped' in part;
}

export const bucketSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    region: z.string(),
    creationDate: nullableIsoDate,
    acl: bucketPartSchema(bucketAclSchema),
    /** `document: null` when the bucket has no policy. */
    policy: bucketPartSchema(z.object({ document: policyDocumentSchema.nullable() }).strict()),
    /** `null` when the bucket has no Block Public Access configuration. */
    publicAccessBlock: bucketPartSchema(publicAccessBlockSchema.nullable()),
    /** AWS's own verdict on the policy; unavailable on some endpoints (emulators). */
    policyStatus: bucketPartSchema(z.object({ isPublic: z.boolean() }).strict()),
  })
  .strict();
export type Bucket = z.infer<typeof bucketSchema>;

export const s3BucketsSchema = z.object({ buckets: z.array(bucketSchema) }).strict();
export type S3Buckets = z.infer<typeof s3BucketsSchema>;

/** `configuration: null` when the account has no Block Public Access configuration at all. */
export const s3AccountPublicAccessBlockSchema = z
  .object({ configuration: publicAccessBlockSchema.nullable() })
  .strict();
export type S3AccountPublicAccessBlock = z.infer<typeof s3AccountPublicAccessBlockSchema>;

// ---------------------------------------------------------------- EC2 / EBS

export const createVolumePermissionSchema = z
  .object({ group: z.literal('all').nullable(), userId: z.string().nullable() })
  .strict();
export type CreateVolumePermission = z.infer<typeof createVolumePermissionSchema>;

/** A snapshot owned by the account that EC2 lists as restorable by everyone, with its confirmed permissions. */
export const publicSnapshotCandidateSchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    ownerId: z.string(),
    volumeSizeGiB: z.number().nullable(),
    encrypted: z.boolean().nullable(),
    startTime: nullableIsoDate,
    description: z.string().nullable(),
    createVolumePermissions: collectedSchema(z.array(createVolumePermissionSchema)),
  })
  .strict();
export type PublicSnapshotCandidate = z.infer<typeof publicSnapshotCandidateSchema>;

export const ebsPublicSnapshotsSchema = regionalSchema(
  z.object({ candidates: z.array(publicSnapshotCandidateSchema) }).strict(),
);
export type EbsPublicSnapshots = z.infer<typeof ebsPublicSnapshotsSchema>;

export const SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES = ['block-all-sharing', 'block-new-sharing', 'unblocked'] as const;
export const ebsSnapshotBlockPublicAccessSchema = regionalSchema(
  z.object({ state: z.enum(SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES) }).strict(),
);
export type EbsSnapshotBlockPublicAccess = z.infer<typeof ebsSnapshotBlockPublicAccessSchema>;

export const instanceSchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    name: z.string().nullable(),
    state: z.string(),
    imageId: z.string().nullable(),
    launchTime: nullableIsoDate,
    publicIp: z.string().nullable(),
    instanceProfileArn: z.string().nullable(),
    securityGroupIds: z.array(z.string()),
    metadataOptions: z
      .object({
        httpTokens: z.string().nullable(),
        /** Missing means enabled (AWS default; moto drops it after a modification). */
        httpEndpoint: z.string().nullable(),
        httpPutResponseHopLimit: z.number().nullable(),
      })
      .strict(),
  })
  .strict();
export type Instance = z.infer<typeof instanceSchema>;

export const ec2InstancesSchema = regionalSchema(z.object({ instances: z.array(instanceSchema) }).strict());
export type Ec2Instances = z.infer<typeof ec2InstancesSchema>;

/** One ingress permission of a security group, as DescribeSecurityGroups returns it (no descriptions). */
export const securityGroupIngressSchema = z
  .object({
    /** `tcp`, `udp`, `icmp`, `icmpv6`, `-1` (all traffic) or a protocol number, as AWS reports it. */
    ipProtocol: z.string(),
    /** null when AWS omits it (all traffic). */
    fromPort: z.number().int().nullable(),
    toPort: z.number().int().nullable(),
    ipv4Ranges: z.array(z.string()),
    ipv6Ranges: z.array(z.string()),
    /** Managed prefix lists the permission admits (`pl-…`): the union of their entries' CIDRs. */
    prefixListIds: z.array(z.string()),
  })
  .strict();
export type SecurityGroupIngress = z.infer<typeof securityGroupIngressSchema>;

export const securityGroupSchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    name: z.string().nullable(),
    vpcId: z.string().nullable(),
    ingress: z.array(securityGroupIngressSchema),
  })
  .strict();
export type SecurityGroup = z.infer<typeof securityGroupSchema>;

/**
 * A managed prefix list that some ingress permission of the region references, with its current
 * entries' CIDRs (descriptions are not kept). `cidrs` fails on its own when the entries could not
 * be read, so one unreadable list leaves the others usable.
 */
export const managedPrefixListSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    /** The owning account, or `AWS` for AWS-managed lists (com.amazonaws.…). */
    ownerId: z.string().nullable(),
    /** `IPv4` or `IPv6`; null when AWS did not say. */
    addressFamily: z.string().nullable(),
    cidrs: collectedSchema(z.array(z.string())),
  })
  .strict();
export type ManagedPrefixList = z.infer<typeof managedPrefixListSchema>;

export const securityGroupsRegionSchema = z
  .object({
    securityGroups: z.array(securityGroupSchema),
    /** Only the prefix lists that ingress permissions reference; empty (and no call made) when none does. */
    prefixLists: collectedSchema(z.array(managedPrefixListSchema)),
  })
  .strict();
export type SecurityGroupsRegion = z.infer<typeof securityGroupsRegionSchema>;

export const ec2SecurityGroupsSchema = regionalSchema(securityGroupsRegionSchema);
export type Ec2SecurityGroups = z.infer<typeof ec2SecurityGroupsSchema>;

/** An owned snapshot whose createVolumePermission was read (or could not be) for the sharing check. */
export const snapshotSharingSchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    volumeSizeGiB: z.number().nullable(),
    encrypted: z.boolean().nullable(),
    startTime: nullableIsoDate,
    createVolumePermissions: collectedSchema(z.array(createVolumePermissionSchema)),
  })
  .strict();
export type SnapshotSharing = z.infer<typeof snapshotSharingSchema>;

/**
 * Every snapshot the account owns in a region, each with its createVolumePermission. Reading it is
 * one DescribeSnapshotAttribute call per snapshot, so the collector spends at most a budget of calls
 * (`--max-snapshot-attribute-calls`); the snapshots it had no budget left for are only counted.
 */
export const ebsSnapshotSharingSchema = regionalSchema(
  z
    .object({
      ownedSnapshots: z.number().int().nonnegative(),
      snapshots: z.array(snapshotSharingSchema),
      /** Owned snapshots whose permissions were not read because the call budget was spent. */
      skippedByBudget: z.number().int().nonnegative(),
      attributeCallBudget: z.number().int().nonnegative(),
    })
    .strict(),
);
export type EbsSnapshotSharing = z.infer<typeof ebsSnapshotSharingSchema>;

/** The AMI an instance was launched from, as DescribeImages shows it to this account. */
export const machineImageSchema = z
  .object({
    id: z.string(),
    ownerId: z.string().nullable(),
    /** Amazon-maintained owner alias: `amazon`, `aws-marketplace`, `aws-backup-vault`; null for everyone else. */
    ownerAlias: z.string().nullable(),
    name: z.string().nullable(),
    public: z.boolean().nullable(),
    state: z.string().nullable(),
    creationDate: z.string().nullable(),
  })
  .strict();
export type MachineImage = z.infer<typeof machineImageSchema>;

/**
 * The images behind the region's instances. `missingImageIds` were asked for and not returned:
 * deregistered, or no longer shared with this account, so their owner cannot be known.
 */
export const ec2InstanceImagesSchema = regionalSchema(
  z.object({ images: z.array(machineImageSchema), missingImageIds: z.array(z.string()) }).strict(),
);
export type Ec2InstanceImages = z.infer<typeof ec2InstanceImagesSchema>;

/** An AMI the account owns that DescribeImages reports as public (launch permission for everyone). */
export const publicImageSchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    ownerId: z.string(),
    name: z.string().nullable(),
    state: z.string().nullable(),
    creationDate: z.string().nullable(),
    /** The EBS snapshots behind the image's volumes: whoever launches or copies the image reads them. */
    snapshotIds: z.array(z.string()),
  })
  .strict();
export type PublicImage = z.infer<typeof publicImageSchema>;

export const IMAGE_BLOCK_PUBLIC_ACCESS_STATES = ['block-new-sharing', 'unblocked'] as const;

/**
 * Per region: the account's public AMIs (one paginated DescribeImages Owners=self, is-public=true)
 * and the region's image Block Public Access state, which fails on its own (emulators lack it).
 */
export const ec2PublicImagesSchema = regionalSchema(
  z
    .object({
      images: z.array(publicImageSchema),
      blockPublicAccess: collectedSchema(z.object({ state: z.enum(IMAGE_BLOCK_PUBLIC_ACCESS_STATES) }).strict()),
    })
    .strict(),
);
export type Ec2PublicImages = z.infer<typeof ec2PublicImagesSchema>;

export const USER_DATA_SECRET_KINDS = [
  'aws-access-key-id',
  'aws-secret-access-key',
  'private-key',
  'password-assignment',
  'token-assignment',
  'secret-assignment',
] as const;
export type UserDataSecretKind = (typeof USER_DATA_SECRET_KINDS)[number];

/** Where a secret-looking value was seen. Never the value itself. */
export const userDataSecretMatchSchema = z
  .object({
    kind: z.enum(USER_DATA_SECRET_KINDS),
    /** 1-based line number in the decoded user data (or in the decoded MIME part when `part` is set). */
    line: z.number().int().positive(),
    /** 1-based MIME part number for multipart user data; null for a single document. */
    part: z.number().int().positive().nullable(),
  })
  .strict();
export type UserDataSecretMatch = z.infer<typeof userDataSecretMatchSchema>;

export const USER_DATA_ENCODINGS = ['none', 'text', 'gzip', 'mime-multipart', 'binary'] as const;

export const userDataScanSchema = z
  .object({
    /** What the decoded user data turned out to be; `none` when the instance has no user data. */
    encoding: z.enum(USER_DATA_ENCODINGS),
    decodedBytes: z.number().int().nonnegative(),
    matches: z.array(userDataSecretMatchSchema),
  })
  .strict();
export type UserDataScan = z.infer<typeof userDataScanSchema>;

/** The result of scanning each instance's user data: match metadata only, never the user data. */
export const ec2UserDataSecretsSchema = regionalSchema(
  z
    .object({
      instances: z.array(
        z
          .object({
            instanceId: z.string(),
            arn: z.string(),
            name: z.string().nullable(),
            state: z.string(),
            scan: collectedSchema(userDataScanSchema),
          })
          .strict(),
      ),
      /** Instances whose user data was not read because the `--max-user-data-calls` budget was spent. */
      skippedByBudget: z.number().int().nonnegative(),
    })
    .strict(),
);
export type Ec2UserDataSecrets = z.infer<typeof ec2UserDataSecretsSchema>;

// ---------------------------------------------------------------- Lambda

/** A secret seen in one environment variable: the variable's name and the kind, never the value. */
export const lambdaEnvironmentMatchSchema = z
  .object({
    /** The variable's name (a name is configuration, not a secret). */
    variable: z.string(),
    kind: z.enum(USER_DATA_SECRET_KINDS),
    /** `value`: `NAME=value` matched a secret pattern; `name`: the name alone says it holds an AWS secret key. */
    rule: z.enum(['value', 'name']),
  })
  .strict();
export type LambdaEnvironmentMatch = z.infer<typeof lambdaEnvironmentMatchSchema>;

/**
 * Per region, every function version ListFunctions returns (FunctionVersion=ALL: a published version
 * keeps the environment it was published with), each with its environment scanned in the collector.
 * `environment` fails on its own when Lambda returned `Environment.Error` instead of the variables
 * (e.g. a customer managed key the caller may not use to decrypt them).
 */
export const lambdaEnvironmentSecretsSchema = regionalSchema(
  z
    .object({
      functions: z.array(
        z
          .object({
            name: z.string(),
            /** Unqualified for $LATEST, `…:function:NAME:VERSION` for a published version. */
            arn: z.string(),
            version: z.string(),
            runtime: z.string().nullable(),
            /** The customer managed key encrypting the variables; null for the AWS managed key. */
            kmsKeyArn: z.string().nullable(),
            environment: collectedSchema(
              z.object({ variableCount: z.number().int().nonnegative(), matches: z.array(lambdaEnvironmentMatchSchema) }).strict(),
            ),
          })
          .strict(),
      ),
    })
    .strict(),
);
export type LambdaEnvironmentSecrets = z.infer<typeof lambdaEnvironmentSecretsSchema>;

// ---------------------------------------------------------------- EKS

/** A cluster's API endpoint access, as DescribeCluster's `resourcesVpcConfig` reports it. */
export const eksClusterEndpointSchema = z
  .object({
    arn: z.string(),
    version: z.string().nullable(),
    status: z.string().nullable(),
    /** null when the answer left it out (AWS's default is true). */
    endpointPublicAccess: z.boolean().nullable(),
    endpointPrivateAccess: z.boolean().nullable(),
    /** The allowlist of the public endpoint; empty when the answer left it out (AWS's default is 0.0.0.0/0). */
    publicAccessCidrs: z.array(z.string()),
  })
  .strict();
export type EksClusterEndpoint = z.infer<typeof eksClusterEndpointSchema>;

/** Per region, every cluster ListClusters names, each with its own DescribeCluster answer. */
export const eksClustersSchema = regionalSchema(
  z
    .object({
      clusters: z.array(z.object({ name: z.string(), endpoint: collectedSchema(eksClusterEndpointSchema) }).strict()),
    })
    .strict(),
);
export type EksClusters = z.infer<typeof eksClustersSchema>;

// ---------------------------------------------------------------- Bedrock

/**
 * A region's Bedrock model invocation logging. `logging` is null when it is off (no loggingConfig,
 * or one without a destination); `notOffered` says why the region has no Bedrock endpoint at all.
 */
export const bedrockInvocationLoggingSchema = regionalSchema(
  z
    .object({
      logging: z
        .object({
          cloudWatchLogGroup: z.string().nullable(),
          /** `bucket` or `bucket/prefix`. */
          s3Destination: z.string().nullable(),
          /** Which data the logs carry beyond metadata: text, image, embedding, video. */
          dataDelivery: z.array(z.string()),
        })
        .strict()
        .nullable(),
      notOffered: z.string().nullable(),
    })
    .strict(),
);
export type BedrockInvocationLogging = z.infer<typeof bedrockInvocationLoggingSchema>;
// ---------------------------------------------------------------- S3 recovery

/** One lifecycle rule, reduced to what decides how long an overwritten or deleted version survives. */
export const lifecycleRuleSchema = z
  .object({
    id: z.string().nullable(),
    enabled: z.boolean(),
    /** NoncurrentVersionExpiration.NoncurrentDays: days after which noncurrent versions are deleted. */
    noncurrentDays: z.number().int().nonnegative().nullable(),
    /** NoncurrentVersionExpiration.NewerNoncurrentVersions: how many newer noncurrent versions are kept regardless. */
    newerNoncurrentVersions: z.number().int().nonnegative().nullable(),
    /** The rule's key prefix (Filter.Prefix, Filter.And.Prefix or the legacy Prefix); null when it has none. */
    prefix: z.string().nullable(),
    /** True when the rule is narrowed by anything (prefix, tags, object size). */
    filtered: z.boolean(),
  })
  .strict();
export type LifecycleRule = z.infer<typeof lifecycleRuleSchema>;

export const bucketRecoverySchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    region: z.string(),
    /** GetBucketVersioning: `status` null when versioning was never enabled, `mfaDelete` null when AWS leaves it out. */
    versioning: collectedSchema(
      z.object({ status: z.enum(['Enabled', 'Suspended']).nullable(), mfaDelete: z.enum(['Enabled', 'Disabled']).nullable() }).strict(),
    ),
    /**
     * GetObjectLockConfiguration, read only for buckets whose versioning is Enabled (Object Lock
     * cannot exist without it); null when not read. `defaultRetention` null: no default rule.
     */
    objectLock: collectedSchema(
      z
        .object({
          enabled: z.boolean(),
          defaultRetention: z
            .object({ mode: z.enum(['GOVERNANCE', 'COMPLIANCE']).nullable(), days: z.number().int().nullable(), years: z.number().int().nullable() })
            .strict()
            .nullable(),
        })
        .strict(),
    ).nullable(),
    /**
     * GetBucketLifecycleConfiguration, read only for versioned buckets that neither MFA delete nor an
     * Object Lock default retention already protects; null when not read. No configuration: no rules.
     */
    lifecycle: collectedSchema(z.object({ rules: z.array(lifecycleRuleSchema) }).strict()).nullable(),
  })
  .strict();
export type BucketRecovery = z.infer<typeof bucketRecoverySchema>;

export const s3BucketRecoverySchema = z.object({ buckets: z.array(bucketRecoverySchema) }).strict();
export type S3BucketRecovery = z.infer<typeof s3BucketRecoverySchema>;

// ---------------------------------------------------------------- RDS

export const RDS_SNAPSHOT_KINDS = ['db-snapshot', 'db-cluster-snapshot'] as const;
export type RdsSnapshotKind = (typeof RDS_SNAPSHOT_KINDS)[number];

/**
 * A manual RDS DB snapshot or DB cluster snapshot the account owns, with the values of its
 * `restore` attribute: `all` when anyone may copy or restore it, otherwise the account ids it is
 * shared with. Reading them is one DescribeDBSnapshotAttributes or DescribeDBClusterSnapshotAttributes
 * call per snapshot.
 */
export const rdsSnapshotSchema = z
  .object({
    kind: z.enum(RDS_SNAPSHOT_KINDS),
    id: z.string(),
    arn: z.string(),
    /** The DB instance or DB cluster it was taken from (it may no longer exist). */
    sourceId: z.string().nullable(),
    engine: z.string().nullable(),
    encrypted: z.boolean().nullable(),
    /** The KMS key ARN of an encrypted snapshot. */
    kmsKeyId: z.string().nullable(),
    createTime: nullableIsoDate,
    restore: collectedSchema(z.array(z.string())),
  })
  .strict();
export type RdsSnapshot = z.infer<typeof rdsSnapshotSchema>;

/**
 * Every manual DB and DB cluster snapshot the account owns in a region. The attribute reads spend
 * at most a budget of calls (`--max-rds-snapshot-attribute-calls`); the rest are only counted.
 */
export const rdsSnapshotsSchema = regionalSchema(
  z
    .object({
      manualSnapshots: z.number().int().nonnegative(),
      snapshots: z.array(rdsSnapshotSchema),
      /** Manual snapshots whose `restore` attribute was not read because the call budget was spent. */
      skippedByBudget: z.number().int().nonnegative(),
      attributeCallBudget: z.number().int().nonnegative(),
    })
    .strict(),
);
export type RdsSnapshots = z.infer<typeof rdsSnapshotsSchema>;

// ---------------------------------------------------------------- Organizations

/**
 * The accounts of the organization the scanned account belongs to, when the caller may list them.
 * Listing them is a bonus, never a requirement: a member account is usually refused
 * organizations:ListAccounts, and an account outside any organization has none. Both are data
 * (`accountIds: null` with the reason), so checks narrow what they trust instead of failing.
 */
export const organizationAccountsSchema = z
  .object({ accountIds: z.array(z.string()).nullable(), unavailableReason: z.string().nullable() })
  .strict();
export type OrganizationAccounts = z.infer<typeof organizationAccountsSchema>;
/** The `unavailableReason` of an account outside any organization (then no account can be a sibling). */
export const NOT_IN_ORGANIZATION = 'the account is not in an AWS Organization';

// ---------------------------------------------------------------- CloudTrail

/** One field condition of an advanced event selector, as GetEventSelectors returns it (operators AWS left out are empty). */
export const advancedFieldSelectorSchema = z
  .object({
    field: z.string(),
    equals: z.array(z.string()),
    notEquals: z.array(z.string()),
    startsWith: z.array(z.string()),
    notStartsWith: z.array(z.string()),
    endsWith: z.array(z.string()),
    notEndsWith: z.array(z.string()),
  })
  .strict();
export type AdvancedFieldSelector = z.infer<typeof advancedFieldSelectorSchema>;

/**
 * A trail's event selectors: basic ones (ReadWriteType, IncludeManagementEvents) or advanced ones
 * (field conditions); AWS allows one kind per trail. Data-event resources are not kept.
 */
export const trailEventSelectorsSchema = z
  .object({
    basic: z.array(
      z
        .object({
          /** `All`, `ReadOnly` or `WriteOnly`; null when AWS left it out (its default is All). */
          readWriteType: z.string().nullable(),
          /** null when AWS left it out (its default is true). */
          includeManagementEvents: z.boolean().nullable(),
          excludeManagementEventSources: z.array(z.string()),
        })
        .strict(),
    ),
    advanced: z.array(z.object({ name: z.string().nullable(), fieldSelectors: z.array(advancedFieldSelectorSchema) }).strict()),
  })
  .strict();
export type TrailEventSelectors = z.infer<typeof trailEventSelectorsSchema>;

export const trailStatusSchema = z
  .object({
    isLogging: z.boolean(),
    startLoggingTime: nullableIsoDate,
    stopLoggingTime: nullableIsoDate,
    latestDeliveryTime: nullableIsoDate,
    latestDeliveryError: z.string().nullable(),
  })
  .strict();
export type TrailStatus = z.infer<typeof trailStatusSchema>;

/**
 * A trail as DescribeTrails lists it, with its status and event selectors read in its home region.
 * Those two are read only for multi-region trails (`null` otherwise: a single-region trail cannot
 * satisfy the check), and each fails on its own, as it does for an organization trail seen from a
 * member account.
 */
export const cloudTrailSchema = z
  .object({
    name: z.string(),
    arn: z.string(),
    homeRegion: z.string(),
    isMultiRegion: z.boolean(),
    isOrganizationTrail: z.boolean(),
    includeGlobalServiceEvents: z.boolean(),
    logFileValidation: z.boolean(),
    /** DescribeTrails' HasCustomEventSelectors; null when the endpoint left it out. */
    hasCustomEventSelectors: z.boolean().nullable(),
    status: collectedSchema(trailStatusSchema).nullable(),
    eventSelectors: collectedSchema(trailEventSelectorsSchema).nullable(),
  })
  .strict();
export type CloudTrail = z.infer<typeof cloudTrailSchema>;

/** The account's trails, from one DescribeTrails (includeShadowTrails) in `describedIn`. */
export const cloudTrailTrailsSchema = z.object({ describedIn: z.string(), trails: z.array(cloudTrailSchema) }).strict();
export type CloudTrailTrails = z.infer<typeof cloudTrailTrailsSchema>;

// ---------------------------------------------------------------- GuardDuty

export const guardDutyDetectorSchema = z
  .object({
    id: z.string(),
    arn: z.string(),
    /** `ENABLED` or `DISABLED` (a suspended detector), as GetDetector says. */
    status: z.string(),
    createdAt: z.string().nullable(),
    findingPublishingFrequency: z.string().nullable(),
    /** The protection plans GetDetector lists (S3_DATA_EVENTS, EKS_AUDIT_LOGS, RUNTIME_MONITORING, …) with their status. */
    features: z.array(z.object({ name: z.string(), status: z.string() }).strict()),
  })
  .strict();
export type GuardDutyDetector = z.infer<typeof guardDutyDetectorSchema>;

export const guardDutyDetectorsSchema = regionalSchema(z.object({ detectors: z.array(guardDutyDetectorSchema) }).strict());
export type GuardDutyDetectors = z.infer<typeof guardDutyDetectorsSchema>;

// ---------------------------------------------------------------- slices

/**
 * Everything the code knows about one slice of the inventory, in one place: the shape of its data,
 * the IAM actions its collector may send (the single source for `breachmap permissions`, the
 * read-only allowlist test and the action an unknown outcome names when the slice is missing), and
 * whether its data is per region (then it needs the region list and is a `Regional<…>` array).
 * The collector itself lives in src/collect (the only module that calls AWS), in a map that must
 * have exactly one entry per slice.
 */
/** `label`: what the slice is called in progress lines and messages, in the words a user knows. */
export type SliceRecord =
  | { readonly schema: z.ZodType<Regional<unknown>>; readonly actions: readonly string[]; readonly regional: true; readonly label: string }
  | { readonly schema: z.ZodType; readonly actions: readonly string[]; readonly regional: false; readonly label: string };

/**
 * Every slice of the inventory, in the order snapshots list them. A check names the slices it
 * needs; the engine hands it only those, so reading an undeclared slice is a compile error. Adding
 * a slice is one entry here plus its collector in src/collect/index.ts (see CONTRIBUTING.md).
 */
export const SLICES = {
  credentialReport: {
    schema: credentialReportSchema,
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    regional: false,
    label: 'IAM credential report',
  },
  accountSummary: {
    schema: accountSummarySchema,
    actions: ['iam:GetAccountSummary'],
    regional: false,
    label: 'IAM account summary',
  },
  authorizationDetails: {
    schema: authorizationDetailsSchema,
    actions: ['iam:GetAccountAuthorizationDetails', 'iam:GetPolicy', 'iam:GetPolicyVersion'],
    regional: false,
    label: 'IAM users, roles and policies',
  },
  s3Buckets: {
    schema: s3BucketsSchema,
    actions: [
      's3:ListAllMyBuckets',
      // The account-level settings decide which per-bucket reads the public verdicts need.
      's3:GetAccountPublicAccessBlock',
      's3:GetBucketLocation',
      's3:GetBucketAcl',
      's3:GetBucketPolicy',
      's3:GetBucketPublicAccessBlock',
      's3:GetBucketPolicyStatus',
    ],
    regional: false,
    label: 'S3 buckets',
  },
  s3AccountPublicAccessBlock: {
    schema: s3AccountPublicAccessBlockSchema,
    actions: ['s3:GetAccountPublicAccessBlock'],
    regional: false,
    label: 'S3 account Block Public Access',
  },
  ebsPublicSnapshots: {
    schema: ebsPublicSnapshotsSchema,
    actions: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute'],
    regional: true,
    label: 'EBS public snapshots',
  },
  ebsSnapshotBlockPublicAccess: {
    schema: ebsSnapshotBlockPublicAccessSchema,
    actions: ['ec2:GetSnapshotBlockPublicAccessState'],
    regional: true,
    label: 'EBS snapshot Block Public Access',
  },
  ec2Instances: {
    schema: ec2InstancesSchema,
    actions: ['ec2:DescribeInstances'],
    regional: true,
    label: 'EC2 instances',
  },
  ec2SecurityGroups: {
    schema: ec2SecurityGroupsSchema,
    actions: ['ec2:DescribeSecurityGroups', 'ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
    regional: true,
    label: 'EC2 security groups',
  },
  ebsSnapshotSharing: {
    schema: ebsSnapshotSharingSchema,
    actions: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute'],
    regional: true,
    label: 'EBS snapshot sharing',
  },
  ec2InstanceImages: {
    schema: ec2InstanceImagesSchema,
    actions: ['ec2:DescribeInstances', 'ec2:DescribeImages'],
    regional: true,
    label: 'AMIs of running instances',
  },
  ec2UserDataSecrets: {
    schema: ec2UserDataSecretsSchema,
    actions: ['ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute'],
    regional: true,
    label: 'EC2 user data',
  },
  organizationAccounts: {
    schema: organizationAccountsSchema,
    actions: ['organizations:ListAccounts'],
    regional: false,
    label: 'Organization accounts',
  },
  ec2PublicImages: {
    schema: ec2PublicImagesSchema,
    actions: ['ec2:DescribeImages', 'ec2:GetImageBlockPublicAccessState'],
    regional: true,
    label: 'Public AMIs',
  },
  cloudTrailTrails: {
    schema: cloudTrailTrailsSchema,
    actions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
    regional: false,
    label: 'CloudTrail trails',
  },
  guardDutyDetectors: {
    schema: guardDutyDetectorsSchema,
    actions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
    regional: true,
    label: 'GuardDuty detectors',
  },
  lambdaEnvironmentSecrets: {
    schema: lambdaEnvironmentSecretsSchema,
    actions: ['lambda:ListFunctions'],
    regional: true,
    label: 'Lambda environment variables',
  },
  eksClusters: {
    schema: eksClustersSchema,
    actions: ['eks:ListClusters', 'eks:DescribeCluster'],
    regional: true,
    label: 'EKS clusters',
  },
  bedrockInvocationLogging: {
    schema: bedrockInvocationLoggingSchema,
    actions: ['bedrock:GetModelInvocationLoggingConfiguration'],
    regional: true,
    label: 'Bedrock invocation logging',
  },
  rdsSnapshots: {
    schema: rdsSnapshotsSchema,
    actions: ['rds:DescribeDBSnapshots', 'rds:DescribeDBClusterSnapshots', 'rds:DescribeDBSnapshotAttributes', 'rds:DescribeDBClusterSnapshotAttributes'],
    regional: true,
    label: 'RDS snapshots',
  },
  s3BucketRecovery: {
    schema: s3BucketRecoverySchema,
    actions: ['s3:ListAllMyBuckets', 's3:GetBucketLocation', 's3:GetBucketVersioning', 's3:GetBucketObjectLockConfiguration', 's3:GetLifecycleConfiguration'],
    regional: false,
    label: 'S3 bucket recovery settings',
  },
} as const satisfies Record<string, SliceRecord>;

export type SliceName = keyof typeof SLICES;
/** The slice names in record order: the key order of `inventory.slices`. */
export const SLICE_NAMES = Object.keys(SLICES) as SliceName[];
export type SliceData = { [K in SliceName]: z.infer<(typeof SLICES)[K]['schema']> };

type CollectedSchema<T extends z.ZodType> = ReturnType<typeof collectedSchema<T>>;
type SlicesShape = { [K in SliceName]: z.ZodOptional<CollectedSchema<(typeof SLICES)[K]['schema']>> };

/** `inventory.slices`: each slice optional (only the slices the selected checks need are collected). */
function slicesSchemaOf(): z.ZodObject<SlicesShape, z.core.$strict> {
  const shape: Record<string, z.ZodType> = Object.fromEntries(SLICE_NAMES.map((name) => [name, collectedSchema(SLICES[name].schema).optional()]));
  // The cast restates per key what the line above builds: TypeScript cannot follow a key-dependent
  // type through Object.fromEntries.
  return z.object(shape as SlicesShape).strict();
}
const slicesSchema = slicesSchemaOf();
export type Slices = { [K in SliceName]?: Collected<SliceData[K]> | undefined };

export const callStatSchema = z
  .object({
    service: z.string(),
    operation: z.string(),
    calls: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    throttled: z.number().int().nonnegative(),
    totalMs: z.number().nonnegative(),
  })
  .strict();
export type CallStat = z.infer<typeof callStatSchema>;

export const collectionStatsSchema = z
  .object({
    durationMs: z.number().nonnegative(),
    totalCalls: z.number().int().nonnegative(),
    calls: z.array(callStatSchema),
  })
  .strict();
export type CollectionStats = z.infer<typeof collectionStatsSchema>;

export const inventorySchema = z
  .object({
    schemaVersion: z.literal(INVENTORY_SCHEMA_VERSION),
    tool: z.object({ name: z.literal('breachmap'), version: z.string() }).strict(),
    account: z
      .object({
        id: z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id'),
        partition: z.string(),
        callerArn: z.string().nullable(),
        alias: z.string().nullable(),
      })
      .strict(),
    collectedAt: isoDate,
    regions: z.array(z.string()),
    slices: slicesSchema,
    stats: collectionStatsSchema,
  })
  .strict();
export type Inventory = z.infer<typeof inventorySchema>;
