/**
 * Long-lived keys and the root user, the preconditions of DXC and Uber (ancient keys still in
 * use), Voova and Cisco (keys of people who left), Code Spaces and Chegg (root without MFA, root
 * keys). moto cannot age a key, so the launcher backdates them.
 */
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, reportOf, Scenario, type ScanOutcome } from './harness.js';

const server = e2eServer();

describe.skipIf(!server.available)('IAM credentials: ancient, abandoned and never-used keys; a careless root', () => {
  let scenario: Scenario;
  let outcome: ScanOutcome;
  let report: Report;

  async function userWithKey(name: string): Promise<void> {
    await scenario.iam.send(new CreateUserCommand({ UserName: name }));
    await scenario.iam.send(new CreateAccessKeyCommand({ UserName: name }));
  }

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'iam-credentials');
    await Promise.all(['ancient-but-busy', 'departed', 'never-used', 'fresh'].map(userWithKey));
    await scenario.backdate({ user: 'ancient-but-busy', userCreatedDaysAgo: 420, keys: [{ index: 0, createdDaysAgo: 400, lastUsedDaysAgo: 1 }] });
    await scenario.backdate({ user: 'departed', userCreatedDaysAgo: 700, keys: [{ index: 0, createdDaysAgo: 60, lastUsedDaysAgo: 200, service: 'ec2', region: 'eu-west-1' }] });
    await scenario.backdate({ user: 'never-used', userCreatedDaysAgo: 100, keys: [{ index: 0, createdDaysAgo: 100, neverUsed: true }] });
    await scenario.backdate({ user: 'fresh', userCreatedDaysAgo: 10, keys: [{ index: 0, createdDaysAgo: 5, lastUsedDaysAgo: 1 }] });
    await scenario.setRoot({ accessKeysPresent: true, mfaEnabled: false, accessKeyCreatedDaysAgo: 1500, accessKeyLastUsedDaysAgo: 3 });
    outcome = await scenario.scan(['--region', 'us-east-1', '--fail-on', 'critical']);
    report = reportOf(outcome);
  });
  afterAll(() => scenario?.destroy());

  it('scans the scenario account, and exits 1 because critical findings meet --fail-on critical', () => {
    expect(report.account.id).toBe(scenario.accountId);
    expect(outcome.exitCode).toBe(1);
  });

  it('fails rotation for a 400-day-old key used yesterday, and does not call it unused', () => {
    const rotation = findResult(report, 'iam-access-key-rotation', ':user/ancient-but-busy');
    expect(rotation.status).toBe('fail');
    expect(rotation.qualifier).toBe('access-key-1');
    expect(rotation.message).toMatch(/40\d days old/);
    expect(findResult(report, 'iam-access-key-unused', ':user/ancient-but-busy').status).toBe('pass');
  });

  it('fails a key of a user who left, last used 200 days ago (but young enough to pass rotation)', () => {
    const unused = findResult(report, 'iam-access-key-unused', ':user/departed');
    expect(unused.status).toBe('fail');
    expect(unused.message).toMatch(/20\d days/);
    expect(findResult(report, 'iam-access-key-rotation', ':user/departed').status).toBe('pass');
  });

  it('fails a key that was never used in its 100 days', () => {
    const unused = findResult(report, 'iam-access-key-unused', ':user/never-used');
    expect(unused.status).toBe('fail');
    expect(unused.message).toMatch(/never/i);
    expect(findResult(report, 'iam-access-key-rotation', ':user/never-used').status).toBe('fail');
  });

  it('passes a fresh key that is in use', () => {
    expect(findResult(report, 'iam-access-key-rotation', ':user/fresh').status).toBe('pass');
    expect(findResult(report, 'iam-access-key-unused', ':user/fresh').status).toBe('pass');
  });

  it('fails root access keys and root without MFA, matched to Chegg and imToken', () => {
    const rootArn = `arn:aws:iam::${scenario.accountId}:root`;
    const keys = findResult(report, 'iam-root-access-keys', rootArn);
    const mfa = findResult(report, 'iam-root-mfa', rootArn);
    expect([keys.status, mfa.status]).toEqual(['fail', 'fail']);
    expect(keys.severity).toBe('critical');
    expect(keys.incidents[0]).toMatchObject({ id: 'chegg-2018-04', match: 'precondition' });
    // imToken's root password was reset through its mailbox; Code Spaces' write-up never says root.
    expect(mfa.incidents[0]).toMatchObject({ id: 'imtoken-2018-06', match: 'precondition' });
  });

  it('never puts a secret in the report', () => {
    expect(outcome.stdout).not.toContain(scenario.credentials.secretAccessKey);
    expect(outcome.stdout).not.toMatch(/"SecretAccessKey"|secret_access_key/i);
  });
});
