/**
 * The IAM actions each inventory slice needs. This is the single source for the least-privilege
 * policy (`breachmap permissions`), for each check's declared actions, and for the read-only
 * allowlist test; each collector asserts at runtime that it sends only the actions listed here.
 */
import type { SliceName } from './schema.js';

export const BASE_ACTIONS = ['sts:GetCallerIdentity', 'ec2:DescribeRegions', 'iam:ListAccountAliases'] as const;

/**
 * What the account that runs `scan --org` / `--role-arn` needs on top: list the organization's
 * accounts (the OU walk only with `--ou`) and assume the scan role. Kept apart from the scan
 * policy because member accounts never need it (`breachmap permissions --org` prints it).
 */
export const ORGANIZATION_ACTIONS = [
  'organizations:ListAccounts',
  'organizations:ListAccountsForParent',
  'organizations:ListOrganizationalUnitsForParent',
  'sts:AssumeRole',
] as const;

export const SLICE_ACTIONS: Readonly<Record<SliceName, readonly string[]>> = {
  credentialReport: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
  accountSummary: ['iam:GetAccountSummary'],
  authorizationDetails: ['iam:GetAccountAuthorizationDetails', 'iam:GetPolicy', 'iam:GetPolicyVersion'],
  s3Buckets: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketAcl',
    's3:GetBucketPolicy',
    's3:GetBucketPublicAccessBlock',
    's3:GetBucketPolicyStatus',
  ],
  s3AccountPublicAccessBlock: ['s3:GetAccountPublicAccessBlock'],
  ebsPublicSnapshots: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute'],
  ebsSnapshotBlockPublicAccess: ['ec2:GetSnapshotBlockPublicAccessState'],
  ec2Instances: ['ec2:DescribeInstances'],
  ec2SecurityGroups: ['ec2:DescribeSecurityGroups', 'ec2:DescribeManagedPrefixLists', 'ec2:GetManagedPrefixListEntries'],
  ebsSnapshotSharing: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute'],
  ec2InstanceImages: ['ec2:DescribeInstances', 'ec2:DescribeImages'],
  organizationAccounts: ['organizations:ListAccounts'],
  ec2UserDataSecrets: ['ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute'],
  ec2PublicImages: ['ec2:DescribeImages', 'ec2:GetImageBlockPublicAccessState'],
};
