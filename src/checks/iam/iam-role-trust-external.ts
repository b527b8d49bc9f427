import { defineCheck } from '../define.js';
import { accountArn } from '../arn.js';
import { nothingInScope } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import { NOT_IN_ORGANIZATION } from '../../inventory/schema.js';
import type { IamRole, OrganizationAccounts } from '../../inventory/schema.js';
import type { Severity } from '../../model.js';
import {
  CONFUSED_DEPUTY_URL,
  githubSubjectScope,
  isConstrainingClaim,
  isFixedClaim,
  isGithubProvider,
  readTrustPolicy,
  widestScope,
} from '../../policy/role-trust.js';
import type { TrustGrant } from '../../policy/role-trust.js';

/** What one trust grant amounts to; `ok` grants are only evidence. */
type Level = 'critical' | 'high' | 'medium' | 'unknown' | 'ok';
const LEVEL_ORDER: readonly Level[] = ['critical', 'high', 'medium', 'unknown', 'ok'];
const CHECK_SEVERITY: Severity = 'high';

interface Finding {
  level: Level;
  /** One phrase for the message and evidence, e.g. `statement 0: account 444455556666 (arn:…:root) is not trusted`. */
  text: string;
  /** Why a failing grant sits at its level, in a few words (the severityReason when it is not the check's). */
  reason?: string;
}

/** Who counts as "ours" besides the account itself, and how sure we are. */
interface TrustContext {
  accountId: string;
  organization: ReadonlySet<string> | null;
  /** Why the organization's accounts are unknown while the account may well be in one; null when listed or not in any. */
  organizationUnreadable: string | null;
  trusted: ReadonlySet<string>;
  basis: string;
}

function trustContext(accountId: string, organization: OrganizationAccounts, trustedAccounts: readonly string[]): TrustContext {
  const listed = organization.accountIds;
  const unreadable = listed === null && organization.unavailableReason !== NOT_IN_ORGANIZATION ? (organization.unavailableReason ?? 'not listed') : null;
  const basis =
    listed !== null
      ? `this account, --trusted-accounts and the ${listed.length} accounts of its AWS Organization`
      : `this account and --trusted-accounts (organization accounts not trusted: ${organization.unavailableReason ?? 'not listed'})`;
  return { accountId, organization: listed === null ? null : new Set(listed), organizationUnreadable: unreadable, trusted: new Set(trustedAccounts), basis };
}

/**
 * One account admitted by the trust policy:
 * - this account, or an account of its organization: ours, pass (sts:ExternalId guards against a
 *   third party acting for someone else, which a sibling account is not: CONFUSED_DEPUTY_URL);
 * - an account of --trusted-accounts: a known partner, but without a fixed sts:ExternalId the
 *   partner's service can be tricked into using its access for another of its customers (the
 *   confused deputy, CONFUSED_DEPUTY_URL): medium. A trust that requires MFA is assumed by a
 *   person signing in, not by a service acting for many customers, so it needs no external id;
 * - any other account: high, or medium when the organization could not be listed (it may be a
 *   sibling account: the message says so).
 */
function judgeAccount(account: string, principal: string, guard: { externalId: boolean; mfa: boolean }, statement: number, context: TrustContext): Finding {
  const where = `statement ${statement}: ${principal === account ? `account ${account}` : `${principal} (account ${account})`}`;
  if (account === context.accountId) return { level: 'ok', text: `${where} is this account` };
  if (context.organization?.has(account) === true) return { level: 'ok', text: `${where} is in the organization` };
  if (context.trusted.has(account)) {
    if (guard.externalId) return { level: 'ok', text: `${where} is a trusted account and must present sts:ExternalId` };
    return guard.mfa
      ? { level: 'ok', text: `${where} is a trusted account whose callers must sign in with MFA` }
      : { level: 'medium', text: `${where} is a trusted account but need not present sts:ExternalId (confused deputy)`, reason: 'a trusted third party need not present sts:ExternalId' };
  }
  if (context.organizationUnreadable !== null) {
    return {
      level: 'medium',
      text: `${where} is outside this account and --trusted-accounts; the organization's accounts could not be read, so it may be a member`,
      reason: "the organization's accounts could not be read: the account may be a member",
    };
  }
  return { level: 'high', text: `${where} is neither this account, an organization account nor in --trusted-accounts` };
}

