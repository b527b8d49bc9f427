/**
 * A pure reader of IAM policy documents: it normalises every legal statement shape, matches actions
 * and resources with IAM's wildcard semantics, tells whether a condition pins who may call, and
 * finds the dangerous privileges (admin, data-wide reads, privilege escalation) an identity holds.
 *
 * Privileges are requirements "action on a resource template" (`s3:GetObject` on every object of
 * every bucket, `iam:PassRole` on every role), matched by IAM's own glob rules over the whole ARN, with Denies
 * and the permissions boundary judged against the same template, and conditions judged for the
 * credential that would make the call (access key, instance role, console, unknown).
 *
 * It never throws on junk and never makes something look safer than proven: a Deny whose condition
 * cannot be decided removes nothing, such an Allow still counts (as conditional), and a missing or
 * unreadable document is reported as such rather than treated as empty.
 */
import type { AuthorizationDetails, IamRole, IamUser, InstanceProfile } from '../inventory/schema.js';
import { ESCALATION_PATHS } from './escalation-paths.js';
import type { EscalationPath, EscalationStep } from './escalation-paths.js';

// ---------------------------------------------------------------- normalised statements

/** Operator (e.g. `StringEquals`, `ForAnyValue:StringLike`) → condition key → values. */
export type Condition = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export interface PatternList {
  /** `NotAction` / `NotResource` / `NotPrincipal` invert the list. */
  negated: boolean;
  patterns: readonly string[];
}

export interface PrincipalSpec {
  negated: boolean;
  /** `"Principal": "*"`: everyone, authenticated or not. */
  everyone: boolean;
  /** Principal type (`AWS`, `Service`, `Federated`, `CanonicalUser`, as written) → values. */
  byType: Readonly<Record<string, readonly string[]>>;
}

export interface Statement {
  /** Position in the document's Statement array (0 for a single statement object): evidence. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  actions: PatternList;
  /** null when the statement names no resource (resource and trust policies): it applies to all. */
  resources: PatternList | null;
  principal: PrincipalSpec | null;
  condition: Condition;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string or an array of strings; anything else is dropped. */
function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Condition values may legally be JSON booleans or numbers (`"aws:SecureTransport": false`). */
function primitiveList(value: unknown): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const result: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') result.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') result.push(String(item));
  }
  return result;
}

function patternList(statement: Record<string, unknown>, positive: string, negative: string): PatternList | null | 'invalid' {
  const hasPositive = positive in statement;
  const hasNegative = negative in statement;
  if (hasPositive && hasNegative) return 'invalid';
  if (hasPositive) return { negated: false, patterns: stringList(statement[positive]) };
  if (hasNegative) return { negated: true, patterns: stringList(statement[negative]) };
  return null;
}

function principalSpec(statement: Record<string, unknown>): PrincipalSpec | null {
  const negated = !('Principal' in statement) && 'NotPrincipal' in statement;
  const raw = negated ? statement['NotPrincipal'] : statement['Principal'];
  if (raw === undefined) return null;
  if (raw === '*') return { negated, everyone: true, byType: {} };
  if (!isRecord(raw)) return { negated, everyone: false, byType: {} };
  const byType: Record<string, string[]> = {};
  for (const [type, values] of Object.entries(raw)) byType[type] = stringList(values);
  return { negated, everyone: false, byType };
}

export function normalizeCondition(raw: unknown): Condition {
  if (!isRecord(raw)) return {};
  const condition: Record<string, Record<string, string[]>> = {};
  for (const [operator, keys] of Object.entries(raw)) {
    if (!isRecord(keys)) continue;
    const byKey: Record<string, string[]> = {};
    for (const [key, values] of Object.entries(keys)) byKey[key] = primitiveList(values);
    condition[operator] = byKey;
  }
  return condition;
}

function parseDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  try {
    return JSON.parse(document) as unknown;
  } catch {
    return null;
  }
}

/**
 * Every usable statement of a policy document. Statements that AWS would reject (no or unknown
 * Effect, neither or both of Action/NotAction) are skipped; the others keep their original index.
 */
export function normalizeStatements(document: unknown): Statement[] {
  const parsed = parseDocument(document);
  if (!isRecord(parsed)) return [];
  const rawStatements = parsed['Statement'];
  const list: unknown[] = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements: Statement[] = [];
  list.forEach((raw, index) => {
    if (!isRecord(raw)) return;
    const effectText = typeof raw['Effect'] === 'string' ? raw['Effect'].toLowerCase() : '';
    const effect = effectText === 'allow' ? 'Allow' : effectText === 'deny' ? 'Deny' : null;
    if (effect === null) return;
    const actions = patternList(raw, 'Action', 'NotAction');
    const resources = patternList(raw, 'Resource', 'NotResource');
    if (actions === null || actions === 'invalid' || resources === 'invalid') return;
    const statement: Statement = {
      index,
      effect,
      actions,
      resources,
      principal: principalSpec(raw),
      condition: normalizeCondition(raw['Condition']),
    };
    if (typeof raw['Sid'] === 'string') statement.sid = raw['Sid'];
    statements.push(statement);
  });
  return statements;
}

export function isConditional(statement: Statement): boolean {
  return Object.values(statement.condition).some((keys) => Object.keys(keys).length > 0);
}

// ---------------------------------------------------------------- wildcard matching

const regexCache = new Map<string, RegExp>();

/** A glob as a regular expression body: `*` any run, `?` one character, everything else literal. */
function globSource(pattern: string): string {
  return pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
}

function wildcardRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  const cached = regexCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const regex = new RegExp(`^${globSource(pattern)}$`, caseInsensitive ? 'is' : 's');
  regexCache.set(cacheKey, regex);
  return regex;
}

/**
 * IAM action matching: case-insensitive ("the prefix and the action name are case insensitive"),
 * `*` matches any run of characters and `?` exactly one.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
 */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegex(pattern, true).test(action);
}

/**
 * Resource ARNs are case-sensitive; the wildcards are the same as for actions and may span `:` and `/`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards
 */
export function resourceMatches(pattern: string, resource: string): boolean {
  return wildcardRegex(pattern, false).test(resource);
}

/** True when the pattern matches every possible string (`*`, `**`, …). */
export function isUniversalPattern(pattern: string): boolean {
  return pattern.length > 0 && /^\*+$/.test(pattern);
}

/**
 * Whether every string matched by `specific` is also matched by `general` (both may contain
 * wildcards). A `?` in `general` cannot stand for a `*` in `specific`, so the answer is never
 * "covers" unless it truly does.
 */
export function patternCovers(general: string, specific: string, caseInsensitive = false): boolean {
  const fold = (text: string): string => (caseInsensitive ? text.toLowerCase() : text);
  const g = fold(general);
  const s = fold(specific);
  // coverable[i][j]: general[i..] covers specific[j..]
  const coverable: boolean[][] = Array.from({ length: g.length + 1 }, () => new Array<boolean>(s.length + 1).fill(false));
  const set = (i: number, j: number, value: boolean): void => {
    const row = coverable[i];
    if (row !== undefined) row[j] = value;
  };
  const get = (i: number, j: number): boolean => coverable[i]?.[j] ?? false;
  set(g.length, s.length, true);
  for (let i = g.length - 1; i >= 0; i -= 1) {
    for (let j = s.length; j >= 0; j -= 1) {
      const gc = g[i];
      const sc = s[j];
      if (gc === '*') {
        set(i, j, get(i + 1, j) || (sc !== undefined && get(i, j + 1)));
      } else if (sc === undefined || sc === '*') {
        set(i, j, false);
      } else if (gc === '?') {
        set(i, j, get(i + 1, j + 1));
      } else {
        set(i, j, gc === sc && sc !== '?' && get(i + 1, j + 1));
      }
    }
  }
  return get(0, 0);
}

// ---------------------------------------------------------------- statements and actions

/** Keyed by the list's text: the same managed policies come back for every principal they are attached to. */
const actionListCache = new Map<string, RegExp>();

/** One case-insensitive regular expression for the whole Action/NotAction list (its patterns are ORed). */
function actionListRegex(statement: Statement): RegExp {
  const patterns = statement.actions.patterns;
  const cacheKey = patterns.join('\u0000');
  const cached = actionListCache.get(cacheKey);
  if (cached !== undefined) return cached;
  if (actionListCache.size > 10_000) actionListCache.clear();
  // An empty list names no action: a regex that cannot match.
  const regex = patterns.length === 0 ? /(?!)/ : new RegExp(`^(?:${patterns.map(globSource).join('|')})$`, 'is');
  actionListCache.set(cacheKey, regex);
  return regex;
}

/** Per statement object: the same statement is asked about the same actions many times in one analysis. */
const actionCoverCache = new WeakMap<Statement, Map<string, boolean>>();

/** Whether the statement's Action/NotAction list includes the action, whatever its effect. */
export function statementCoversAction(statement: Statement, action: string): boolean {
  let byAction = actionCoverCache.get(statement);
  if (byAction === undefined) {
    byAction = new Map();
    actionCoverCache.set(statement, byAction);
  }
  const cached = byAction.get(action);
  if (cached !== undefined) return cached;
  const listed = actionListRegex(statement).test(action);
  const covered = statement.actions.negated ? !listed : listed;
  byAction.set(action, covered);
  return covered;
}

/** An Allow statement that names the action (a NotAction Allow allows every action it does not list). */
export function statementAllowsAction(statement: Statement, action: string): boolean {
  return statement.effect === 'Allow' && statementCoversAction(statement, action);
}

/**
 * Whether an unconditional Deny provably removes `action` from everything `allow` grants: same
 * action, and a resource list that covers every resource the Allow names. A Deny with NotResource
 * or a condition is never taken as proof. (Used for resource policies, whose Allow names the
 * resources; identity policies are judged against a resource template instead: see
 * `analyzePrivileges`.)
 */
export function denyRemoves(deny: Statement, allow: Statement, action: string): boolean {
  if (deny.effect !== 'Deny' || isConditional(deny) || !statementCoversAction(deny, action)) return false;
  const denied = deny.resources;
  if (denied === null) return true;
  if (denied.negated) return false;
  if (denied.patterns.some(isUniversalPattern)) return true;
  const allowed = allow.resources;
  if (allowed === null || allowed.negated) return false;
  return allowed.patterns.every((allowPattern) => denied.patterns.some((denyPattern) => patternCovers(denyPattern, allowPattern)));
}

/** A wildcard or a policy variable: the value is a pattern, not one fixed string. */
function hasWildcard(value: string): boolean {
  return /[*?]/.test(value) || value.includes('${');
}

// ---------------------------------------------------------------- conditions per credential type

/**
 * Who holds the credentials being judged. The request context differs: a long-term access key
 * carries no MFA information at all, instance-profile credentials are a role session whose MFA
 * flag is false, a console session may or may not have used MFA. `unknown` decides nothing.
 */
