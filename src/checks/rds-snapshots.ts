/**
 * What the two RDS snapshot checks share: the facts a result shows about one snapshot, how a
 * snapshot is named in messages, the region's resource for counted outcomes, and the `unknown`
 * for the snapshots the attribute budget left unread.
 */
import type { CheckOutcome, Evidence } from './define.js';
import type { CollectError, RdsSnapshot, RdsSnapshots } from '../inventory/schema.js';

export type RdsSnapshotRegion = Extract<RdsSnapshots[number]['result'], { ok: true }>['data'];

/** `DB snapshot prod-2024` or `DB cluster snapshot aurora-final`. */
export function describeRdsSnapshot(snapshot: RdsSnapshot): string {
  return `${snapshot.kind === 'db-snapshot' ? 'DB snapshot' : 'DB cluster snapshot'} ${snapshot.id}`;
}

/** Listing facts only: no tag, no master user name. The KMS key ARN says which key a recipient would need. */
export function rdsSnapshotEvidence(snapshot: RdsSnapshot): Evidence {
  return {
    snapshotId: snapshot.id,
    snapshotKind: snapshot.kind,
    sourceId: snapshot.sourceId,
    engine: snapshot.engine,
    encrypted: snapshot.encrypted,
    kmsKeyId: snapshot.kmsKeyId,
    createTime: snapshot.createTime,
  };
}

/** Stands for every manual snapshot of the region, DB (`snapshot:`) and cluster (`cluster-snapshot:`) alike. */
export function rdsRegionResource(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:rds:${region}:${accountId}:*snapshot:*`;
}

/** The snapshots the attribute budget did not cover: unknown, never pass. */
export function rdsBudgetUnknown(listing: RdsSnapshotRegion, region: string, resource: string): CheckOutcome[] {
  if (listing.skippedByBudget === 0) return [];
  return [
    {
      status: 'unknown',
      resource,
      region,
      qualifier: 'not-read',
      message: `${listing.skippedByBudget} of ${listing.manualSnapshots} manual RDS snapshots in ${region} were not checked: the snapshot attribute budget (${listing.attributeCallBudget} calls) was spent. Raise --max-rds-snapshot-attribute-calls to cover them.`,
      evidence: {
        manualSnapshots: listing.manualSnapshots,
        snapshotsNotRead: listing.skippedByBudget,
        attributeCallBudget: listing.attributeCallBudget,
      },
    },
  ];
}

/** The `unknown` of one snapshot whose `restore` attribute could not be read. */
export function rdsRestoreUnknown(snapshot: RdsSnapshot, error: CollectError, region: string): CheckOutcome {
  const action = error.action ?? (snapshot.kind === 'db-snapshot' ? 'rds:DescribeDBSnapshotAttributes' : 'rds:DescribeDBClusterSnapshotAttributes');
  return {
    status: 'unknown',
    resource: snapshot.arn,
    region,
    message: `The restore attribute of ${describeRdsSnapshot(snapshot)} could not be read: ${error.message}`,
    evidence: { ...rdsSnapshotEvidence(snapshot), errorCode: error.code, missingAction: action },
  };
}
