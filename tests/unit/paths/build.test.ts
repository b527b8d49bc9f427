/**
 * Breach paths over hand-built reach (the ReachIndex contract), so these tests hold whichever
 * evaluator computes the reach.
 */
import { describe, expect, it } from 'vitest';
import { demoInventory } from '../../../src/demo/inventory.js';
import type { Inventory, Slices } from '../../../src/inventory/schema.js';
import { buildBreachPaths, principalsReachingAdmin, type PathLimits } from '../../../src/paths/build.js';
import type { IncidentLookup } from '../../../src/paths/entries.js';
import { filterPaths } from '../../../src/paths/filter.js';
import type { PrincipalReach, ReachIndex, StoreAccess } from '../../../src/policy/reach-types.js';
import type { Result } from '../../../src/report/schema.js';
import { ok } from '../../helpers/check-tester.js';
import { bucket } from '../../helpers/s3-buckets.js';

const ACCOUNT = '111122223333';
const user = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const bucketArn = (name: string) => `arn:aws:s3:::${name}`;

function reachOf(principal: string, over: Partial<PrincipalReach> = {}): PrincipalReach {
  return { principal, principalKind: principal.includes(':user/') ? 'user' : 'role', stores: [], storesKnown: { 's3-bucket': 3 }, admin: null, assumableRoles: [], passableRoles: [], atLeast: [], ...over };
}

function reads(name: string, access: StoreAccess[] = ['read']) {
  return { store: { kind: 's3-bucket' as const, arn: bucketArn(name), name, region: 'us-east-1' }, access };
}

function index(reaches: PrincipalReach[]): ReachIndex {
  const byArn = new Map(reaches.map((reach) => [reach.principal, reach]));
  return { of: (arn) => byArn.get(arn), all: () => reaches };
}

/** alice's key reads one bucket and may assume ops, which can become admin; ops could assume deep (never followed: admin already). */
const REACH = index([
  reachOf(user('alice'), { stores: [reads('orders')], assumableRoles: [role('ops')] }),
  reachOf(role('ops'), { admin: { direct: false, pathIds: ['passrole-ec2'] }, stores: [reads('orders'), reads('payroll', ['read', 'write'])], assumableRoles: [role('deep')] }),
  reachOf(role('deep'), { stores: [reads('archive')] }),
  reachOf(role('partner'), { stores: [reads('archive')] }),
  reachOf(user('bob')),
]);

const trustedBy = (principal: object) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

