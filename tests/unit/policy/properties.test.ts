/**
 * Property-based tests of the IAM and S3 evaluators (fast-check). `npm test` runs a few hundred
 * cases per property with a fixed seed; `npm run fuzz` runs the same properties with
 * BREACHMAP_FUZZ_RUNS (≥ 10,000) and a fresh seed. fast-check prints the seed and the shrunk
 * counterexample of any failure, so `BREACHMAP_FUZZ_SEED=<seed>` replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AclGrant, Bucket, PublicAccessBlock } from '../../../src/inventory/schema.js';
import type { CredentialType, PrivilegeGrant } from '../../../src/policy/iam.js';
import { actionMatches, analyzePrivileges, normalizeStatements, patternCovers, resourceMatches, statementAllowsAction, statementCoversAction } from '../../../src/policy/iam.js';
import type { PublicVerdict } from '../../../src/policy/s3-public.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, assessBucketPublicWrite } from '../../../src/policy/s3-public.js';

const FUZZ_RUNS = Number(process.env['BREACHMAP_FUZZ_RUNS'] ?? '0');
const FUZZ_SEED = process.env['BREACHMAP_FUZZ_SEED'];
/** Fixed seed in `npm test` so CI is reproducible; the fuzz run explores a new part of the space each time. */
const PARAMS: fc.Parameters<unknown> =
  FUZZ_RUNS > 0
    ? { numRuns: FUZZ_RUNS, ...(FUZZ_SEED === undefined ? {} : { seed: Number(FUZZ_SEED) }) }
    : { numRuns: 250, seed: 20_240_808 };
const TIMEOUT = FUZZ_RUNS > 0 ? 600_000 : 30_000;

function check<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>): void {
  fc.assert(property, PARAMS as fc.Parameters<Ts>);
}

// ---------------------------------------------------------------- generators

type Json = Record<string, unknown>;

const ACTIONS = [
  '*',
  's3:*',
  's3:Put*',
  's3:Get*',
  's3:*Object',
  's3:?etObject',
  's3:PutObject',
  's3:GetObject',
  's3:DeleteObject',
  's3:ListBucket',
  's3:PutBucketPolicy',
  'iam:*',
  'iam:Pass?ole',
  'iam:PassRole',
  'iam:CreateUser',
  'iam:AttachRolePolicy',
  'iam:Put*Policy',
  'iam:CreateAccessKey',
  'ec2:RunInstances',
  'ec2:*',
  'lambda:*',
  'sts:AssumeRole',
  'kms:Decrypt',
  'secretsmanager:GetSecretValue',
  'dynamodb:*',
  'ssm:GetParameter*',
  'cloudtrail:StopLogging',
];
const RESOURCES = ['*', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:s3:::*', 'arn:aws:s3:::other/*', 'arn:aws:iam::123456789012:role/*', 'arn:aws:*:*:*:*'];
const PRINCIPALS: unknown[] = [
  '*',
  { AWS: '*' },
  { AWS: ['*'] },
  { AWS: 'arn:aws:iam::111122223333:root' },
  { AWS: ['arn:aws:iam::111122223333:root', '*'] },
  { Service: 'cloudtrail.amazonaws.com' },
  { CanonicalUser: 'abc' },
];
/** Conditions that pin who may call: on an Allow they make a public statement non-public. */
const RESTRICTING_CONDITIONS: Json[] = [
  { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123'] } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/16' } },
  { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } },
];
/** Conditions that do not pin the caller (anyone can satisfy them). */
const OPEN_CONDITIONS: Json[] = [
  { Bool: { 'aws:SecureTransport': 'true' } },
  { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
  { StringLike: { 'aws:PrincipalOrgID': '*' } },
  { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
  { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
];

const listOf = (values: readonly string[]): fc.Arbitrary<string[]> => fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 });

const statementArb: fc.Arbitrary<Json> = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    notAction: fc.boolean(),
    actions: listOf(ACTIONS),
    resourceKind: fc.constantFrom('Resource', 'Resource', 'NotResource', 'none'),
    resources: listOf(RESOURCES),
    principalKind: fc.constantFrom('Principal', 'Principal', 'NotPrincipal', 'none'),
    principal: fc.constantFrom(...PRINCIPALS),
    condition: fc.option(fc.constantFrom(...RESTRICTING_CONDITIONS, ...OPEN_CONDITIONS), { freq: 3 }),
    sid: fc.option(fc.constantFrom('A', 'B', 'Sid1'), { freq: 2 }),
  })
  .map((s) => {
    const statement: Json = { Effect: s.effect, [s.notAction ? 'NotAction' : 'Action']: s.actions };
    if (s.resourceKind !== 'none') statement[s.resourceKind] = s.resources;
    if (s.principalKind !== 'none') statement[s.principalKind] = s.principal;
    if (s.condition !== null) statement['Condition'] = s.condition;
    if (s.sid !== null) statement['Sid'] = s.sid;
    return statement;
  });

