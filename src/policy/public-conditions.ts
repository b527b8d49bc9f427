/**
 * Who a resource-policy statement lets in, by AWS's definition of "public": which principals are
 * public, and which condition keys, with fixed values, take a statement out of the public, both in
 * an Allow (the condition admits only the trusted values) and in a Deny (the condition denies
 * everyone but the trusted values).
 *
 * Sources, each cited next to the rule it backs:
 * - S3 user guide, "The meaning of public" (S3_MEANING_OF_PUBLIC_URL): a bucket policy is public
 *   unless it grants access only to fixed values (no wildcard, no policy variable) of a principal or
 *   of the listed condition keys; `aws:SourceIp` ranges broader than /8 (IPv4) or /32 (IPv6) are public.
 * - IAM Access Analyzer (ACCESS_ANALYZER_KEYS_URL): the further keys it takes as limiting access
 *   (`aws:PrincipalOrgPaths`, `aws:PrincipalAccount`, `aws:PrincipalArn`), and federated users as
 *   external principals (ACCESS_ANALYZER_PRINCIPALS_URL).
 * - IAM condition operators (CONDITION_OPERATORS_URL): how IfExists, negated operators and set
 *   operators behave when the key is absent, as it is for an anonymous caller.
 */
import type { PrincipalSpec } from './iam.js';
import { normalizeCondition } from './iam.js';

export const S3_MEANING_OF_PUBLIC_URL =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status';
export const ACCESS_ANALYZER_KEYS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-filter-keys.html';
export const ACCESS_ANALYZER_PRINCIPALS_URL = 'https://docs.aws.amazon.com/access-analyzer/latest/APIReference/Welcome.html';
export const CONDITION_OPERATORS_URL = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html';

/**
 * What a "fixed value" looks like for a key:
 * - `cidr`: an IP range of /8 or narrower (IPv4), /32 or narrower (IPv6);
 * - `id`: any value without a wildcard or policy variable;
 * - `arn`: an ARN without a variable, wildcards allowed only after a literal 12-digit account;
 * - `access-point-arn`: the same, as S3 documents for `s3:DataAccessPointArn`;
 * - `userid`: an id, or `ROLEID:*` (every session of one role);
 * - `org-path`: `o-…/…` with a literal organization id, wildcards only after it.
 */
export type FixedValueKind = 'cidr' | 'id' | 'arn' | 'access-point-arn' | 'userid' | 'org-path';

export interface NonPublicConditionKey {
  /** As AWS spells it; matching is case-insensitive. */
  key: string;
  value: FixedValueKind;
  /** The documentation that lists this key. */
  source: string;
}

/**
 * THE table: condition keys whose fixed values limit who can make a request, so that a statement
 * pinned to them is not public. docs/semantics.md refers here.
 */
export const NON_PUBLIC_CONDITION_KEYS: readonly NonPublicConditionKey[] = [
  // Listed by the S3 user guide, "The meaning of public".
  { key: 'aws:SourceIp', value: 'cidr', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:SourceArn', value: 'arn', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:SourceVpc', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:SourceVpce', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:SourceOwner', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:SourceAccount', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:PrincipalOrgID', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 'aws:userid', value: 'userid', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 's3:x-amz-server-side-encryption-aws-kms-key-id', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 's3:DataAccessPointArn', value: 'access-point-arn', source: S3_MEANING_OF_PUBLIC_URL },
  { key: 's3:DataAccessPointAccount', value: 'id', source: S3_MEANING_OF_PUBLIC_URL },
  // Taken by IAM Access Analyzer as limiting access to known principals.
  { key: 'aws:PrincipalOrgPaths', value: 'org-path', source: ACCESS_ANALYZER_KEYS_URL },
  { key: 'aws:PrincipalAccount', value: 'id', source: ACCESS_ANALYZER_KEYS_URL },
  { key: 'aws:PrincipalArn', value: 'arn', source: ACCESS_ANALYZER_KEYS_URL },
];

const KEY_KINDS: ReadonlyMap<string, FixedValueKind> = new Map(NON_PUBLIC_CONDITION_KEYS.map((entry) => [entry.key.toLowerCase(), entry.value]));

/** The fixed-value kind of a key of the table, or undefined for any other key. */
export function nonPublicKeyKind(key: string): FixedValueKind | undefined {
  return KEY_KINDS.get(key.toLowerCase());
}

// ---------------------------------------------------------------- fixed values

/** S3: "broader than /8 for IPv4 and /32 for IPv6 … are evaluated as public" (S3_MEANING_OF_PUBLIC_URL). */
const MIN_IPV4_PREFIX = 8;
const MIN_IPV6_PREFIX = 32;

function hasWildcard(value: string): boolean {
  return /[*?]/.test(value);
}

/** A policy variable (`${aws:username}`) is not a fixed value (S3_MEANING_OF_PUBLIC_URL). */
function hasVariable(value: string): boolean {
  return value.includes('${');
}

