/**
 * A pure reader of IAM policy documents: it normalises every legal statement shape, matches actions
 * and resources with IAM's wildcard semantics, tells whether a condition pins who may call, and
 * finds the dangerous privileges (admin, data-wide reads, privilege escalation) an identity holds.
 *
 * It never throws on junk and never makes something look safer than proven: a conditional Deny
 * removes nothing, a conditional Allow still counts, and a missing document is reported as missing
 * rather than treated as empty.
 */
import type { AuthorizationDetails, IamRole, IamUser, InstanceProfile } from '../inventory/schema.js';

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

function wildcardRegex(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = `${caseInsensitive ? 'i' : 's'}${pattern}`;
  const cached = regexCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const source = pattern
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's');
  regexCache.set(cacheKey, regex);
  return regex;
}

/** IAM action matching: case-insensitive, `*` matches any run of characters and `?` exactly one. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardRegex(pattern, true).test(action);
}

/** Resource ARNs are case-sensitive; the wildcards are the same as for actions. */
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

/** Whether the statement's Action/NotAction list includes the action, whatever its effect. */
export function statementCoversAction(statement: Statement, action: string): boolean {
  const listed = statement.actions.patterns.some((pattern) => actionMatches(pattern, action));
  return statement.actions.negated ? !listed : listed;
}

/** An Allow statement that names the action (a NotAction Allow allows every action it does not list). */
export function statementAllowsAction(statement: Statement, action: string): boolean {
  return statement.effect === 'Allow' && statementCoversAction(statement, action);
}

export function serviceOf(action: string): string {
  const colon = action.indexOf(':');
  return colon === -1 ? action : action.slice(0, colon);
}

/** `arn:…:<service>:<region>:<account>:` followed only by wildcards, optionally after a resource type. */
const SERVICE_WIDE_RESOURCE_PART = /^(?:[A-Za-z0-9_-]+[:/])?\*+(?:[:/]\*+)*$/;
const UNTYPED_WIDE_RESOURCE_PART = /^\*+(?:[:/]\*+)*$/;

/**
 * Whether a resource pattern covers every resource of a service: `*`, or an ARN whose resource part
 * is only wildcards (`arn:aws:s3:::*` and its object form, `arn:aws:secretsmanager:*:*:secret:*`).
 * A concrete region or account still counts: that is every resource the attacker can reach there.
 */
export function patternCoversService(pattern: string, service: string): boolean {
  if (isUniversalPattern(pattern)) return true;
  const segments = pattern.split(':');
  if (segments.length < 6 || segments[0]?.toLowerCase() !== 'arn') return false;
  const servicePattern = segments[2] ?? '';
  if (!actionMatches(servicePattern, service)) return false;
  const resourcePart = segments.slice(5).join(':');
  if (isUniversalPattern(resourcePart)) return true;
  // Without an account segment (S3) the first path element is a bucket name, not a resource type.
  const hasAccount = (segments[4] ?? '') !== '';
  return hasAccount ? SERVICE_WIDE_RESOURCE_PART.test(resourcePart) : UNTYPED_WIDE_RESOURCE_PART.test(resourcePart);
}

/**
 * Whether the statement's resources span the whole service. "Everything but one bucket"
 * (NotResource) still reaches every other bucket, so it is broad unless an exclusion removes the
 * whole service.
 */
export function statementCoversService(statement: Statement, service: string): boolean {
  const resources = statement.resources;
  if (resources === null) return true;
  const wide = resources.patterns.some((pattern) => patternCoversService(pattern, service));
  return resources.negated ? !wide : wide;
}

/**
 * Whether an unconditional Deny provably removes `action` from everything `allow` grants: same
 * action, and a resource list that covers every resource the Allow names. A Deny with NotResource
 * or a condition is never taken as proof.
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

// ---------------------------------------------------------------- conditions that pin the caller

/** The global and S3 keys that, with a fixed value, limit who can make the call. */
const CALLER_KEYS = {
  'aws:sourceip': 'ip',
  'aws:sourcevpc': 'id',
  'aws:sourcevpce': 'id',
  'aws:sourcearn': 'arn',
  'aws:sourceaccount': 'id',
  'aws:sourceowner': 'id',
  'aws:principalorgid': 'id',
  'aws:principalaccount': 'id',
  'aws:principalarn': 'arn',
  'aws:userid': 'userid',
  's3:dataaccesspointarn': 'arn',
  's3:dataaccesspointaccount': 'id',
} as const satisfies Record<string, 'ip' | 'id' | 'arn' | 'userid'>;
type CallerKeyKind = (typeof CALLER_KEYS)[keyof typeof CALLER_KEYS];

