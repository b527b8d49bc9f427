/**
 * Who a role's trust policy (AssumeRolePolicyDocument) lets assume the role, sorted into the
 * grants a reviewer cares about: everyone, accounts (with or without sts:ExternalId), AWS
 * services, SAML and OIDC identity providers, and principals that were deleted. The judging (which
 * account is trusted, what severity) is the check's; this module only reads the document, with
 * IAM's own statement semantics (src/policy/iam.ts) and the shared table of condition keys that
 * pin a caller (src/policy/public-conditions.ts).
 *
 * Sources, each cited next to the rule it backs:
 * - Principal element: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 * - NotPrincipal is not accepted in a role trust policy:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html
 * - IAM Access Analyzer treats a role as shared outside the zone of trust when its trust policy
 *   admits external principals, and the condition keys that limit access:
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html
 */
import type { Condition, PrincipalSpec, Statement } from './iam.js';
import { documentProblem, normalizeStatements, statementCoversAction } from './iam.js';
import { classifyAllowCondition, classifyDenyCondition, coversEveryone } from './public-conditions.js';

export const ACCESS_ANALYZER_RESOURCES_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-resources.html';
export const PRINCIPAL_ELEMENT_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html';
export const CONFUSED_DEPUTY_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html';
export const OIDC_GITHUB_AWS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub';
export const OIDC_GITHUB_URL =
  'https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services';
export const COGNITO_TRUST_URL = 'https://docs.aws.amazon.com/cognito/latest/developerguide/iam-roles.html';
export const WEB_IDENTITY_KEYS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif';

/**
 * The actions that let a principal take the role's credentials. `sts:TagSession`,
 * `sts:SetSourceIdentity` and `sts:SetContext` only accompany one of them, so a statement that
 * allows nothing but those grants no assumption.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_manage-assume.html
 */
export const ASSUME_ACTIONS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'] as const;

/**
 * Condition keys that, with fixed values, limit a `"*"` trust to known principals: the caller's
 * organization, organization path, account, ARN or unique id, and for calls an AWS service makes
 * on someone's behalf, the source account or ARN. They are the principal-identifying subset of the
 * shared table (NON_PUBLIC_CONDITION_KEYS), which follows the S3 definition of "public" and IAM
 * Access Analyzer (ACCESS_ANALYZER_RESOURCES_URL). `sts:ExternalId` is not among them: it is a
 * value the caller chooses to send, so anyone who learns it can present it.
 */
const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(
  ['aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:userid', 'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOwner'].map(
    (key) => key.toLowerCase(),
  ),
);
/**
 * Keys of the shared table that pin the network a request comes from, not who sends it: with a
 * `"*"` trust they still let any AWS principal that reaches that network assume the role.
 */
const NETWORK_KEYS: ReadonlySet<string> = new Set(['aws:SourceIp', 'aws:SourceVpc', 'aws:SourceVpce'].map((key) => key.toLowerCase()));

/** A caller set a condition pins: accounts (possibly several entries, ANDed), organizations, principal ids. */
export interface PinnedCallers {
  /** The accounts every pinning entry admits (their intersection), or null when no entry names accounts. */
  accounts: string[] | null;
  organizations: string[];
  /** Pinned by ARN or unique id without an account we can read (aws:userid). */
  otherEntries: string[];
  entries: string[];
}

export type TrustGrant =
  /** `"*"` / `{"AWS":"*"}`: `pinned` is null when no condition restricts the caller; `network` lists network-only entries. */
  | { kind: 'everyone'; statement: number; principal: string; pinned: PinnedCallers | null; network: string[]; externalId: boolean; mfa: boolean }
  /** `externalId`: a fixed sts:ExternalId is required; `mfa`: `Bool aws:MultiFactorAuthPresent true` is (a person, not a service, assumes it). */
  | { kind: 'account'; statement: number; principal: string; account: string; externalId: boolean; mfa: boolean }
  | { kind: 'service'; statement: number; principal: string }
  | { kind: 'saml'; statement: number; principal: string }
  | { kind: 'oidc'; statement: number; principal: string; provider: string; claims: ClaimConditions }
  /** A principal IAM shows by unique id because it was deleted (AROA…, AIDA…): it matches nobody now. */
  | { kind: 'deleted'; statement: number; principal: string }
  /** Something this reader does not understand: never taken as safe. */
  | { kind: 'unreadable'; statement: number; principal: string; reason: string };

/** The claim conditions of a web identity statement, per claim name (`aud`, `sub`, `amr`, …), positive operators only. */
export type ClaimConditions = Readonly<Record<string, readonly string[]>>;