function judgeEveryone(grant: Extract<TrustGrant, { kind: 'everyone' }>, context: TrustContext): Finding[] {
  const where = `statement ${grant.statement}: Principal ${grant.principal}`;
  const pinned = grant.pinned;
  if (pinned === null) {
    if (grant.network.length > 0) {
      return [{ level: 'high', text: `${where} is limited only by network (${grant.network.join(', ')}): any AWS principal that reaches it can assume the role` }];
    }
    return [{ level: 'critical', text: `${where} has no condition that limits who may assume the role (sts:ExternalId is not one)` }];
  }
  if (pinned.accounts !== null) {
    if (pinned.accounts.length === 0) return [{ level: 'ok', text: `${where} is limited by ${pinned.entries.join(', ')}, which no account satisfies` }];
    // The condition pins accounts, so the grant is as wide as a trust of those accounts.
    return pinned.accounts.map((account) => judgeAccount(account, `${grant.principal} with ${pinned.entries.join(', ')}`, grant, grant.statement, context));
  }
  if (pinned.organizations.length > 0) {
    // The inventory records member accounts, not the organization id: say what is pinned and let
    // the reader confirm it is theirs.
    return [{ level: 'ok', text: `${where} is limited to AWS Organization ${pinned.organizations.join(', ')} (confirm it is yours)` }];
  }
  return [{ level: 'ok', text: `${where} is limited to fixed principals by ${pinned.otherEntries.join(', ')}` }];
}

/**
 * A web identity (OIDC) trust admits whoever holds a token the provider signed; the role's
 * conditions on the token's claims decide which of the provider's users that is:
 * - Cognito identity pools: `cognito-identity.amazonaws.com:aud` is the identity pool id; without a
 *   fixed one "a user from an unintended identity pool can assume the role" (COGNITO_TRUST_URL and
 *   the AssumeRoleWithWebIdentity reference): high.
 * - Google, Facebook, Login with Amazon: `accounts.google.com:aud` / `graph.facebook.com:app_id` /
 *   `www.amazon.com:app_id` pin your application among every application of the provider
 *   (WEB_IDENTITY_KEYS_URL): high without a fixed one.
 * - GitHub Actions: every workflow on GitHub can get a token for audience `sts.amazonaws.com`, so
 *   only `token.actions.githubusercontent.com:sub` ("repo:OWNER/REPO:…") separates your
 *   repositories from everyone's (OIDC_GITHUB_URL, OIDC_GITHUB_AWS_URL): no sub or a sub wildcard
 *   over all of GitHub is high; a sub over one GitHub organization or user (`repo:org/*`) is medium,
 *   since any repository created there (and every branch of it) gets in; a missing `aud`
 *   condition with a repository-scoped sub is medium (both docs put it in the trust policy).
 * - Any other OIDC provider (EKS, GitLab, Terraform Cloud, your own IdP): without a `sub`
 *   condition narrower than `*`, every identity the provider issues tokens for may assume the role:
 *   high; with a sub but no `aud`: medium (OIDC_GITHUB_AWS_URL, id_roles_create_for-idp_oidc.html).
 */
function judgeOidc(grant: Extract<TrustGrant, { kind: 'oidc' }>): Finding {
  const where = `statement ${grant.statement}: ${grant.principal}`;
  const claims = grant.claims;
  if (grant.provider === 'cognito-identity.amazonaws.com') {
    return isFixedClaim(claims['aud'])
      ? { level: 'ok', text: `${where} is limited to identity pool ${(claims['aud'] ?? []).join(', ')}` }
      : { level: 'high', text: `${where} has no fixed cognito-identity.amazonaws.com:aud: users of any identity pool can assume the role` };
  }
  const appClaim = grant.provider === 'accounts.google.com' ? 'aud' : grant.provider === 'graph.facebook.com' || grant.provider === 'www.amazon.com' ? 'app_id' : null;
  if (appClaim !== null) {
    return isFixedClaim(claims[appClaim])
      ? { level: 'ok', text: `${where} is limited to application ${(claims[appClaim] ?? []).join(', ')}` }
      : { level: 'high', text: `${where} has no fixed ${grant.provider}:${appClaim}: users of any application of the provider can assume the role` };
  }
  if (isGithubProvider(grant.provider)) {
    const sub = claims['sub'];
    const scope = widestScope(sub, githubSubjectScope);
    const subText = sub === undefined ? 'no sub condition' : `sub ${sub.join(', ')}`;
    if (scope === 'any') return { level: 'high', text: `${where} has ${subText}: a workflow in any GitHub repository can assume the role` };
    if (scope === 'organization') {
      return { level: 'medium', text: `${where} has ${subText}: any repository of that GitHub owner, on any branch, can assume the role`, reason: 'the GitHub subject covers a whole owner, not one repository' };
    }
    if (!isConstrainingClaim(claims['aud'])) return { level: 'medium', text: `${where} pins ${subText} but has no aud condition`, reason: 'the OIDC trust pins sub but not aud' };
    return { level: 'ok', text: `${where} is limited to ${subText}` };
  }
  if (!isConstrainingClaim(claims['sub'])) {
    return { level: 'high', text: `${where} has no sub condition: any identity ${grant.provider} issues tokens for can assume the role` };
  }
  if (!isConstrainingClaim(claims['aud'])) {
    return { level: 'medium', text: `${where} pins sub ${(claims['sub'] ?? []).join(', ')} but has no aud condition`, reason: 'the OIDC trust pins sub but not aud' };
  }
  return { level: 'ok', text: `${where} is limited to sub ${(claims['sub'] ?? []).join(', ')}` };
}

