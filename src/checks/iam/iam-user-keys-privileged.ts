import { defineCheck } from '../define.js';
import { forEachIamUser } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import { wholeDaysSince } from '../../time.js';
import type { AuthorizationDetails, CredentialReportRow } from '../../inventory/schema.js';
import type { Severity } from '../../model.js';
import { analyzeIdentity, describeGaps, describeGrant, identityGaps, userPolicies } from '../../policy/iam.js';
import type { PrivilegeGrant } from '../../policy/iam.js';

const ONE_LEVEL_DOWN: Readonly<Record<Severity, Severity>> = { critical: 'high', high: 'medium', medium: 'low', low: 'info', info: 'info' };

/**
 * Admin is critical on its own. Data-wide or escalation rights become critical when the key is
 * also older than the rotation limit: more time in more places to leak. Grants that hold only
 * under a condition (source IP, MFA, tags) drop one level, since the key alone may not be enough.
 */
function severityFor(grants: readonly PrivilegeGrant[], oldestKeyDays: number | null, maxKeyAgeDays: number): { severity: Severity; severityReason: string } | Record<string, never> {
  const admin = grants.some((grant) => grant.kind === 'admin');
  const stale = oldestKeyDays !== null && oldestKeyDays > maxKeyAgeDays;
  const why = admin ? 'the user is admin' : stale ? `the oldest key is older than ${maxKeyAgeDays} days` : '';
  const severity: Severity = admin || stale ? 'critical' : 'high';
  if (grants.every((grant) => grant.conditional)) {
    return { severity: ONE_LEVEL_DOWN[severity], severityReason: `every grant holds only under a condition${why === '' ? '' : ` (${why})`}` };
  }
  return why === '' ? {} : { severity, severityReason: why };
}