const statementsArb = fc.array(statementArb, { minLength: 1, maxLength: 6 });

function doc(statements: readonly unknown[]): Json {
  return { Version: '2012-10-17', Statement: statements };
}

const OFF: PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };

const grantArb: fc.Arbitrary<AclGrant> = fc.record({
  granteeType: fc.constant('Group' as const),
  uri: fc.constantFrom(ALL_USERS_URI, AUTHENTICATED_USERS_URI, 'http://acs.amazonaws.com/groups/s3/LogDelivery'),
  id: fc.constant(null),
  permission: fc.constantFrom('FULL_CONTROL', 'WRITE', 'WRITE_ACP', 'READ', 'READ_ACP', 'UNKNOWN'),
});
const blockArb: fc.Arbitrary<PublicAccessBlock | null> = fc.option(
  fc.record({ blockPublicAcls: fc.boolean(), ignorePublicAcls: fc.boolean(), blockPublicPolicy: fc.boolean(), restrictPublicBuckets: fc.boolean() }),
  { freq: 2 },
);

interface BucketCase {
  grants: AclGrant[];
  statements: Json[];
  bucketBlock: PublicAccessBlock | null;
  accountBlock: PublicAccessBlock | null;
}

const bucketCaseArb: fc.Arbitrary<BucketCase> = fc.record({
  grants: fc.array(grantArb, { maxLength: 2 }),
  statements: statementsArb,
  bucketBlock: blockArb,
  accountBlock: blockArb,
});

function bucketOf(c: BucketCase, document: unknown = doc(c.statements)): Bucket {
  return {
    name: 'b',
    arn: 'arn:aws:s3:::b',
    region: 'us-east-1',
    creationDate: null,
    acl: { ok: true, data: { ownerId: 'owner', grants: c.grants } },
    policy: { ok: true, data: { document } },
    publicAccessBlock: { ok: true, data: c.bucketBlock },
    policyStatus: { ok: false, error: { code: 'AccessDenied', message: 'denied', action: 's3:GetBucketPolicyStatus' } },
  };
}

function verdictOf(c: BucketCase, document: unknown = doc(c.statements)): PublicVerdict {
  return assessBucketPublicWrite(bucketOf(c, document), c.accountBlock).verdict;
}

/** Public-write is worse than read-only, which is worse than not public; unknown sits between. */
const PUBLICNESS: Readonly<Record<PublicVerdict, number>> = { 'not-public': 0, 'public-read-only': 1, unknown: 1, 'public-write': 2 };

/** A privilege set, independent of statement positions and of how the policy spelt its actions. */
function privilegeSummary(grants: readonly PrivilegeGrant[]): string[] {
  return [
    ...new Set(
      grants.map((grant) => {
        const actions = grant.kind === 'admin' ? '' : [...grant.actions].sort().join(',');
        return `${grant.kind}|${grant.path ?? ''}|${actions}|${grant.conditional ? 'conditional' : 'unconditional'}`;
      }),
    ),
  ].sort();
}

/** The privileges as capabilities: admin covers everything; conditional grants are weaker than unconditional ones. */
function capabilities(grants: readonly PrivilegeGrant[]): { admin: 'none' | 'conditional' | 'unconditional'; items: Map<string, boolean> } {
  const admins = grants.filter((grant) => grant.kind === 'admin');
  const admin = admins.length === 0 ? 'none' : admins.some((grant) => !grant.conditional) ? 'unconditional' : 'conditional';
  const items = new Map<string, boolean>();
  for (const grant of grants) {
    if (grant.kind === 'admin') continue;
    const keys = grant.kind === 'data-wide' ? grant.actions.map((action) => `data:${action}`) : [`path:${grant.path ?? ''}`];
    for (const key of keys) items.set(key, (items.get(key) ?? false) || !grant.conditional);
  }
  return { admin, items };
}

