/**
 * Disks that leave the account and disks that come in from strangers. A snapshot shared with an
 * account nobody listed (the DNC snapshot theft: copies restored in the attacker's account), the
 * same scan with that account trusted, and with no attribute reads allowed (unknown, never pass);
 * snapshot Block Public Access, which moto does not implement (unknown per region, answered at
 * once); and an instance running a community AMI that a second account published (the Monero-mining
 * Windows AMI), next to one running the account's own AMI and one whose AMI was deregistered.
 */
import { DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario, SECOND_REGION } from './harness.js';
import { createSnapshot } from './provision.js';
import { createImage, runInstance } from './provision-hosts.js';

const server = e2eServer();

const STRANGER = '999988887777';
const CHECKS = ['ebs-snapshot-shared-unknown-account', 'ebs-snapshot-block-public-access', 'ec2-instance-untrusted-ami'];
const REGIONS = [HOME_REGION, SECOND_REGION];

describe.skipIf(!server.available)('EBS and AMIs: snapshots shared with strangers, snapshot Block Public Access, community AMIs', () => {
  let scenario: Scenario;
  let publisher: Scenario;
  let report: Report;
  let trusting: Report;
  let unbudgeted: Report;
  const snapshots = { stranger: '', private: '' };
  const images = { community: '', own: '', deregistered: '' };
  const instances = { community: '', own: '', deregistered: '' };

  const snapshotArn = (id: string) => `arn:aws:ec2:${HOME_REGION}::snapshot/${id}`;
  const instanceArn = (id: string) => `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:instance/${id}`;

  beforeAll(async () => {
    [scenario, publisher] = await Promise.all([Scenario.create(server.endpoint, 'snapshots-and-amis'), Scenario.create(server.endpoint, 'ami-publisher')]);
    const ec2 = scenario.ec2(HOME_REGION);
    // The publisher's community AMI, public for every account.
    images.community = await createImage(publisher.ec2(HOME_REGION), 'windows-2008-r2-sp1-base', 'public');
    [snapshots.stranger, snapshots.private, images.own, images.deregistered] = await Promise.all([
      createSnapshot(ec2, `${HOME_REGION}a`, { userId: STRANGER }),
      createSnapshot(ec2, `${HOME_REGION}a`),
      createImage(ec2, 'pinecone-golden-2026-11', 'private'),
      createImage(ec2, 'pinecone-golden-2026-01', 'private'),
    ]);
    [instances.community, instances.own, instances.deregistered] = await Promise.all([
      runInstance(ec2, { imageId: images.community }),
      runInstance(ec2, { imageId: images.own }),
      runInstance(ec2, { imageId: images.deregistered }),
    ]);
    await ec2.send(new DeregisterImageCommand({ ImageId: images.deregistered }));

    const base = ['--checks', CHECKS.join(',')];
    const outcomes = await Promise.all([
      scenario.scan([...base, '--region', REGIONS.join(',')]),
      scenario.scan([...base, '--region', HOME_REGION, '--trusted-accounts', `${STRANGER},${publisher.accountId}`]),
      scenario.scan([...base, '--region', HOME_REGION, '--max-snapshot-attribute-calls', '0']),
    ]);
    [report, trusting, unbudgeted] = outcomes.map(reportOf) as [Report, Report, Report];
  });
  afterAll(() => {
    scenario?.destroy();
    publisher?.destroy();
  });

  it('fails the snapshot shared with an unknown account, naming the account', () => {
    const result = findResult(report, 'ebs-snapshot-shared-unknown-account', snapshotArn(snapshots.stranger));
    expect(result.status).toBe('fail');
    expect(result.evidence['unknownAccounts']).toEqual([STRANGER]);
    expect(result.message).toContain(STRANGER);
    expect(result.incidents.map((incident) => incident.id)).toContain('dnc-gru-2016-06');
  });

  it('counts the unshared snapshot in the region pass, and spends one attribute call per owned snapshot', () => {
    expect(resultsFor(report, 'ebs-snapshot-shared-unknown-account', snapshotArn(snapshots.private))).toEqual([]);
    const region = findResult(report, 'ebs-snapshot-shared-unknown-account', `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:snapshot/*`);
    expect(region.status).toBe('pass');
    // The AMIs' own snapshots are the account's too; every owned snapshot is read once.
    expect(callsOf(report, 'ec2', 'DescribeSnapshotAttribute')).toBe(region.evidence['ownedSnapshots']);
  });

  it('passes the same share when the account is in --trusted-accounts', () => {
    const result = findResult(trusting, 'ebs-snapshot-shared-unknown-account', snapshotArn(snapshots.stranger));
    expect(result.status).toBe('pass');
    expect(result.evidence['trustedAccounts']).toEqual([STRANGER]);
    expect(trusting.options.trustedAccounts).toEqual(expect.arrayContaining([STRANGER]));
  });

  it('with --max-snapshot-attribute-calls 0, reads no attribute and reports the snapshots unknown, never pass', () => {
    expect(callsOf(unbudgeted, 'ec2', 'DescribeSnapshotAttribute')).toBe(0);
    const results = resultsFor(unbudgeted, 'ebs-snapshot-shared-unknown-account');
    expect(results.map((result) => `${result.status} ${result.qualifier ?? ''}`)).toEqual(['unknown not-read']);
    expect(results[0]?.message).toMatch(/--max-snapshot-attribute-calls/);
  });

  it('reports snapshot Block Public Access unknown in each region with "not implemented", without a retry storm', () => {
    for (const region of REGIONS) {
      // A region whose setting cannot be read is reported on the account, qualified by the region.
      const result = findResult(report, 'ebs-snapshot-block-public-access', `arn:aws:iam::${scenario.accountId}:root`, `region:${region}`);
      expect(result.status).toBe('unknown');
      expect(result.message).toMatch(/not implemented/);
      expect(result.evidence['missingAction']).toBe('ec2:GetSnapshotBlockPublicAccessState');
    }
    const stat = report.stats.calls.find((call) => call.operation === 'GetSnapshotBlockPublicAccessState');
    // One request per region, none retried: the SDK's default would retry a 5xx answer several times with backoff.
    expect(stat).toMatchObject({ calls: REGIONS.length, errors: REGIONS.length, throttled: 0 });
    expect(stat?.totalMs ?? Number.POSITIVE_INFINITY).toBeLessThan(REGIONS.length * 5_000);
  });

  it('fails the instance running a community AMI of another account', () => {
    const result = findResult(report, 'ec2-instance-untrusted-ami', instanceArn(instances.community));
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('high');
    expect(result.evidence).toMatchObject({ imageId: images.community, imageOwnerId: publisher.accountId, imagePublic: true });
    expect(result.message).toContain('community AMI');
    expect(result.incidents.map((incident) => incident.id)).toContain('cryptomining-ami-2020-08');
  });

  it('passes the instance running the account own AMI, and the community AMI once its publisher is trusted', () => {
    const own = findResult(report, 'ec2-instance-untrusted-ami', instanceArn(instances.own));
    expect(own.status).toBe('pass');
    expect(own.evidence['imageOwnerId']).toBe(scenario.accountId);
    expect(findResult(trusting, 'ec2-instance-untrusted-ami', instanceArn(instances.community)).status).toBe('pass');
  });

  it('reports the instance whose AMI was deregistered as unknown: its publisher can no longer be read', () => {
    const result = findResult(report, 'ec2-instance-untrusted-ami', instanceArn(instances.deregistered));
    expect(result.status).toBe('unknown');
    expect(result.evidence['imageVisible']).toBe(false);
    // One batched DescribeImages per region, never one per instance (plus one retry that drops unknown ids at most).
    expect(callsOf(report, 'ec2', 'DescribeImages')).toBeLessThanOrEqual(REGIONS.length + 1);
  });
});