function callerKeyKind(key: string): CallerKeyKind | undefined {
  const lower = key.toLowerCase();
  return Object.hasOwn(CALLER_KEYS, lower) ? CALLER_KEYS[lower as keyof typeof CALLER_KEYS] : undefined;
}

/** Operators that admit only the listed values; negated, Null, Bool and others admit everyone else. */
const MATCHING_OPERATORS = new Set(['stringequals', 'stringequalsignorecase', 'stringlike', 'arnequals', 'arnlike']);

/**
 * Narrower than this is "a set of CIDRs"; wider (0.0.0.0/0, ::/0, 0.0.0.0/1 …) is treated as
 * public, as AWS does for very broad ranges. /8 and /32 are our conservative cut-offs.
 */
const MIN_IPV4_PREFIX = 8;
const MIN_IPV6_PREFIX = 32;

function hasWildcard(value: string): boolean {
  return /[*?]/.test(value) || value.includes('${');
}

function isFixedCidr(value: string): boolean {
  const [address = '', prefixText, ...rest] = value.trim().split('/');
  if (rest.length > 0) return false;
  const isV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(address) && address.split('.').every((octet) => Number(octet) <= 255);
  const isV6 = !isV4 && /^[0-9a-f:.]+$/i.test(address) && address.includes(':');
  if (!isV4 && !isV6) return false;
  const maxPrefix = isV4 ? 32 : 128;
  if (prefixText === undefined) return true;
  if (!/^\d{1,3}$/.test(prefixText)) return false;
  const prefix = Number(prefixText);
  return prefix <= maxPrefix && prefix >= (isV4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX);
}

function isFixedArn(value: string): boolean {
  if (value.includes('${')) return false;
  if (!hasWildcard(value)) return value.length > 0;
  // A wildcard after a literal account id still pins the caller to that account; S3 ARNs have no
  // account, so a wildcard there (`arn:aws:s3:::my-*`) matches buckets anyone can create.
  const segments = value.split(':');
  return segments.length >= 6 && /^\d{12}$/.test(segments[4] ?? '');
}

function isFixedValue(kind: CallerKeyKind, value: string): boolean {
  switch (kind) {
    case 'ip':
      return isFixedCidr(value);
    case 'arn':
      return isFixedArn(value);
    case 'userid':
      // `AROAROLEID:*` is every session of one role: still one fixed principal.
      return value.length > 0 && (!hasWildcard(value) || /^[A-Za-z0-9]+:\*$/.test(value));
    case 'id':
      return value.length > 0 && !hasWildcard(value);
  }
}

export interface ConditionClassification {
  /** True when at least one entry pins the caller to fixed values (entries are ANDed). */
  restrictsCaller: boolean;
  /** Entries that pin the caller, e.g. `StringEquals aws:PrincipalOrgID`. */
  restrictingEntries: string[];
  /** Entries present that do not pin the caller (other keys, wildcard values, IfExists, negations). */
  otherEntries: string[];
}

/**
 * Whether a condition limits WHO may call, for resource policies. Keys are case-insensitive;
 * `…IfExists` and `ForAllValues:` pass when the key is absent (anonymous callers have no
 * PrincipalOrgID), so they never restrict; a single wildcard or broad CIDR among the values
 * (which are ORed) opens the entry to everyone.
 */
export function classifyCondition(condition: unknown): ConditionClassification {
  const normalized = isRecord(condition) ? normalizeCondition(condition) : {};
  const restrictingEntries: string[] = [];
  const otherEntries: string[] = [];
  for (const [operator, keys] of Object.entries(normalized)) {
    const lower = operator.toLowerCase();
    const forAll = lower.startsWith('forallvalues:');
    const base = lower.replace(/^for(?:anyvalue|allvalues):/, '');
    const ifExists = base.endsWith('ifexists');
    const baseOperator = ifExists ? base.slice(0, -'ifexists'.length) : base;
    for (const [key, values] of Object.entries(keys)) {
      const entry = `${operator} ${key}`;
      const kind = callerKeyKind(key);
      const operatorFits = kind === 'ip' ? baseOperator === 'ipaddress' : MATCHING_OPERATORS.has(baseOperator);
      const restricts =
        kind !== undefined && operatorFits && !forAll && !ifExists && values.length > 0 && values.every((value) => isFixedValue(kind, value));
      (restricts ? restrictingEntries : otherEntries).push(entry);
    }
  }
  return { restrictsCaller: restrictingEntries.length > 0, restrictingEntries, otherEntries };
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
  conditional: boolean;
}

