import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ebsSnapshotSharingCollector } from '../../../src/collect/snapshot-sharing.js';
import { ebsSnapshotSharingSchema } from '../../../src/inventory/schema.js';

import { buildCollectContext, ec2Error, regionResult, okData, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === 'function' ? await (region as () => Promise<string>)() : String(region);
}

describe('ebsSnapshotSharingCollector (mocked SDK)', () => {
  let ec2: AwsClientStub<EC2Client>;
  beforeAll(() => {
    ec2 = mockClient(EC2Client);
  });
  afterAll(() => ec2.restore());
  beforeEach(() => ec2.reset());

  it('lists owned snapshots with one paginated call, drops foreign ones and reads each one\'s permissions', async () => {
    ec2.on(DescribeSnapshotsCommand)
      .resolvesOnce({
        Snapshots: [
          { SnapshotId: 'snap-a', OwnerId: TEST_ACCOUNT_ID, VolumeSize: 20, Encrypted: true, StartTime: new Date('2026-01-02T00:00:00Z') },
          // moto ignores OwnerIds and returns the snapshots behind public AMIs as well.
          { SnapshotId: 'snap-amazon', OwnerId: '801119661308' },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-b', OwnerId: TEST_ACCOUNT_ID }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-a' }).resolves({ CreateVolumePermissions: [{ UserId: '999988887777' }] });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-b' }).resolves({ CreateVolumePermissions: [] });
    const { context, progressLines } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await ebsSnapshotSharingCollector.collect(context);

    expect(ec2.commandCalls(DescribeSnapshotsCommand).map((c) => c.args[0].input)).toEqual([
      { OwnerIds: ['self'] },
      { OwnerIds: ['self'], NextToken: 'page-2' },
    ]);
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand).map((c) => c.args[0].input.SnapshotId).sort()).toEqual(['snap-a', 'snap-b']);
    const data = okData(regionResult(result, 'us-east-1'));
    expect(data).toMatchObject({ ownedSnapshots: 2, skippedByBudget: 0, attributeCallBudget: 1000 });
    expect(data.snapshots).toEqual([
      {
        id: 'snap-a',
        arn: 'arn:aws:ec2:us-east-1::snapshot/snap-a',
        volumeSizeGiB: 20,
        encrypted: true,
        startTime: '2026-01-02T00:00:00.000Z',
        createVolumePermissions: { ok: true, data: [{ group: null, userId: '999988887777' }] },
      },
      {
        id: 'snap-b',
        arn: 'arn:aws:ec2:us-east-1::snapshot/snap-b',
        volumeSizeGiB: null,
        encrypted: null,
        startTime: null,
        createVolumePermissions: { ok: true, data: [] },
      },
    ]);
    expect(progressLines.at(-1)).toContain('2 DescribeSnapshotAttribute calls for 2 owned snapshots');
    expect(ebsSnapshotSharingSchema.safeParse(result).success).toBe(true);
  });

  it('spends at most the call budget, newest snapshots first, round robin over the regions, and counts the rest', async () => {
    ec2.on(DescribeSnapshotsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      const day = (d: number) => new Date(Date.UTC(2026, 0, d));
      return region === 'eu-west-1'
        ? { Snapshots: [{ SnapshotId: 'snap-eu-old', OwnerId: TEST_ACCOUNT_ID, StartTime: day(1) }, { SnapshotId: 'snap-eu-new', OwnerId: TEST_ACCOUNT_ID, StartTime: day(9) }] }
        : { Snapshots: [{ SnapshotId: 'snap-us-1', OwnerId: TEST_ACCOUNT_ID, StartTime: day(5) }, { SnapshotId: 'snap-us-2', OwnerId: TEST_ACCOUNT_ID, StartTime: day(6) }] };
    });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ CreateVolumePermissions: [] });
    const { context, recorder, progressLines } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'], budgets: { snapshotAttributeCalls: 3 } });

    const result = await ebsSnapshotSharingCollector.collect(context);

    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand)).toHaveLength(3);
    const eu = okData(regionResult(result, 'eu-west-1'));
    const us = okData(regionResult(result, 'us-east-1'));
    expect(eu.snapshots.map((s) => s.id)).toEqual(['snap-eu-new', 'snap-eu-old']);
    expect(eu.skippedByBudget).toBe(0);
    expect(us.snapshots.map((s) => s.id)).toEqual(['snap-us-2']);
    expect(us).toMatchObject({ ownedSnapshots: 2, skippedByBudget: 1, attributeCallBudget: 3 });
    expect(progressLines.at(-1)).toContain('1 not read (budget 3, raise --max-snapshot-attribute-calls)');
    // mockClient replaces send, so the recorder sees nothing; the budget is what bounds the calls.
    expect(recorder.records).toEqual([]);
  });

  it('shares the budget round robin over the regions, so no region takes it all', async () => {
    ec2.on(DescribeSnapshotsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      return { Snapshots: Array.from({ length: 5 }, (_, i) => ({ SnapshotId: `snap-${region}-${i}`, OwnerId: TEST_ACCOUNT_ID, StartTime: new Date(Date.UTC(2026, 0, i + 1)) })) };
    });
    ec2.on(DescribeSnapshotAttributeCommand).resolves({ CreateVolumePermissions: [] });
    const { context } = buildCollectContext({ regions: ['us-west-2', 'ap-southeast-2', 'eu-west-1'], budgets: { snapshotAttributeCalls: 7 } });

    const result = await ebsSnapshotSharingCollector.collect(context);

    const read = (region: string) => okData(regionResult(result, region)).snapshots.length;
    // 7 calls over 3 regions: 3, 2, 2, the extra one to the first region by name.
    expect([read('ap-southeast-2'), read('eu-west-1'), read('us-west-2')]).toEqual([3, 2, 2]);
  });

  it('a zero budget reads no permission and counts every snapshot as skipped', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [{ SnapshotId: 'snap-a', OwnerId: TEST_ACCOUNT_ID }] });
    const { context } = buildCollectContext({ regions: ['us-east-1'], budgets: { snapshotAttributeCalls: 0 } });

    const result = await ebsSnapshotSharingCollector.collect(context);

    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand)).toHaveLength(0);
    expect(okData(regionResult(result, 'us-east-1'))).toMatchObject({ snapshots: [], skippedByBudget: 1 });
  });

  it('turns a throttled attribute read into that snapshot\'s failure, and an AccessDenied listing into the region\'s', async () => {
    ec2.on(DescribeSnapshotsCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1') throw ec2Error('UnauthorizedOperation', 403);
      return { Snapshots: [{ SnapshotId: 'snap-slow', OwnerId: TEST_ACCOUNT_ID }, { SnapshotId: 'snap-ok', OwnerId: TEST_ACCOUNT_ID }] };
    });
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-slow' }).rejects(ec2Error('RequestLimitExceeded', 503, 3));
    ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-ok' }).resolves({ CreateVolumePermissions: [{ UserId: '111122223333' }] });
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'] });

    const result = await ebsSnapshotSharingCollector.collect(context);

    expect(regionResult(result, 'eu-west-1')).toEqual({
      ok: false,
      error: { code: 'UnauthorizedOperation', message: 'access denied: the scanning identity lacks ec2:DescribeSnapshots', action: 'ec2:DescribeSnapshots' },
    });
    const snapshots = okData(regionResult(result, 'us-east-1')).snapshots;
    const slow = snapshots.find((s) => s.id === 'snap-slow');
    expect(slow?.createVolumePermissions).toEqual({
      ok: false,
      error: { code: 'RequestLimitExceeded', message: 'throttled by AWS after all retries (ec2:DescribeSnapshotAttribute)', action: 'ec2:DescribeSnapshotAttribute' },
    });
    expect(snapshots.find((s) => s.id === 'snap-ok')?.createVolumePermissions).toEqual({ ok: true, data: [{ group: null, userId: '111122223333' }] });
    expect(ebsSnapshotSharingSchema.safeParse(result).success).toBe(true);
  });
});
