/**
 * Who may restore each snapshot the account owns: one paginated DescribeSnapshots (OwnerIds=self)
 * per region, then one DescribeSnapshotAttribute per snapshot. The second step costs a call per
 * snapshot, so it spends at most `context.budgets.snapshotAttributeCalls` calls over all regions:
 * newest snapshots first (they hold the freshest data), and the rest are counted as skipped so the
 * check reports them `unknown` instead of passing them.
 */
import { DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import type { EC2Client, Snapshot } from '@aws-sdk/client-ec2';
import type { EbsSnapshotSharing, SnapshotSharing } from '../inventory/schema.js';
import { perRegion, readCreateVolumePermissions } from './ec2.js';
import { allocateBudget } from './budget.js';
import type { CollectContext, SliceCollector } from './types.js';

interface OwnedSnapshot {
  region: string;
  id: string;
  volumeSizeGiB: number | null;
  encrypted: boolean | null;
  startTime: string | null;
}

async function listOwnedSnapshots(context: CollectContext, client: EC2Client, region: string): Promise<OwnedSnapshot[]> {
  const snapshots: Snapshot[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() =>
      client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], ...(token === undefined ? {} : { NextToken: token }) })),
    );
    snapshots.push(...(page.Snapshots ?? []));
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  // Emulators ignore OwnerIds and also return the snapshots behind public AMIs: keep the account's own.
  return snapshots.flatMap((snapshot) =>
    snapshot.SnapshotId === undefined || snapshot.OwnerId !== context.accountId
      ? []
      : [
          {
            region,
            id: snapshot.SnapshotId,
            volumeSizeGiB: snapshot.VolumeSize ?? null,
            encrypted: snapshot.Encrypted ?? null,
            startTime: snapshot.StartTime?.toISOString() ?? null,
          },
        ],
  );
}

/** Newest first, then by id, so which snapshots fit the budget does not depend on timing. */
function byRecency(a: OwnedSnapshot, b: OwnedSnapshot): number {
  return (b.startTime ?? '').localeCompare(a.startTime ?? '') || a.id.localeCompare(b.id);
}

async function readRegion(
  context: CollectContext,
  region: string,
  owned: OwnedSnapshot[],
  chosen: ReadonlySet<string>,
): Promise<EbsSnapshotSharing[number]['result']> {
  const client = context.clients.ec2(region);
  const toRead = owned.filter((snapshot) => chosen.has(`${region}/${snapshot.id}`)).sort(byRecency);
  const snapshots = await Promise.all(
    toRead.map(async (snapshot): Promise<SnapshotSharing> => {
      const createVolumePermissions = await readCreateVolumePermissions(context, client, snapshot.id);
      return {
        id: snapshot.id,
        arn: `arn:${context.partition}:ec2:${region}::snapshot/${snapshot.id}`,
        volumeSizeGiB: snapshot.volumeSizeGiB,
        encrypted: snapshot.encrypted,
        startTime: snapshot.startTime,
        createVolumePermissions,
      };
    }),
  );
  return {
    ok: true,
    data: {
      ownedSnapshots: owned.length,
      snapshots,
      skippedByBudget: owned.length - toRead.length,
      attributeCallBudget: context.budgets.snapshotAttributeCalls,
    },
  };
}

export const ebsSnapshotSharingCollector: SliceCollector<'ebsSnapshotSharing'> = {
  slice: 'ebsSnapshotSharing',
  async collect(context) {
    const listed = await perRegion(context, 'ec2:DescribeSnapshots', (region) =>
      listOwnedSnapshots(context, context.clients.ec2(region), region),
    );
    // Round robin over the regions, newest snapshots first.
    const chosen = allocateBudget(listed, context.budgets.snapshotAttributeCalls, byRecency, (snapshot, region) => `${region}/${snapshot.id}`);
    const regional: EbsSnapshotSharing = await Promise.all(
      listed.map(async ({ region, result }) => ({
        region,
        result: result.ok ? await readRegion(context, region, result.data, chosen) : result,
      })),
    );
    const owned = regional.reduce((sum, entry) => sum + (entry.result.ok ? entry.result.data.ownedSnapshots : 0), 0);
    const skipped = regional.reduce((sum, entry) => sum + (entry.result.ok ? entry.result.data.skippedByBudget : 0), 0);
    context.progress(
      `EBS sharing: ${chosen.size} DescribeSnapshotAttribute call${chosen.size === 1 ? '' : 's'} for ${owned} owned snapshot${owned === 1 ? '' : 's'}` +
        (skipped === 0 ? '' : `; ${skipped} not read (budget ${context.budgets.snapshotAttributeCalls}, raise --max-snapshot-attribute-calls)`),
    );
    return regional;
  },
};