export interface PrivilegeGrant extends StatementRef {
  kind: PrivilegeKind;
  /** The granted actions: the statement's own patterns for admin, the matched table actions otherwise. */
  actions: string[];
  /** For escalation paths that need several statements: the statements other than the primary one. */
  supporting: StatementRef[];
  /** For escalation: the id of the path in PRIVILEGE_ESCALATION_PATHS. */
  path?: string;
}

/**
 * What "admin" has to be able to do: take over IAM and run code anywhere. A statement that allows
 * all of them on every resource is admin whether it says `*` or a NotAction that leaves them in;
 * a guardrail Deny on, say, cloudtrail:StopLogging leaves it admin, a Deny on iam:* does not.
 */
export const ADMIN_PROBE_ACTIONS: readonly string[] = [
  'iam:CreateUser',
  'iam:AttachRolePolicy',
  'iam:PutRolePolicy',
  'iam:CreateAccessKey',
  'iam:PassRole',
  'sts:AssumeRole',
  'ec2:RunInstances',
  'lambda:CreateFunction',
  's3:GetObject',
  'kms:Decrypt',
];

export interface DataAccessAction {
  action: string;
  /** Why this action on every resource of its service exposes data. */
  reason: string;
}

/** Read actions that, on every resource of their service, expose the account's data (Capital One). */
export const DATA_WIDE_ACTIONS: readonly DataAccessAction[] = [
  { action: 's3:GetObject', reason: 'downloads every object in every bucket the account owns (s3:*, s3:Get* included)' },
  { action: 'secretsmanager:GetSecretValue', reason: 'reads every secret value' },
  { action: 'kms:Decrypt', reason: 'decrypts anything encrypted under any key whose key policy defers to IAM' },
  { action: 'dynamodb:GetItem', reason: 'reads any item of any table' },
  { action: 'dynamodb:Scan', reason: 'dumps whole tables' },
  { action: 'dynamodb:Query', reason: 'reads any partition of any table' },
  { action: 'dynamodb:ExportTableToPointInTime', reason: 'exports whole tables to S3' },
  { action: 'ssm:GetParameter', reason: 'reads parameters, SecureString secrets included (with decryption)' },
  { action: 'ssm:GetParameters', reason: 'reads parameters in bulk' },
  { action: 'ssm:GetParametersByPath', reason: 'reads whole parameter hierarchies' },
  { action: 'rds-data:ExecuteStatement', reason: 'runs SQL on any Aurora cluster with the Data API enabled' },
  { action: 'rds:ModifyDBInstance', reason: 'resets a database master password, then reads the database' },
  { action: 'rds:CopyDBSnapshot', reason: 'copies database snapshots (rds:* included) to share them out' },
];

export interface EscalationPath {
  id: string;
  /** Every action is needed, each on every resource of its service. */
  actions: readonly string[];
  /** How the path turns the actions into more privilege. */
  how: string;
}

/** Known IAM privilege-escalation paths (after Rhino Security Labs' catalogue). */
export const PRIVILEGE_ESCALATION_PATHS: readonly EscalationPath[] = [
  { id: 'passrole-ec2', actions: ['iam:PassRole', 'ec2:RunInstances'], how: 'launch an instance with any role and read its credentials' },
  { id: 'passrole-lambda-invoke', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], how: 'create and run a function as any role' },
  { id: 'passrole-lambda-event-source', actions: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], how: 'create a function as any role and trigger it from a stream' },
  { id: 'passrole-cloudformation', actions: ['iam:PassRole', 'cloudformation:CreateStack'], how: 'deploy a stack that acts as any role' },
  { id: 'passrole-glue', actions: ['iam:PassRole', 'glue:CreateDevEndpoint'], how: 'open a Glue dev endpoint running as any role' },
  { id: 'attach-user-policy', actions: ['iam:AttachUserPolicy'], how: 'attach AdministratorAccess to a user' },
  { id: 'attach-group-policy', actions: ['iam:AttachGroupPolicy'], how: 'attach AdministratorAccess to a group' },
  { id: 'attach-role-policy', actions: ['iam:AttachRolePolicy'], how: 'attach AdministratorAccess to a role' },
  { id: 'put-user-policy', actions: ['iam:PutUserPolicy'], how: 'write an inline admin policy on a user' },
  { id: 'put-group-policy', actions: ['iam:PutGroupPolicy'], how: 'write an inline admin policy on a group' },
  { id: 'put-role-policy', actions: ['iam:PutRolePolicy'], how: 'write an inline admin policy on a role' },
  { id: 'create-policy-version', actions: ['iam:CreatePolicyVersion'], how: 'publish an admin version of an attached managed policy' },
  { id: 'set-default-policy-version', actions: ['iam:SetDefaultPolicyVersion'], how: 'switch a managed policy back to a broader old version' },
  { id: 'create-access-key', actions: ['iam:CreateAccessKey'], how: 'mint long-lived keys for a more privileged user' },
  { id: 'create-login-profile', actions: ['iam:CreateLoginProfile'], how: 'give a privileged user a console password' },
  { id: 'update-login-profile', actions: ['iam:UpdateLoginProfile'], how: "reset a privileged user's console password" },
  { id: 'update-assume-role-policy', actions: ['iam:UpdateAssumeRolePolicy'], how: 'let itself assume any role' },
  { id: 'add-user-to-group', actions: ['iam:AddUserToGroup'], how: 'join a privileged group' },
];

