/**
 * The reach benchmark (issue 18 item 5): how long the reach of every principal takes on the large
 * account's shape — 500 users and 200 roles against 1,000 buckets and 1,000 listed snapshots —
 * from a synthetic inventory built in process (no AWS, no moto: reach makes no call). `npm run bench`
 * prints it first; `node bench/dist/bench/reach.js` runs it alone.
 *
 * The inventory mixes what real accounts have: users in shared groups with wildcard S3 grants
 * (`team-NN-*`), users with inline grants on named buckets, a few with AmazonS3FullAccess or a
 * permissions boundary; roles trusted by EC2, by the account, or by named users, some with
 * iam:PassRole + ec2:RunInstances; a tenth of the buckets with policies that grant named
 * principals or deny; a few public ACLs.
 */
import { fileURLToPath } from 'node:url';
import type { AnyCheck } from '../src/checks/define.js';
import { attachReach } from '../src/engine/credential-reach.js';
import type { AclGrant, AuthorizationDetails, Bucket, IamRole, IamUser, Inventory, ManagedPolicy, SliceData } from '../src/inventory/schema.js';
import { buildReachIndex } from '../src/policy/reach.js';
import type { Result } from '../src/report/schema.js';

const ACCOUNT = '210987654321';
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'];

export interface ReachSizes {
  users: number;
  roles: number;
  buckets: number;
  snapshots: number;
}

export const LARGE_REACH: ReachSizes = { users: 500, roles: 200, buckets: 1000, snapshots: 1000 };

const ok = <T>(data: T) => ({ ok: true as const, data });
const doc = (...statements: object[]): object => ({ Version: '2012-10-17', Statement: statements });
const pad = (n: number): string => String(n).padStart(2, '0');
const userArn = (i: number): string => `arn:aws:iam::${ACCOUNT}:user/user-${String(i)}`;
const roleArn = (i: number): string => `arn:aws:iam::${ACCOUNT}:role/role-${String(i)}`;

const BUCKET_KINDS = ['customer-exports', 'payroll', 'web-assets', 'logs', 'db-backups', 'analytics', 'tmp', 'artifacts'];

function bucketName(i: number): string {
  return `team-${pad(i % 20)}-${BUCKET_KINDS[i % BUCKET_KINDS.length] ?? 'data'}-${String(i)}`;
}

