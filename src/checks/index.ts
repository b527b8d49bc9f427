/**
 * The registry: every check, imported explicitly. A meta-test asserts that each file under
 * src/checks/<service>/ is registered here exactly once and that ids equal file names.
 */
import type { AnyCheck } from './define.js';
import ebsSnapshotPublic from './ebs/ebs-snapshot-public.js';
import ec2ImdsV1Enabled from './ec2/ec2-imdsv1-enabled.js';
import ec2InstanceRoleOverprivileged from './ec2/ec2-instance-role-overprivileged.js';
import iamAccessKeyRotation from './iam/iam-access-key-rotation.js';
import iamAccessKeyUnused from './iam/iam-access-key-unused.js';
import iamRootAccessKeys from './iam/iam-root-access-keys.js';
import iamRootMfa from './iam/iam-root-mfa.js';
import s3AccountPublicAccessBlock from './s3/s3-account-public-access-block.js';
import s3BucketPublicWrite from './s3/s3-bucket-public-write.js';

export const ALL_CHECKS: readonly AnyCheck[] = [
  iamRootAccessKeys,
  iamRootMfa,
  iamAccessKeyRotation,
  iamAccessKeyUnused,
  s3BucketPublicWrite,
  s3AccountPublicAccessBlock,
  ebsSnapshotPublic,
  ec2InstanceRoleOverprivileged,
  ec2ImdsV1Enabled,
];

export function findCheck(id: string): AnyCheck | undefined {
  return ALL_CHECKS.find((check) => check.id === id);
}