function judgeUser(row: CredentialReportRow, details: AuthorizationDetails, now: Date, maxKeyAgeDays: number): CheckOutcome {
  const activeKeys = row.accessKeys.filter((key) => key.active);
  const ages = activeKeys.flatMap((key) => (key.lastRotated === null ? [] : [wholeDaysSince(key.lastRotated, now)]));
  const oldestKeyDays = ages.length === 0 ? null : Math.max(...ages);
  const keyEvidence = {
    user: row.user,
    activeKeySlots: activeKeys.map((key) => String(key.slot)),
    oldestActiveKeyAgeDays: oldestKeyDays,
    maxKeyAgeDays,
  };
  const base = { resource: row.arn, region: 'global' };

  const user = details.users.find((candidate) => candidate.arn === row.arn) ?? details.users.find((candidate) => candidate.name === row.user);
  if (user === undefined) {
    return {
      ...base,
      status: 'unknown',
      message: `${row.user} has an active access key, but GetAccountAuthorizationDetails did not return the user, so its permissions are unknown.`,
      evidence: { ...keyEvidence, missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  const identity = userPolicies(user, details);
  // Whoever holds a leaked key signs with the key itself: no MFA in the request context.
  const grants = analyzeIdentity(identity, 'access-key');
  const gaps = identityGaps(identity);
  const lead = grants.find((grant) => grant.kind === 'admin') ?? grants[0];
  const grantEvidence = {
    kinds: [...new Set(grants.map((grant) => grant.kind))],
    grants: grants.map(describeGrant),
    escalationPaths: [...new Set(grants.flatMap((grant) => (grant.path === undefined ? [] : [grant.path])))],
    grantSources: [...new Set(grants.flatMap((grant) => [grant.source, ...grant.supporting.map((ref) => ref.source)]))],
    allGrantsConditional: grants.every((grant) => grant.conditional),
    permissionsBoundary: identity.boundary?.source ?? null,
    unreadablePolicies: gaps.other.map((gap) => gap.source),
  };
  if (gaps.blocking.length > 0) {
    // A boundary can take away every grant the policies make: without it nothing can be concluded.
    const without = lead === undefined ? 'nothing dangerous' : describeGrant(lead);
    return {
      ...base,
      status: 'unknown',
      message: `Could not judge the permissions of ${row.user}: ${describeGaps(gaps.blocking)}. Without the boundary its policies would grant ${without}.`,
      evidence: { ...keyEvidence, ...grantEvidence, unreadableBoundary: gaps.blocking.map((gap) => gap.source), reasons: gaps.blocking.map((gap) => gap.reason), missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  if (lead !== undefined) {
    const keys = activeKeys.length === 1 ? 'an active access key' : `${activeKeys.length} active access keys`;
    const age = oldestKeyDays === null ? '' : ` (oldest ${oldestKeyDays} days old)`;
    return {
      ...base,
      status: 'fail',
      ...severityFor(grants, oldestKeyDays, maxKeyAgeDays),
      message: `${row.user} has ${keys}${age} with ${grantEvidence.kinds.join(', ')} privileges: whoever finds the key gets ${describeGrant(lead)}.`,
      evidence: { ...keyEvidence, ...grantEvidence },
    };
  }
  if (gaps.other.length > 0) {
    return {
      ...base,
      status: 'unknown',
      message: `Could not judge the permissions of ${row.user}: ${describeGaps(gaps.other)} (needs iam:GetAccountAuthorizationDetails).`,
      evidence: { ...keyEvidence, unreadablePolicies: gaps.other.map((gap) => gap.source), reasons: gaps.other.map((gap) => gap.reason), missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  return {
    ...base,
    status: 'pass',
    message: `${row.user} has an active access key but no admin, account-wide data or privilege-escalation permissions${identity.boundary === null ? '' : ` within its permissions boundary ${identity.boundary.source}`}.`,
    evidence: { ...keyEvidence, kinds: [], permissionsBoundary: identity.boundary?.source ?? null },
  };
}

export default defineCheck({
  id: 'iam-user-keys-privileged',
  title: 'IAM users with access keys have no admin or account-wide privileges',
  service: 'iam',
  severity: 'high',
  rootCauses: ['leaked-keys', 'secrets-compute'],
  needs: ['credentialReport', 'authorizationDetails'],
  reportsReach: 'computed',
  description:
    'Fails for each IAM user with at least one active access key whose policies (inline, attached managed, and those of its groups, after Denies and the permissions boundary) grant admin, account-wide data reads or a named privilege-escalation path. Conditions are judged for a request signed with the key itself: an Allow requiring MFA never applies to it, and a force-MFA Deny (BoolIfExists aws:MultiFactorAuthPresent false) does. Admin, or a key older than maxKeyAgeDays, makes it critical; grants that hold only under a condition lower it one level. An unreadable policy, or a boundary whose document is unknown, makes the result unknown, never pass.',
  rationale:
    'A long-lived key ends up in code, CI logs, laptops and server config files, and when it leaks its policies decide the damage. Onus lost its S3 data to a key with AmazonS3FullAccess found in a server config, a key on a BrowserStack server created users and mounted backups, and DXC\'s leaked key started 244 instances. A key with narrow rights turns the same leak into a nuisance.',
  remediation: {
    summary:
      'Replace long-lived user keys with roles (instance profiles, IAM Roles Anywhere, OIDC federation for CI); where a key must stay, scope its user to the exact resources and actions it needs and rotate it.',
    console: [
      'Open IAM > Users > the user > "Permissions" and note which policy grants the finding (the evidence names it).',
      'Detach AdministratorAccess and *FullAccess policies; attach a policy naming the specific buckets, tables and actions the job uses.',
      'Use IAM Access Analyzer policy generation to derive that policy from CloudTrail activity.',
      'Move the workload to a role where possible, then deactivate and delete the key.',
    ],
    cli: 'aws iam list-attached-user-policies --user-name USER && aws iam detach-user-policy --user-name USER --policy-arn POLICY_ARN',
    terraform: [
      '# Give CI a role through OIDC federation instead of an IAM user key.',
      'resource "aws_iam_role" "ci_deploy" {',
      '  name = "ci-deploy"',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      '      Principal = { Federated = aws_iam_openid_connect_provider.ci.arn }',
      '      Action    = "sts:AssumeRoleWithWebIdentity"',
      '    }]',
      '  })',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#workloads-use-roles',
  },
  attackSteps: [
    'Find the key where it leaked: a public repository or gist, a CI log, a Docker image layer, a config file on a compromised server (Onus, BrowserStack).',
    'Run aws sts get-caller-identity and aws iam list-attached-user-policies to learn whose key it is and what it may do.',
    'With admin or an escalation path, create a backdoor user or key; with data-wide rights, list and download every bucket, secret or table.',
    'Exfiltrate or ransom the data, or launch instances for mining on the victim\'s bill (DXC: 244 instances), until someone notices the bill or the breach.',
  ],
  // No benchmark control asks this: CIS 1.16 / Security Hub IAM.1 flag customer policies with "*:*"
  // wherever attached, and the key controls (rotation, unused) ignore what the key can do.
  frameworks: {},
  incidents: [
    {
      incident: 'onus-2021-12',
      kind: 'precondition',
      why: 'CyStack\'s analysis says the Cyclos configuration held AWS keys with AmazonS3FullAccess, which let the attacker take the data of about two million users from S3.',
      source: 'https://cystack.net/research/the-attack-on-onus-a-real-life-case-of-the-log4shell-vulnerability',
    },
    {
      incident: 'browserstack-2014-11',
      kind: 'precondition',
      why: 'BrowserStack\'s analysis says the access keys found on a compromised server were powerful enough to create an IAM user, launch an instance and mount a backup.',
      source: 'http://archive.today/rsmmS',
    },
    {
      incident: 'datadog-1-2024-01',
      kind: 'precondition',
      why: 'Datadog describes a leaked IAM user access key whose permissions let the attacker create a new administrator user.',
      source: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-ecs-crypto-mining/',
    },
    {
      incident: 'invictus-ir-2024-01',
      kind: 'precondition',
      why: 'Invictus IR traces the intrusion to an exposed access key of an IAM user with administrator rights, which the attacker used to create users, keys and an outside-assumable role.',
      source: 'https://www.invictus-ir.com/news/the-curious-case-of-dangerdev-protonmail-me',
    },
    {
      incident: 'expel-case-study-3-2022-04',
      kind: 'precondition',
      why: 'Expel reports that a leaked key allowed iam:AttachUserPolicy, which the attacker called to grant themselves more privileges.',
      source: 'https://expel.com/blog/incident-report-from-cli-to-console-chasing-an-attacker-in-aws/',
    },
    {
      incident: 'dxc-technologies-2017-11',
      kind: 'related',
      why: 'The Register reports that a leaked AWS key was allowed to start 244 instances for mining; the key\'s other permissions are not described.',
      source: 'https://web.archive.org/web/20210228215919/https://www.theregister.com/2017/11/14/dxc_github_aws_keys_leaked/',
    },
  ],
  evaluate({ data, now, options, accountId, partition }) {
    return forEachIamUser({ partition, accountId }, data.credentialReport, {
      nothing: 'No IAM user has an active access key.',
      judge: (row) => (row.accessKeys.some((key) => key.active) ? [judgeUser(row, data.authorizationDetails, now, options.maxKeyAgeDays)] : []),
    });
  },
});