export type TrustReading = { ok: true; grants: TrustGrant[]; statements: number } | { ok: false; reason: string };

function lower(value: string): string {
  return value.toLowerCase();
}

function conditionValues(condition: Condition, operator: string, key: string): readonly string[] {
  return condition[operator]?.[key] ?? [];
}

/** `arn:aws:iam::111122223333:root` → 111122223333; the 12-digit account of an IAM or STS ARN, else null. */
export function arnAccount(value: string): string | null {
  const parts = value.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return null;
  const account = parts[4] ?? '';
  return /^\d{12}$/.test(account) ? account : null;
}

/** IAM's unique-id prefixes (AIDA user, AROA role, …): https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes */
const UNIQUE_ID = /^A(?:IDA|ROA|GPA|NPA|NVA|SIA|KIA|CCA|PKA|BIA|3T)[A-Z0-9]{12,}$/;

/**
 * The callers a restricting condition admits. Entries are ANDed, so the accounts are the
 * intersection of what each account-naming entry allows; a value such as
 * `arn:aws:iam::111122223333:role/*` names account 111122223333 (the shared table only accepts
 * ARN wildcards after a literal account).
 */
function pinnedCallers(condition: Condition, entries: readonly string[]): PinnedCallers {
  let accounts: Set<string> | null = null;
  const organizations: string[] = [];
  const otherEntries: string[] = [];
  for (const entry of entries) {
    const [operator = '', key = ''] = entry.split(' ');
    const values = conditionValues(condition, operator, key);
    const name = lower(key);
    let named: string[] | null = null;
    if (name === 'aws:principalaccount' || name === 'aws:sourceaccount' || name === 'aws:sourceowner') named = values.filter((v) => /^\d{12}$/.test(v));
    else if (name === 'aws:principalarn' || name === 'aws:sourcearn') named = values.flatMap((v) => arnAccount(v) ?? []);
    else if (name === 'aws:principalorgid') organizations.push(...values);
    else if (name === 'aws:principalorgpaths') organizations.push(...values.map((v) => v.split('/')[0] ?? v));
    else otherEntries.push(entry);
    if (named !== null) accounts = accounts === null ? new Set(named) : new Set(named.filter((a) => accounts?.has(a) === true));
  }
  return { accounts: accounts === null ? null : [...accounts].sort(), organizations: [...new Set(organizations)].sort(), otherEntries, entries: [...entries] };
}

/** Entries of the shared classification that name a key of the given set. */
function entriesOf(entries: readonly string[], keys: ReadonlySet<string>): string[] {
  return entries.filter((entry) => keys.has(lower(entry.split(' ')[1] ?? '')));
}

/** Whether the statement carries a fixed `sts:ExternalId` (StringEquals/StringLike without wildcard): CONFUSED_DEPUTY_URL. */
function hasExternalId(condition: Condition): boolean {
  for (const [operator, keys] of Object.entries(condition)) {
    const base = lower(operator).replace(/^for(?:anyvalue|allvalues):/, '');
    if (!['stringequals', 'stringlike', 'stringequalsignorecase'].includes(base)) continue;
    for (const [key, values] of Object.entries(keys)) {
      if (lower(key) === 'sts:externalid' && values.length > 0 && values.every((v) => v.length > 0 && !/[*?]/.test(v) && !v.includes('${'))) return true;
    }
  }
  return false;
}

/**
 * Whether the statement requires an MFA-authenticated caller: `Bool` (not `BoolIfExists`, which
 * holds when the key is absent, as it is for a service's credentials) `aws:MultiFactorAuthPresent`
 * `true`. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
function requiresMfa(condition: Condition): boolean {
  for (const [operator, keys] of Object.entries(condition)) {
    if (lower(operator) !== 'bool') continue;
    for (const [key, values] of Object.entries(keys)) {
      if (lower(key) === 'aws:multifactorauthpresent' && values.length > 0 && values.every((v) => lower(v) === 'true')) return true;
    }
  }
  return false;
}

/**
 * The claim conditions a web identity statement puts on tokens of `provider` (`<provider>:sub`,
 * `<provider>:aud`, …). Only positive string operators constrain a claim: a negated one admits
 * every other value. Web identity keys: WEB_IDENTITY_KEYS_URL.
 */