interface SourcedStatement {
  source: string;
  statement: Statement;
}

function toRef(entry: SourcedStatement): StatementRef {
  const ref: StatementRef = {
    source: entry.source,
    statementIndex: entry.statement.index,
    conditional: isConditional(entry.statement),
  };
  if (entry.statement.sid !== undefined) ref.sid = entry.statement.sid;
  return ref;
}

function describeActions(statement: Statement): string[] {
  const patterns = [...statement.actions.patterns];
  return statement.actions.negated ? [`NotAction: ${patterns.join(', ') || '(none)'}`] : patterns;
}

export interface AnalyzeOptions {
  /** The permissions boundary's document, when one is set and known. */
  boundary?: PolicySource;
}

/**
 * The dangerous privileges a set of identity policies grants. Resource requirements are "every
 * resource of the service" so a narrowly scoped grant is not reported; the boundary, when given,
 * must also allow each action, and an unconditional Deny in the policies removes it.
 */
export function analyzePrivileges(policies: readonly PolicySource[], options: AnalyzeOptions = {}): PrivilegeGrant[] {
  const all: SourcedStatement[] = policies.flatMap(({ source, document }) =>
    normalizeStatements(document).map((statement) => ({ source, statement })),
  );
  const allows = all.filter((entry) => entry.statement.effect === 'Allow');
  const denies = all.filter((entry) => entry.statement.effect === 'Deny').map((entry) => entry.statement);
  const boundary = options.boundary === undefined ? null : normalizeStatements(options.boundary.document);

  const boundaryAllows = (action: string): boolean => {
    if (boundary === null) return true;
    const service = serviceOf(action);
    return boundary.some(
      (statement) =>
        statementAllowsAction(statement, action) &&
        statementCoversService(statement, service) &&
        !boundary.some((deny) => denyRemoves(deny, statement, action)),
    );
  };

  const effectivelyAllows = (entry: SourcedStatement, action: string): boolean =>
    statementAllowsAction(entry.statement, action) &&
    statementCoversService(entry.statement, serviceOf(action)) &&
    !denies.some((deny) => denyRemoves(deny, entry.statement, action)) &&
    boundaryAllows(action);

  const grants: PrivilegeGrant[] = [];
  const adminEntries = new Set<SourcedStatement>();
  for (const entry of allows) {
    if (ADMIN_PROBE_ACTIONS.every((action) => effectivelyAllows(entry, action))) {
      adminEntries.add(entry);
      grants.push({ kind: 'admin', actions: describeActions(entry.statement), supporting: [], ...toRef(entry) });
    }
  }
  // An admin statement already says everything; its data and escalation grants would only repeat it.
  const others = allows.filter((entry) => !adminEntries.has(entry));

  for (const entry of others) {
    const dataActions = DATA_WIDE_ACTIONS.map(({ action }) => action).filter((action) => effectivelyAllows(entry, action));
    if (dataActions.length > 0) grants.push({ kind: 'data-wide', actions: dataActions, supporting: [], ...toRef(entry) });
  }

  for (const path of PRIVILEGE_ESCALATION_PATHS) {
    const alone = others.filter((entry) => path.actions.every((action) => effectivelyAllows(entry, action)));
    if (alone.length > 0) {
      for (const entry of alone) grants.push({ kind: 'privilege-escalation', actions: [...path.actions], supporting: [], path: path.id, ...toRef(entry) });
      continue;
    }
    const providers: SourcedStatement[] = [];
    for (const action of path.actions) {
      const candidates = others.filter((entry) => effectivelyAllows(entry, action));
      const provider = candidates.find((entry) => !isConditional(entry.statement)) ?? candidates[0];
      if (provider === undefined) break;
      providers.push(provider);
    }
    const [primary, ...rest] = providers;
    if (primary === undefined || providers.length < path.actions.length) continue;
    const supporting = [...new Set(rest)].filter((entry) => entry !== primary).map(toRef);
    const primaryRef = toRef(primary);
    grants.push({
      kind: 'privilege-escalation',
      actions: [...path.actions],
      supporting,
      path: path.id,
      ...primaryRef,
      conditional: primaryRef.conditional || supporting.some((ref) => ref.conditional),
    });
  }
  return grants;
}

