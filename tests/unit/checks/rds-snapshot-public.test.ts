import { expect } from 'vitest';
import check from '../../../src/checks/rds/rds-snapshot-public.js';
import type { Collected, RdsSnapshot, RdsSnapshotKind } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices } from '../../helpers/check-tester.js';

const REGION_RESOURCE = 'arn:aws:rds:us-east-1:123456789012:*snapshot:*';

function snapshot(id: string, restore: Collected<string[]>, options: { kind?: RdsSnapshotKind; encrypted?: boolean; region?: string } = {}): RdsSnapshot {
  const kind = options.kind ?? 'db-snapshot';
  const region = options.region ?? 'us-east-1';
  return {
    kind,
    id,
    arn: `arn:aws:rds:${region}:123456789012:${kind === 'db-snapshot' ? 'snapshot' : 'cluster-snapshot'}:${id}`,
    sourceId: kind === 'db-snapshot' ? 'orders-db' : 'orders-aurora',
    engine: kind === 'db-snapshot' ? 'postgres' : 'aurora-postgresql',
    encrypted: options.encrypted ?? false,
    kmsKeyId: options.encrypted === true ? 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-22bb-33cc-44dd-555555eeeeee' : null,
    createTime: daysAgo(10),
    restore,
  };
}

function region(name: string, snapshots: RdsSnapshot[], skippedByBudget = 0) {
  return { region: name, result: ok({ manualSnapshots: snapshots.length + skippedByBudget, snapshots, skippedByBudget, attributeCallBudget: 1000 }) };
}

checkTester(check, {
  pass: [
    {
      name: 'manual snapshots shared with nobody or with named accounts only',
      expected: [{ status: 'pass', resource: REGION_RESOURCE }],
      slices: slices({
        rdsSnapshots: [region('us-east-1', [snapshot('orders-2026-05', ok([])), snapshot('orders-for-partner', ok(['111122223333'])), snapshot('aurora-final', ok([]), { kind: 'db-cluster-snapshot' })])],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toEqual({ manualSnapshots: 3, privateSnapshots: 3 });
        expect(outcomes[0]?.message).toBe('3 manual RDS snapshots in us-east-1 are not public.');
      },
    },
  ],
  notApplicable: [
    {
      name: 'no manual snapshot in any scanned region',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ rdsSnapshots: [region('us-east-1', []), region('eu-west-1', [])] }),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('automated snapshots cannot be shared'),
    },
  ],
  fail: [
    {
      name: 'a DB snapshot restorable by all, next to a private one',
      expected: [
        { status: 'fail', resource: 'arn:aws:rds:us-east-1:123456789012:snapshot:orders-export' },
        { status: 'pass', resource: REGION_RESOURCE },
      ],
      slices: slices({ rdsSnapshots: [region('us-east-1', [snapshot('orders-export', ok(['all'])), snapshot('orders-2026-05', ok([]))])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toBe('DB snapshot orders-export can be copied or restored by any AWS account.');
        expect(outcomes[0]?.evidence).toMatchObject({ snapshotId: 'orders-export', snapshotKind: 'db-snapshot', sourceId: 'orders-db', engine: 'postgres', encrypted: false, sharedAccounts: [] });
      },
    },
    {
      name: 'an Aurora cluster snapshot public and shared with an account too, in a second region',
      expected: [{ status: 'fail', resource: 'arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:aurora-final' }],
      slices: slices({
        rdsSnapshots: [region('eu-west-1', [snapshot('aurora-final', ok(['999988887777', 'all']), { kind: 'db-cluster-snapshot', region: 'eu-west-1' })]), region('us-east-1', [])],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ region: 'eu-west-1' });
        expect(outcomes[0]?.message).toContain('DB cluster snapshot aurora-final');
        expect(outcomes[0]?.evidence).toMatchObject({ sharedAccounts: ['999988887777'] });
      },
    },
    {
      name: 'an encrypted snapshot AWS reports as public is still reported',
      expected: [{ status: 'fail', resource: 'arn:aws:rds:us-east-1:123456789012:snapshot:odd-one' }],
      slices: slices({ rdsSnapshots: [region('us-east-1', [snapshot('odd-one', ok(['all']), { encrypted: true })])] }),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ encrypted: true }),
    },
  ],
  unknown: [
    {
      name: 'the snapshot listing was denied in one region',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:eu-west-1' }],
      slices: slices({ rdsSnapshots: [{ region: 'eu-west-1', result: failed('AccessDenied', 'rds:DescribeDBClusterSnapshots') }, region('us-east-1', [])] }),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toEqual({ errorCode: 'AccessDenied', missingAction: 'rds:DescribeDBClusterSnapshots' }),
    },
    {
      name: 'the restore attribute of one snapshot was throttled',
      expected: [
        { status: 'unknown', resource: 'arn:aws:rds:us-east-1:123456789012:cluster-snapshot:aurora-final' },
        { status: 'pass', resource: REGION_RESOURCE },
      ],
      slices: slices({
        rdsSnapshots: [
          region('us-east-1', [
            snapshot('aurora-final', failed('Throttling', 'rds:DescribeDBClusterSnapshotAttributes', 'throttled by AWS after all retries'), { kind: 'db-cluster-snapshot' }),
            snapshot('orders-2026-05', ok([])),
          ]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ errorCode: 'Throttling', missingAction: 'rds:DescribeDBClusterSnapshotAttributes' });
        expect(outcomes[0]?.message).toContain('DB cluster snapshot aurora-final');
      },
    },
    {
      name: 'snapshots beyond the attribute budget are unknown, never passed',
      expected: [{ status: 'unknown', resource: REGION_RESOURCE, qualifier: 'not-read' }],
      slices: slices({ rdsSnapshots: [region('us-east-1', [], 3)] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toEqual({ manualSnapshots: 3, snapshotsNotRead: 3, attributeCallBudget: 1000 });
        expect(outcomes[0]?.message).toContain('--max-rds-snapshot-attribute-calls');
      },
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