function claimConditions(condition: Condition, provider: string): ClaimConditions {
  const prefix = `${lower(provider)}:`;
  const claims: Record<string, string[]> = {};
  for (const [operator, keys] of Object.entries(condition)) {
    const base = lower(operator)
      .replace(/^for(?:anyvalue|allvalues):/, '')
      .replace(/ifexists$/, '');
    if (!['stringequals', 'stringlike', 'stringequalsignorecase'].includes(base)) continue;
    for (const [key, values] of Object.entries(keys)) {
      if (!lower(key).startsWith(prefix)) continue;
      const claim = lower(key).slice(prefix.length);
      claims[claim] = [...(claims[claim] ?? []), ...values];
    }
  }
  return claims;
}

/** `arn:aws:iam::123:oidc-provider/token.actions.githubusercontent.com` → the issuer the condition keys are named after. */
function oidcProvider(value: string): string | null {
  const marker = ':oidc-provider/';
  const at = value.indexOf(marker);
  if (value.startsWith('arn:') && at >= 0) return value.slice(at + marker.length);
  // Public web identity providers are named directly (reference_policies_elements_principal.html).
  if (['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com'].includes(lower(value))) return lower(value);
  return null;
}

function awsGrant(value: string, statement: Statement, index: number): TrustGrant {
  if (value === '*') return everyoneGrant(statement, index, '{"AWS":"*"}');
  // "You can specify … the AWS account ID or the account ARN" (PRINCIPAL_ELEMENT_URL).
  const account = /^\d{12}$/.test(value) ? value : arnAccount(value);
  if (account !== null) {
    return { kind: 'account', statement: index, principal: value, account, externalId: hasExternalId(statement.condition), mfa: requiresMfa(statement.condition) };
  }
  // "If you delete the role [or user] … the principal ARN in the trust policy is replaced by the
  // principal ID": a new principal of the same name never matches it (PRINCIPAL_ELEMENT_URL).
  if (UNIQUE_ID.test(value)) return { kind: 'deleted', statement: index, principal: value };
  return { kind: 'unreadable', statement: index, principal: value, reason: `the AWS principal "${value}" is neither an account id, an ARN nor a unique id` };
}

function everyoneGrant(statement: Statement, index: number, principal: string): TrustGrant {
  const condition = classifyAllowCondition(statement.condition);
  const principalEntries = entriesOf(condition.restrictingEntries, PRINCIPAL_KEYS);
  const network = entriesOf(condition.restrictingEntries, NETWORK_KEYS);
  return {
    kind: 'everyone',
    statement: index,
    principal,
    pinned: principalEntries.length > 0 ? pinnedCallers(statement.condition, principalEntries) : null,
    network,
    externalId: hasExternalId(statement.condition),
    mfa: requiresMfa(statement.condition),
  };
}

function grantsOf(statement: Statement): TrustGrant[] {
  const index = statement.index;
  const principal: PrincipalSpec | null = statement.principal;
  if (principal === null) return [{ kind: 'unreadable', statement: index, principal: '(none)', reason: 'the statement names no Principal' }];
  // "You cannot use the NotPrincipal element … in an IAM role trust policy" (NotPrincipal page).
  if (principal.negated) return [{ kind: 'unreadable', statement: index, principal: 'NotPrincipal', reason: 'IAM does not accept NotPrincipal in a trust policy' }];
  if (principal.everyone) return [everyoneGrant(statement, index, '*')];
  const grants: TrustGrant[] = [];
  for (const [type, values] of Object.entries(principal.byType)) {
    for (const value of values) {
      const kind = lower(type);
      if (kind === 'aws') grants.push(awsGrant(value, statement, index));
      else if (kind === 'service') grants.push({ kind: 'service', statement: index, principal: value });
      else if (kind === 'federated') {
        const provider = oidcProvider(value);
        if (provider !== null) grants.push({ kind: 'oidc', statement: index, principal: value, provider, claims: claimConditions(statement.condition, provider) });
        else if (value.includes(':saml-provider/')) grants.push({ kind: 'saml', statement: index, principal: value });
        else grants.push({ kind: 'unreadable', statement: index, principal: value, reason: `the federated principal "${value}" is neither an OIDC nor a SAML provider` });
      } else grants.push({ kind: 'unreadable', statement: index, principal: `${type}:${value}`, reason: `the principal type "${type}" is not one a trust policy takes` });
    }
  }
  return grants;
}

/** The assume actions an Allow grants: the ones a Deny must cover to take the grant away. */
function assumeActions(statement: Statement): string[] {
  return ASSUME_ACTIONS.filter((action) => statementCoversAction(statement, action));
}

function denyNamesPrincipal(deny: Statement, grant: TrustGrant): boolean {
  if (coversEveryone(deny.principal)) return true;
  const principal = deny.principal;
  if (principal === null || principal.negated) return false;
  return Object.values(principal.byType).some((values) => values.includes(grant.principal));
}