// ---------------------------------------------------------------- gathering an identity's policies

export interface IdentityPolicies {
  policies: PolicySource[];
  /** Attached managed policy ARNs (or groups) whose documents the inventory does not hold. */
  missing: string[];
  /** The permissions boundary, when one is set and its document is known. */
  boundary: PolicySource | null;
  /** The boundary ARN when set but unknown: ignored, which can only over-report. */
  missingBoundary: string | null;
}

function gatherPolicies(
  owner: Pick<IamRole, 'attachedPolicies' | 'inlinePolicies'>,
  details: AuthorizationDetails,
  inlinePrefix: string,
  into: IdentityPolicies,
): void {
  for (const inline of owner.inlinePolicies) into.policies.push({ source: `${inlinePrefix}inline:${inline.name}`, document: inline.document });
  for (const attached of owner.attachedPolicies) {
    const managed = details.policies.find((policy) => policy.arn === attached.arn);
    if (managed === undefined) into.missing.push(attached.arn);
    else into.policies.push({ source: managed.arn, document: managed.document });
  }
}

function withBoundary(into: IdentityPolicies, boundaryArn: string | null, details: AuthorizationDetails): IdentityPolicies {
  if (boundaryArn === null) return into;
  const managed = details.policies.find((policy) => policy.arn === boundaryArn);
  if (managed === undefined) return { ...into, missingBoundary: boundaryArn };
  return { ...into, boundary: { source: managed.arn, document: managed.document } };
}

/** A role's inline and attached managed policies, and its permissions boundary. */
export function rolePolicies(role: IamRole, details: AuthorizationDetails): IdentityPolicies {
  const result: IdentityPolicies = { policies: [], missing: [], boundary: null, missingBoundary: null };
  gatherPolicies(role, details, '', result);
  return withBoundary(result, role.permissionsBoundaryArn, details);
}

/** A user's own policies plus those of every group it belongs to. */
export function userPolicies(user: IamUser, details: AuthorizationDetails): IdentityPolicies {
  const result: IdentityPolicies = { policies: [], missing: [], boundary: null, missingBoundary: null };
  gatherPolicies(user, details, '', result);
  for (const groupName of user.groups) {
    const group = details.groups.find((candidate) => candidate.name === groupName);
    if (group === undefined) result.missing.push(`group:${groupName}`);
    else gatherPolicies(group, details, `group:${group.name}/`, result);
  }
  return withBoundary(result, user.permissionsBoundaryArn, details);
}

/** The dangerous privileges of an identity whose policies were gathered by rolePolicies/userPolicies. */
export function analyzeIdentity(identity: IdentityPolicies): PrivilegeGrant[] {
  return analyzePrivileges(identity.policies, identity.boundary === null ? {} : { boundary: identity.boundary });
}

/**
 * Everything the roles of an instance profile can do, and what could not be read: role ARNs absent
 * from the authorization details and managed policies whose documents are missing.
 */
export function instanceProfileGrants(profile: InstanceProfile, details: AuthorizationDetails): { grants: PrivilegeGrant[]; missing: string[] } {
  const grants: PrivilegeGrant[] = [];
  const missing: string[] = [];
  for (const roleArn of profile.roleArns) {
    const role = details.roles.find((candidate) => candidate.arn === roleArn);
    if (role === undefined) {
      missing.push(roleArn);
      continue;
    }
    const identity = rolePolicies(role, details);
    missing.push(...identity.missing);
    grants.push(...analyzeIdentity(identity));
  }
  return { grants, missing };
}

/** `admin via arn:…:policy/AdministratorAccess statement #0 (Sid)`, for evidence and messages. */
export function describeGrant(grant: PrivilegeGrant): string {
  const where = (ref: StatementRef): string =>
    `${ref.source} statement #${String(ref.statementIndex)}${ref.sid === undefined || ref.sid === '' ? '' : ` (${ref.sid})`}${ref.conditional ? ' [conditional]' : ''}`;
  const also = grant.supporting.length > 0 ? ` + ${grant.supporting.map(where).join(' + ')}` : '';
  return `${grant.kind} [${grant.actions.join(', ')}] via ${where(grant)}${also}`;
}
