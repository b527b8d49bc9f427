import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import type { OrganizationAccounts, RdsSnapshot } from '../../inventory/schema.js';
import {
  describeRdsSnapshot,
  rdsBudgetUnknown,
  rdsRegionResource,
  rdsRestoreUnknown,
  rdsSnapshotEvidence,
  type RdsSnapshotRegion,
} from '../rds-snapshots.js';

/** Said in every result's evidence, so nobody reads a pass as "the organization was checked". */
function trustBasis(organization: OrganizationAccounts): string {
  return organization.accountIds === null
    ? `this account and --trusted-accounts (organization accounts not trusted: ${organization.unavailableReason ?? 'not listed'})`
    : `this account, --trusted-accounts and the ${organization.accountIds.length} accounts of its AWS Organization`;
}

export default defineCheck({
  id: 'rds-snapshot-shared-unknown-account',
  title: 'RDS snapshots are shared only with trusted accounts',
  service: 'rds',
  severity: 'high',
  rootCauses: ['public-snapshot-ami'],
  needs: ['rdsSnapshots', 'organizationAccounts'],
  description:
    'Fails for each manual RDS DB snapshot or DB cluster snapshot owned by the account whose restore attribute names an AWS account that is neither this account, one of --trusted-accounts, nor (when the caller may list them) an account of its AWS Organization. Public shares are left to rds-snapshot-public.',
  rationale:
    'A database snapshot shared with another account can be copied and restored there at any time, as a complete database, outside every control and log of yours. Sharing is one API call per snapshot, so an intruder with the right permissions can move whole databases to an account of their own without a byte crossing your network; a share to an account nobody recognises is a forgotten partner at best.',
  remediation: {
    summary:
      'Remove every account you do not recognise from the restore attribute, find out who added it (CloudTrail ModifyDBSnapshotAttribute / ModifyDBClusterSnapshotAttribute), and list the legitimate recipients with --trusted-accounts.',
    console: [
      'Open the RDS console, choose "Snapshots" and the "Manual" tab, and select the snapshot.',
      'Choose Actions > "Share snapshot", remove each account id you do not recognise and save.',
      'Search CloudTrail for ModifyDBSnapshotAttribute and ModifyDBClusterSnapshotAttribute events on the snapshot.',
    ],
    cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAPSHOT_ID --attribute-name restore --values-to-remove ACCOUNT_ID  # cluster snapshots: aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier SNAPSHOT_ID --attribute-name restore --values-to-remove ACCOUNT_ID',
    terraform: [
      '# Declare every intended share; anything else is drift to remove.',
      'resource "aws_db_snapshot" "example" {',
      '  db_instance_identifier = aws_db_instance.example.identifier',
      '  db_snapshot_identifier = "example-manual"',
      '  shared_accounts        = ["111122223333"] # a trusted partner account',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
  },
  attackSteps: [
    'With stolen credentials that allow rds:CreateDBSnapshot and rds:ModifyDBSnapshotAttribute, snapshot the interesting databases or pick existing manual snapshots.',
    'Add an AWS account the attacker controls to each snapshot\'s restore attribute: one API call, no data leaves through your network.',
    'In their own account, copy the shared snapshot (with a customer managed key, after being granted use of it), restore it and dump the tables; your CloudTrail never records the reads.',
    'Leave the share in place or remove it afterwards; a share to an unknown account found later is often the only trace.',
  ],
  frameworks: {},
  patterns: ['snapshot-exfiltration'],
  incidents: [
    {
      incident: 'dnc-gru-2016-06',
      kind: 'related',
      why: 'The DNC\'s complaint says the GRU copied EC2 snapshots into AWS accounts it controlled; a database snapshot shared with an outside account leaves the same way.',
      source: 'https://www.politico.com/f/?id=00000168-6161-de11-af7d-ef7327ea0000',
    },
  ],
  evaluate({ data, accountId, partition, options }) {
    const trusted = new Set([accountId, ...options.trustedAccounts, ...(data.organizationAccounts.accountIds ?? [])]);
    const basis = trustBasis(data.organizationAccounts);
    return forEachRegion({ partition, accountId }, data.rdsSnapshots, {
      what: 'the manual RDS snapshots',
      action: 'rds:DescribeDBSnapshots',
      nothing: 'The account owns no manual RDS snapshot in any scanned region (automated snapshots cannot be shared).',
      judge: (listing, region) => judgeRegion(listing, region, rdsRegionResource(partition, region, accountId), trusted, basis),
    });
  },
});

/**
 * The region's shared snapshots one by one, then one `unknown` for the snapshots the budget left
 * unread and one pass counting those shared with nobody (or only publicly).
 */
function judgeRegion(listing: RdsSnapshotRegion, region: string, regionResource: string, trusted: ReadonlySet<string>, basis: string): CheckOutcome[] {
  const judged = listing.snapshots.map((snapshot) => judgeSnapshot(snapshot, region, trusted, basis));
  const outcomes = judged.filter((outcome): outcome is CheckOutcome => typeof outcome !== 'string');
  const unshared = judged.filter((outcome) => outcome === 'unshared').length;
  const publicOnly = judged.filter((outcome) => outcome === 'public-only').length;
  outcomes.push(...rdsBudgetUnknown(listing, region, regionResource));
  if (unshared + publicOnly > 0) {
    const publicNote = publicOnly === 0 ? '' : ` ${publicOnly} more ${publicOnly === 1 ? 'is' : 'are'} shared only publicly (see rds-snapshot-public).`;
    outcomes.push({
      status: 'pass',
      resource: regionResource,
      region,
      message: `${unshared} manual RDS snapshot${unshared === 1 ? '' : 's'} in ${region} ${unshared === 1 ? 'is' : 'are'} not shared with any other account.${publicNote}`,
      evidence: { manualSnapshots: listing.manualSnapshots, unsharedSnapshots: unshared, publicOnlySnapshots: publicOnly, trustedAccountsFrom: basis },
    });
  }
  return outcomes;
}

function judgeSnapshot(snapshot: RdsSnapshot, region: string, trusted: ReadonlySet<string>, basis: string): CheckOutcome | 'unshared' | 'public-only' {
  if (!snapshot.restore.ok) return rdsRestoreUnknown(snapshot, snapshot.restore.error, region);
  // Account ids in the restore attribute may copy or restore the snapshot; `all` is the public
  // share (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshotAttributes.html).
  const values = snapshot.restore.data;
  const accounts = [...new Set(values.filter((value) => value !== 'all'))].sort();
  if (accounts.length === 0) return values.includes('all') ? 'public-only' : 'unshared';
  const unknownAccounts = accounts.filter((account) => !trusted.has(account));
  const trustedAccounts = accounts.filter((account) => trusted.has(account));
  const base = { resource: snapshot.arn, region };
  const evidence = { ...rdsSnapshotEvidence(snapshot), unknownAccounts, trustedAccounts, trustedAccountsFrom: basis };
  const name = describeRdsSnapshot(snapshot);
  if (unknownAccounts.length === 0) {
    return { ...base, status: 'pass', message: `${name} is shared only with trusted accounts (${trustedAccounts.join(', ')}).`, evidence };
  }
  const who = `${unknownAccounts.length === 1 ? 'account' : 'accounts'} ${unknownAccounts.join(', ')}, which ${unknownAccounts.length === 1 ? 'is' : 'are'} not trusted`;
  // An encrypted snapshot can be shared only under a customer managed key, and the recipient must
  // also be allowed to use that key to copy or restore it; a snapshot under the default aws/rds key
  // cannot be shared at all (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/share-encrypted-snapshot.html).
  // Whether the key policy lets the recipient in is not read, so the share is still reported, one level lower.
  if (snapshot.encrypted === true) {
    return {
      ...base,
      status: 'fail',
      message: `${name} can be restored by ${who}. It is encrypted, so the recipient also needs use of its KMS key${snapshot.kmsKeyId === null ? '' : ` (${snapshot.kmsKeyId})`}.`,
      evidence,
      severity: 'medium',
      severityReason: 'the snapshot is encrypted: the recipient also needs its KMS key',
    };
  }
  return { ...base, status: 'fail', message: `${name} can be restored by ${who}.`, evidence };
}