export const CREDENTIAL_TYPES = ['access-key', 'instance-role', 'console', 'unknown'] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** `always`: the condition holds for every request of the credential; `never`: for none; `maybe`: cannot be decided statically. */
export type ConditionVerdict = 'always' | 'never' | 'maybe';

/** What the request context holds for a key: absent, present with a known value, or present with an unknown one. */
type KeyState = { present: false } | { present: true; value: string | null };

/**
 * The context keys whose presence and value follow from the credential type alone.
 *
 * aws:MultiFactorAuthPresent — "This key is not present when an access key is used to sign the
 * request"; it is present for temporary credentials, and false unless MFA was used to get them
 * (instance-profile credentials never are):
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 * aws:MultiFactorAuthAge is present only when MFA was used:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthage
 */
function keyState(key: string, credential: CredentialType): KeyState | undefined {
  switch (key.toLowerCase()) {
    case 'aws:multifactorauthpresent':
      if (credential === 'access-key') return { present: false };
      if (credential === 'instance-role') return { present: true, value: 'false' };
      if (credential === 'console') return { present: true, value: null };
      return undefined;
    case 'aws:multifactorauthage':
      if (credential === 'access-key' || credential === 'instance-role') return { present: false };
      return undefined;
    default:
      return undefined;
  }
}

const NEGATED_OPERATOR = /^(?:stringnot|arnnot|numericnotequals|datenotequals|notipaddress)/;

/**
 * One operator/key entry against a known key state. Operator semantics:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * — a key absent from the request context makes a positive operator false and a negated one true,
 * except `…IfExists` (true when absent) and `Null` (tests presence: `true` means "absent").
 * Values of one key are ORed.
 */
function entryVerdict(operator: string, values: readonly string[], state: KeyState): ConditionVerdict {
  const lower = operator.toLowerCase();
  // Set operators on single-valued keys are legal but unusual: leave them undecided.
  if (lower.startsWith('forallvalues:') || lower.startsWith('foranyvalue:')) return 'maybe';
  const ifExists = lower.endsWith('ifexists');
  const base = ifExists ? lower.slice(0, -'ifexists'.length) : lower;
  const lowered = values.map((value) => value.toLowerCase());
  if (base === 'null') {
    const wanted = state.present ? 'false' : 'true';
    return lowered.includes(wanted) ? 'always' : 'never';
  }
  if (!state.present) return ifExists || NEGATED_OPERATOR.test(base) ? 'always' : 'never';
  if (state.value === null) return 'maybe';
  if (base === 'bool') return lowered.includes(state.value) ? 'always' : 'never';
  return 'maybe';
}

/**
 * Whether a statement's condition holds for every, no, or some requests made with the credential.
 * Operators and keys are ANDed: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * Any key this module cannot decide from the credential type alone makes the result `maybe`, which
 * keeps the conservative reading: a `maybe` Allow still counts (as conditional), a `maybe` Deny removes nothing.
 */
export function conditionVerdict(condition: Condition, credential: CredentialType): ConditionVerdict {
  let verdict: ConditionVerdict = 'always';
  for (const [operator, keys] of Object.entries(condition)) {
    for (const [key, values] of Object.entries(keys)) {
      const state = keyState(key, credential);
      const entry = state === undefined ? 'maybe' : entryVerdict(operator, values, state);
      if (entry === 'never') return 'never';
      if (entry === 'maybe') verdict = 'maybe';
    }
  }
  return verdict;
}

// ---------------------------------------------------------------- resource templates

/**
 * Where a requirement's action must be allowed, as an ARN template: `{partition}`, `{account}` (the
 * scanned account) and `{region}`. A statement satisfies it when its Resource pattern covers the
 * instantiated template under IAM's glob: the whole ARN string is matched, `*` matches any run of
 * characters (`:` and `/` included), `?` exactly one, case-sensitively
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards).
 * So `*`, `arn:aws:secretsmanager:*` and `arn:aws:secretsmanager:??-*` all cover every secret.
 *
 * `{region}` means "every resource of one region": a grant on every secret of us-east-1 is every
 * secret the attacker can reach there. It is tried with each known region and with every literal
 * region a pattern of the analysed policies names, and a requirement holds when it holds in at
 * least one of them (Allows, Denies and the boundary judged for that same region).
 */
export interface ResourceRequirement {
  action: string;
  on: string;
}

/** Region codes to instantiate `{region}` with (commercial, China, GovCloud and ISO partitions). */
export const KNOWN_REGIONS: readonly string[] = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-east-2', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-south-1', 'eu-south-2', 'eu-north-1', 'il-central-1', 'me-south-1',
  'me-central-1', 'mx-central-1', 'sa-east-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1',
  'us-iso-east-1', 'us-iso-west-1', 'us-isob-east-1', 'us-isof-south-1', 'us-isof-east-1', 'eu-isoe-west-1',
];

const OTHER_PARTITION_REGION = /^(?:cn-|us-gov-|us-iso|eu-isoe)/;

/**
 * The regions to try for a partition. The commercial partition has none of the China, GovCloud or
 * ISO regions; any other partition gets the whole list, which can only add candidates.
 */
function regionsOf(partition: string): readonly string[] {
  return partition === 'aws' ? KNOWN_REGIONS.filter((region) => !OTHER_PARTITION_REGION.test(region)) : KNOWN_REGIONS;
}

