/**
 * Who may restore each manual RDS snapshot the account owns: per region, one paginated
 * DescribeDBSnapshots and one paginated DescribeDBClusterSnapshots with `SnapshotType=manual`, then
 * one DescribeDBSnapshotAttributes or DescribeDBClusterSnapshotAttributes per snapshot for its
 * `restore` attribute (`all` = public, account ids = shared).
 *
 * Why one attribute call per manual snapshot, and no cheaper listing of the public ones:
 * - A DBSnapshot or DBClusterSnapshot as the listings return it carries no sharing field; only the
 *   attribute calls say who may restore it
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DBSnapshot.html,
 *   https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshotAttributes.html).
 * - `SnapshotType=public` (or `IncludePublic`) returns "all DB snapshots that have been marked as
 *   public" in the region, every AWS account's, and the listing has no owner filter (its filters are
 *   db-instance-id, db-snapshot-id, dbi-resource-id, snapshot-type and engine)
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBSnapshots.html). Its
 *   cost grows with the whole world's public snapshots (Mitiga counted 2,783 in one month), not with
 *   the account, and narrowing it by `db-instance-id` would miss the snapshots of deleted instances,
 *   the forgotten ones that matter most.
 * - Only manual snapshots can be shared at all: an automated snapshot must be copied first
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html), so
 *   `SnapshotType=manual` lists every candidate and nothing else.
 * - rds-snapshot-shared-unknown-account needs the account list of every manual snapshot anyway, so
 *   reading each manual snapshot's attribute once serves both checks; the listing cannot drop the
 *   encrypted ones either (a customer managed key still allows a share with named accounts).
 *
 * The attribute reads spend at most `context.budgets.rdsSnapshotAttributeCalls` calls over all
 * regions, newest snapshots first; the rest are counted so the checks report them `unknown`.
 */
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
} from '@aws-sdk/client-rds';
import type { DBClusterSnapshot, DBSnapshot, DBSnapshotAttribute, RDSClient } from '@aws-sdk/client-rds';
import type { RdsSnapshot, RdsSnapshotKind, RdsSnapshots } from '../inventory/schema.js';
import { allocateBudget } from './budget.js';
import { perRegion } from './ec2.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';

/** The largest page the RDS describe calls allow, so a region with many snapshots costs few pages. */
const MAX_RECORDS = 100;

type ListedSnapshot = Omit<RdsSnapshot, 'restore'>;

function fromDbSnapshot(snapshot: DBSnapshot): ListedSnapshot[] {
  if (snapshot.DBSnapshotIdentifier === undefined || snapshot.DBSnapshotArn === undefined) return [];
  return [
    {
      kind: 'db-snapshot',
      id: snapshot.DBSnapshotIdentifier,
      arn: snapshot.DBSnapshotArn,
      sourceId: snapshot.DBInstanceIdentifier ?? null,
      engine: snapshot.Engine ?? null,
      encrypted: snapshot.Encrypted ?? null,
      kmsKeyId: snapshot.KmsKeyId ?? null,
      createTime: snapshot.SnapshotCreateTime?.toISOString() ?? null,
    },
  ];
}

function fromClusterSnapshot(snapshot: DBClusterSnapshot): ListedSnapshot[] {
  if (snapshot.DBClusterSnapshotIdentifier === undefined || snapshot.DBClusterSnapshotArn === undefined) return [];
  return [
    {
      kind: 'db-cluster-snapshot',
      id: snapshot.DBClusterSnapshotIdentifier,
      arn: snapshot.DBClusterSnapshotArn,
      sourceId: snapshot.DBClusterIdentifier ?? null,
      engine: snapshot.Engine ?? null,
      encrypted: snapshot.StorageEncrypted ?? null,
      kmsKeyId: snapshot.KmsKeyId ?? null,
      createTime: snapshot.SnapshotCreateTime?.toISOString() ?? null,
    },
  ];
}

/** Follows `Marker` until the last page; RDS describe calls page this way. */
async function allPages<T>(context: CollectContext, fetchPage: (marker: string | undefined) => Promise<{ items: T[]; marker: string | undefined }>): Promise<T[]> {
  const items: T[] = [];
  let marker: string | undefined;
  do {
    const token = marker;
    const page = await context.limit(() => fetchPage(token));
    items.push(...page.items);
    marker = page.marker === '' ? undefined : page.marker;
  } while (marker !== undefined);
  return items;
}

