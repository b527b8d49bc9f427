/**
 * THE ADAPTER POINT between breach paths and reach. Breach paths (./build.ts) take any `ReachIndex`
 * (the contract in src/policy/reach-types.ts); `reachIndexFor` is the one place the application
 * asks for it. Once the exact evaluator `buildReachIndex` (src/policy/reach.ts, issue 18 items 1
 * and 5) is merged, replace the body of `reachIndexFor` with a call to it and delete the coarse
 * implementation below (and its test, tests/unit/paths/reach-source.test.ts).
 *
 * Until then `coarseReachIndex` computes a reach that is coarser but never claims what the policies
 * do not grant: only account-wide identity grants count (admin, or s3:GetObject / s3:PutObject /
 * s3:PutBucketPolicy on every bucket), judged by the same evaluator as the checks
 * (`analyzeIdentity`: explicit Denies, permissions boundaries, conditions per credential type);
 * a bucket whose policy has a Deny for the action, or could not be read, is left out; grants on
 * single buckets and bucket-policy grants are not looked at, which every principal's `atLeast` says.
 */
import type { AuthorizationDetails, Bucket, IamRole, Inventory } from '../inventory/schema.js';
import { ESCALATION_PATHS, type EscalationPath } from '../policy/escalation-paths.js';
import {
  analyzeIdentity,
  identityGaps,
  normalizeStatements,
  resourceMatches,
  rolePolicies,
  statementAllowsAction,
  statementCoversAction,
  userPolicies,
  type CredentialType,
  type IdentityPolicies,
  type Statement,
} from '../policy/iam.js';
import type { DataStoreRef, PrincipalReach, ReachIndex, StoreAccess, StoreReach } from '../policy/reach-types.js';
import { roleTrust, type RoleTrust } from './trust.js';

/** The adapter: what the application uses as the reach of every principal. */
export function reachIndexFor(inventory: Inventory): ReachIndex {
  return coarseReachIndex(inventory);
}

const COARSE_NOTE = 'coarse reach (until the exact evaluator is merged): grants on single buckets and bucket-policy grants are not counted';

/** Account-wide S3 grants, as escalation-path-shaped requirements so analyzeIdentity judges them. */
const S3_WIDE: readonly { access: StoreAccess; path: EscalationPath }[] = [
  { access: 'read', path: { id: 'reach:s3-read', steps: [{ anyOf: ['s3:GetObject'], on: 'arn:{partition}:s3:::*/*' }], how: 'read every object', references: ['https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html'] } },
  { access: 'write', path: { id: 'reach:s3-write', steps: [{ anyOf: ['s3:PutObject', 's3:DeleteObject'], on: 'arn:{partition}:s3:::*/*' }], how: 'write or delete every object', references: ['https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html'] } },
  {
    access: 'change-access',
    path: { id: 'reach:s3-policy', steps: [{ anyOf: ['s3:PutBucketPolicy', 's3:PutBucketAcl'], on: 'arn:{partition}:s3:::*' }], how: 'rewrite who may read every bucket', references: ['https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html'] },
  },
];

const S3_ACTIONS: Readonly<Record<StoreAccess, readonly string[]>> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:DeleteObject'],
  'change-access': ['s3:PutBucketPolicy', 's3:PutBucketAcl'],
  copy: [],
};

const EC2_INSTANCE = 'arn:{partition}:ec2:{region}:{account}:instance/*';
const LAMBDA_FUNCTION = 'arn:{partition}:lambda:{region}:{account}:function:*';

/**
 * A bucket policy Deny that names the action (whatever its principal or condition) may take the
 * access away: without the exact evaluator the bucket is not claimed.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html (an explicit Deny in any policy wins)
 */
function bucketMayDeny(bucket: Bucket, access: StoreAccess): string | null {
  if (!bucket.policy.ok) return `the policy of bucket ${bucket.name} could not be read`;
  if (bucket.policy.data.document === null) return null;
  const denies = normalizeStatements(bucket.policy.data.document).filter((statement) => statement.effect === 'Deny');
  return S3_ACTIONS[access].some((action) => denies.some((deny) => statementCoversAction(deny, action))) ? `bucket ${bucket.name} has a policy Deny for ${access}` : null;
}