/** Whether `after` holds nothing `before` did not (an unconditional grant is more than a conditional one). */
function noMorePrivileged(before: readonly PrivilegeGrant[], after: readonly PrivilegeGrant[]): boolean {
  const b = capabilities(before);
  const a = capabilities(after);
  if (b.admin === 'unconditional') return true;
  if (a.admin === 'unconditional') return false;
  if (a.admin === 'conditional' && b.admin === 'none') return false;
  if (b.admin === 'conditional') return true;
  for (const [key, unconditional] of a.items) {
    const had = b.items.get(key);
    if (had === undefined || (unconditional && !had)) return false;
  }
  return true;
}

const IAM_ACCOUNT = '123456789012';

function iamGrants(statements: readonly unknown[], credential: CredentialType = 'unknown'): PrivilegeGrant[] {
  return analyzePrivileges([{ source: 'inline:p', document: doc(statements) }], { account: IAM_ACCOUNT, credential });
}

/** Deterministic per-character case flips driven by a generated bit list. */
function flipCase(text: string, bits: readonly boolean[]): string {
  if (bits.length === 0) return text;
  return text
    .split('')
    .map((char, index) => (bits[index % bits.length] === true ? (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase()) : char))
    .join('');
}

/** Same statements with action names and condition operators/keys in another letter case. */
function recase(statements: readonly Json[], bits: readonly boolean[]): Json[] {
  return statements.map((statement) => {
    const out: Json = { ...statement };
    for (const field of ['Action', 'NotAction']) {
      const value = statement[field];
      if (Array.isArray(value)) out[field] = (value as unknown[]).map((item) => (typeof item === 'string' ? flipCase(item, bits) : item));
    }
    const condition = statement['Condition'];
    if (typeof condition === 'object' && condition !== null) {
      out['Condition'] = Object.fromEntries(
        Object.entries(condition as Json).map(([operator, keys]) => [
          flipCase(operator, bits),
          Object.fromEntries(Object.entries(keys as Json).map(([key, values]) => [flipCase(key, [...bits].reverse()), values])),
        ]),
      );
    }
    return out;
  });
}

/** Same statements with one-element lists written as bare strings (and bare strings as lists). */
function toggleForms(statements: readonly Json[]): Json[] {
  return statements.map((statement) => {
    const out: Json = { ...statement };
    for (const field of ['Action', 'NotAction', 'Resource', 'NotResource']) {
      const value = statement[field];
      if (Array.isArray(value) && value.length === 1) out[field] = value[0];
      else if (typeof value === 'string') out[field] = [value];
    }
    return out;
  });
}

/** The single statement object form (`"Statement": {…}`) when there is only one. */
function documentForms(statements: readonly Json[]): unknown[] {
  const forms: unknown[] = [doc(statements), JSON.stringify(doc(statements))];
  if (statements.length === 1) forms.push({ Version: '2012-10-17', Statement: statements[0] });
  return forms;
}

/**
 * Adds a condition to the index-th Allow statement. (A condition on a Deny narrows the Deny, which
 * rightly can grant more: only Allow conditions restrict.)
 */
function addCondition(statements: readonly Json[], index: number, condition: Json): Json[] {
  const allows = statements.flatMap((statement, i) => (statement['Effect'] === 'Allow' ? [i] : []));
  const target = allows.length === 0 ? -1 : allows[index % allows.length];
  return statements.map((statement, i) => {
    if (i !== target) return statement;
    const existing = (statement['Condition'] ?? {}) as Record<string, Json>;
    const merged: Record<string, Json> = { ...existing };
    // A key the statement already tests under the same operator keeps its value: JSON cannot hold
    // the key twice, and overwriting would replace a condition rather than add one.
    for (const [operator, keys] of Object.entries(condition)) merged[operator] = { ...(keys as Json), ...(merged[operator] ?? {}) };
    return { ...statement, Condition: merged };
  });
}

// ---------------------------------------------------------------- reference wildcard semantics

/** IAM's `*`/`?` glob, written independently of the evaluator (backtracking, no regex). */
function referenceGlob(pattern: string, text: string): boolean {
  const match = (p: number, t: number): boolean => {
    if (p === pattern.length) return t === text.length;
    const char = pattern[p];
    if (char === '*') return match(p + 1, t) || (t < text.length && match(p, t + 1));
    if (t === text.length) return false;
    return (char === '?' || char === text[t]) && match(p + 1, t + 1);
  };
  return match(0, 0);
}