async function listManualSnapshots(context: CollectContext, client: RDSClient): Promise<ListedSnapshot[]> {
  const [instanceSnapshots, clusterSnapshots] = await Promise.all([
    allPages(context, async (marker) => {
      const page = await client.send(new DescribeDBSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: MAX_RECORDS, ...(marker === undefined ? {} : { Marker: marker }) }));
      return { items: (page.DBSnapshots ?? []).flatMap(fromDbSnapshot), marker: page.Marker };
    }),
    allPages(context, async (marker) => {
      const page = await client.send(new DescribeDBClusterSnapshotsCommand({ SnapshotType: 'manual', MaxRecords: MAX_RECORDS, ...(marker === undefined ? {} : { Marker: marker }) }));
      return { items: (page.DBClusterSnapshots ?? []).flatMap(fromClusterSnapshot), marker: page.Marker };
    }),
  ]);
  return [...instanceSnapshots, ...clusterSnapshots];
}

/** The `restore` values (`all`, account ids); other attribute names are not about sharing. */
function restoreValues(attributes: readonly DBSnapshotAttribute[] | undefined): string[] {
  return (attributes ?? []).filter((attribute) => attribute.AttributeName === 'restore').flatMap((attribute) => attribute.AttributeValues ?? []);
}

function readRestore(context: CollectContext, client: RDSClient, kind: RdsSnapshotKind, id: string): Promise<RdsSnapshot['restore']> {
  if (kind === 'db-snapshot') {
    return settle('rds:DescribeDBSnapshotAttributes', async () => {
      const output = await context.limit(() => client.send(new DescribeDBSnapshotAttributesCommand({ DBSnapshotIdentifier: id })));
      return restoreValues(output.DBSnapshotAttributesResult?.DBSnapshotAttributes);
    });
  }
  return settle('rds:DescribeDBClusterSnapshotAttributes', async () => {
    const output = await context.limit(() => client.send(new DescribeDBClusterSnapshotAttributesCommand({ DBClusterSnapshotIdentifier: id })));
    return restoreValues(output.DBClusterSnapshotAttributesResult?.DBClusterSnapshotAttributes);
  });
}

/** Newest first, then by ARN, so which snapshots fit the budget does not depend on timing. */
function byRecency(a: ListedSnapshot, b: ListedSnapshot): number {
  return (b.createTime ?? '').localeCompare(a.createTime ?? '') || a.arn.localeCompare(b.arn);
}

async function readRegion(
  context: CollectContext,
  region: string,
  listed: ListedSnapshot[],
  chosen: ReadonlySet<string>,
): Promise<RdsSnapshots[number]['result']> {
  const client = context.clients.rds(region);
  const toRead = listed.filter((snapshot) => chosen.has(snapshot.arn)).sort(byRecency);
  const snapshots = await Promise.all(
    toRead.map(async (snapshot): Promise<RdsSnapshot> => ({ ...snapshot, restore: await readRestore(context, client, snapshot.kind, snapshot.id) })),
  );
  return {
    ok: true,
    data: {
      manualSnapshots: listed.length,
      snapshots,
      skippedByBudget: listed.length - toRead.length,
      attributeCallBudget: context.budgets.rdsSnapshotAttributeCalls,
    },
  };
}

export const rdsSnapshotsCollector: SliceCollector<'rdsSnapshots'> = {
  slice: 'rdsSnapshots',
  async collect(context) {
    const listed = await perRegion(context, 'rds:DescribeDBSnapshots', (region) => listManualSnapshots(context, context.clients.rds(region)));
    const budget = context.budgets.rdsSnapshotAttributeCalls;
    const chosen = allocateBudget(listed, budget, byRecency, (snapshot) => snapshot.arn);
    const regional: RdsSnapshots = await Promise.all(
      listed.map(async ({ region, result }) => ({ region, result: result.ok ? await readRegion(context, region, result.data, chosen) : result })),
    );
    const manual = regional.reduce((sum, entry) => sum + (entry.result.ok ? entry.result.data.manualSnapshots : 0), 0);
    const skipped = regional.reduce((sum, entry) => sum + (entry.result.ok ? entry.result.data.skippedByBudget : 0), 0);
    context.progress(
      `RDS sharing: ${chosen.size} snapshot attribute call${chosen.size === 1 ? '' : 's'} for ${manual} manual snapshot${manual === 1 ? '' : 's'}` +
        (skipped === 0 ? '' : `; ${skipped} not read (budget ${budget}, raise --max-rds-snapshot-attribute-calls)`),
    );
    return regional;
  },
};
