/**
 * The registry: every check, imported explicitly. A meta-test asserts that each file under
 * src/checks/<service>/ is registered here exactly once and that ids equal file names.
 */
import type { RegisteredCheck } from './define.js';
import ebsSnapshotBlockPublicAccess from './ebs/ebs-snapshot-block-public-access.js';
import ebsSnapshotPublic from './ebs/ebs-snapshot-public.js';
import ebsSnapshotSharedUnknownAccount from './ebs/ebs-snapshot-shared-unknown-account.js';
import ec2AmiPublic from './ec2/ec2-ami-public.js';
import ec2InstanceUntrustedAmi from './ec2/ec2-instance-untrusted-ami.js';
import ec2UserDataSecrets from './ec2/ec2-user-data-secrets.js';
import ec2ImdsV1Enabled from './ec2/ec2-imdsv1-enabled.js';
import ec2InstanceRoleOverprivileged from './ec2/ec2-instance-role-overprivileged.js';
import iamAccessKeyRotation from './iam/iam-access-key-rotation.js';
import iamAccessKeyUnused from './iam/iam-access-key-unused.js';
import iamRootAccessKeys from './iam/iam-root-access-keys.js';
import iamRootMfa from './iam/iam-root-mfa.js';
import iamUserConsoleWithoutMfa from './iam/iam-user-console-without-mfa.js';
import iamUserInactiveConsole from './iam/iam-user-inactive-console.js';
import iamUserKeysPrivileged from './iam/iam-user-keys-privileged.js';
import ec2CapitalOnePath from './ec2/ec2-capital-one-path.js';
import ec2SecurityGroupAdminPortsOpen from './ec2/ec2-security-group-admin-ports-open.js';
import s3AccountPublicAccessBlock from './s3/s3-account-public-access-block.js';
import s3BucketPublicRead from './s3/s3-bucket-public-read.js';
import s3BucketPublicWrite from './s3/s3-bucket-public-write.js';
import iamRoleTrustExternal from './iam/iam-role-trust-external.js';
import cloudtrailMultiRegionLogging from './cloudtrail/cloudtrail-multi-region-logging.js';
import guarddutyEnabled from './guardduty/guardduty-enabled.js';
import lambdaEnvironmentSecrets from './lambda/lambda-environment-secrets.js';
import eksClusterEndpointPublic from './eks/eks-cluster-endpoint-public.js';
import bedrockInvocationLogging from './bedrock/bedrock-invocation-logging.js';
import rdsSnapshotPublic from './rds/rds-snapshot-public.js';
import s3BucketDestructionProtection from './s3/s3-bucket-destruction-protection.js';
import rdsSnapshotSharedUnknownAccount from './rds/rds-snapshot-shared-unknown-account.js';

export const ALL_CHECKS = [
  iamRootAccessKeys,
  iamRootMfa,
  iamAccessKeyRotation,
  iamAccessKeyUnused,
  s3BucketPublicWrite,
  s3BucketPublicRead,
  s3AccountPublicAccessBlock,
  ebsSnapshotPublic,
  ec2InstanceRoleOverprivileged,
  ec2ImdsV1Enabled,
  iamUserConsoleWithoutMfa,
  iamUserInactiveConsole,
  iamUserKeysPrivileged,
  ec2CapitalOnePath,
  ec2SecurityGroupAdminPortsOpen,
  ebsSnapshotSharedUnknownAccount,
  ebsSnapshotBlockPublicAccess,
  ec2InstanceUntrustedAmi,
  ec2UserDataSecrets,
  ec2AmiPublic,
  iamRoleTrustExternal,
  cloudtrailMultiRegionLogging,
  guarddutyEnabled,
  lambdaEnvironmentSecrets,
  eksClusterEndpointPublic,
  bedrockInvocationLogging,
  rdsSnapshotPublic,
  rdsSnapshotSharedUnknownAccount,
  s3BucketDestructionProtection,
] as const satisfies readonly RegisteredCheck[];

/** The id of a registered check, e.g. `iam-root-mfa`. */
export type CheckId = (typeof ALL_CHECKS)[number]['id'];
