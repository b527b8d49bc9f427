/**
 * Database snapshots that leave the account: a manual DB snapshot any AWS account can restore (the
 * public RDS snapshots Mitiga restored), one shared with an account nobody listed, one shared with a
 * trusted partner, a private one and the automated snapshot RDS takes itself (never listed: it
 * cannot be shared), and a public Aurora cluster snapshot in a second region. The same account
 * scanned with no attribute reads allowed reports the snapshots unknown, never pass.
 */
import {
  CreateDBClusterCommand,
  CreateDBClusterSnapshotCommand,
  CreateDBInstanceCommand,
  CreateDBSnapshotCommand,
  ModifyDBClusterSnapshotAttributeCommand,
  ModifyDBSnapshotAttributeCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario, SECOND_REGION } from './harness.js';

const server = e2eServer();

const STRANGER = '999988887777';
const PARTNER = '111122223333';
const CHECKS = ['rds-snapshot-public', 'rds-snapshot-shared-unknown-account'];

async function snapshotOf(rds: RDSClient, instance: string, snapshot: string, restore: string[]): Promise<void> {
  await rds.send(new CreateDBSnapshotCommand({ DBInstanceIdentifier: instance, DBSnapshotIdentifier: snapshot }));
  if (restore.length > 0) {
    await rds.send(new ModifyDBSnapshotAttributeCommand({ DBSnapshotIdentifier: snapshot, AttributeName: 'restore', ValuesToAdd: restore }));
  }
}

describe.skipIf(!server.available)('RDS: public and foreign-shared manual snapshots', () => {
  let scenario: Scenario;
  let report: Report;
  let trusting: Report;
  let unbudgeted: Report;
  const clients: RDSClient[] = [];
  const dbArn = (id: string) => `arn:aws:rds:${HOME_REGION}:${scenario.accountId}:snapshot:${id}`;
  const regionResource = (region: string) => `arn:aws:rds:${region}:${scenario.accountId}:*snapshot:*`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'rds-snapshots');
    const client = (region: string) => {
      const rds = new RDSClient({ region, endpoint: scenario.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
      clients.push(rds);
      return rds;
    };
    const home = client(HOME_REGION);
    const second = client(SECOND_REGION);
    await home.send(
      new CreateDBInstanceCommand({
        DBInstanceIdentifier: 'orders-db',
        Engine: 'postgres',
        DBInstanceClass: 'db.t3.micro',
        AllocatedStorage: 20,
        MasterUsername: 'orders',
        MasterUserPassword: 'not-a-real-password-1',
        BackupRetentionPeriod: 7,
      }),
    );
    await Promise.all([
      snapshotOf(home, 'orders-db', 'orders-public', ['all']),
      snapshotOf(home, 'orders-db', 'orders-to-stranger', [STRANGER]),
      snapshotOf(home, 'orders-db', 'orders-to-partner', [PARTNER]),
      snapshotOf(home, 'orders-db', 'orders-private', []),
    ]);
    await second.send(
      new CreateDBClusterCommand({ DBClusterIdentifier: 'ledger-aurora', Engine: 'aurora-postgresql', MasterUsername: 'ledger', MasterUserPassword: 'not-a-real-password-2' }),
    );
    await second.send(new CreateDBClusterSnapshotCommand({ DBClusterIdentifier: 'ledger-aurora', DBClusterSnapshotIdentifier: 'ledger-final' }));
    await second.send(
      new ModifyDBClusterSnapshotAttributeCommand({ DBClusterSnapshotIdentifier: 'ledger-final', AttributeName: 'restore', ValuesToAdd: ['all'] }),
    );

    const base = ['--checks', CHECKS.join(',')];
    const outcomes = await Promise.all([
      scenario.scan([...base, '--region', `${HOME_REGION},${SECOND_REGION}`]),
      scenario.scan([...base, '--region', HOME_REGION, '--trusted-accounts', `${STRANGER},${PARTNER}`]),
      scenario.scan([...base, '--region', HOME_REGION, '--max-rds-snapshot-attribute-calls', '0']),
    ]);
    [report, trusting, unbudgeted] = outcomes.map(reportOf) as [Report, Report, Report];
  });
  afterAll(() => {
    for (const rds of clients) rds.destroy();
    scenario?.destroy();
  });

  it('fails the public DB snapshot and the public Aurora cluster snapshot, each in its region', () => {
    const db = findResult(report, 'rds-snapshot-public', dbArn('orders-public'));
    expect(db).toMatchObject({ status: 'fail', region: HOME_REGION, severity: 'critical' });
    expect(db.incidents[0]?.id).toBe('mitiga-public-rds-snapshots-2022');
    const cluster = findResult(report, 'rds-snapshot-public', `arn:aws:rds:${SECOND_REGION}:${scenario.accountId}:cluster-snapshot:ledger-final`);
    expect(cluster).toMatchObject({ status: 'fail', region: SECOND_REGION });
    expect(cluster.message).toContain('DB cluster snapshot ledger-final');
    expect(resultsFor(report, 'rds-snapshot-public').filter((result) => result.status === 'fail')).toHaveLength(2);
  });

  it('counts the other manual snapshots as not public, and never lists the automated one', () => {
    const pass = findResult(report, 'rds-snapshot-public', regionResource(HOME_REGION));
    expect(pass.status).toBe('pass');
    // orders-to-stranger, orders-to-partner, orders-private: the automated snapshot is not a candidate.
    expect(pass.evidence).toMatchObject({ manualSnapshots: 4, privateSnapshots: 3 });
    expect(callsOf(report, 'rds', 'DescribeDBSnapshotAttributes')).toBe(4);
    expect(callsOf(report, 'rds', 'DescribeDBClusterSnapshotAttributes')).toBe(1);
  });

  it('fails the snapshot shared with an unknown account, and passes the same share once the account is trusted', () => {
    const stranger = findResult(report, 'rds-snapshot-shared-unknown-account', dbArn('orders-to-stranger'));
    expect(stranger).toMatchObject({ status: 'fail', severity: 'high' });
    expect(stranger.evidence).toMatchObject({ unknownAccounts: [STRANGER] });
    expect(findResult(report, 'rds-snapshot-shared-unknown-account', dbArn('orders-to-partner')).status).toBe('fail');
    for (const id of ['orders-to-stranger', 'orders-to-partner']) {
      expect(findResult(trusting, 'rds-snapshot-shared-unknown-account', dbArn(id)).status).toBe('pass');
    }
    expect(resultsFor(trusting, 'rds-snapshot-shared-unknown-account').filter((result) => result.status === 'fail')).toEqual([]);
  });

  it('with --max-rds-snapshot-attribute-calls 0, reads no attribute and reports the snapshots unknown, never pass', () => {
    for (const check of CHECKS) {
      const results = resultsFor(unbudgeted, check);
      expect(results.map((result) => [result.status, result.resource])).toEqual([['unknown', regionResource(HOME_REGION)]]);
      expect(results[0]?.message).toMatch(/--max-rds-snapshot-attribute-calls/);
    }
    expect(callsOf(unbudgeted, 'rds', 'DescribeDBSnapshotAttributes')).toBe(0);
  });
});