function judgeGrant(grant: TrustGrant, context: TrustContext): Finding[] {
  switch (grant.kind) {
    case 'everyone':
      return judgeEveryone(grant, context);
    case 'account':
      return [judgeAccount(grant.account, grant.principal, grant, grant.statement, context)];
    // An AWS service assumes the role only to act for this account (EC2, Lambda, …).
    case 'service':
      return [{ level: 'ok', text: `statement ${grant.statement}: AWS service ${grant.principal}` }];
    // SAML federation trusts the account's own identity provider: its users are the account's workforce.
    case 'saml':
      return [{ level: 'ok', text: `statement ${grant.statement}: SAML provider ${grant.principal}` }];
    case 'oidc':
      return [judgeOidc(grant)];
    case 'deleted':
      return [{ level: 'ok', text: `statement ${grant.statement}: ${grant.principal} is a deleted principal (IAM keeps its unique id, which matches nobody)` }];
    case 'unreadable':
      return [{ level: 'unknown', text: `statement ${grant.statement}: ${grant.reason}` }];
  }
}

function judgeRole(role: IamRole, context: TrustContext): CheckOutcome {
  const base = { resource: role.arn, region: 'global' };
  const facts = { role: role.name, path: role.path, trustedAccountsFrom: context.basis };
  // Service-linked roles: AWS writes and owns their trust policy, which names only the service.
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html
  if (role.path.startsWith('/aws-service-role/')) {
    return { ...base, status: 'pass', message: `${role.name} is a service-linked role: AWS manages its trust policy.`, evidence: { ...facts, serviceLinked: true } };
  }
  const reading = readTrustPolicy(role.assumeRolePolicy);
  if (!reading.ok) {
    return {
      ...base,
      status: 'unknown',
      message: `The trust policy of ${role.name} cannot be read: ${reading.reason}.`,
      evidence: { ...facts, reason: reading.reason, missingAction: null },
    };
  }
  const findings = reading.grants.flatMap((grant) => judgeGrant(grant, context));
  const worst = findings.map((f) => f.level).reduce<Level>((a, b) => (LEVEL_ORDER.indexOf(a) <= LEVEL_ORDER.indexOf(b) ? a : b), 'ok');
  const external = [...new Set(reading.grants.flatMap((g) => (g.kind === 'account' && g.account !== context.accountId ? [g.account] : [])))].sort();
  const evidence = {
    ...facts,
    findings: findings.filter((f) => f.level !== 'ok').map((f) => `${f.level}: ${f.text}`),
    acceptedPrincipals: findings.filter((f) => f.level === 'ok').map((f) => f.text),
    otherAccounts: external,
    statements: reading.statements,
  };
  if (worst === 'ok') {
    const accepted = findings.map((f) => f.text);
    const shown = accepted.length > 3 ? [...accepted.slice(0, 3), `${accepted.length - 3} more`] : accepted;
    const what = accepted.length === 0 ? 'lets no principal assume it' : `admits only what it should: ${shown.join('; ')}`;
    return { ...base, status: 'pass', message: `The trust policy of ${role.name} ${what}.`, evidence };
  }
  const worstFindings = findings.filter((f) => f.level === worst);
  const problems = worstFindings.map((f) => f.text);
  if (worst === 'unknown') {
    return { ...base, status: 'unknown', message: `The trust policy of ${role.name} cannot be fully judged: ${problems.join('; ')}.`, evidence: { ...evidence, missingAction: null } };
  }
  const message = `${role.name} can be assumed from outside the account: ${problems.join('; ')}.`;
  if (worst === CHECK_SEVERITY) return { ...base, status: 'fail', message, evidence };
  const reason = worst === 'critical' ? 'anyone with an AWS account can assume the role' : (worstFindings[0]?.reason ?? worst);
  return { ...base, status: 'fail', message, evidence, severity: worst, severityReason: reason };
}