/** Bucket policies are read once per bucket and access, not once per principal. */
const denialCache = new WeakMap<Bucket, Map<StoreAccess, string | null>>();
function bucketDenial(bucket: Bucket, access: StoreAccess): string | null {
  let byAccess = denialCache.get(bucket);
  if (byAccess === undefined) {
    byAccess = new Map();
    denialCache.set(bucket, byAccess);
  }
  if (!byAccess.has(access)) byAccess.set(access, bucketMayDeny(bucket, access));
  return byAccess.get(access) ?? null;
}

interface Principal {
  arn: string;
  kind: 'user' | 'role';
  identity: IdentityPolicies;
  credential: CredentialType;
}

export function coarseReachIndex(inventory: Inventory): ReachIndex {
  const details = inventory.slices.authorizationDetails;
  const buckets = inventory.slices.s3Buckets?.ok === true ? inventory.slices.s3Buckets.data.buckets : null;
  if (details === undefined || !details.ok) return indexOf([]);
  const principals: Principal[] = [
    ...details.data.users.map((user): Principal => ({ arn: user.arn, kind: 'user', identity: userPolicies(user, details.data), credential: 'access-key' })),
    ...details.data.roles.map((role): Principal => ({ arn: role.arn, kind: 'role', identity: rolePolicies(role, details.data), credential: 'instance-role' })),
  ];
  const facts = roleFacts(details.data);
  return indexOf(principals.map((principal) => reachOf(principal, facts, buckets)));
}

function indexOf(reaches: readonly PrincipalReach[]): ReachIndex {
  const byArn = new Map(reaches.map((reach) => [reach.principal, reach]));
  return { of: (arn) => byArn.get(arn), all: () => reaches };
}

interface RoleStep {
  role: IamRole;
  kind: 'assume' | 'pass';
  path: EscalationPath;
}

/**
 * The roles a principal might step into: those whose trust policy admits it (its ARN, its account,
 * or everyone) for sts:AssumeRole, and those trusting EC2 (with an instance profile) or Lambda,
 * which it could pass to a compute service it launches. Each becomes a requirement for the
 * evaluator: the identity policies must also allow the step on that role.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html
 */
interface RoleFacts {
  roles: readonly { role: IamRole; trust: RoleTrust }[];
  profiled: ReadonlySet<string>;
}

/** Trust policies are read once per account, not once per principal. */
function roleFacts(details: AuthorizationDetails): RoleFacts {
  return { roles: details.roles.map((role) => ({ role, trust: roleTrust(role) })), profiled: new Set(details.instanceProfiles.flatMap((profile) => profile.roleArns)) };
}