export function syntheticInventory(size: ReachSizes): Inventory {
  const policies: ManagedPolicy[] = [
    { name: 'AmazonS3FullAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess', awsManaged: true, document: doc({ Effect: 'Allow', Action: ['s3:*', 's3-object-lambda:*'], Resource: '*' }) },
    { name: 'boundary', arn: `arn:aws:iam::${ACCOUNT}:policy/boundary`, awsManaged: false, document: doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' }) },
    ...Array.from({ length: 20 }, (_, team) => ({
      name: `team-${pad(team)}-data`,
      arn: `arn:aws:iam::${ACCOUNT}:policy/team-${pad(team)}-data`,
      awsManaged: false,
      document: doc(
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::team-${pad(team)}-*`, `arn:aws:s3:::team-${pad(team)}-*/*`] },
        { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
      ),
    })),
  ];
  const groups = Array.from({ length: 20 }, (_, team) => ({
    name: `team-${pad(team)}`,
    arn: `arn:aws:iam::${ACCOUNT}:group/team-${pad(team)}`,
    attachedPolicies: [{ name: `team-${pad(team)}-data`, arn: `arn:aws:iam::${ACCOUNT}:policy/team-${pad(team)}-data` }],
    inlinePolicies: [],
  }));
  const users: IamUser[] = Array.from({ length: size.users }, (_, i) => {
    const base: IamUser = { name: `user-${String(i)}`, arn: userArn(i), id: `AIDA${String(i).padStart(12, '0')}`, createDate: null, groups: [], attachedPolicies: [], inlinePolicies: [], permissionsBoundaryArn: null };
    const kind = i % 10;
    if (kind < 6) return { ...base, groups: [`team-${pad(i % 20)}`] };
    if (kind < 8) {
      const named = [i % size.buckets, (i * 7) % size.buckets, (i * 13) % size.buckets].map((b) => `arn:aws:s3:::${bucketName(b)}/*`);
      return { ...base, inlinePolicies: [{ name: 'named', document: doc({ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:CreateVolume'], Resource: [...named, 'arn:aws:ec2:*::snapshot/*'] }) }] };
    }
    if (kind === 8) return { ...base, attachedPolicies: [{ name: 'AmazonS3FullAccess', arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }], permissionsBoundaryArn: i % 20 === 8 ? `arn:aws:iam::${ACCOUNT}:policy/boundary` : null };
    return { ...base, inlinePolicies: [{ name: 'assume', document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${ACCOUNT}:role/role-*` }) }] };
  });
  const roles: IamRole[] = Array.from({ length: size.roles }, (_, i) => {
    const trust =
      i % 4 === 0
        ? doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' })
        : i % 4 === 1
          ? doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' })
          : doc({ Effect: 'Allow', Principal: { AWS: [userArn(i % size.users), roleArn((i + 1) % size.roles)] }, Action: 'sts:AssumeRole' });
    const statements: object[] =
      i % 5 === 0
        ? [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }]
        : i % 5 === 1
          ? [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]
          : [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: `arn:aws:s3:::team-${pad(i % 20)}-*/*` }];
    return {
      name: `role-${String(i)}`,
      arn: roleArn(i),
      id: `AROA${String(i).padStart(12, '0')}`,
      path: '/',
      createDate: null,
      assumeRolePolicy: trust,
      attachedPolicies: [],
      inlinePolicies: [{ name: 'work', document: doc(...statements) }],
      permissionsBoundaryArn: null,
    };
  });
  const authorization: AuthorizationDetails = { users, groups, roles, instanceProfiles: [], policies };
  const buckets: Bucket[] = Array.from({ length: size.buckets }, (_, i) => {
    const name = bucketName(i);
    const policy =
      i % 10 === 0
        ? doc(
            { Effect: 'Allow', Principal: { AWS: [userArn((i * 3) % size.users), roleArn(i % size.roles)] }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${name}/*` },
            { Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: `arn:aws:s3:::${name}/*` },
          )
        : null;
    const grants: AclGrant[] = [{ granteeType: 'CanonicalUser', uri: null, id: 'owner', permission: 'FULL_CONTROL' }];
    if (i % 250 === 3) grants.push({ granteeType: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers', id: null, permission: 'FULL_CONTROL' });
    return {
      name,
      arn: `arn:aws:s3:::${name}`,
      region: REGIONS[i % REGIONS.length] ?? 'us-east-1',
      creationDate: null,
      acl: ok({ ownerId: 'owner', grants }),
      policy: ok({ document: policy }),
      publicAccessBlock: ok(null),
      policyStatus: { ok: false as const, error: { code: 'NotImplemented', message: 'not implemented', action: 's3:GetBucketPolicyStatus' } },
    };
  });
  const sharing: SliceData['ebsSnapshotSharing'] = REGIONS.map((region, r) => {
    const count = Math.floor(size.snapshots / REGIONS.length);
    return {
      region,
      result: ok({
        ownedSnapshots: count,
        skippedByBudget: 0,
        attributeCallBudget: 1000,
        snapshots: Array.from({ length: count }, (_, i) => {
          const id = `snap-${String(r)}${String(i).padStart(15, '0')}`;
          return { id, arn: `arn:aws:ec2:${region}::snapshot/${id}`, volumeSizeGiB: 8 + (i % 500), encrypted: false, startTime: null, createVolumePermissions: ok([]) };
        }),
      }),
    };
  });
  return {
    schemaVersion: 1,
    tool: { name: 'breachmap', version: 'bench' },
    account: { id: ACCOUNT, partition: 'aws', callerArn: null, alias: null },
    collectedAt: '2026-11-30T00:00:00.000Z',
    regions: REGIONS,
    slices: {
      authorizationDetails: ok(authorization),
      s3Buckets: ok({ buckets }),
      s3AccountPublicAccessBlock: ok({ configuration: null }),
      ebsSnapshotSharing: ok(sharing),
    },
    stats: { durationMs: 0, totalCalls: 0, calls: [] },
  };
}

export interface ReachMeasurement {
  principals: number;
  buckets: number;
  snapshots: number;
  /** buildReachIndex: every principal's reach. */
  indexMs: number;
  /** The engine step: one failing credential result per principal, each given its reach and summary (it builds the index again). */
  attachMs: number;
  /** CPU time of both, which a loaded machine inflates less than wall time. */
  cpuMs: number;
  canBecomeAdmin: number;
  medianBucketsReached: number;
}

/** A credential check stand-in: the engine step needs only its id and `reportsReach`. */
const CHECK = { id: 'bench-credential', reportsReach: 'computed' } as unknown as AnyCheck;

export function measureReach(size: ReachSizes = LARGE_REACH): ReachMeasurement {
  const inventory = syntheticInventory(size);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const index = buildReachIndex({ accountId: ACCOUNT, partition: 'aws', regions: REGIONS, slices: inventory.slices });
  const indexMs = performance.now() - started;
  const all = index.all();

  const results: Result[] = all.map((reach) => ({
    checkId: CHECK.id,
    title: 'bench',
    status: 'fail',
    severity: 'high',
    resource: reach.principal,
    region: 'global',
    message: 'bench',
    evidence: {},
    fingerprint: '0'.repeat(32),
    incidents: [],
  }));
  const attachStarted = performance.now();
  attachReach(results, inventory, [CHECK]);
  const attachMs = performance.now() - attachStarted;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;

  const reached = all.map((reach) => reach.stores.filter((store) => store.store.kind === 's3-bucket').length).sort((a, b) => a - b);
  return {
    principals: all.length,
    buckets: size.buckets,
    snapshots: size.snapshots,
    indexMs,
    attachMs,
    cpuMs,
    canBecomeAdmin: all.filter((reach) => reach.admin !== null).length,
    medianBucketsReached: reached[Math.floor(reached.length / 2)] ?? 0,
  };
}

export function describeReach(measurement: ReachMeasurement): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
  return (
    `reach: ${String(measurement.principals)} principals × ${measurement.buckets.toLocaleString('en-US')} buckets × ${measurement.snapshots.toLocaleString('en-US')} snapshots: ` +
    `index ${s(measurement.indexMs)}, the engine step for ${String(measurement.principals)} credential findings ${s(measurement.attachMs)} (CPU for both ${s(measurement.cpuMs)}); ` +
    `${String(measurement.canBecomeAdmin)} can become admin, median ${String(measurement.medianBucketsReached)} buckets reached`
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${describeReach(measureReach())}\n`);
}