/**
 * Applies the Deny statements ("an explicit deny … overrides any allow",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an unconditional Deny of every assume action the grant's statement allows removes the grant; a
 * Deny of everyone whose condition denies all but fixed callers (`StringNotEquals
 * aws:PrincipalOrgID`, …; classifyDenyCondition) narrows an everyone grant to those callers. Any
 * other Deny is left aside: it may deny, but nothing proves it always does.
 */
function applyDenies(grant: TrustGrant, actions: readonly string[], denies: readonly Statement[]): TrustGrant | null {
  let result: TrustGrant = grant;
  for (const deny of denies) {
    if (!actions.every((action) => statementCoversAction(deny, action)) || !denyNamesPrincipal(deny, result)) continue;
    const hasCondition = Object.values(deny.condition).some((keys) => Object.keys(keys).length > 0);
    if (!hasCondition) return null;
    if (result.kind !== 'everyone' || !coversEveryone(deny.principal)) continue;
    const verdict = classifyDenyCondition(deny.condition);
    const principalEntries = entriesOf(verdict.narrowingEntries, PRINCIPAL_KEYS);
    if (verdict.narrows && principalEntries.length === verdict.narrowingEntries.length) {
      result = { ...result, pinned: pinnedCallers(deny.condition, principalEntries) };
    }
  }
  return result;
}

/** Reads a trust document into its grants, or says why it cannot. */
export function readTrustPolicy(document: unknown): TrustReading {
  const problem = documentProblem(document);
  if (problem !== null) return { ok: false, reason: problem };
  const statements = normalizeStatements(document);
  if (statements.length === 0) return { ok: false, reason: 'the document has no statement IAM would accept' };
  const denies = statements.filter((s) => s.effect === 'Deny');
  const grants: TrustGrant[] = [];
  for (const statement of statements) {
    if (statement.effect !== 'Allow') continue;
    const actions = assumeActions(statement);
    if (actions.length === 0) continue;
    for (const grant of grantsOf(statement)) {
      const kept = applyDenies(grant, actions, denies);
      if (kept !== null) grants.push(kept);
    }
  }
  return { ok: true, grants, statements: statements.length };
}

// ---------------------------------------------------------------- web identity

export type ClaimScope = 'repository' | 'organization' | 'any';

/**
 * How far one GitHub `sub` value reaches. GitHub's subject is `repo:OWNER/REPO:…`
 * (OIDC_GITHUB_URL, "Example subject claims"); IAM's StringLike `*` matches any run of characters.
 * - no wildcard: one exact subject (a repository, branch or environment; also custom templates);
 * - a wildcard after `repo:OWNER/REPO:`: every branch, tag or environment of one repository;
 * - a wildcard after `repo:OWNER/`: every repository of one GitHub organization or user;
 * - anything else (`*`, `repo:*`, `repo:own*`): every repository on GitHub.
 */
export function githubSubjectScope(value: string): ClaimScope {
  const wildcardAt = value.search(/[*?]|\$\{/);
  if (wildcardAt < 0) return 'repository';
  const prefix = value.slice(0, wildcardAt);
  if (/^repo:[^/:]+\/[^/:]+:/.test(prefix)) return 'repository';
  if (/^repo:[^/:]+\//.test(prefix)) return 'organization';
  return 'any';
}

/** The widest scope among a claim's values (the values are ORed), or `any` when there is none. */
export function widestScope(values: readonly string[] | undefined, scope: (value: string) => ClaimScope): ClaimScope {
  if (values === undefined || values.length === 0) return 'any';
  const order: readonly ClaimScope[] = ['repository', 'organization', 'any'];
  return values.map(scope).reduce((a, b) => (order.indexOf(a) >= order.indexOf(b) ? a : b));
}

/** A fixed claim value: no wildcard, no policy variable. */
export function isFixedClaim(values: readonly string[] | undefined): boolean {
  return values !== undefined && values.length > 0 && values.every((v) => v.length > 0 && !/[*?]/.test(v) && !v.includes('${'));
}

/** A claim condition that admits something narrower than every value (not only `*`). */
export function isConstrainingClaim(values: readonly string[] | undefined): boolean {
  return values !== undefined && values.length > 0 && values.every((v) => !/^[*?]*$/.test(v));
}

export function isGithubProvider(provider: string): boolean {
  return provider === 'token.actions.githubusercontent.com' || provider.startsWith('token.actions.githubusercontent.com/');
}