export interface TemplateContext {
  partition: string;
  /** The scanned account; `*` when unknown (a pattern must then cover every account). */
  account: string;
}

export function instantiateTemplate(template: string, context: TemplateContext, region: string): string {
  return template.replaceAll('{partition}', context.partition).replaceAll('{account}', context.account).replaceAll('{region}', region);
}

/** Literal region fields of ARN patterns (`arn:aws:ssm:eu-west-1:…`): candidate regions beyond the known list. */
function literalRegions(statements: readonly Statement[]): string[] {
  const regions = new Set<string>();
  for (const statement of statements) {
    for (const pattern of statement.resources?.patterns ?? []) {
      const region = pattern.split(':')[3];
      if (region !== undefined && region !== '' && !hasWildcard(region)) regions.add(region);
    }
  }
  return [...regions];
}

const coverCache = new Map<string, boolean>();

/** patternCovers, memoised: the same few patterns are tested against the same templates many times. */
function covers(general: string, specific: string): boolean {
  const key = `${general}\u0000${specific}`;
  const cached = coverCache.get(key);
  if (cached !== undefined) return cached;
  if (coverCache.size > 100_000) coverCache.clear();
  const result = patternCovers(general, specific);
  coverCache.set(key, result);
  return result;
}

/**
 * Whether an Allow's resources reach every resource of the instantiated template. An absent Resource
 * element applies to everything. A NotResource Allow grants all but its list, so it reaches "every
 * resource" unless one excluded pattern covers the whole template: everything but one bucket is
 * still every other bucket (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
 */
function allowReaches(resources: PatternList | null, resource: string): boolean {
  if (resources === null) return true;
  const covered = resources.patterns.some((pattern) => covers(pattern, resource));
  return resources.negated ? !covered : covered;
}

/**
 * Whether a Deny takes the template away. A Deny names resources: it removes the template when one
 * of them covers it (compared with the requirement, not with the Allow's pattern, so Deny
 * `arn:aws:s3:::*` removes an Allow on `*`). A NotResource Deny denies everything but its list, so
 * it leaves only what the list names: it removes the template unless one listed pattern covers it.
 */
function denyReaches(resources: PatternList | null, resource: string): boolean {
  if (resources === null) return true;
  const covered = resources.patterns.some((pattern) => covers(pattern, resource));
  return resources.negated ? !covered : covered;
}

// ---------------------------------------------------------------- privilege analysis

export interface PolicySource {
  /** A managed policy ARN, or `inline:<policy name>` (`group:<group>/inline:<name>` for groups). */
  source: string;
  document: unknown;
}

export type PrivilegeKind = 'admin' | 'data-wide' | 'privilege-escalation';

export interface StatementRef {
  source: string;
  statementIndex: number;
  sid?: string;
  /** The statement holds only under a condition that cannot be decided for the credential. */
  conditional: boolean;
}

export interface PrivilegeGrant extends StatementRef {
  kind: PrivilegeKind;
  /** The granted actions: the statement's own patterns for admin, the matched actions otherwise. */
  actions: string[];
  /** For escalation paths that need several statements: the statements other than the primary one. */
  supporting: StatementRef[];
  /** For escalation: the id of the path in ESCALATION_PATHS (./escalation-paths.ts). */
  path?: string;
  /** For escalation: how the path turns the actions into more privilege. */
  how?: string;
}

/**
 * What "admin" has to be able to do: take over IAM and run code anywhere. A statement that allows
 * all of them on every resource is admin whether it says `*` or a NotAction that leaves them in;
 * a guardrail Deny on, say, cloudtrail:StopLogging leaves it admin, a Deny on iam:* does not.
 */
export const ADMIN_PROBE_ACTIONS: readonly ResourceRequirement[] = [
  { action: 'iam:CreateUser', on: 'arn:{partition}:iam::{account}:user/*' },
  { action: 'iam:AttachRolePolicy', on: 'arn:{partition}:iam::{account}:role/*' },
  { action: 'iam:PutRolePolicy', on: 'arn:{partition}:iam::{account}:role/*' },
  { action: 'iam:CreateAccessKey', on: 'arn:{partition}:iam::{account}:user/*' },
  { action: 'iam:PassRole', on: 'arn:{partition}:iam::{account}:role/*' },
  { action: 'sts:AssumeRole', on: 'arn:{partition}:iam::{account}:role/*' },
  { action: 'ec2:RunInstances', on: 'arn:{partition}:ec2:{region}:{account}:instance/*' },
  { action: 'lambda:CreateFunction', on: 'arn:{partition}:lambda:{region}:{account}:function:*' },
  { action: 's3:GetObject', on: 'arn:{partition}:s3:::*/*' },
  { action: 'kms:Decrypt', on: 'arn:{partition}:kms:{region}:{account}:key/*' },
];

export interface DataAccessAction extends ResourceRequirement {
  /** Why this action on every resource of the template exposes data. */
  reason: string;
}

/**
 * Read actions that, on every resource of their template, expose the account's data (Capital One).
 * Templates follow each service's ARN format (Service Authorization Reference), which is not always
 * the action's prefix: rds-data:ExecuteStatement acts on `arn:aws:rds:…:cluster:…`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrdsdataapi.html
 */
