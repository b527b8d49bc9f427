import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
  RDSServiceException,
} from '@aws-sdk/client-rds';
import { rdsSnapshotsCollector } from '../../../src/collect/rds-snapshots.js';
import { rdsSnapshotsSchema, SLICES } from '../../../src/inventory/schema.js';
import { buildCollectContext, okData, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

function rdsError(name: string, httpStatusCode = 400, attempts = 1): RDSServiceException {
  return new RDSServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === 'function' ? await (region as () => Promise<string>)() : String(region);
}

const dbArn = (region: string, id: string) => `arn:aws:rds:${region}:${TEST_ACCOUNT_ID}:snapshot:${id}`;
const clusterArn = (region: string, id: string) => `arn:aws:rds:${region}:${TEST_ACCOUNT_ID}:cluster-snapshot:${id}`;

describe('rdsSnapshotsCollector (mocked SDK)', () => {
  let rds: AwsClientStub<RDSClient>;
  beforeAll(() => {
    rds = mockClient(RDSClient);
  });
  afterAll(() => rds.restore());
  beforeEach(() => rds.reset());

  it('lists manual DB and cluster snapshots page by page and reads each one\'s restore attribute', async () => {
    rds.on(DescribeDBSnapshotsCommand)
      .resolvesOnce({
        DBSnapshots: [
          {
            DBSnapshotIdentifier: 'orders-export',
            DBSnapshotArn: dbArn('us-east-1', 'orders-export'),
            DBInstanceIdentifier: 'orders-db',
            Engine: 'postgres',
            Encrypted: false,
            SnapshotCreateTime: new Date('2026-01-02T00:00:00Z'),
            SnapshotType: 'manual',
          },
        ],
        Marker: 'page-2',
      })
      .resolvesOnce({ DBSnapshots: [{ DBSnapshotIdentifier: 'orders-old', DBSnapshotArn: dbArn('us-east-1', 'orders-old') }] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({
      DBClusterSnapshots: [
        {
          DBClusterSnapshotIdentifier: 'aurora-final',
          DBClusterSnapshotArn: clusterArn('us-east-1', 'aurora-final'),
          DBClusterIdentifier: 'orders-aurora',
          Engine: 'aurora-mysql',
          StorageEncrypted: true,
          KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
          SnapshotCreateTime: new Date('2026-01-03T00:00:00Z'),
        },
      ],
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'orders-export' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotIdentifier: 'orders-export', DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }] },
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'orders-old' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] },
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand, { DBClusterSnapshotIdentifier: 'aurora-final' }).resolves({
      DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['999988887777'] }] },
    });
    const { context, progressLines } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await rdsSnapshotsCollector.collect(context);

    expect(rds.commandCalls(DescribeDBSnapshotsCommand).map((c) => c.args[0].input)).toEqual([
      { SnapshotType: 'manual', MaxRecords: 100 },
      { SnapshotType: 'manual', MaxRecords: 100, Marker: 'page-2' },
    ]);
    expect(rds.commandCalls(DescribeDBClusterSnapshotsCommand).map((c) => c.args[0].input)).toEqual([{ SnapshotType: 'manual', MaxRecords: 100 }]);
    const data = okData(regionResult(result, 'us-east-1'));
    expect(data).toMatchObject({ manualSnapshots: 3, skippedByBudget: 0, attributeCallBudget: 1000 });
    // Newest first.
    expect(data.snapshots).toEqual([
      {
        kind: 'db-cluster-snapshot',
        id: 'aurora-final',
        arn: clusterArn('us-east-1', 'aurora-final'),
        sourceId: 'orders-aurora',
        engine: 'aurora-mysql',
        encrypted: true,
        kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd',
        createTime: '2026-01-03T00:00:00.000Z',
        restore: { ok: true, data: ['999988887777'] },
      },
      {
        kind: 'db-snapshot',
        id: 'orders-export',
        arn: dbArn('us-east-1', 'orders-export'),
        sourceId: 'orders-db',
        engine: 'postgres',
        encrypted: false,
        kmsKeyId: null,
        createTime: '2026-01-02T00:00:00.000Z',
        restore: { ok: true, data: ['all'] },
      },
      {
        kind: 'db-snapshot',
        id: 'orders-old',
        arn: dbArn('us-east-1', 'orders-old'),
        sourceId: null,
        engine: null,
        encrypted: null,
        kmsKeyId: null,
        createTime: null,
        restore: { ok: true, data: [] },
      },
    ]);
    expect(progressLines.at(-1)).toBe('RDS sharing: 3 snapshot attribute calls for 3 manual snapshots');
    expect(rdsSnapshotsSchema.safeParse(result).success).toBe(true);
    // Only the record's actions were sent.
    const sent = rds.calls().map((call) => `rds:${(call.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, '')}`);
    expect(new Set(sent)).toEqual(new Set(SLICES.rdsSnapshots.actions));
  });

  it('spends at most the call budget, regions in order and newest first, and counts the rest', async () => {
    rds.on(DescribeDBSnapshotsCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      const day = (d: number) => new Date(Date.UTC(2026, 0, d));
      return {
        DBSnapshots: [
          { DBSnapshotIdentifier: `${region}-old`, DBSnapshotArn: dbArn(region, `${region}-old`), SnapshotCreateTime: day(1) },
          { DBSnapshotIdentifier: `${region}-new`, DBSnapshotArn: dbArn(region, `${region}-new`), SnapshotCreateTime: day(9) },
        ],
      };
    });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    rds.on(DescribeDBSnapshotAttributesCommand).resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] } });
    const { context, progressLines } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'], budgets: { rdsSnapshotAttributeCalls: 3 } });

    const result = await rdsSnapshotsCollector.collect(context);

    expect(rds.commandCalls(DescribeDBSnapshotAttributesCommand)).toHaveLength(3);
    expect(okData(regionResult(result, 'eu-west-1')).snapshots.map((s) => s.id)).toEqual(['eu-west-1-new', 'eu-west-1-old']);
    expect(okData(regionResult(result, 'us-east-1'))).toMatchObject({ manualSnapshots: 2, skippedByBudget: 1, attributeCallBudget: 3 });
    expect(okData(regionResult(result, 'us-east-1')).snapshots.map((s) => s.id)).toEqual(['us-east-1-new']);
    expect(progressLines.at(-1)).toContain('1 not read (budget 3, raise --max-rds-snapshot-attribute-calls)');
  });

  it('turns a throttled attribute read into that snapshot\'s failure, and a denied cluster listing into the region\'s', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({
      DBSnapshots: [
        { DBSnapshotIdentifier: 'slow', DBSnapshotArn: dbArn('us-east-1', 'slow') },
        { DBSnapshotIdentifier: 'fine', DBSnapshotArn: dbArn('us-east-1', 'fine') },
      ],
    });
    rds.on(DescribeDBClusterSnapshotsCommand).callsFake(async (_input, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1') throw rdsError('AccessDenied', 403);
      return { DBClusterSnapshots: [] };
    });
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'slow' }).rejects(rdsError('Throttling', 400, 6));
    rds.on(DescribeDBSnapshotAttributesCommand, { DBSnapshotIdentifier: 'fine' }).resolves({
      DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333'] }] },
    });
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'] });

    const result = await rdsSnapshotsCollector.collect(context);

    const denied = regionResult(result, 'eu-west-1');
    expect(denied.ok).toBe(false);
    if (!denied.ok) expect(denied.error.code).toBe('AccessDenied');
    const snapshots = okData(regionResult(result, 'us-east-1')).snapshots;
    expect(snapshots.find((s) => s.id === 'slow')?.restore).toEqual({
      ok: false,
      error: { code: 'Throttling', message: 'throttled by AWS after all retries (rds:DescribeDBSnapshotAttributes)', action: 'rds:DescribeDBSnapshotAttributes' },
    });
    expect(snapshots.find((s) => s.id === 'fine')?.restore).toEqual({ ok: true, data: ['111122223333'] });
    // The denied region spent no attribute call.
    expect(rds.commandCalls(DescribeDBSnapshotAttributesCommand)).toHaveLength(2);
  });
});
