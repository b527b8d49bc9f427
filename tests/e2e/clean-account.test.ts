/**
 * A well-kept account with one of everything: a fresh key in use, root with MFA and no keys,
 * account-wide Block Public Access, a private versioned bucket, a private snapshot, an IMDSv2
 * instance with a narrow role, a logging multi-region trail with log file validation and GuardDuty
 * on. Nothing may fail, so `--fail-on low` exits 0.
 */
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, HOME_REGION, reportOf, Scenario, type ScanOutcome } from './harness.js';
import { createBucket, createSnapshot, launchWithRole } from './provision.js';
import { createDetector, createTrail } from './provision-detection.js';

const server = e2eServer();

describe.skipIf(!server.available)('a clean account', () => {
  let scenario: Scenario;
  let outcome: ScanOutcome;
  let report: Report;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'clean-account');
    await scenario.iam.send(new CreateUserCommand({ UserName: 'deployer' }));
    await scenario.iam.send(new CreateAccessKeyCommand({ UserName: 'deployer' }));
    await scenario.backdate({ user: 'deployer', userCreatedDaysAgo: 30, keys: [{ index: 0, createdDaysAgo: 20, lastUsedDaysAgo: 1 }] });
    await scenario.setRoot({ accessKeysPresent: false, mfaEnabled: true });
    await scenario.s3Control.send(
      new PutPublicAccessBlockCommand({
        AccountId: scenario.accountId,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
    await createBucket(scenario.s3(HOME_REGION), `${scenario.accountId}-private`, HOME_REGION);
    await scenario.s3(HOME_REGION).send(new PutBucketVersioningCommand({ Bucket: `${scenario.accountId}-private`, VersioningConfiguration: { Status: 'Enabled' } }));
    await createSnapshot(scenario.ec2(HOME_REGION), `${HOME_REGION}a`);
    await launchWithRole(scenario, HOME_REGION, {
      name: 'reader',
      inline: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-config/settings.json' }],
      httpTokens: 'required',
    });
    await createTrail(scenario, { name: 'account-audit', region: HOME_REGION, multiRegion: true, validation: true, logging: 'started' });
    // The trail's log bucket keeps its history too (s3-bucket-destruction-protection).
    await scenario.s3(HOME_REGION).send(new PutBucketVersioningCommand({ Bucket: `${scenario.accountId}-account-audit-logs`, VersioningConfiguration: { Status: 'Enabled' } }));
    await createDetector(scenario, HOME_REGION, true);
    outcome = await scenario.scan(['--region', HOME_REGION, '--fail-on', 'low']);
    report = reportOf(outcome);
  });
  afterAll(() => scenario?.destroy());

  it('has zero failing results and exits 0 under --fail-on low', () => {
    const failing = report.results.filter((result) => result.status === 'fail').map((result) => `${result.checkId} ${result.resource}: ${result.message}`);
    expect(failing).toEqual([]);
    expect(report.summary.results.fail).toBe(0);
    expect(outcome.exitCode).toBe(0);
  });

  it('still judged every resource: passes for the key, root, bucket, account guardrail and instance', () => {
    const passed = new Set(report.results.filter((result) => result.status === 'pass').map((result) => result.checkId));
    for (const checkId of [
      'iam-root-access-keys',
      'iam-root-mfa',
      'iam-access-key-rotation',
      'iam-access-key-unused',
      's3-bucket-public-write',
      's3-account-public-access-block',
      'ec2-imdsv1-enabled',
      'ec2-instance-role-overprivileged',
      'cloudtrail-multi-region-logging',
      'guardduty-enabled',
    ]) {
      expect(passed, checkId).toContain(checkId);
    }
  });

  it('says not_applicable, once for the account, where nothing public was listed to judge', () => {
    for (const checkId of ['ebs-snapshot-public', 'ec2-ami-public']) {
      const results = report.results.filter((result) => result.checkId === checkId);
      expect(results.map((result) => [result.status, result.resource]), checkId).toEqual([['not_applicable', `arn:aws:iam::${report.account.id}:root`]]);
    }
  });
});