export const DATA_WIDE_ACTIONS: readonly DataAccessAction[] = [
  { action: 's3:GetObject', on: 'arn:{partition}:s3:::*/*', reason: 'downloads every object in every bucket the account owns (s3:*, s3:Get* included)' },
  { action: 'secretsmanager:GetSecretValue', on: 'arn:{partition}:secretsmanager:{region}:{account}:secret:*', reason: 'reads every secret value' },
  { action: 'kms:Decrypt', on: 'arn:{partition}:kms:{region}:{account}:key/*', reason: 'decrypts anything encrypted under any key whose key policy defers to IAM' },
  { action: 'dynamodb:GetItem', on: 'arn:{partition}:dynamodb:{region}:{account}:table/*', reason: 'reads any item of any table' },
  { action: 'dynamodb:Scan', on: 'arn:{partition}:dynamodb:{region}:{account}:table/*', reason: 'dumps whole tables' },
  { action: 'dynamodb:Query', on: 'arn:{partition}:dynamodb:{region}:{account}:table/*', reason: 'reads any partition of any table' },
  { action: 'dynamodb:ExportTableToPointInTime', on: 'arn:{partition}:dynamodb:{region}:{account}:table/*', reason: 'exports whole tables to S3' },
  { action: 'ssm:GetParameter', on: 'arn:{partition}:ssm:{region}:{account}:parameter/*', reason: 'reads parameters, SecureString secrets included (with decryption)' },
  { action: 'ssm:GetParameters', on: 'arn:{partition}:ssm:{region}:{account}:parameter/*', reason: 'reads parameters in bulk' },
  { action: 'ssm:GetParametersByPath', on: 'arn:{partition}:ssm:{region}:{account}:parameter/*', reason: 'reads whole parameter hierarchies' },
  { action: 'rds-data:ExecuteStatement', on: 'arn:{partition}:rds:{region}:{account}:cluster:*', reason: 'runs SQL on any Aurora cluster with the Data API enabled' },
  { action: 'rds:ModifyDBInstance', on: 'arn:{partition}:rds:{region}:{account}:db:*', reason: 'resets a database master password, then reads the database' },
  { action: 'rds:CopyDBSnapshot', on: 'arn:{partition}:rds:{region}:{account}:snapshot:*', reason: 'copies database snapshots (rds:* included) to share them out' },
];

export type { EscalationPath, EscalationStep } from './escalation-paths.js';

export interface AnalyzeOptions {
  /** The permissions boundary's document, when one is set and known. */
  boundary?: PolicySource;
  /** Instantiates `{partition}` in templates; `aws` by default. */
  partition?: string;
  /** The account the identity lives in (`{account}`); `*` by default, so a pattern must cover every account. */
  account?: string;
  /** Whose credentials: decides conditions such as aws:MultiFactorAuthPresent. `unknown` by default. */
  credential?: CredentialType;
  /** The escalation catalog; ESCALATION_PATHS by default (tests pass their own). */
  paths?: readonly EscalationPath[];
  /**
   * Judge only `paths`, over every Allow statement (admin ones included), with no admin or
   * data-wide analysis: for a check that asks whether one capability is granted (which identities
   * may invoke every Bedrock model). The grants come back as `privilege-escalation` with the path id.
   */
  pathsOnly?: boolean;
}

interface SourcedStatement {
  /** Position among the analysed statements: a cache key. */
  position: number;
  source: string;
  statement: Statement;
  /** `maybe` when the statement holds only under an undecidable condition. */
  verdict: Exclude<ConditionVerdict, 'never'>;
}

const PRINCIPAL_ACCOUNT_VARIABLE = /\$\{aws:PrincipalAccount\}/gi;

/**
 * Resolves `${aws:PrincipalAccount}` in Resource patterns: for an identity policy it is always the
 * identity's own account, so `arn:aws:iam::${aws:PrincipalAccount}:role/*` is every role here
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html). Other
 * variables (`${aws:username}`, tags) name resources of the caller alone and stay literal: narrow.
 */
function withPrincipalAccount(statement: Statement, account: string): Statement {
  const resources = statement.resources;
  if (resources === null || !resources.patterns.some((pattern) => pattern.toLowerCase().includes('${aws:principalaccount}'))) return statement;
  return { ...statement, resources: { ...resources, patterns: resources.patterns.map((pattern) => pattern.replace(PRINCIPAL_ACCOUNT_VARIABLE, account)) } };
}

/** How an action is allowed on a template: not at all, only under a condition, or outright. */
type Permit = 'no' | 'conditional' | 'unconditional';

function toRef(entry: SourcedStatement, conditional = entry.verdict === 'maybe'): StatementRef {
  const ref: StatementRef = { source: entry.source, statementIndex: entry.statement.index, conditional };
  if (entry.statement.sid !== undefined) ref.sid = entry.statement.sid;
  return ref;
}

function describeActions(statement: Statement): string[] {
  const patterns = [...statement.actions.patterns];
  return statement.actions.negated ? [`NotAction: ${patterns.join(', ') || '(none)'}`] : patterns;
}

/**
 * The dangerous privileges a set of identity policies grants, following IAM's evaluation logic for
 * one account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * an explicit Deny wins, then an action needs an Allow in the identity policies AND, when a
 * permissions boundary is set, an Allow in the boundary
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 *
 * Each requirement is an action on a resource template (see ResourceRequirement). A statement
 * whose condition can never hold for the credential is ignored; one whose condition cannot be
 * decided counts as a conditional grant (an Allow) or removes nothing (a Deny).
 */
