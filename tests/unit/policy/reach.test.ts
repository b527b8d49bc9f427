import { describe, expect, it } from 'vitest';
import type { AuthorizationDetails, IamRole, IamUser, ManagedPolicy, RdsSnapshot, SliceData } from '../../../src/inventory/schema.js';
import { buildReachIndex, transitiveAssumableRoles } from '../../../src/policy/reach.js';
import type { PrincipalReach } from '../../../src/policy/reach-types.js';
import { failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';
import { ALL_USERS, bucket, group, OFF } from '../../helpers/s3-buckets.js';

const ACCOUNT_ROOT = `arn:aws:iam::${TEST_ACCOUNT}:root`;

function policyDoc(...statements: object[]): object {
  return { Version: '2012-10-17', Statement: statements };
}

function user(name: string, statements: object[], extra: Partial<IamUser> = {}): IamUser {
  return {
    name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    id: `AIDA${name.toUpperCase()}`,
    createDate: null,
    groups: [],
    attachedPolicies: [],
    inlinePolicies: statements.length === 0 ? [] : [{ name: 'inline', document: policyDoc(...statements) }],
    permissionsBoundaryArn: null,
    ...extra,
  };
}

function role(name: string, trust: object, statements: object[] = [], extra: Partial<IamRole> = {}): IamRole {
  return {
    name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:role/${name}`,
    id: `AROA${name.toUpperCase()}`,
    path: '/',
    createDate: null,
    assumeRolePolicy: trust,
    attachedPolicies: [],
    inlinePolicies: statements.length === 0 ? [] : [{ name: 'inline', document: policyDoc(...statements) }],
    permissionsBoundaryArn: null,
    ...extra,
  };
}

function trustAws(...principals: string[]): object {
  return policyDoc({ Effect: 'Allow', Principal: { AWS: principals }, Action: 'sts:AssumeRole' });
}

function details(parts: { users?: IamUser[]; roles?: IamRole[]; policies?: ManagedPolicy[] }): AuthorizationDetails {
  return { users: parts.users ?? [], groups: [], roles: parts.roles ?? [], instanceProfiles: [], policies: parts.policies ?? [] };
}

function reachOf(arn: string, data: Partial<SliceData>): PrincipalReach {
  const index = buildReachIndex({ accountId: TEST_ACCOUNT, partition: 'aws', regions: ['eu-west-1'], slices: slices({ s3AccountPublicAccessBlock: { configuration: null }, ...data }) });
  const reach = index.of(arn);
  if (reach === undefined) throw new Error(`no reach for ${arn}`);
  return reach;
}

function storeNames(reach: PrincipalReach, access?: 'read' | 'write' | 'change-access' | 'copy'): string[] {
  return reach.stores.filter((store) => access === undefined || store.access.includes(access)).map((store) => store.store.name).sort();
}

const alice = (statements: object[], extra: Partial<IamUser> = {}): IamUser => user('alice', statements, extra);
const ALICE = `arn:aws:iam::${TEST_ACCOUNT}:user/alice`;

describe('reach: S3 buckets', () => {
  const buckets = { buckets: [bucket('prod-exports'), bucket('prod-logs'), bucket('dev-scratch')] };

  it('an identity grant on arn:aws:s3:::* objects reaches every bucket', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }])] }),
      s3Buckets: buckets,
    });
    expect(storeNames(reach, 'read')).toEqual(['dev-scratch', 'prod-exports', 'prod-logs']);
    expect(storeNames(reach, 'write')).toEqual([]);
    expect(reach.storesKnown).toEqual({ 's3-bucket': 3 });
  });

  it('a wildcard on prod-* reaches only the prod buckets', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::prod-*' }])] }),
      s3Buckets: buckets,
    });
    // `arn:aws:s3:::prod-*` also matches the objects (`prod-exports/key`): IAM's `*` spans `/`.
    expect(storeNames(reach, 'read')).toEqual(['prod-exports', 'prod-logs']);
    expect(storeNames(reach, 'write')).toEqual(['prod-exports', 'prod-logs']);
  });

  it('a grant on the bucket ARN alone reads no object (wrong resource type)', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::prod-exports' }])] }),
      s3Buckets: buckets,
    });
    expect(reach.stores).toEqual([]);
  });

  it('a bucket policy naming the user grants on its own, with no identity policy', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([])] }),
      s3Buckets: {
        buckets: [
          bucket('payroll-2026', { policy: policyDoc({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::payroll-2026/*' }) }),
          bucket('other', { policy: policyDoc({ Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::other/*' }) }),
        ],
      },
    });
    // The account principal only delegates to IAM: alice's identity policies grant nothing.
    expect(storeNames(reach, 'read')).toEqual(['payroll-2026']);
  });

  it('an explicit Deny in the bucket policy removes an identity grant', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }])] }),
      s3Buckets: {
        buckets: [
          bucket('customer-exports', { policy: policyDoc({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::customer-exports/*' }) }),
          bucket('open'),
        ],
      },
    });
    expect(storeNames(reach, 'read')).toEqual(['open']);
    expect(storeNames(reach, 'write')).toEqual(['customer-exports', 'open']);
  });

  it('a conditional Deny removes nothing and a conditional Allow marks the store', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }])] }),
      s3Buckets: { buckets: [bucket('b', { policy: policyDoc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) })] },
    });
    expect(reach.stores).toEqual([{ store: { kind: 's3-bucket', arn: 'arn:aws:s3:::b', name: 'b', region: 'eu-west-1' }, access: ['read'], conditional: true }]);
    expect(reach.atMost).toEqual(['some grants hold only under conditions that cannot be judged offline']);
  });

  it('a permissions boundary limits identity grants but not a bucket policy grant to the user', () => {
    const boundary: ManagedPolicy = {
      name: 'only-logs',
      arn: `arn:aws:iam::${TEST_ACCOUNT}:policy/only-logs`,
      awsManaged: false,
      document: policyDoc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::prod-logs/*' }),
    };
    const reach = reachOf(ALICE, {
      authorizationDetails: details({
        users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }], { permissionsBoundaryArn: boundary.arn })],
        policies: [boundary],
      }),
      s3Buckets: {
        buckets: [
          bucket('prod-exports'),
          bucket('prod-logs'),
          bucket('dev-scratch', { policy: policyDoc({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::dev-scratch/*' }) }),
        ],
      },
    });
    expect(storeNames(reach, 'read')).toEqual(['dev-scratch', 'prod-logs']);
  });

  it('an identity Deny beats a bucket policy grant', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }])] }),
      s3Buckets: { buckets: [bucket('b', { policy: policyDoc({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) })] },
    });
    expect(reach.stores).toEqual([]);
  });

  it('a public-write ACL gives write unless IgnorePublicAcls neutralises it', () => {
    const data = (ignore: boolean): Partial<SliceData> => ({
      authorizationDetails: details({ users: [alice([])] }),
      s3Buckets: { buckets: [bucket('dropbox', { grants: [group(ALL_USERS, 'WRITE')], block: { ...OFF, ignorePublicAcls: ignore } })] },
    });
    expect(storeNames(reachOf(ALICE, data(false)), 'write')).toEqual(['dropbox']);
    expect(reachOf(ALICE, data(true)).stores).toEqual([]);
  });

  it('change-access comes from s3:PutBucketPolicy on the bucket', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::prod-*' }])] }),
      s3Buckets: buckets,
    });
    expect(storeNames(reach, 'change-access')).toEqual(['prod-exports', 'prod-logs']);
    expect(storeNames(reach, 'read')).toEqual([]);
  });

  it('sorts sensitive-looking names first, then by how much access', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({
        users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::zeta/*' }])],
      }),
      s3Buckets: { buckets: [bucket('alpha'), bucket('zeta'), bucket('payroll-2026')] },
    });
    expect(reach.stores.map((store) => store.store.name)).toEqual(['payroll-2026', 'zeta', 'alpha']);
  });
});

describe('reach: unknown pieces', () => {
  it('an unreadable bucket policy, an uncollected slice and a missing managed policy are at-least reasons', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([], { attachedPolicies: [{ name: 'gone', arn: 'arn:aws:iam::aws:policy/Gone' }] })] }),
      s3Buckets: { buckets: [bucket('b', { policyResult: failed('AccessDenied', 's3:GetBucketPolicy') })] },
    });
    expect(reach.atLeast).toEqual([
      'the bucket policies of 1 bucket could not be read (s3:GetBucketPolicy): they may grant more',
      'EBS snapshots were not collected',
      'RDS snapshots were not collected',
      'some of its policies could not be read: arn:aws:iam::aws:policy/Gone (the policy is not in the authorization details)',
    ]);
  });

  it('a policy the public-access reads skipped (it makes nothing public) may still grant or deny: at least and at most', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::*/*' }])] }),
      s3Buckets: { buckets: [bucket('b', { policyResult: { ok: true, skipped: 'policy-status-not-public' } })] },
    });
    expect(storeNames(reach, 'read')).toEqual(['b']);
    const gap = 'the bucket policies of 1 bucket were not read (they make nothing public, so the public-access checks did not need them): grants or Denies they give principals of this account are not counted';
    expect(reach.atLeast).toContain(gap);
    expect(reach.atMost).toContain(gap);
  });

  it('without the S3 slice, buckets are not counted and the reach says so', () => {
    const index = buildReachIndex({ accountId: TEST_ACCOUNT, partition: 'aws', regions: [], slices: slices({ authorizationDetails: details({ users: [alice([])] }) }) });
    const reach = index.of(ALICE);
    expect(reach?.storesKnown).toEqual({});
    expect(reach?.atLeast).toContain('S3 buckets were not collected');
  });

  it('without the authorization details there is no reach at all', () => {
    const index = buildReachIndex({ accountId: TEST_ACCOUNT, partition: 'aws', regions: [], slices: { authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') } });
    expect(index.all()).toEqual([]);
  });
});

describe('reach: EBS snapshots', () => {
  const sharing: SliceData['ebsSnapshotSharing'] = [
    {
      region: 'eu-west-1',
      result: ok({
        ownedSnapshots: 3,
        skippedByBudget: 1,
        attributeCallBudget: 2,
        snapshots: [
          { id: 'snap-small', arn: 'arn:aws:ec2:eu-west-1::snapshot/snap-small', volumeSizeGiB: 8, encrypted: false, startTime: null, createVolumePermissions: ok([]) },
          { id: 'snap-big', arn: 'arn:aws:ec2:eu-west-1::snapshot/snap-big', volumeSizeGiB: 500, encrypted: false, startTime: null, createVolumePermissions: ok([]) },
        ],
      }),
    },
  ];

  it('create volume, copy and share, largest first; unlisted snapshots are an at-least reason', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: ['ec2:CreateVolume', 'ec2:ModifySnapshotAttribute'], Resource: '*' }])] }),
      s3Buckets: { buckets: [] },
      ebsSnapshotSharing: sharing,
    });
    expect(reach.stores.map((store) => [store.store.name, store.access])).toEqual([
      ['snap-big', ['read', 'change-access']],
      ['snap-small', ['read', 'change-access']],
    ]);
    expect(reach.storesKnown).toEqual({ 's3-bucket': 0, 'ebs-snapshot': 3 });
    expect(reach.atLeast).toContain('1 EBS snapshots were counted but not listed (snapshot call budget)');
  });
});

describe('reach: RDS snapshots', () => {
  const rdsSnapshot = (kind: 'db-snapshot' | 'db-cluster-snapshot', id: string): RdsSnapshot => ({
    kind,
    id,
    arn: `arn:aws:rds:eu-west-1:${TEST_ACCOUNT}:${kind === 'db-snapshot' ? 'snapshot' : 'cluster-snapshot'}:${id}`,
    sourceId: null,
    engine: kind === 'db-snapshot' ? 'postgres' : 'aurora-postgresql',
    encrypted: true,
    kmsKeyId: null,
    createTime: null,
    restore: ok([]),
  });
  const rds: SliceData['rdsSnapshots'] = [
    {
      region: 'eu-west-1',
      result: ok({
        manualSnapshots: 4,
        skippedByBudget: 1,
        attributeCallBudget: 3,
        snapshots: [rdsSnapshot('db-snapshot', 'orders-final'), rdsSnapshot('db-snapshot', 'payroll-2026'), rdsSnapshot('db-cluster-snapshot', 'ledger-pre-upgrade')],
      }),
    },
    { region: 'us-east-1', result: failed('AccessDenied', 'rds:DescribeDBSnapshots') },
  ];
  const reachWith = (statements: object[], data: Partial<SliceData> = { rdsSnapshots: rds }): PrincipalReach =>
    reachOf(ALICE, { authorizationDetails: details({ users: [alice(statements)] }), s3Buckets: { buckets: [] }, ...data });

  it('restoring a DB snapshot reads every DB snapshot and no cluster snapshot; unlisted snapshots and a failed region are at-least reasons', () => {
    const reach = reachWith([{ Effect: 'Allow', Action: 'rds:RestoreDBInstanceFromDBSnapshot', Resource: '*' }]);
    expect(storeNames(reach, 'read')).toEqual(['orders-final', 'payroll-2026']);
    expect(reach.stores.every((store) => store.store.kind === 'rds-snapshot' && store.access.join() === 'read')).toBe(true);
    expect(reach.storesKnown).toEqual({ 's3-bucket': 0, 'rds-snapshot': 4 });
    expect(reach.atLeast).toContain('1 RDS snapshots were counted but not listed (RDS snapshot call budget)');
    expect(reach.atLeast).toContain('RDS snapshots of us-east-1 could not be listed (AccessDenied)');
  });

  it('the cluster actions reach cluster snapshots only: restore, copy and share, each on its own ARN', () => {
    const reach = reachWith([
      { Effect: 'Allow', Action: ['rds:RestoreDBClusterFromSnapshot', 'rds:CopyDBClusterSnapshot'], Resource: `arn:aws:rds:*:${TEST_ACCOUNT}:cluster-snapshot:*` },
      { Effect: 'Allow', Action: 'rds:ModifyDBClusterSnapshotAttribute', Resource: '*' },
      // A cluster action named on DB snapshot ARNs gives nothing: its resource type is the cluster snapshot.
      { Effect: 'Allow', Action: 'rds:CopyDBClusterSnapshot', Resource: `arn:aws:rds:eu-west-1:${TEST_ACCOUNT}:snapshot:*` },
    ]);
    expect(reach.stores.map((store) => [store.store.name, store.access])).toEqual([['ledger-pre-upgrade', ['read', 'change-access', 'copy']]]);
  });

  it('copy and share of DB snapshots follow the Resource pattern, and an explicit Deny wins', () => {
    const reach = reachWith([
      { Effect: 'Allow', Action: ['rds:CopyDBSnapshot', 'rds:ModifyDBSnapshotAttribute'], Resource: `arn:aws:rds:eu-west-1:${TEST_ACCOUNT}:snapshot:*` },
      { Effect: 'Deny', Action: 'rds:ModifyDBSnapshotAttribute', Resource: `arn:aws:rds:eu-west-1:${TEST_ACCOUNT}:snapshot:payroll-*` },
    ]);
    expect(reach.stores.map((store) => [store.store.name, store.access]).sort()).toEqual([
      ['orders-final', ['change-access', 'copy']],
      ['payroll-2026', ['copy']],
    ]);
  });

  it('a condition that cannot be judged offline makes the grant conditional', () => {
    const reach = reachWith([{ Effect: 'Allow', Action: 'rds:CopyDBSnapshot', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'data' } } }]);
    expect(reach.stores.map((store) => [store.store.name, store.conditional])).toEqual([
      ['payroll-2026', true],
      ['orders-final', true],
    ]);
  });

  it('without the slice (or with it failed), RDS snapshots are not counted and the reach says at least', () => {
    const admin = [{ Effect: 'Allow', Action: 'rds:*', Resource: '*' }];
    const absent = reachWith(admin, {});
    expect(absent.stores).toEqual([]);
    expect(absent.storesKnown).toEqual({ 's3-bucket': 0 });
    expect(absent.atLeast).toContain('RDS snapshots were not collected');
    const index = buildReachIndex({
      accountId: TEST_ACCOUNT,
      partition: 'aws',
      regions: ['eu-west-1'],
      slices: { ...slices({ authorizationDetails: details({ users: [alice(admin)] }) }), rdsSnapshots: failed('AccessDenied', 'rds:DescribeDBClusterSnapshots') },
    });
    const refused = index.of(ALICE);
    expect(refused?.stores).toEqual([]);
    expect(refused?.storesKnown).toEqual({});
    expect(refused?.atLeast).toContain('RDS snapshots could not be listed (AccessDenied, rds:DescribeDBClusterSnapshots)');
  });
});

describe('reach: admin, assume-role and pass-role', () => {
  it('admin directly, and through an escalation path id', () => {
    const index = buildReachIndex({
      accountId: TEST_ACCOUNT,
      partition: 'aws',
      regions: ['eu-west-1'],
      slices: slices({
        authorizationDetails: details({
          users: [user('admin', [{ Effect: 'Allow', Action: '*', Resource: '*' }]), user('dev', [{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: '*' }]), user('reader', [])],
        }),
      }),
    });
    expect(index.of(`arn:aws:iam::${TEST_ACCOUNT}:user/admin`)?.admin?.direct).toBe(true);
    expect(index.of(`arn:aws:iam::${TEST_ACCOUNT}:user/dev`)?.admin).toEqual({ direct: false, pathIds: ['create-policy-version'] });
    expect(index.of(`arn:aws:iam::${TEST_ACCOUNT}:user/reader`)?.admin).toBeNull();
  });

  it('a trust policy naming the user suffices; one naming the account needs sts:AssumeRole; chains are followed', () => {
    const roles = [
      role('named', trustAws(ALICE)),
      role('via-account', trustAws(ACCOUNT_ROOT), [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/admin` }]),
      role('admin', trustAws(`arn:aws:iam::${TEST_ACCOUNT}:role/via-account`), [{ Effect: 'Allow', Action: '*', Resource: '*' }]),
      role('other', trustAws(`arn:aws:iam::${TEST_ACCOUNT}:role/admin`)),
    ];
    const data = (statements: object[]): Partial<SliceData> => ({ authorizationDetails: details({ users: [alice(statements)], roles }) });

    const without = reachOf(ALICE, data([]));
    expect(without.assumableRoles).toEqual([`arn:aws:iam::${TEST_ACCOUNT}:role/named`]);
    expect(without.admin).toBeNull();

    const withAssume = reachOf(ALICE, data([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/via-*` }]));
    expect(withAssume.assumableRoles).toEqual([`arn:aws:iam::${TEST_ACCOUNT}:role/named`, `arn:aws:iam::${TEST_ACCOUNT}:role/via-account`]);
    // via-account → admin (named in admin's trust) → other: a chain of three roles.
    const index = buildReachIndex({ accountId: TEST_ACCOUNT, partition: 'aws', regions: [], slices: slices(data([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${TEST_ACCOUNT}:role/via-*` }])) });
    expect(transitiveAssumableRoles(index, ALICE)).toEqual([
      `arn:aws:iam::${TEST_ACCOUNT}:role/named`,
      `arn:aws:iam::${TEST_ACCOUNT}:role/via-account`,
      `arn:aws:iam::${TEST_ACCOUNT}:role/admin`,
      `arn:aws:iam::${TEST_ACCOUNT}:role/other`,
    ]);
    expect(index.of(ALICE)?.admin).toEqual({ direct: false, pathIds: ['assume-role'] });
  });

  it('an explicit Deny on sts:AssumeRole wins over a trust policy that names the user', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Deny', Action: 'sts:*', Resource: '*' }])], roles: [role('named', trustAws(ALICE))] }),
    });
    expect(reach.assumableRoles).toEqual([]);
  });

  it('pass-role needs iam:PassRole on the role, a launch action and a role that trusts the service', () => {
    const ec2Trust = policyDoc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const lambdaTrust = policyDoc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const roles = [role('web', ec2Trust), role('fn', lambdaTrust)];
    const passOnly = reachOf(ALICE, { authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }])], roles }) });
    expect(passOnly.passableRoles).toEqual([]);
    const withRun = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }])], roles }),
    });
    expect(withRun.passableRoles).toEqual([`arn:aws:iam::${TEST_ACCOUNT}:role/web`]);
  });
});

describe('reach: what a Resource pattern names', () => {
  it('counts a bucket when the pattern names it before the first slash, not when a wildcard spans into another bucket', () => {
    const reach = reachOf(ALICE, {
      authorizationDetails: details({ users: [alice([{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::team-*-exports/*', 'arn:aws:s3:::logs/2026/*'] }])] }),
      s3Buckets: { buckets: [bucket('team-crm-exports'), bucket('team-web'), bucket('logs')] },
    });
    expect(storeNames(reach, 'read')).toEqual(['logs', 'team-crm-exports']);
  });
});