const globCharArb = fc.constantFrom('a', 'b', 'A', ':', '*', '?', '.', '/', '-', '$', '(', '[', '\\', 'é');
const globArb = fc.array(globCharArb, { maxLength: 7 }).map((chars) => chars.join(''));
const textArb = fc.array(fc.constantFrom('a', 'b', 'A', ':', '.', '/', '-', '$', '(', '[', '\\', 'é', '\n'), { maxLength: 8 }).map((c) => c.join(''));

// ---------------------------------------------------------------- properties

describe('wildcards behave as IAM defines them', () => {
  it('actionMatches equals a reference glob, case-insensitively', () => {
    check(
      fc.property(globArb, textArb, (pattern, action) => {
        expect(actionMatches(pattern, action)).toBe(referenceGlob(pattern.toLowerCase(), action.toLowerCase()));
      }),
    );
  }, TIMEOUT);

  it('resourceMatches equals a reference glob, case-sensitively', () => {
    check(
      fc.property(globArb, textArb, (pattern, resource) => {
        expect(resourceMatches(pattern, resource)).toBe(referenceGlob(pattern, resource));
      }),
    );
  }, TIMEOUT);

  it('patternCovers is sound: every concrete instance of the specific pattern matches the general one', () => {
    check(
      fc.property(globArb, globArb, fc.array(textArb, { minLength: 8, maxLength: 8 }), (general, specific, fillers) => {
        fc.pre(patternCovers(general, specific));
        let n = 0;
        const instance = specific.replace(/[*?]/g, (wildcard) => {
          const filler = fillers[n++ % fillers.length] ?? '';
          return wildcard === '*' ? filler.replace(/[*?]/g, '') : (filler.replace(/[*?]/g, '')[0] ?? 'x');
        });
        expect(referenceGlob(general, instance)).toBe(true);
      }),
    );
  }, TIMEOUT);

  it('an Action list matches an action when one of its patterns does (the list is compiled as one expression)', () => {
    check(
      fc.property(fc.array(globArb, { maxLength: 4 }), textArb, (patterns, action) => {
        const [statement] = normalizeStatements(doc([{ Effect: 'Allow', Action: patterns, Resource: '*' }]));
        if (statement === undefined) return;
        expect(statementCoversAction(statement, action)).toBe(patterns.some((pattern) => referenceGlob(pattern.toLowerCase(), action.toLowerCase())));
      }),
    );
  }, TIMEOUT);

  it('a NotAction statement allows exactly the actions the same Action statement does not list', () => {
    check(
      fc.property(listOf(ACTIONS), fc.constantFrom(...ACTIONS.filter((a) => !/[*?]/.test(a))), (actions, action) => {
        const [listed] = normalizeStatements(doc([{ Effect: 'Allow', Action: actions, Resource: '*' }]));
        const [inverted] = normalizeStatements(doc([{ Effect: 'Allow', NotAction: actions, Resource: '*' }]));
        expect(listed).toBeDefined();
        expect(inverted).toBeDefined();
        if (listed === undefined || inverted === undefined) return;
        expect(statementAllowsAction(inverted, action)).toBe(!statementAllowsAction(listed, action));
      }),
    );
  }, TIMEOUT);
});

// ---------------------------------------------------------------- IAM generators

/** Short and full ARN forms IAM's glob treats alike (issue 12): each covers a whole service, one region or one account. */
const IAM_RESOURCES = [
  ...RESOURCES,
  'arn:aws:secretsmanager:*',
  'arn:aws:secretsmanager:??-*',
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:*',
  'arn:aws:secretsmanager:*:*:secret:app/*',
  'arn:aws:lambda:*',
  'arn:aws:kms:*',
  'arn:aws:dynamodb:*',
  'arn:aws:ssm:*',
  'arn:aws:iam::*:user/*',
  'arn:aws:iam::999999999999:role/*',
  'arn:aws:ec2:*:*:instance/*',
  'arn:*',
];