export function analyzePrivileges(policies: readonly PolicySource[], options: AnalyzeOptions = {}): PrivilegeGrant[] {
  const credential = options.credential ?? 'unknown';
  const context: TemplateContext = { partition: options.partition ?? 'aws', account: options.account ?? '*' };
  const paths = options.paths ?? ESCALATION_PATHS;

  let position = 0;
  const sourced = (source: string, document: unknown): SourcedStatement[] =>
    normalizeStatements(document).map((statement) => withPrincipalAccount(statement, context.account)).flatMap((statement) => {
      const verdict = conditionVerdict(statement.condition, credential);
      position += 1;
      return verdict === 'never' ? [] : [{ position, source, statement, verdict }];
    });
  const all = policies.flatMap(({ source, document }) => sourced(source, document));
  const boundary = options.boundary === undefined ? null : sourced(options.boundary.source, options.boundary.document);

  const allows = all.filter((entry) => entry.statement.effect === 'Allow');
  // Only a Deny that holds for every request of the credential is proof that it removes something.
  const denies = [...all, ...(boundary ?? [])].filter((entry) => entry.statement.effect === 'Deny' && entry.verdict === 'always').map((entry) => entry.statement);
  const boundaryAllows = boundary?.filter((entry) => entry.statement.effect === 'Allow') ?? null;
  const regions = [...new Set([...literalRegions([...all, ...(boundary ?? [])].map((entry) => entry.statement)), ...regionsOf(context.partition)])];

  const denied = (action: string, resource: string): boolean =>
    denies.some((deny) => statementCoversAction(deny, action) && denyReaches(deny.resources, resource));

  const boundaryPermit = (action: string, resource: string): Permit => {
    if (boundaryAllows === null) return 'unconditional';
    let permit: Permit = 'no';
    for (const entry of boundaryAllows) {
      if (!statementCoversAction(entry.statement, action) || !allowReaches(entry.statement.resources, resource)) continue;
      if (entry.verdict === 'always') return 'unconditional';
      permit = 'conditional';
    }
    return permit;
  };

  const reachCache = new Map<string, string[]>();
  /** The instantiated resources of a template (one per candidate region) that an Allow statement reaches. */
  const reachedResources = (entry: SourcedStatement, template: string): string[] => {
    const cacheKey = `${String(entry.position)}\u0000${template}`;
    const cached = reachCache.get(cacheKey);
    if (cached !== undefined) return cached;
    const reached = (template.includes('{region}') ? regions : [''])
      .map((region) => instantiateTemplate(template, context, region))
      .filter((resource) => allowReaches(entry.statement.resources, resource));
    reachCache.set(cacheKey, reached);
    return reached;
  };

  const permitCache = new Map<string, Permit>();
  /** Whether this one Allow statement, after Denies and the boundary, allows the action on the template. */
  const permits = (entry: SourcedStatement, requirement: ResourceRequirement): Permit => {
    if (!statementCoversAction(entry.statement, requirement.action)) return 'no';
    const cacheKey = `${String(entry.position)}\u0000${requirement.action}\u0000${requirement.on}`;
    const cached = permitCache.get(cacheKey);
    if (cached !== undefined) return cached;
    let best: Permit = 'no';
    for (const resource of reachedResources(entry, requirement.on)) {
      if (denied(requirement.action, resource)) continue;
      const bounded = boundaryPermit(requirement.action, resource);
      if (bounded === 'no') continue;
      best = bounded === 'unconditional' && entry.verdict === 'always' ? 'unconditional' : 'conditional';
      if (best === 'unconditional') break;
    }
    permitCache.set(cacheKey, best);
    return best;
  };

  if (options.pathsOnly === true) return paths.flatMap((path) => escalationGrants(path, allows, permits));

  const grants: PrivilegeGrant[] = [];
  const adminEntries = new Set<SourcedStatement>();
  for (const entry of allows) {
    const probes = ADMIN_PROBE_ACTIONS.map((probe) => permits(entry, probe));
    if (probes.every((permit) => permit !== 'no')) {
      adminEntries.add(entry);
      const conditional = probes.some((permit) => permit === 'conditional');
      grants.push({ kind: 'admin', actions: describeActions(entry.statement), supporting: [], ...toRef(entry, conditional) });
    }
  }
  // An admin statement already says everything; its data and escalation grants would only repeat it.
  const others = allows.filter((entry) => !adminEntries.has(entry));

  for (const entry of others) {
    const permitted = DATA_WIDE_ACTIONS.map((requirement) => ({ action: requirement.action, permit: permits(entry, requirement) })).filter(({ permit }) => permit !== 'no');
    if (permitted.length > 0) {
      const conditional = permitted.some(({ permit }) => permit === 'conditional');
      grants.push({ kind: 'data-wide', actions: permitted.map(({ action }) => action), supporting: [], ...toRef(entry, conditional) });
    }
  }

  for (const path of paths) grants.push(...escalationGrants(path, others, permits));
  return grants;
}

interface StepMatch {
  entry: SourcedStatement;
  action: string;
  permit: Exclude<Permit, 'no'>;
}

/** The best way one statement satisfies a step: an unconditional action if any, else a conditional one. */
function matchStep(entry: SourcedStatement, step: EscalationStep, permits: (entry: SourcedStatement, requirement: ResourceRequirement) => Permit): StepMatch | null {
  let fallback: StepMatch | null = null;
  for (const action of step.anyOf) {
    const permit = permits(entry, { action, on: step.on });
    if (permit === 'unconditional') return { entry, action, permit };
    if (permit === 'conditional') fallback ??= { entry, action, permit };
  }
  return fallback;
}

