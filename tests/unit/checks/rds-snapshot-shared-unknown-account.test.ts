import { expect } from 'vitest';
import check from '../../../src/checks/rds/rds-snapshot-shared-unknown-account.js';
import type { Collected, RdsSnapshot, RdsSnapshotKind } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const PARTNER = '111122223333';
const STRANGER = '999988887777';
const SIBLING = '555566667777';
const NOT_IN_ORG = { accountIds: null, unavailableReason: 'the account is not in an AWS Organization' };
const IN_ORG = { accountIds: [TEST_ACCOUNT, SIBLING], unavailableReason: null };
const REGION_RESOURCE = 'arn:aws:rds:us-east-1:123456789012:*snapshot:*';
const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1111aaaa-22bb-33cc-44dd-555555eeeeee';

function snapshot(id: string, restore: Collected<string[]>, options: { kind?: RdsSnapshotKind; encrypted?: boolean } = {}): RdsSnapshot {
  const kind = options.kind ?? 'db-snapshot';
  return {
    kind,
    id,
    arn: `arn:aws:rds:us-east-1:123456789012:${kind === 'db-snapshot' ? 'snapshot' : 'cluster-snapshot'}:${id}`,
    sourceId: 'orders-db',
    engine: 'mysql',
    encrypted: options.encrypted ?? false,
    kmsKeyId: options.encrypted === true ? KEY : null,
    createTime: daysAgo(30),
    restore,
  };
}

function region(name: string, snapshots: RdsSnapshot[], skippedByBudget = 0) {
  return { region: name, result: ok({ manualSnapshots: snapshots.length + skippedByBudget, snapshots, skippedByBudget, attributeCallBudget: 1000 }) };
}

const arnOf = (id: string, kind = 'snapshot') => `arn:aws:rds:us-east-1:123456789012:${kind}:${id}`;

checkTester(check, {
  pass: [
    {
      name: 'manual snapshots shared with nobody',
      expected: [{ status: 'pass', resource: REGION_RESOURCE }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('a', ok([])), snapshot('b', ok([]), { kind: 'db-cluster-snapshot' })])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ manualSnapshots: 2, unsharedSnapshots: 2, publicOnlySnapshots: 0 });
        expect(outcomes[0]?.evidence['trustedAccountsFrom']).toContain('organization accounts not trusted');
      },
    },
    {
      name: 'shared with an account listed in --trusted-accounts',
      expected: [{ status: 'pass', resource: arnOf('to-partner') }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('to-partner', ok([PARTNER]))])] }),
      options: { trustedAccounts: [PARTNER] },
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ trustedAccounts: [PARTNER], unknownAccounts: [] }),
    },
    {
      name: 'shared with another account of the organization',
      expected: [{ status: 'pass', resource: arnOf('to-sibling', 'cluster-snapshot') }],
      slices: slices({ organizationAccounts: IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('to-sibling', ok([SIBLING]), { kind: 'db-cluster-snapshot' })])] }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['trustedAccountsFrom']).toContain('the 2 accounts of its AWS Organization'),
    },
    {
      name: 'a public-only share is left to rds-snapshot-public',
      expected: [{ status: 'pass', resource: REGION_RESOURCE }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('public-one', ok(['all']))])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ unsharedSnapshots: 0, publicOnlySnapshots: 1 });
        expect(outcomes[0]?.message).toContain('1 more is shared only publicly (see rds-snapshot-public)');
      },
    },
  ],
  notApplicable: [
    {
      name: 'no manual snapshot',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [])] }),
    },
  ],
  fail: [
    {
      name: 'shared with an account nobody trusts, next to an unshared one',
      expected: [
        { status: 'fail', resource: arnOf('to-stranger') },
        { status: 'pass', resource: REGION_RESOURCE },
      ],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('to-stranger', ok([STRANGER])), snapshot('kept', ok([]))])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toBe(`DB snapshot to-stranger can be restored by account ${STRANGER}, which is not trusted.`);
        expect(outcomes[0]?.evidence).toMatchObject({ unknownAccounts: [STRANGER], trustedAccounts: [], encrypted: false });
      },
    },
    {
      name: 'public and shared with a stranger: the stranger fails here',
      expected: [{ status: 'fail', resource: arnOf('both') }],
      slices: slices({ organizationAccounts: IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('both', ok(['all', SIBLING, STRANGER]))])] }),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ unknownAccounts: [STRANGER], trustedAccounts: [SIBLING] }),
    },
    {
      name: 'an encrypted cluster snapshot shared out is medium and names its key',
      expected: [{ status: 'fail', resource: arnOf('enc', 'cluster-snapshot'), severity: 'medium' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('enc', ok([STRANGER]), { kind: 'db-cluster-snapshot', encrypted: true })])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain(KEY);
        expect(outcomes[0]?.evidence).toMatchObject({ kmsKeyId: KEY, encrypted: true });
      },
    },
  ],
  unknown: [
    {
      name: 'the listing was denied in one region',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-west-2' }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [{ region: 'us-west-2', result: failed('AccessDenied', 'rds:DescribeDBSnapshots') }] }),
    },
    {
      name: 'the restore attribute was denied for one snapshot',
      expected: [{ status: 'unknown', resource: arnOf('locked') }],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('locked', failed('AccessDenied', 'rds:DescribeDBSnapshotAttributes'))])] }),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ missingAction: 'rds:DescribeDBSnapshotAttributes' }),
    },
    {
      name: 'snapshots beyond the budget are unknown',
      expected: [
        { status: 'unknown', resource: REGION_RESOURCE, qualifier: 'not-read' },
        { status: 'pass', resource: REGION_RESOURCE },
      ],
      slices: slices({ organizationAccounts: NOT_IN_ORG, rdsSnapshots: [region('us-east-1', [snapshot('read', ok([]))], 2)] }),
    },
    {
      name: 'slice not collected',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }, { status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: {},
    },
  ],
});
