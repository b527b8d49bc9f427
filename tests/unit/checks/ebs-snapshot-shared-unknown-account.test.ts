import { expect } from 'vitest';
import check from '../../../src/checks/ebs/ebs-snapshot-shared-unknown-account.js';
import type { Collected, CreateVolumePermission, SnapshotSharing } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const PARTNER = '111122223333';
const STRANGER = '999988887777';
const SIBLING = '555566667777';
const NOT_IN_ORG = { accountIds: null, unavailableReason: 'the account is not in an AWS Organization' };
const IN_ORG = { accountIds: [TEST_ACCOUNT, SIBLING], unavailableReason: null };

function shareWith(...accounts: string[]): Collected<CreateVolumePermission[]> {
  return ok(accounts.map((userId) => ({ group: null, userId })));
}

function snapshot(id: string, permissions: Collected<CreateVolumePermission[]>, encrypted = false, region = 'us-east-1'): SnapshotSharing {
  return {
    id,
    arn: `arn:aws:ec2:${region}::snapshot/${id}`,
    volumeSizeGiB: 50,
    encrypted,
    startTime: daysAgo(10),
    createVolumePermissions: permissions,
  };
}

function region(name: string, snapshots: SnapshotSharing[], extra: { ownedSnapshots?: number; skippedByBudget?: number } = {}) {
  const skippedByBudget = extra.skippedByBudget ?? 0;
  return {
    region: name,
    result: ok({ ownedSnapshots: extra.ownedSnapshots ?? snapshots.length + skippedByBudget, snapshots, skippedByBudget, attributeCallBudget: 1000 }),
  };
}

checkTester(check, {
  pass: [
    {
      name: 'private snapshots only',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-01', ok([])), snapshot('snap-02', ok([]))])] }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*', region: 'us-east-1' });
        expect(outcomes[0]?.evidence).toMatchObject({ ownedSnapshots: 2, unsharedSnapshots: 2 });
        expect(outcomes[0]?.evidence['trustedAccountsFrom']).toContain('organization accounts not trusted: the account is not in an AWS Organization');
      },
    },
    {
      name: 'shared with an account listed in --trusted-accounts',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-03' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-03', shareWith(PARTNER))])] }),
      options: { trustedAccounts: [PARTNER] },
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:ec2:us-east-1::snapshot/snap-03' });
        expect(outcomes[0]?.evidence).toMatchObject({ trustedAccounts: [PARTNER], unknownAccounts: [] });
      },
    },
    {
      name: 'shared with another account of the same AWS Organization',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-06' }],
      slices: slices({ organizationAccounts: IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-06', shareWith(SIBLING))])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ trustedAccounts: [SIBLING], unknownAccounts: [] });
        expect(outcomes[0]?.evidence['trustedAccountsFrom']).toContain('the 2 accounts of its AWS Organization');
      },
    },
    {
      name: 'a permission naming the account itself is not a foreign share',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:eu-west-1::snapshot/snap-04' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('eu-west-1', [snapshot('snap-04', shareWith(TEST_ACCOUNT), false, 'eu-west-1')])] }),
    },
    {
      name: 'a public share is left to ebs-snapshot-public',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-05', ok([{ group: 'all', userId: null }]))])] }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => o.resource)).toEqual(['arn:aws:ec2:us-east-1:123456789012:snapshot/*']);
        expect(outcomes[0]?.evidence).toMatchObject({ unsharedSnapshots: 0, publicOnlySnapshots: 1 });
        expect(outcomes[0]?.message).toContain('0 snapshots in us-east-1 are not shared with any other account. 1 more is shared only publicly');
      },
    },
  ],
  notApplicable: [
    {
      name: 'no region was scanned',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [] }),
    },
    {
      name: 'no snapshot owned in the region',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('ap-south-1', [])] }),
      assert: (outcomes) => {
        expect(outcomes).toEqual([expect.objectContaining({ resource: 'arn:aws:iam::123456789012:root', region: 'global', evidence: { regionsScanned: 1 } })]);
        expect(outcomes[0]?.message).toContain('owns no snapshot');
      },
    },
  ],
  fail: [
    {
      name: 'an organization account is trusted, a stranger still is not',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-12' }],
      slices: slices({ organizationAccounts: IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-12', shareWith(SIBLING, STRANGER))])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.evidence).toMatchObject({ trustedAccounts: [SIBLING], unknownAccounts: [STRANGER] });
      },
    },
    {
      name: 'shared with an unknown account (DNC pattern)',
      expected: [
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-10' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*' },
      ],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-10', shareWith(STRANGER)), snapshot('snap-11', ok([]))])] }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.resource, o.status])).toEqual([
          ['arn:aws:ec2:us-east-1::snapshot/snap-10', 'fail'],
          ['arn:aws:ec2:us-east-1:123456789012:snapshot/*', 'pass'],
        ]);
        expect(outcomes[0]?.evidence).toMatchObject({ snapshotId: 'snap-10', unknownAccounts: [STRANGER], trustedAccounts: [], encrypted: false });
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.message).toContain(STRANGER);
      },
    },
    {
      name: 'trusted partner plus a stranger on the same snapshot',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-12' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-12', shareWith(STRANGER, PARTNER))])] }),
      options: { trustedAccounts: [PARTNER] },
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.evidence).toMatchObject({ unknownAccounts: [STRANGER], trustedAccounts: [PARTNER] });
      },
    },
    {
      name: 'an encrypted snapshot shared out is medium: the recipient also needs the key',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-13', severity: 'medium' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-13', shareWith(STRANGER), true)])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.severity).toBe('medium');
        expect(outcomes[0]?.message).toContain('KMS key');
      },
    },
  ],
  unknown: [
    {
      name: 'DescribeSnapshots denied in one region',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-west-2' }],
      slices: slices({
        organizationAccounts: NOT_IN_ORG,
        ebsSnapshotSharing: [{ region: 'us-west-2', result: failed('UnauthorizedOperation', 'ec2:DescribeSnapshots') }, region('us-east-1', [])],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.region, o.status])).toEqual([['us-west-2', 'unknown']]);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-west-2' });
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeSnapshots');
      },
    },
    {
      name: 'createVolumePermission throttled for one snapshot',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-20' }],
      slices: slices({
        organizationAccounts: NOT_IN_ORG,
        ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-20', failed('RequestLimitExceeded', 'ec2:DescribeSnapshotAttribute', 'throttled'))])],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'unknown', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-20' });
        expect(outcomes[0]?.evidence['errorCode']).toBe('RequestLimitExceeded');
      },
    },
    {
      name: 'snapshots beyond the attribute-call budget are unknown, never passed',
      expected: [
        { status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*', qualifier: 'not-read' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*' },
      ],
      slices: slices({ organizationAccounts: NOT_IN_ORG, ebsSnapshotSharing: [region('us-east-1', [snapshot('snap-21', ok([]))], { skippedByBudget: 4 })] }),
      assert: (outcomes) => {
        const unknown = outcomes.find((o) => o.status === 'unknown');
        expect(unknown).toMatchObject({ qualifier: 'not-read', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot/*' });
        expect(unknown?.evidence).toMatchObject({ ownedSnapshots: 5, snapshotsNotRead: 4, attributeCallBudget: 1000 });
        expect(unknown?.message).toContain('--max-snapshot-attribute-calls');
      },
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }, { status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