/** Conditions whose truth follows from the credential type (MFA keys), next to undecidable ones. */
const CREDENTIAL_CONDITIONS: Json[] = [
  { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
  { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
  { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
  { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } },
];

const credentialArb = fc.constantFrom<CredentialType>('access-key', 'instance-role', 'console', 'unknown');

/** The shared statement generator, with IAM-specific resources and conditions mixed in. */
const iamStatementArb: fc.Arbitrary<Json> = fc
  .tuple(statementArb, fc.option(listOf(IAM_RESOURCES), { freq: 2 }), fc.option(fc.constantFrom(...CREDENTIAL_CONDITIONS), { freq: 3 }))
  .map(([statement, resources, condition]) => {
    const out: Json = { ...statement };
    if (resources !== null) {
      const field = 'NotResource' in statement ? 'NotResource' : 'Resource';
      out[field] = resources;
    }
    if (condition !== null) out['Condition'] = { ...((statement['Condition'] ?? {}) as Json), ...condition };
    return out;
  });
const iamStatementsArb = fc.array(iamStatementArb, { minLength: 1, maxLength: 6 });

/** What a grant set allows, ignoring whether each grant is conditional. */
function reach(grants: readonly PrivilegeGrant[]): Set<string> {
  if (grants.some((grant) => grant.kind === 'admin')) return new Set(['admin']);
  return new Set(grants.flatMap((grant) => (grant.kind === 'data-wide' ? grant.actions.map((action) => `data:${action}`) : [`path:${grant.path ?? ''}`])));
}

function reachWithin(inner: ReadonlySet<string>, outer: ReadonlySet<string>): boolean {
  return outer.has('admin') || [...inner].every((item) => outer.has(item));
}

describe('IAM privilege analysis invariants', () => {
  it('never throws on generated policies, and every grant points at a real statement', () => {
    check(
      fc.property(iamStatementsArb, credentialArb, (statements, credential) => {
        for (const grant of iamGrants(statements, credential)) expect(grant.statementIndex).toBeLessThan(statements.length);
      }),
    );
  }, TIMEOUT);

  it('adding a Deny statement never makes an identity more privileged, for any credential', () => {
    check(
      fc.property(iamStatementsArb, iamStatementArb, credentialArb, (statements, extra, credential) => {
        const deny = { ...extra, Effect: 'Deny' };
        expect(noMorePrivileged(iamGrants(statements, credential), iamGrants([...statements, deny], credential))).toBe(true);
      }),
    );
  }, TIMEOUT);

  it('adding a condition to an Allow statement never makes an identity more privileged', () => {
    check(
      fc.property(iamStatementsArb, fc.nat(), fc.constantFrom(...RESTRICTING_CONDITIONS, ...OPEN_CONDITIONS, ...CREDENTIAL_CONDITIONS), credentialArb, (statements, index, condition, credential) => {
        expect(noMorePrivileged(iamGrants(statements, credential), iamGrants(addCondition(statements, index, condition), credential))).toBe(true);
      }),
    );
  }, TIMEOUT);

  it('statement order, string-vs-array forms and letter case never change the privileges', () => {
    check(
      fc.property(iamStatementsArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), fc.nat(), credentialArb, (statements, bits, seed, credential) => {
        const expected = privilegeSummary(iamGrants(statements, credential));
        const rotated = statements.map((_, i) => statements[(i + seed) % statements.length] as Json);
        expect(privilegeSummary(iamGrants(rotated, credential))).toEqual(expected);
        expect(privilegeSummary(iamGrants([...statements].reverse(), credential))).toEqual(expected);
        expect(privilegeSummary(iamGrants(toggleForms(statements), credential))).toEqual(expected);
        expect(privilegeSummary(iamGrants(recase(statements, bits), credential))).toEqual(expected);
        for (const form of documentForms(statements)) {
          expect(privilegeSummary(analyzePrivileges([{ source: 'inline:p', document: form }], { account: IAM_ACCOUNT, credential }))).toEqual(expected);
        }
      }),
    );
  }, TIMEOUT);

  it('a wider Allow resource list never grants less, a wider Deny resource list never grants more', () => {
    check(
      fc.property(iamStatementsArb, fc.nat(), fc.constantFrom(...IAM_RESOURCES), credentialArb, (statements, index, extra, credential) => {
        const widen = (effect: 'Allow' | 'Deny'): Json[] | null => {
          const candidates = statements.flatMap((statement, i) => (statement['Effect'] === effect && Array.isArray(statement['Resource']) ? [i] : []));
          const target = candidates[index % Math.max(candidates.length, 1)];
          if (target === undefined) return null;
          return statements.map((statement, i) => (i === target ? { ...statement, Resource: [...(statement['Resource'] as string[]), extra] } : statement));
        };
        const before = iamGrants(statements, credential);
        const widerAllow = widen('Allow');
        if (widerAllow !== null) expect(noMorePrivileged(iamGrants(widerAllow, credential), before)).toBe(true);
        const widerDeny = widen('Deny');
        if (widerDeny !== null) expect(noMorePrivileged(before, iamGrants(widerDeny, credential))).toBe(true);
      }),
    );
  }, TIMEOUT);

  it('a permissions boundary never adds privileges, and an allow-all boundary changes nothing', () => {
    check(
      fc.property(iamStatementsArb, iamStatementsArb, credentialArb, (statements, boundary, credential) => {
        const bounded = (document: unknown): PrivilegeGrant[] =>
          analyzePrivileges([{ source: 'inline:p', document: doc(statements) }], { account: IAM_ACCOUNT, credential, boundary: { source: 'boundary', document } });
        expect(noMorePrivileged(iamGrants(statements, credential), bounded(doc(boundary)))).toBe(true);
        expect(privilegeSummary(bounded(doc([{ Effect: 'Allow', Action: '*', Resource: '*' }])))).toEqual(privilegeSummary(iamGrants(statements, credential)));
      }),
    );
  }, TIMEOUT);

  it('a Deny whose condition cannot be decided removes nothing; removing its condition never grants more', () => {
    check(
      fc.property(iamStatementsArb, iamStatementArb, fc.constantFrom(...RESTRICTING_CONDITIONS, ...OPEN_CONDITIONS), (statements, extra, condition) => {
        const bare: Json = { ...extra, Effect: 'Deny' };
        delete bare['Condition'];
        const conditional = { ...bare, Condition: condition };
        const before = iamGrants(statements);
        expect(privilegeSummary(iamGrants([...statements, conditional]))).toEqual(privilegeSummary(before));
        expect(noMorePrivileged(iamGrants([...statements, conditional]), iamGrants([...statements, bare]))).toBe(true);
      }),
    );
  }, TIMEOUT);

  it('for an access key, a plain Bool MFA-false Deny changes nothing and the BoolIfExists one removes everything it covers', () => {
    check(
      fc.property(iamStatementsArb, fc.constantFrom<CredentialType>('access-key', 'instance-role'), (statements, credential) => {
        const plain = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } };
        const forceMfa = { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
        const before = iamGrants(statements, credential);
        if (credential === 'access-key') expect(privilegeSummary(iamGrants([...statements, plain], credential))).toEqual(privilegeSummary(before));
        else expect(iamGrants([...statements, plain], credential)).toEqual([]);
        expect(iamGrants([...statements, forceMfa], credential)).toEqual([]);
      }),
    );
  }, TIMEOUT);

  it('knowing the credential type never reaches anything the unknown credential would not', () => {
    check(
      fc.property(iamStatementsArb, credentialArb, (statements, credential) => {
        expect(reachWithin(reach(iamGrants(statements, credential)), reach(iamGrants(statements, 'unknown')))).toBe(true);
      }),
    );
  }, TIMEOUT);

  it('a short ARN reaches at least what the full ARN it prefixes reaches', () => {
    const pairs: readonly (readonly [string, string])[] = [
      ['arn:aws:secretsmanager:*:*:secret:*', 'arn:aws:secretsmanager:*'],
      ['arn:aws:secretsmanager:us-east-1:123456789012:secret:*', 'arn:aws:secretsmanager:??-*'],
      ['arn:aws:lambda:*:*:function:*', 'arn:aws:lambda:*'],
      ['arn:aws:kms:*:*:key/*', 'arn:aws:kms:*'],
      ['arn:aws:iam::*:role/*', 'arn:aws:iam:*'],
      ['arn:aws:s3:::*/*', 'arn:aws:s3:*'],
    ];
    check(
      fc.property(iamStatementsArb, fc.constantFrom(...pairs), listOf(ACTIONS), credentialArb, (statements, [full, short], actions, credential) => {
        const withFull = iamGrants([...statements, { Effect: 'Allow', Action: actions, Resource: full }], credential);
        const withShort = iamGrants([...statements, { Effect: 'Allow', Action: actions, Resource: short }], credential);
        expect(noMorePrivileged(withShort, withFull)).toBe(true);
      }),
    );
  }, TIMEOUT);
});

