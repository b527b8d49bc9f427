/**
 * The IAM actions a scan needs beyond its slices' own (those are in each slice's record,
 * `SLICES[name].actions` in ./schema.ts). Together they are the single source for the
 * least-privilege policy (`breachmap permissions`) and the read-only allowlist test.
 */
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