function isBoundedCidr(value: string): boolean {
  const [address = '', prefixText, ...rest] = value.trim().split('/');
  if (rest.length > 0) return false;
  const isV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(address) && address.split('.').every((octet) => Number(octet) <= 255);
  const isV6 = !isV4 && /^[0-9a-f:.]+$/i.test(address) && address.includes(':');
  if (!isV4 && !isV6) return false;
  // IAM: "If you specify an IP address without the associated routing prefix, IAM uses … /32".
  if (prefixText === undefined) return true;
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  return prefix <= (isV4 ? 32 : 128) && prefix >= (isV4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX);
}

/**
 * A wildcard after a literal account id still pins the caller to that account: S3 documents it for
 * `s3:DataAccessPointArn`, and Access Analyzer reports such a grant as access by that account, not
 * as public. Without an account (S3 ARNs) a wildcard matches resources anyone can create.
 */
function isAccountPinnedArn(value: string): boolean {
  if (!hasWildcard(value)) return value.length > 0;
  const segments = value.split(':');
  return segments.length >= 6 && segments.slice(0, 5).every((segment) => !hasWildcard(segment)) && /^\d{12}$/.test(segments[4] ?? '');
}

function isFixedValue(kind: FixedValueKind, value: string): boolean {
  if (hasVariable(value) || value.length === 0) return false;
  switch (kind) {
    case 'cidr':
      return isBoundedCidr(value);
    case 'id':
      return !hasWildcard(value);
    case 'arn':
    case 'access-point-arn':
      return isAccountPinnedArn(value);
    case 'userid':
      // S3 lists aws:userid "outside the pattern AROLEID:*": every session of one role is one principal.
      return !hasWildcard(value) || /^[A-Za-z0-9]+:\*$/.test(value);
    case 'org-path': {
      const [organization = '', ...rest] = value.split('/');
      return /^o-[a-z0-9]+$/i.test(organization) && rest.length > 0;
    }
  }
}

// ---------------------------------------------------------------- operators

interface ParsedOperator {
  /** Lower-case base operator, without set prefix or IfExists. */
  base: string;
  ifExists: boolean;
  forAllValues: boolean;
  forAnyValue: boolean;
}

function parseOperator(operator: string): ParsedOperator {
  const lower = operator.toLowerCase();
  const forAllValues = lower.startsWith('forallvalues:');
  const forAnyValue = lower.startsWith('foranyvalue:');
  const withoutSet = lower.replace(/^for(?:anyvalue|allvalues):/, '');
  const ifExists = withoutSet.endsWith('ifexists');
  return { base: ifExists ? withoutSet.slice(0, -'ifexists'.length) : withoutSet, ifExists, forAllValues, forAnyValue };
}

/** Operators that admit only the listed values (IpAddress only for IP keys). */
const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);
/** Their negations: true for every value not listed. */
const NEGATED_OPERATORS = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike', 'arnnotequals', 'arnnotlike']);

function operatorFits(kind: FixedValueKind, base: string, negated: boolean): boolean {
  if (kind === 'cidr') return base === (negated ? 'notipaddress' : 'ipaddress');
  return (negated ? NEGATED_OPERATORS : MATCHING_OPERATORS).has(base);
}

function allFixed(kind: FixedValueKind, values: readonly string[]): boolean {
  return values.length > 0 && values.every((value) => isFixedValue(kind, value));
}

// ---------------------------------------------------------------- Allow conditions

export interface AllowConditionVerdict {
  /** True when at least one entry admits only fixed trusted values (entries are ANDed). */
  restricts: boolean;
  /** Entries that pin the caller, e.g. `StringEquals aws:PrincipalOrgID`. */
  restrictingEntries: string[];
  /** Entries that do not (other keys, wildcard or broad values, IfExists, negations). */
  otherEntries: string[];
}

/**
 * Whether an Allow's condition admits only fixed trusted values. An anonymous caller has none of
 * these keys, so an entry must be false when the key is absent: a matching operator is ("If the key
 * … is not present in the request context, the values do not match and the condition is false"),
 * but `…IfExists` ("If the key is not present, evaluate the condition element as true") and
 * `ForAllValues:` ("also returns true if there are no context keys") are not (CONDITION_OPERATORS_URL).
 */
export function classifyAllowCondition(condition: unknown): AllowConditionVerdict {
  const normalized = normalizeCondition(condition);
  const restrictingEntries: string[] = [];
  const otherEntries: string[] = [];
  for (const [operator, keys] of Object.entries(normalized)) {
    const parsed = parseOperator(operator);
    for (const [key, values] of Object.entries(keys)) {
      const kind = nonPublicKeyKind(key);
      const restricts =
        kind !== undefined && operatorFits(kind, parsed.base, false) && !parsed.ifExists && !parsed.forAllValues && allFixed(kind, values);
      (restricts ? restrictingEntries : otherEntries).push(`${operator} ${key}`);
    }
  }
  return { restricts: restrictingEntries.length > 0, restrictingEntries, otherEntries };
}