describe('S3 public-access invariants', () => {
  it('never throws, and the verdict is one of the four', () => {
    check(
      fc.property(bucketCaseArb, (c) => {
        expect(Object.keys(PUBLICNESS)).toContain(verdictOf(c));
      }),
    );
  }, TIMEOUT);

  it('adding a Deny statement never makes a bucket more public', () => {
    check(
      fc.property(bucketCaseArb, statementArb, (c, extra) => {
        const after = verdictOf({ ...c, statements: [...c.statements, { ...extra, Effect: 'Deny' }] });
        expect(PUBLICNESS[after]).toBeLessThanOrEqual(PUBLICNESS[verdictOf(c)]);
      }),
    );
  }, TIMEOUT);

  it('adding a condition (restricting or not) to an Allow statement never makes a bucket more public', () => {
    check(
      fc.property(bucketCaseArb, fc.nat(), fc.constantFrom(...RESTRICTING_CONDITIONS, ...OPEN_CONDITIONS), (c, index, condition) => {
        const after = verdictOf({ ...c, statements: addCondition(c.statements, index, condition) });
        expect(PUBLICNESS[after]).toBeLessThanOrEqual(PUBLICNESS[verdictOf(c)]);
      }),
    );
  }, TIMEOUT);

  it('a restricting condition on every Allow leaves only the ACL to make a bucket public', () => {
    check(
      fc.property(bucketCaseArb, (c) => {
        // All of them at once: a statement that already tests one of the keys (with an open value) keeps it.
        const condition = Object.assign({}, ...RESTRICTING_CONDITIONS) as Json;
        let statements = c.statements;
        for (let n = 0; n < statements.length; n += 1) statements = addCondition(statements, n, condition);
        expect(verdictOf({ ...c, statements })).toBe(verdictOf({ ...c, statements: [] }));
      }),
    );
  }, TIMEOUT);

  it('turning on more Block Public Access settings never makes a bucket more public', () => {
    check(
      fc.property(bucketCaseArb, blockArb, (c, extra) => {
        const or = (a: PublicAccessBlock | null, b: PublicAccessBlock | null): PublicAccessBlock | null => {
          if (b === null) return a;
          const base = a ?? OFF;
          return {
            blockPublicAcls: base.blockPublicAcls || b.blockPublicAcls,
            ignorePublicAcls: base.ignorePublicAcls || b.ignorePublicAcls,
            blockPublicPolicy: base.blockPublicPolicy || b.blockPublicPolicy,
            restrictPublicBuckets: base.restrictPublicBuckets || b.restrictPublicBuckets,
          };
        };
        const before = PUBLICNESS[verdictOf(c)];
        expect(PUBLICNESS[verdictOf({ ...c, bucketBlock: or(c.bucketBlock, extra) })]).toBeLessThanOrEqual(before);
        expect(PUBLICNESS[verdictOf({ ...c, accountBlock: or(c.accountBlock, extra) })]).toBeLessThanOrEqual(before);
      }),
    );
  }, TIMEOUT);

  it('statement order, string-vs-array forms, principal spellings and letter case never change the verdict', () => {
    check(
      fc.property(bucketCaseArb, fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }), (c, bits) => {
        const expected = verdictOf(c);
        expect(verdictOf({ ...c, statements: [...c.statements].reverse() })).toBe(expected);
        expect(verdictOf({ ...c, statements: toggleForms(c.statements) })).toBe(expected);
        expect(verdictOf({ ...c, statements: recase(c.statements, bits) })).toBe(expected);
        const spelt = c.statements.map((statement) => (statement['Principal'] === '*' ? { ...statement, Principal: { AWS: ['*'] } } : statement));
        expect(verdictOf({ ...c, statements: spelt })).toBe(expected);
        for (const form of documentForms(c.statements)) expect(verdictOf(c, form)).toBe(expected);
      }),
    );
  }, TIMEOUT);

  it('a NotPrincipal Allow is public unless a condition pins the caller', () => {
    check(
      fc.property(fc.constantFrom(...PRINCIPALS), fc.constantFrom('s3:PutObject', 's3:*', '*'), (principal, action) => {
        const c: BucketCase = { grants: [], statements: [{ Effect: 'Allow', NotPrincipal: principal, Action: action, Resource: 'arn:aws:s3:::b/*' }], bucketBlock: null, accountBlock: null };
        expect(verdictOf(c)).toBe('public-write');
        expect(verdictOf({ ...c, statements: addCondition(c.statements, 0, { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }) })).toBe('not-public');
      }),
    );
  }, TIMEOUT);
});