export default defineCheck({
  id: 'iam-role-trust-external',
  title: 'IAM roles can be assumed only from this account, its organization and trusted accounts',
  service: 'iam',
  severity: CHECK_SEVERITY,
  // A vendor's trust is the way in when the vendor is breached; a backdoor trust is left by an
  // intruder who came in with stolen keys or other credentials.
  rootCauses: ['third-party', 'creds-unspecified', 'leaked-keys'],
  needs: ['authorizationDetails', 'organizationAccounts'],
  description:
    "Reads every role's trust policy and fails when it lets principals outside the account assume the role: Principal \"*\" without a condition pinning the caller (critical), an account that is neither this account, an organization account nor one of --trusted-accounts (high), a trusted account without sts:ExternalId or MFA, a GitHub subject scoped to an owner rather than a repository, or an OIDC trust without aud (medium), and an OIDC trust without a sub condition scoped to your repositories or a Cognito or social identity provider trust without its audience (high).",
  rationale:
    'A role that another account can assume is a door into yours that no password reset or key rotation closes: whoever controls that account, or that CI platform, gets fresh temporary credentials with the role\'s permissions whenever they like, and in CloudTrail it looks like ordinary role use. Intruders create exactly such roles to keep their access (Datadog and Invictus IR both describe it), and a forgotten vendor trust is a way in when the vendor is breached.',
  remediation: {
    summary:
      'Remove principals you do not recognise from the role\'s trust policy (and find out who added them: CloudTrail CreateRole and UpdateAssumeRolePolicy), require sts:ExternalId from third parties, pin OIDC trusts to your repository with sub and aud conditions, and list the legitimate partner accounts with --trusted-accounts.',
    console: [
      'Open the IAM console, choose "Roles" and open the role.',
      'On the "Trust relationships" tab choose "Edit trust policy".',
      'Remove or narrow the external principal: name the exact account or role, add a StringEquals sts:ExternalId condition for a third party, or for GitHub add StringEquals token.actions.githubusercontent.com:aud = sts.amazonaws.com and StringLike token.actions.githubusercontent.com:sub = repo:OWNER/REPO:*; save.',
      'Check CloudTrail for AssumeRole events on the role from accounts you do not recognise.',
    ],
    cli: 'aws iam get-role --role-name ROLE_NAME --query Role.AssumeRolePolicyDocument\naws iam update-assume-role-policy --role-name ROLE_NAME --policy-document file://trust-policy.json',
    terraform: [
      '# A GitHub Actions role pinned to one repository, and a vendor role that requires an external id.',
      'resource "aws_iam_role" "deploy" {',
      '  name = "github-deploy"',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      '      Action    = "sts:AssumeRoleWithWebIdentity"',
      '      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }',
      '      Condition = {',
      '        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }',
      '        StringLike   = { "token.actions.githubusercontent.com:sub" = "repo:my-org/my-repo:ref:refs/heads/main" }',
      '      }',
      '    }]',
      '  })',
      '}',
      '',
      'resource "aws_iam_role" "vendor" {',
      '  name = "vendor-audit"',
      '  assume_role_policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect    = "Allow"',
      '      Action    = "sts:AssumeRole"',
      '      Principal = { AWS = "arn:aws:iam::111122223333:root" } # the vendor, also in --trusted-accounts',
      '      Condition = { StringEquals = { "sts:ExternalId" = var.vendor_external_id } }',
      '    }]',
      '  })',
      '}',
    ].join('\n'),
    docs: CONFUSED_DEPUTY_URL,
  },
  attackSteps: [
    'With stolen credentials that allow iam:CreateRole or iam:UpdateAssumeRolePolicy, create a role (or edit an existing one) whose trust policy names an AWS account the attacker controls, or "*".',
    'Attach a powerful policy to the role, or pick a role that already has one.',
    'From their own account, call sts:AssumeRole on the role whenever they like: each call returns fresh temporary credentials, so rotating the stolen keys or deleting the user they came from does not lock them out.',
    'Alternatively, find a role that trusts GitHub Actions without a repository-scoped sub condition and run a workflow from any repository to assume it.',
  ],
  frameworks: {},
  patterns: ['backdoor-iam'],
  reportsReach: 'computed',
  incidents: [
    {
      incident: 'datadog-2024-12',
      kind: 'attacker-action',
      why: "Datadog's write-up describes the intruder creating a new IAM role that the attacker's own AWS account could assume, which is the external trust this check finds.",
      source: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-unwanted-visitor/#key-points-and-observations',
    },
    {
      incident: 'invictus-ir-2024-01',
      kind: 'attacker-action',
      why: 'Invictus IR reports that, with an exposed administrator key, the attacker set up a role that an outside account could assume, alongside new users and keys.',
      source: 'https://www.invictus-ir.com/news/the-curious-case-of-dangerdev-protonmail-me',
    },
  ],
  evaluate({ data, accountId, partition, options }) {
    const context = trustContext(accountId, data.organizationAccounts, options.trustedAccounts);
    const roles = data.authorizationDetails.roles;
    if (roles.length === 0) return [nothingInScope(accountArn(partition, accountId), 'The account has no IAM role.', { roles: 0 })];
    return roles.map((role) => judgeRole(role, context));
  },
});