function inventory(over: Slices = {}): Inventory {
  const key = (name: string, active: boolean) => ({
    user: name,
    arn: user(name),
    userCreationTime: null,
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys: [{ slot: 1 as const, active, lastRotated: '2026-01-01T00:00:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null }],
  });
  const iamRole = (name: string, trust: unknown) => ({ name, arn: role(name), id: `AROA${name}`, path: '/', createDate: null, assumeRolePolicy: trust, attachedPolicies: [], inlinePolicies: [], permissionsBoundaryArn: null });
  return {
    ...demoInventory('test'),
    account: { id: ACCOUNT, partition: 'aws', callerArn: null, alias: null },
    regions: ['us-east-1'],
    slices: {
      credentialReport: ok({ generatedAt: '2026-11-01T00:00:00.000Z', rows: [key('alice', true), key('bob', false)] }),
      authorizationDetails: ok({
        users: [],
        groups: [],
        roles: [iamRole('ops', trustedBy({ AWS: `arn:aws:iam::${ACCOUNT}:root` })), iamRole('deep', trustedBy({ AWS: `arn:aws:iam::${ACCOUNT}:root` })), iamRole('partner', trustedBy({ AWS: 'arn:aws:iam::999988887777:root' }))],
        instanceProfiles: [],
        policies: [],
      }),
      s3Buckets: ok({ buckets: [bucket('orders'), bucket('payroll'), bucket('archive')] }),
      ...over,
    },
  };
}

function result(checkId: string, resource: string, status: Result['status'] = 'fail', suppressed = false): Result {
  const out: Result = {
    checkId,
    title: checkId,
    status,
    severity: 'high',
    resource,
    region: 'global',
    message: `${checkId} says so`,
    evidence: {},
    fingerprint: '0'.repeat(32),
    incidents: status === 'fail' ? [{ id: `incident-of-${checkId}`, match: 'precondition', reason: 'because' }] : [],
  };
  if (suppressed) out.suppression = { reason: 'accepted', expires: '2027-01-01', source: '.breachmap.yml' };
  return out;
}

const INCIDENTS: IncidentLookup = {
  name: (id) => (id.startsWith('incident-of-') ? `Breach of ${id.slice('incident-of-'.length)}` : undefined),
  topOf: (checkId) => ({ id: `top-${checkId}`, name: `Top of ${checkId}` }),
};

function build(results: Result[], over: { inventory?: Inventory; reach?: ReachIndex; limits?: PathLimits; trustedAccounts?: string[] } = {}) {
  return buildBreachPaths({
    report: { results, options: { maxKeyAgeDays: 90, maxUnusedDays: 90, maxInactiveConsoleDays: 90, trustedAccounts: over.trustedAccounts ?? [] } },
    inventory: over.inventory ?? inventory(),
    reach: over.reach ?? REACH,
    incidents: INCIDENTS,
    ...(over.limits === undefined ? {} : { limits: over.limits }),
  });
}

describe('breach paths', () => {
  it('walk from a leaked key through assume-role to data and admin, shortest first, and stop at admin', () => {
    const { paths } = build([result('iam-access-key-rotation', user('alice'))]);
    const alice = paths.paths.filter((path) => path.entry === user('alice'));
    expect(alice.map((path) => path.story)).toEqual([
      'like Breach of iam-access-key-rotation: leaked key → user alice → s3:GetObject on orders',
      'like Breach of iam-access-key-rotation: leaked key → user alice → assume role ops → admin via passrole-ec2',
      'like Breach of iam-access-key-rotation: leaked key → user alice → assume role ops → s3:GetObject, s3:PutObject on 2 buckets',
    ]);
    expect(alice.map((path) => path.length)).toEqual([2, 3, 3]);
    expect(alice[1]?.hops.map((hop) => hop.via)).toEqual(['key', 'assume-role']);
    // ops is admin: going on to `deep` would tell nothing new.
    expect(paths.paths.some((path) => path.hops.some((hop) => hop.name === 'deep'))).toBe(false);
    expect(paths.reach.find((entry) => entry.key === role('ops'))?.stores.map((store) => store.name)).toEqual(['orders', 'payroll']);
  });

  it('an active key is an entry without a failing check (the story comes from the key check), an inactive one is not', () => {
    const { paths } = build([]);
    const entry = paths.entryPoints.find((point) => point.resource === user('alice'));
    expect(entry).toMatchObject({ kind: 'access-key', checks: [], incident: { id: 'top-iam-user-keys-privileged' } });
    expect(paths.entryPoints.some((point) => point.resource === user('bob'))).toBe(false);
  });

  it('a key whose findings are all suppressed is no entry point; one open finding keeps it', () => {
    expect(build([result('iam-access-key-rotation', user('alice'), 'fail', true)]).paths.entryPoints.some((point) => point.resource === user('alice'))).toBe(false);
    const mixed = build([result('iam-access-key-rotation', user('alice'), 'fail', true), result('iam-access-key-unused', user('alice'))]);
    expect(mixed.paths.entryPoints.find((point) => point.resource === user('alice'))?.checks).toEqual(['iam-access-key-unused']);
  });

  it('takes outside trust from iam-role-trust-external when the report has it, from trust policies otherwise', () => {
    const fallback = build([]).paths.entryPoints.filter((point) => point.kind === 'external-trust');
    expect(fallback.map((point) => [point.name, point.detail])).toEqual([['partner', 'trusted by account 999988887777']]);
    expect(build([], { trustedAccounts: ['999988887777'] }).paths.entryPoints.filter((point) => point.kind === 'external-trust')).toEqual([]);
    // The check ran and passed for partner: its verdict stands, the trust policy is not read again.
    expect(build([result('iam-role-trust-external', role('partner'), 'pass')]).paths.entryPoints.filter((point) => point.kind === 'external-trust')).toEqual([]);
    const judged = build([result('iam-role-trust-external', role('ops'))]).paths;
    expect(judged.entryPoints.filter((point) => point.kind === 'external-trust').map((point) => point.name)).toEqual(['ops']);
    // ops trusts only its own account: the check's verdict stands, the story cannot name an outsider.
    expect(judged.paths.find((path) => path.entry === role('ops'))?.story).toBe('like Breach of iam-role-trust-external: outside account → role ops → admin via passrole-ec2');
    const named = build([result('iam-role-trust-external', role('partner'))]).paths;
    expect(named.paths.find((path) => path.entry === role('partner'))?.story).toBe('like Breach of iam-role-trust-external: account 999988887777 → role partner → s3:GetObject on archive');
  });

  it('a public bucket is an entry only through an open finding', () => {
    const open = build([result('s3-bucket-public-read', bucketArn('orders'))]).paths;
    const path = open.paths.find((candidate) => candidate.entry === bucketArn('orders'));
    expect(path).toMatchObject({ length: 1, hops: [], target: { kind: 'data', stores: 1, access: ['read'] } });
    expect(path?.story).toBe('like Breach of s3-bucket-public-read: internet → bucket orders (public read)');
    expect(build([result('s3-bucket-public-read', bucketArn('orders'), 'fail', true)]).paths.entryPoints.some((point) => point.kind === 'public-bucket')).toBe(false);
    expect(build([result('s3-bucket-public-read', bucketArn('orders'), 'unknown')]).paths.entryPoints.some((point) => point.kind === 'public-bucket')).toBe(false);
  });

  it('counts every path but lists at most maxPaths, and says so', () => {
    const { paths, summary } = build([], { limits: { maxHops: 4, maxPaths: 2 } });
    expect(paths.paths).toHaveLength(2);
    expect(paths.found).toBeGreaterThan(2);
    expect(paths.truncated).toBe(true);
    expect(summary.paths).toBe(paths.found);
    expect(summary.bucketsReachable).toBe(build([]).summary.bucketsReachable);
  });

  it('follows at most maxHops principals and notes the bound', () => {
    const { paths } = build([], { limits: { maxHops: 1, maxPaths: 50 } });
    expect(paths.paths.every((path) => path.hops.length <= 1)).toBe(true);
    expect(paths.notes.some((note) => note.includes('not followed past 1 principals'))).toBe(true);
  });

  it('headline figures: principals that reach admin (transitively) and buckets an entry point reaches', () => {
    const { summary } = build([]);
    // ops is admin; alice reaches it by assume-role; partner and deep do not.
    expect(summary).toMatchObject({ principalsReachingAdmin: 2, principals: 5, bucketsKnown: 3 });
    // alice: orders, payroll (through ops); partner (outside trust): archive.
    expect(summary.bucketsReachable).toBe(3);
    expect(principalsReachingAdmin(index([reachOf(role('a'), { passableRoles: [role('b')] }), reachOf(role('b'), { assumableRoles: [role('c')] }), reachOf(role('c'), { admin: { direct: true, pathIds: [] } })]))).toBe(3);
  });

  it('carries the reach caveats of the principals on its paths', () => {
    const caveat = index([reachOf(user('alice'), { stores: [reads('orders')], atLeast: ['a boundary could not be read'] })]);
    expect(build([], { reach: caveat }).paths.notes).toContain('a boundary could not be read');
  });

  it('filters by store, by admin and by a principal on the path', () => {
    const { paths } = build([result('s3-bucket-public-read', bucketArn('orders'))]);
    expect(filterPaths(paths, { to: 'payroll' }).paths.map((path) => path.story)).toEqual([expect.stringContaining('assume role ops → s3:GetObject, s3:PutObject on 2 buckets')]);
    expect(filterPaths(paths, { to: 'admin' }).paths.every((path) => path.target.kind === 'admin')).toBe(true);
    expect(filterPaths(paths, { from: 'ops' }).paths.every((path) => path.hops.some((hop) => hop.name === 'ops'))).toBe(true);
    expect(filterPaths(paths, { from: 'orders', to: bucketArn('orders') }).paths).toHaveLength(1);
    expect(filterPaths(paths, { to: 'nowhere' }).paths).toEqual([]);
  });

  it('without authorization details follows no principal and says why', () => {
    const { paths } = build([], { inventory: inventory({ authorizationDetails: { ok: false, error: { code: 'AccessDenied', message: 'denied', action: 'iam:GetAccountAuthorizationDetails' } } }) });
    expect(paths.notes).toContain('the IAM authorization details were not collected: no principal could be followed');
  });
});
