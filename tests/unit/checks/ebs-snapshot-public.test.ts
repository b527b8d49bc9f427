import { expect } from 'vitest';
import check from '../../../src/checks/ebs/ebs-snapshot-public.js';
import type { Collected, CreateVolumePermission, PublicSnapshotCandidate } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

type BpaState = 'block-all-sharing' | 'block-new-sharing' | 'unblocked';

const PUBLIC: CreateVolumePermission[] = [{ group: 'all', userId: null }];
const SECRET_DESCRIPTION = 'prod db dump, password=hunter2';

function snapshot(
  id: string,
  region: string,
  permissions: Collected<CreateVolumePermission[]> = ok(PUBLIC),
  ownerId = TEST_ACCOUNT,
): PublicSnapshotCandidate {
  return {
    id,
    arn: `arn:aws:ec2:${region}::snapshot/${id}`,
    ownerId,
    volumeSizeGiB: 100,
    encrypted: false,
    startTime: daysAgo(40),
    description: SECRET_DESCRIPTION,
    createVolumePermissions: permissions,
  };
}

function regionWith(region: string, candidates: PublicSnapshotCandidate[]) {
  return { region, result: ok({ candidates }) };
}

function bpa(region: string, state: BpaState) {
  return { region, result: ok({ state }) };
}

checkTester(check, {
  notApplicable: [
    {
      name: 'no region was scanned',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ebsPublicSnapshots: [], ebsSnapshotBlockPublicAccess: [] }),
    },
    {
      name: 'no public snapshot in either region',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('us-east-1', []), regionWith('eu-west-1', [])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'unblocked'), bpa('eu-west-1', 'unblocked')],
      }),
      assert: (outcomes) => {
        expect(outcomes).toEqual([
          expect.objectContaining({ resource: 'arn:aws:iam::123456789012:root', region: 'global', evidence: { regionsScanned: 2 } }),
        ]);
      },
    },
  ],
  pass: [
    {
      name: 'public share neutralised by block-all-sharing',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0aaa' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('us-east-1', [snapshot('snap-0aaa', 'us-east-1')])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'block-all-sharing')],
      }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.resource).toBe('arn:aws:ec2:us-east-1::snapshot/snap-0aaa');
        expect(outcomes[0]?.message).toContain('block-all-sharing');
        expect(outcomes[0]?.evidence['blockPublicAccessState']).toBe('block-all-sharing');
      },
    },
    {
      name: 'candidate listed by EC2 but only shared with a specific account',
      expected: [{ status: 'pass', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0bbb' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('us-east-1', [snapshot('snap-0bbb', 'us-east-1', ok([{ group: null, userId: '210987654321' }]))])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'unblocked')],
      }),
      assert: (outcomes) => expect(outcomes[0]?.resource).toBe('arn:aws:ec2:us-east-1::snapshot/snap-0bbb'),
    },
  ],
  fail: [
    {
      name: 'public snapshot with no guardrail (DNC pattern)',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0ccc' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('us-east-1', [snapshot('snap-0ccc', 'us-east-1')])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'unblocked')],
      }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0ccc', region: 'us-east-1' });
        expect(outcomes[0]?.evidence).toMatchObject({
          snapshotId: 'snap-0ccc',
          volumeSizeGiB: 100,
          encrypted: false,
          blockPublicAccessState: 'unblocked',
        });
      },
    },
    {
      name: 'block-new-sharing does not hide an existing public share',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0ddd' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('us-east-1', [snapshot('snap-0ddd', 'us-east-1')])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'block-new-sharing')],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('block-new-sharing');
        expect(outcomes[0]?.evidence['blockPublicAccessState']).toBe('block-new-sharing');
      },
    },
    {
      name: 'unreadable guardrail never turns a public share into a pass',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:ap-southeast-2::snapshot/snap-0eee' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('ap-southeast-2', [snapshot('snap-0eee', 'ap-southeast-2')])],
        ebsSnapshotBlockPublicAccess: [{ region: 'ap-southeast-2', result: failed('UnauthorizedOperation', 'ec2:GetSnapshotBlockPublicAccessState') }],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.evidence).toMatchObject({ blockPublicAccessState: null, blockPublicAccessError: 'UnauthorizedOperation' });
        expect(outcomes[0]?.message).toContain('could not be read');
      },
    },
    {
      name: 'guardrail state missing for the region',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:sa-east-1::snapshot/snap-0abc' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('sa-east-1', [snapshot('snap-0abc', 'sa-east-1')])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'block-all-sharing')],
      }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['blockPublicAccessError']).toBe('NotCollected'),
    },
    {
      name: 'block-all-sharing in one region does not protect another',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0111' },
        { status: 'fail', resource: 'arn:aws:ec2:eu-west-1::snapshot/snap-0222' },
      ],
      slices: slices({
        ebsPublicSnapshots: [
          regionWith('us-east-1', [snapshot('snap-0111', 'us-east-1')]),
          regionWith('eu-west-1', [snapshot('snap-0222', 'eu-west-1')]),
        ],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'block-all-sharing'), bpa('eu-west-1', 'unblocked')],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.region, o.status])).toEqual([
          ['us-east-1', 'pass'],
          ['eu-west-1', 'fail'],
        ]);
      },
    },
    {
      name: 'evidence never copies the snapshot description',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0999' }],
      slices: slices({
        ebsPublicSnapshots: [regionWith('us-east-1', [snapshot('snap-0999', 'us-east-1')])],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'unblocked')],
      }),
      assert: (outcomes) => {
        expect(JSON.stringify(outcomes)).not.toContain('hunter2');
        expect(outcomes[0]?.evidence).not.toHaveProperty('description');
      },
    },
  ],
  unknown: [
    {
      name: 'DescribeSnapshots failed in one region, the other is judged',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-west-2' }],
      slices: slices({
        ebsPublicSnapshots: [
          { region: 'us-west-2', result: failed('UnauthorizedOperation', 'ec2:DescribeSnapshots') },
          regionWith('us-east-1', []),
        ],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'unblocked'), bpa('us-west-2', 'unblocked')],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.region, o.status])).toEqual([['us-west-2', 'unknown']]);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-west-2' });
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeSnapshots');
      },
    },
    {
      name: 'createVolumePermission could not be read',
      expected: [
        { status: 'unknown', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0333' },
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1::snapshot/snap-0444' },
      ],
      slices: slices({
        ebsPublicSnapshots: [
          regionWith('us-east-1', [
            snapshot('snap-0333', 'us-east-1', failed('UnauthorizedOperation', 'ec2:DescribeSnapshotAttribute')),
            snapshot('snap-0444', 'us-east-1'),
          ]),
        ],
        ebsSnapshotBlockPublicAccess: [bpa('us-east-1', 'unblocked')],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.resource, o.status])).toEqual([
          ['arn:aws:ec2:us-east-1::snapshot/snap-0333', 'unknown'],
          ['arn:aws:ec2:us-east-1::snapshot/snap-0444', 'fail'],
        ]);
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeSnapshotAttribute');
      },
    },
    {
      name: 'snapshot block public access slice failed entirely',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: {
        ebsPublicSnapshots: ok([regionWith('us-east-1', [])]),
        ebsSnapshotBlockPublicAccess: failed('AccessDenied', 'ec2:GetSnapshotBlockPublicAccessState'),
      },
    },
    { name: 'slices not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }, { status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
