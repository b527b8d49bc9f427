/**
 * The coarse reach behind the adapter point (src/paths/reach-source.ts), until the exact evaluator
 * replaces it: account-wide grants only, never more than the policies grant.
 */
import { describe, expect, it } from 'vitest';
import { demoInventory } from '../../../src/demo/inventory.js';
import type { IamRole, IamUser, Inventory } from '../../../src/inventory/schema.js';
import { coarseReachIndex } from '../../../src/paths/reach-source.js';
import { ok } from '../../helpers/check-tester.js';
import { bucket } from '../../helpers/s3-buckets.js';

const ACCOUNT = '111122223333';
const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const iamUser = (name: string, statements: object[], boundary: string | null = null): IamUser => ({
  name,
  arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
  id: `AIDA${name}`,
  createDate: null,
  groups: [],
  attachedPolicies: [],
  inlinePolicies: statements.length === 0 ? [] : [{ name: 'p', document: doc(...statements) }],
  permissionsBoundaryArn: boundary,
});
const iamRole = (name: string, trust: object, statements: object[]): IamRole => ({
  name,
  arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
  id: `AROA${name}`,
  path: '/',
  createDate: null,
  assumeRolePolicy: trust,
  attachedPolicies: [],
  inlinePolicies: statements.length === 0 ? [] : [{ name: 'p', document: doc(...statements) }],
  permissionsBoundaryArn: null,
});
const trust = (principal: object, condition?: object) => doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...(condition === undefined ? {} : { Condition: condition }) });

function inventoryWith(users: IamUser[], roles: IamRole[], profiles: { name: string; arn: string; roleArns: string[] }[] = []): Inventory {
  const denyPolicy = doc({ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::locked/*' });
  return {
    ...demoInventory('test'),
    account: { id: ACCOUNT, partition: 'aws', callerArn: null, alias: null },
    slices: {
      authorizationDetails: ok({ users, groups: [], roles, instanceProfiles: profiles, policies: [] }),
      s3Buckets: ok({ buckets: [bucket('open'), { ...bucket('locked'), policy: ok({ document: denyPolicy }) }] }),
    },
  };
}

describe('coarse reach', () => {
  it('account-wide s3:GetObject reads every bucket but one whose policy may deny it', () => {
    const reach = coarseReachIndex(inventoryWith([iamUser('reader', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])], []));
    const reader = reach.of(`arn:aws:iam::${ACCOUNT}:user/reader`);
    expect(reader?.stores.map((store) => [store.store.name, store.access])).toEqual([['open', ['read']]]);
    expect(reader?.storesKnown).toEqual({ 's3-bucket': 2 });
    expect(reader?.atLeast).toContain('bucket locked has a policy Deny for read');
    expect(reader?.admin).toBeNull();
  });

  it('a grant on one bucket is not claimed (the exact evaluator will), and it says so', () => {
    const reach = coarseReachIndex(inventoryWith([iamUser('narrow', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::open/*' }])], []));
    const narrow = reach.of(`arn:aws:iam::${ACCOUNT}:user/narrow`);
    expect(narrow?.stores).toEqual([]);
    expect(narrow?.atLeast.some((reason) => reason.startsWith('coarse reach'))).toBe(true);
  });

  it('an explicit Deny and a conditional grant take the access away', () => {
    const denied = iamUser('denied', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }]);
    const conditional = iamUser('conditional', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }]);
    const reach = coarseReachIndex(inventoryWith([denied, conditional], []));
    expect(reach.of(denied.arn)?.stores.flatMap((store) => store.access)).not.toContain('read');
    expect(reach.of(conditional.arn)?.stores).toEqual([]);
    expect(reach.of(conditional.arn)?.atLeast.some((reason) => reason.includes('condition'))).toBe(true);
  });

  it('assume-role needs both the trust policy and the identity policy; a conditional trust does not count', () => {
    const target = iamRole('target', trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }), []);
    const guarded = iamRole('guarded', trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` }, { StringEquals: { 'sts:ExternalId': 'x' } }), []);
    const untrusting = iamRole('untrusting', trust({ AWS: 'arn:aws:iam::999988887777:root' }), []);
    const caller = iamUser('caller', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]);
    const noRight = iamUser('no-right', []);
    const reach = coarseReachIndex(inventoryWith([caller, noRight], [target, guarded, untrusting]));
    expect(reach.of(caller.arn)?.assumableRoles).toEqual([target.arn]);
    expect(reach.of(noRight.arn)?.assumableRoles).toEqual([]);
  });

  it('pass-role needs iam:PassRole on the role and a launch action, and a role the service may assume', () => {
    const ec2Role = iamRole('ec2-role', trust({ Service: 'ec2.amazonaws.com' }), []);
    const lambdaRole = iamRole('lambda-role', trust({ Service: 'lambda.amazonaws.com' }), []);
    const launcher = iamUser('launcher', [{ Effect: 'Allow', Action: ['iam:PassRole'], Resource: ec2Role.arn }, { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }]);
    const profile = { name: 'p', arn: `arn:aws:iam::${ACCOUNT}:instance-profile/p`, roleArns: [ec2Role.arn] };
    const reach = coarseReachIndex(inventoryWith([launcher], [ec2Role, lambdaRole], [profile]));
    expect(reach.of(launcher.arn)?.passableRoles).toEqual([ec2Role.arn]);
  });

  it('admin reaches every bucket (but a Deny in a bucket policy) and can step into any role that trusts the account', () => {
    const target = iamRole('target', trust({ AWS: ACCOUNT }), []);
    const admin = iamUser('admin', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const reach = coarseReachIndex(inventoryWith([admin], [target]));
    expect(reach.of(admin.arn)?.admin).toEqual({ direct: true, pathIds: [] });
    expect(reach.of(admin.arn)?.stores.find((store) => store.store.name === 'open')?.access).toEqual(['read', 'write', 'change-access']);
    expect(reach.of(admin.arn)?.stores.find((store) => store.store.name === 'locked')?.access).toEqual(['write', 'change-access']);
    expect(reach.of(admin.arn)?.assumableRoles).toEqual([target.arn]);
  });

  it('an unreadable permissions boundary claims nothing', () => {
    const bounded = iamUser('bounded', [{ Effect: 'Allow', Action: '*', Resource: '*' }], `arn:aws:iam::${ACCOUNT}:policy/missing`);
    const reach = coarseReachIndex(inventoryWith([bounded], []));
    expect(reach.of(bounded.arn)).toMatchObject({ stores: [], admin: null, assumableRoles: [] });
  });

  it('without authorization details knows no principal', () => {
    const inventory = inventoryWith([], []);
    inventory.slices.authorizationDetails = { ok: false, error: { code: 'AccessDenied', message: 'denied' } };
    expect(coarseReachIndex(inventory).all()).toEqual([]);
  });
});