/**
 * An escalation path holds when every step (ANDed) is satisfied by some statement allowing one of
 * its actions (ORed) on the step's template. Statements that satisfy the whole path alone are each
 * reported; otherwise one grant combines the best provider of each step, across statements and
 * policies, and is conditional when any provider is.
 */
function escalationGrants(
  path: EscalationPath,
  entries: readonly SourcedStatement[],
  permits: (entry: SourcedStatement, requirement: ResourceRequirement) => Permit,
): PrivilegeGrant[] {
  const base = { kind: 'privilege-escalation' as const, path: path.id, how: path.how };
  const alone: PrivilegeGrant[] = [];
  for (const entry of entries) {
    const matches = path.steps.map((step) => matchStep(entry, step, permits));
    if (matches.every((match): match is StepMatch => match !== null)) {
      const conditional = matches.some((match) => match.permit === 'conditional');
      alone.push({ ...base, actions: matches.map((match) => match.action), supporting: [], ...toRef(entry, conditional) });
    }
  }
  if (alone.length > 0) return alone;

  const providers: StepMatch[] = [];
  for (const step of path.steps) {
    const candidates = entries.flatMap((entry) => matchStep(entry, step, permits) ?? []);
    const provider = candidates.find((match) => match.permit === 'unconditional') ?? candidates[0];
    if (provider === undefined) return [];
    providers.push(provider);
  }
  const [primary, ...rest] = providers;
  if (primary === undefined) return [];
  const supportingEntries = [...new Set(rest.map((match) => match.entry))].filter((entry) => entry !== primary.entry);
  const supporting = supportingEntries.map((entry) => toRef(entry, providers.some((match) => match.entry === entry && match.permit === 'conditional')));
  const conditional = providers.some((match) => match.permit === 'conditional');
  return [{ ...base, actions: providers.map((match) => match.action), supporting, ...toRef(primary.entry, conditional) }];
}

// ---------------------------------------------------------------- gathering an identity's policies

/** A policy that applies to the identity but whose document could not be used, and why. */
export interface PolicyGap {
  source: string;
  reason: string;
}

export interface IdentityPolicies {
  /** The identity's partition and account, from its ARN: they instantiate resource templates. */
  partition: string;
  account: string;
  policies: PolicySource[];
  /** Attached managed policy ARNs (or groups) whose documents the inventory does not hold. */
  missing: string[];
  /** Policies whose document is there but unusable (null, not JSON, not a policy object). */
  unreadable: PolicyGap[];
  /** The permissions boundary, when one is set and its document is usable. */
  boundary: PolicySource | null;
  /** A boundary that is set but whose document is missing or unusable: nothing can be concluded. */
  boundaryGap: PolicyGap | null;
}

/**
 * Why a policy document cannot be evaluated, or null when it can. A document without a Statement
 * is not a policy IAM would accept; treating it as empty would silently turn "unknown" into "pass".
 */
export function documentProblem(document: unknown): string | null {
  if (document === null || document === undefined) return 'no document was returned';
  let parsed: unknown = document;
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document) as unknown;
    } catch {
      return 'the document is not JSON';
    }
  }
  if (!isRecord(parsed)) return 'the document is not a JSON object';
  if (!('Statement' in parsed)) return 'the document has no Statement';
  return null;
}

function arnParts(arn: string): { partition: string; account: string } {
  const [prefix, partition, , , account] = arn.split(':');
  if (prefix !== 'arn' || partition === undefined || partition === '' || account === undefined || !/^\d{12}$/.test(account)) {
    return { partition: 'aws', account: '*' };
  }
  return { partition, account };
}

function emptyIdentity(arn: string): IdentityPolicies {
  return { ...arnParts(arn), policies: [], missing: [], unreadable: [], boundary: null, boundaryGap: null };
}

function addPolicy(into: IdentityPolicies, source: string, document: unknown): void {
  const problem = documentProblem(document);
  if (problem === null) into.policies.push({ source, document });
  else into.unreadable.push({ source, reason: problem });
}

function gatherPolicies(
  owner: Pick<IamRole, 'attachedPolicies' | 'inlinePolicies'>,
  details: AuthorizationDetails,
  inlinePrefix: string,
  into: IdentityPolicies,
): void {
  for (const inline of owner.inlinePolicies) addPolicy(into, `${inlinePrefix}inline:${inline.name}`, inline.document);
  for (const attached of owner.attachedPolicies) {
    const managed = details.policies.find((policy) => policy.arn === attached.arn);
    if (managed === undefined) into.missing.push(attached.arn);
    else addPolicy(into, managed.arn, managed.document);
  }
}

function withBoundary(into: IdentityPolicies, boundaryArn: string | null, details: AuthorizationDetails): IdentityPolicies {
  if (boundaryArn === null) return into;
  const managed = details.policies.find((policy) => policy.arn === boundaryArn);
  if (managed === undefined) {
    return { ...into, boundaryGap: { source: boundaryArn, reason: 'the permissions boundary policy is not in the authorization details' } };
  }
  const problem = documentProblem(managed.document);
  if (problem !== null) return { ...into, boundaryGap: { source: boundaryArn, reason: `the permissions boundary cannot be read: ${problem}` } };
  return { ...into, boundary: { source: managed.arn, document: managed.document } };
}

/** A role's inline and attached managed policies, and its permissions boundary. */
export function rolePolicies(role: IamRole, details: AuthorizationDetails): IdentityPolicies {
  const result = emptyIdentity(role.arn);
  gatherPolicies(role, details, '', result);
  return withBoundary(result, role.permissionsBoundaryArn, details);
}