// ---------------------------------------------------------------- Deny conditions

export interface DenyNarrowingVerdict {
  /** True when the Deny applies to every caller outside fixed trusted values. */
  narrows: boolean;
  /** Entries that deny everyone but fixed values, e.g. `StringNotEquals aws:SourceVpce`. */
  narrowingEntries: string[];
  /** Entries that exempt only AWS service principals (not public callers). */
  exemptingEntries: string[];
  /** Entries that let some public caller escape the Deny: any one makes `narrows` false. */
  escapingEntries: string[];
}

/**
 * Whether a Deny's condition holds for every caller that does not carry a fixed trusted value, so
 * that what the Deny covers is left only to trusted callers. Entries are ANDed, so every entry must
 * hold for such a caller, including an anonymous one that has none of the keys:
 * - a negated operator (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, …) over fixed values holds
 *   for every other value and, per CONDITION_OPERATORS_URL, "If the policy condition requires that
 *   the key is not matched … and the right key is not present, the condition is true";
 * - its `…IfExists` form holds too when the key is absent ("evaluate the condition element as
 *   true"), so `StringNotEqualsIfExists aws:PrincipalOrgID` denies anonymous callers as well;
 * - `ForAnyValue:` without IfExists is false when the key is absent ("if the key does not exist,
 *   the condition returns false"), so it lets anonymous callers through;
 * - `BoolIfExists aws:PrincipalIsAWSService false` only exempts AWS service principals, which S3
 *   does not count as public; its `Bool` form is false for an unsigned request (the key is absent),
 *   so it lets anonymous callers through;
 * - any other entry (`aws:SecureTransport`, a wildcard value, a positive operator) lets someone
 *   through, so the Deny narrows nothing we can prove.
 */
export function classifyDenyCondition(condition: unknown): DenyNarrowingVerdict {
  const normalized = normalizeCondition(condition);
  const narrowingEntries: string[] = [];
  const exemptingEntries: string[] = [];
  const escapingEntries: string[] = [];
  for (const [operator, keys] of Object.entries(normalized)) {
    const parsed = parseOperator(operator);
    for (const [key, values] of Object.entries(keys)) {
      const entry = `${operator} ${key}`;
      if (isServicePrincipalExemption(parsed, key, values)) {
        exemptingEntries.push(entry);
        continue;
      }
      const kind = nonPublicKeyKind(key);
      const holdsWhenAbsent = parsed.ifExists || !parsed.forAnyValue;
      const narrows = kind !== undefined && operatorFits(kind, parsed.base, true) && holdsWhenAbsent && allFixed(kind, values);
      (narrows ? narrowingEntries : escapingEntries).push(entry);
    }
  }
  return { narrows: narrowingEntries.length > 0 && escapingEntries.length === 0, narrowingEntries, exemptingEntries, escapingEntries };
}

function isServicePrincipalExemption(parsed: ParsedOperator, key: string, values: readonly string[]): boolean {
  return (
    key.toLowerCase() === 'aws:principalisawsservice' &&
    parsed.base === 'bool' &&
    parsed.ifExists &&
    !parsed.forAnyValue &&
    values.length > 0 &&
    values.every((value) => value.toLowerCase() === 'false')
  );
}

// ---------------------------------------------------------------- principals

/**
 * How a statement's principal makes it public, or null when it names only fixed principals:
 * - `"*"` and `{"AWS": "*"}` (also inside a list) are everyone (S3_MEANING_OF_PUBLIC_URL);
 * - `NotPrincipal` in an Allow is everyone but the listed principals;
 * - a `Federated` principal is anyone the identity provider vouches for (web identity, Cognito,
 *   SAML): not a fixed AWS principal, and an external principal to Access Analyzer
 *   (ACCESS_ANALYZER_PRINCIPALS_URL: "a federated user … or an anonymous user").
 */
export function publicPrincipal(principal: PrincipalSpec | null): string | null {
  if (principal === null) return null;
  if (principal.negated) return 'NotPrincipal';
  if (principal.everyone) return '*';
  for (const [type, values] of Object.entries(principal.byType)) {
    if (type.toLowerCase() === 'aws' && values.includes('*')) return '{"AWS":"*"}';
  }
  for (const [type, values] of Object.entries(principal.byType)) {
    if (type.toLowerCase() === 'federated' && values.length > 0) return `{"Federated":${JSON.stringify(values.length === 1 ? values[0] : values)}}`;
  }
  return null;
}

/** A principal that covers every caller, anonymous ones included: what a narrowing Deny must name. */
export function coversEveryone(principal: PrincipalSpec | null): boolean {
  if (principal === null || principal.negated) return false;
  return principal.everyone || Object.entries(principal.byType).some(([type, values]) => type.toLowerCase() === 'aws' && values.includes('*'));
}
