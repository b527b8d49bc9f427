import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import {
  describeRdsSnapshot,
  rdsBudgetUnknown,
  rdsRegionResource,
  rdsRestoreUnknown,
  rdsSnapshotEvidence,
  type RdsSnapshotRegion,
} from '../rds-snapshots.js';

export default defineCheck({
  id: 'rds-snapshot-public',
  title: 'RDS snapshots are not public',
  service: 'rds',
  severity: 'critical',
  rootCauses: ['public-snapshot-ami'],
  needs: ['rdsSnapshots'],
  description:
    'Fails for each manual RDS DB snapshot or DB cluster snapshot (Aurora, Multi-AZ clusters, and the Neptune and DocumentDB clusters that share the RDS API) owned by the account whose restore attribute includes "all", which lets every AWS account copy or restore it.',
  rationale:
    'A public database snapshot is the whole database, handed to anyone with an AWS account: they copy it into their own account, restore it, reset the master password and read every table, with none of your network controls, database users or logs in the way. Researchers who scanned for public RDS snapshots every hour found thousands in a month, many holding personal data, and some were public only for a day, long enough to be copied.',
  remediation: {
    summary:
      'Remove "all" from the restore attribute of each public snapshot, share it with named accounts instead if another account needs it, and find out who made it public (CloudTrail ModifyDBSnapshotAttribute / ModifyDBClusterSnapshotAttribute).',
    console: [
      'Open the RDS console, choose "Snapshots" and the "Manual" tab, and select the snapshot.',
      'Choose Actions > "Share snapshot", set "DB snapshot visibility" to "Private" and save.',
      'Search CloudTrail for ModifyDBSnapshotAttribute and ModifyDBClusterSnapshotAttribute events that added "all".',
    ],
    cli: 'aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAPSHOT_ID --attribute-name restore --values-to-remove all  # cluster snapshots: aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier SNAPSHOT_ID --attribute-name restore --values-to-remove all',
    terraform: [
      'resource "aws_db_snapshot" "example" {',
      '  db_instance_identifier = aws_db_instance.example.identifier',
      '  db_snapshot_identifier = "example-manual"',
      '  shared_accounts        = [] # never "all"; name the accounts that need it',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html',
  },
  attackSteps: [
    'List every public RDS snapshot in a region from any AWS account: aws rds describe-db-snapshots --snapshot-type public (and describe-db-cluster-snapshots for Aurora).',
    'Copy the snapshot into the attacker\'s own account, or restore it there directly as a new DB instance.',
    'Reset the restored instance\'s master password, connect, and dump the tables: customer records, password hashes, API keys and tokens the application stored.',
    'Keep the copy: making the snapshot private afterwards does not take it back, and nothing in the owner\'s account records the reads.',
  ],
  frameworks: {
    'aws-security-hub': ['RDS.1'],
  },
  patterns: ['snapshot-exfiltration'],
  incidents: [
    {
      incident: 'mitiga-public-rds-snapshots-2022',
      kind: 'precondition',
      why: 'Mitiga found RDS snapshots their owners had marked public, cloned them into its own account, restored them and found personal data in the tables.',
      source: 'https://mitiga.io/blog/how-mitiga-found-pii-in-exposed-amazon-rds-snapshots',
    },
    {
      incident: 'duo-security-scott-piper-2018',
      kind: 'related',
      why: 'The Duo study counts EBS snapshots that thousands of accounts had made public, the same exposure on disks rather than databases.',
      source: 'https://duo.com/decipher/exposed-aws-resources-leaked-sensitive-data',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.rdsSnapshots, {
      what: 'the manual RDS snapshots',
      action: 'rds:DescribeDBSnapshots',
      nothing: 'The account owns no manual RDS snapshot in any scanned region (automated snapshots cannot be shared).',
      judge: (listing, region) => judgeRegion(listing, region, rdsRegionResource(partition, region, accountId)),
    });
  },
});

/** Each public snapshot fails on its own; the private ones are counted in one pass for the region. */
function judgeRegion(listing: RdsSnapshotRegion, region: string, regionResource: string): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  let privateSnapshots = 0;
  for (const snapshot of listing.snapshots) {
    if (!snapshot.restore.ok) {
      outcomes.push(rdsRestoreUnknown(snapshot, snapshot.restore.error, region));
      continue;
    }
    // `all` in the restore attribute is what makes a manual snapshot public: "Uses the value all to make
    // the manual DB snapshot public, which means it can be copied or restored by all AWS accounts"
    // (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html).
    if (snapshot.restore.data.includes('all')) {
      // AWS refuses "all" on an encrypted snapshot (same page), so an encrypted one listed here is
      // reported as AWS returned it rather than explained away.
      outcomes.push({
        status: 'fail',
        resource: snapshot.arn,
        region,
        message: `${describeRdsSnapshot(snapshot)} can be copied or restored by any AWS account.`,
        evidence: { ...rdsSnapshotEvidence(snapshot), sharedAccounts: snapshot.restore.data.filter((value) => value !== 'all').sort() },
      });
      continue;
    }
    privateSnapshots += 1;
  }
  outcomes.push(...rdsBudgetUnknown(listing, region, regionResource));
  if (privateSnapshots > 0) {
    outcomes.push({
      status: 'pass',
      resource: regionResource,
      region,
      message: `${privateSnapshots} manual RDS snapshot${privateSnapshots === 1 ? '' : 's'} in ${region} ${privateSnapshots === 1 ? 'is' : 'are'} not public.`,
      evidence: { manualSnapshots: listing.manualSnapshots, privateSnapshots },
    });
  }
  return outcomes;
}