function roleSteps(principalArn: string, facts: RoleFacts): RoleStep[] {
  const account = principalArn.split(':')[4] ?? '';
  const profiled = facts.profiled;
  const steps: RoleStep[] = [];
  for (const { role, trust } of facts.roles) {
    if (role.arn === principalArn) continue;
    if (trust.everyone || trust.accounts.includes(account) || trust.principals.includes(principalArn)) {
      steps.push({ role, kind: 'assume', path: { id: `reach:assume:${role.arn}`, steps: [{ anyOf: ['sts:AssumeRole'], on: role.arn }], how: 'assume the role', references: ['https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html'] } });
    }
    if (trust.services.includes('ec2.amazonaws.com') && profiled.has(role.arn)) {
      steps.push({
        role,
        kind: 'pass',
        path: { id: `reach:pass-ec2:${role.arn}`, steps: [{ anyOf: ['iam:PassRole'], on: role.arn }, { anyOf: ['ec2:RunInstances'], on: EC2_INSTANCE }], how: 'launch an instance with the role', references: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html'] },
      });
    }
    if (trust.services.includes('lambda.amazonaws.com')) {
      steps.push({
        role,
        kind: 'pass',
        path: {
          id: `reach:pass-lambda:${role.arn}`,
          steps: [{ anyOf: ['iam:PassRole'], on: role.arn }, { anyOf: ['lambda:CreateFunction'], on: LAMBDA_FUNCTION }, { anyOf: ['lambda:InvokeFunction'], on: LAMBDA_FUNCTION }],
          how: 'create and invoke a function with the role',
          references: ['https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html'],
        },
      });
    }
  }
  return steps;
}

/**
 * Whether some Allow statement could grant the action on the role: a cheap over-approximation that
 * keeps the evaluator from judging every role of a large account for every principal (it still
 * decides; a pattern with a policy variable always passes here).
 */
function mayAllow(statements: readonly Statement[], action: string, roleArn: string): boolean {
  return statements.some(
    (statement) =>
      statementAllowsAction(statement, action) &&
      (statement.resources === null || statement.resources.negated || statement.resources.patterns.some((pattern) => pattern.includes('${') || resourceMatches(pattern, roleArn))),
  );
}

function reachOf(principal: Principal, facts: RoleFacts, buckets: readonly Bucket[] | null): PrincipalReach {
  const candidates = roleSteps(principal.arn, facts);
  const base = analyzeIdentity(principal.identity, principal.credential, [...ESCALATION_PATHS, ...S3_WIDE.map((entry) => entry.path)]);
  const adminNow = base.some((grant) => grant.kind === 'admin' && !grant.conditional);
  const statements = principal.identity.policies.flatMap((policy) => normalizeStatements(policy.document));
  const steps = adminNow ? candidates : candidates.filter((step) => mayAllow(statements, step.kind === 'assume' ? 'sts:AssumeRole' : 'iam:PassRole', step.role.arn));
  const grants = adminNow || steps.length === 0 ? base : [...base, ...analyzeIdentity(principal.identity, principal.credential, steps.map((step) => step.path))];
  const firm = grants.filter((grant) => !grant.conditional);
  const atLeast: string[] = [COARSE_NOTE];
  const gaps = identityGaps(principal.identity);
  for (const gap of [...gaps.blocking, ...gaps.other]) atLeast.push(`${gap.source}: ${gap.reason}`);
  const conditional = grants.filter((grant) => grant.conditional).length;
  if (conditional > 0) atLeast.push(`${conditional} grant${conditional === 1 ? '' : 's'} hold only under a condition that cannot be judged offline`);
  if (buckets === null) atLeast.push('the S3 buckets were not collected');
  // An unknown boundary can take every grant away: nothing is claimed for this principal.
  const blocked = gaps.blocking.length > 0;

  const directAdmin = !blocked && firm.some((grant) => grant.kind === 'admin');
  const pathIds = blocked ? [] : [...new Set(firm.flatMap((grant) => (grant.path !== undefined && !grant.path.startsWith('reach:') ? [grant.path] : [])))];
  const granted = new Set(blocked ? [] : firm.flatMap((grant) => (grant.path === undefined ? [] : [grant.path])));
  // An admin statement is not looked at again for narrower grants (analyzePrivileges): it allows them all.
  const has = (id: string): boolean => directAdmin || granted.has(id);

  const stores: StoreReach[] = [];
  for (const bucket of buckets ?? []) {
    const access: StoreAccess[] = [];
    for (const entry of S3_WIDE) {
      if (!has(entry.path.id)) continue;
      const denied = bucketDenial(bucket, entry.access);
      if (denied === null) access.push(entry.access);
      else atLeast.push(denied);
    }
    const store: DataStoreRef = { kind: 's3-bucket', arn: bucket.arn, name: bucket.name, region: bucket.region };
    if (access.length > 0) stores.push({ store, access });
  }
  stores.sort((a, b) => a.store.name.localeCompare(b.store.name));
  const assumable = steps.filter((step) => step.kind === 'assume' && has(step.path.id)).map((step) => step.role.arn);
  const passable = steps.filter((step) => step.kind === 'pass' && has(step.path.id)).map((step) => step.role.arn);
  return {
    principal: principal.arn,
    principalKind: principal.kind,
    stores,
    storesKnown: buckets === null ? {} : { 's3-bucket': buckets.length },
    admin: directAdmin || pathIds.length > 0 ? { direct: directAdmin, pathIds } : null,
    assumableRoles: [...new Set(assumable)],
    passableRoles: [...new Set(passable)],
    atLeast: [...new Set(atLeast)],
  };
}