/** A user's own policies plus those of every group it belongs to (a group has no boundary of its own). */
export function userPolicies(user: IamUser, details: AuthorizationDetails): IdentityPolicies {
  const result = emptyIdentity(user.arn);
  gatherPolicies(user, details, '', result);
  for (const groupName of user.groups) {
    const group = details.groups.find((candidate) => candidate.name === groupName);
    if (group === undefined) result.missing.push(`group:${groupName}`);
    else gatherPolicies(group, details, `group:${group.name}/`, result);
  }
  return withBoundary(result, user.permissionsBoundaryArn, details);
}

/**
 * Everything that keeps an identity's verdict from being a proven pass: missing and unreadable
 * policies, and an unknown boundary. `blocking` gaps make any verdict unknown (a boundary can take
 * away every grant we see); the others only stop a pass.
 */
export function identityGaps(identity: IdentityPolicies): { blocking: PolicyGap[]; other: PolicyGap[] } {
  const other = [
    ...identity.missing.map((source) => ({ source, reason: `the ${source.startsWith('group:') ? 'group' : 'policy'} is not in the authorization details` })),
    ...identity.unreadable,
  ];
  return { blocking: identity.boundaryGap === null ? [] : [identity.boundaryGap], other };
}

/** The dangerous privileges of an identity whose policies were gathered by rolePolicies/userPolicies. */
export function analyzeIdentity(identity: IdentityPolicies, credential: CredentialType = 'unknown', paths?: readonly EscalationPath[]): PrivilegeGrant[] {
  const options: AnalyzeOptions = { partition: identity.partition, account: identity.account, credential };
  if (identity.boundary !== null) options.boundary = identity.boundary;
  if (paths !== undefined) options.paths = paths;
  return analyzePrivileges(identity.policies, options);
}

/**
 * Whether an identity may perform one of `step.anyOf` on every resource of `step.on`, after
 * Denies, its permissions boundary and conditions: `unconditional`, `conditional` (only under a
 * condition the inventory cannot decide) or `no`. For checks that ask about one capability rather
 * than admin, data-wide or escalation privileges (bedrock-invocation-logging).
 */
export function identityAllows(identity: IdentityPolicies, step: EscalationStep, credential: CredentialType = 'unknown'): 'unconditional' | 'conditional' | 'no' {
  const path: EscalationPath = { id: 'capability', steps: [step], how: 'the capability asked about', references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html'] };
  const options: AnalyzeOptions = { partition: identity.partition, account: identity.account, credential, paths: [path], pathsOnly: true };
  if (identity.boundary !== null) options.boundary = identity.boundary;
  const grants = analyzePrivileges(identity.policies, options);
  if (grants.some((grant) => !grant.conditional)) return 'unconditional';
  return grants.length > 0 ? 'conditional' : 'no';
}

export interface InstanceProfileAssessment {
  grants: PrivilegeGrant[];
  /**
   * Sources that could not be read: role ARNs absent from the authorization details, missing or
   * unreadable policies, unknown boundaries (kept as plain strings for callers that only list them).
   */
  missing: string[];
  /** The same, with reasons; `blocking` ones (unknown boundaries) make any verdict unknown. */
  gaps: { blocking: PolicyGap[]; other: PolicyGap[] };
}

/**
 * Everything the roles of an instance profile can do with the instance's credentials (a role
 * session without MFA, so `instance-role` conditions apply), and what could not be read.
 */
export function instanceProfileGrants(profile: InstanceProfile, details: AuthorizationDetails, paths?: readonly EscalationPath[]): InstanceProfileAssessment {
  const grants: PrivilegeGrant[] = [];
  const blocking: PolicyGap[] = [];
  const other: PolicyGap[] = [];
  for (const roleArn of profile.roleArns) {
    const role = details.roles.find((candidate) => candidate.arn === roleArn);
    if (role === undefined) {
      other.push({ source: roleArn, reason: 'the role is not in the authorization details' });
      continue;
    }
    const identity = rolePolicies(role, details);
    const gaps = identityGaps(identity);
    blocking.push(...gaps.blocking);
    other.push(...gaps.other);
    grants.push(...analyzeIdentity(identity, 'instance-role', paths));
  }
  return { grants, missing: [...blocking, ...other].map((gap) => gap.source), gaps: { blocking, other } };
}

/**
 * `admin [*] via arn:…:policy/AdministratorAccess statement #0 (Sid)`, or for an escalation
 * `privilege-escalation passrole-ec2 (launch an instance …) [iam:PassRole, ec2:RunInstances] via …`.
 */
export function describeGrant(grant: PrivilegeGrant): string {
  const where = (ref: StatementRef): string =>
    `${ref.source} statement #${String(ref.statementIndex)}${ref.sid === undefined || ref.sid === '' ? '' : ` (${ref.sid})`}${ref.conditional ? ' [conditional]' : ''}`;
  const also = grant.supporting.length > 0 ? ` + ${grant.supporting.map(where).join(' + ')}` : '';
  const path = grant.path === undefined ? '' : ` ${grant.path}${grant.how === undefined ? '' : ` (${grant.how})`}`;
  return `${grant.kind}${path} [${grant.actions.join(', ')}] via ${where(grant)}${also}`;
}

/** A short list of gaps for messages: `arn:… (reason); …`. */
export function describeGaps(gaps: readonly PolicyGap[]): string {
  return gaps.map((gap) => `${gap.source} (${gap.reason})`).join('; ');
}
