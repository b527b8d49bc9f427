/**
 * Secrets in EC2 user data, the foothold of Imperva, BrowserStack and Onus (keys left on compute):
 * a gzipped boot script with a planted access key id, secret access key and database password,
 * next to a harmless script that fetches its secret at boot and an instance without user data. The
 * finding must say what and where (kind, line) and never the value: the planted values may appear
 * in no snapshot written by `collect` and in no report format.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { cliEnvironment, e2eServer, findResult, HOME_REGION, reportOf, runCli, Scenario, type ScanOutcome } from './harness.js';
import { gzippedUserData, plainUserData, runInstance } from './provision-hosts.js';

const server = e2eServer();

const CHECK = 'ec2-user-data-secrets';
/** Fake credentials, shaped like real ones so the scanner's patterns match them. */
const PLANTED = {
  accessKeyId: 'AKIAE2EPLANTEDKEY7Q3',
  secretAccessKey: 'wJalrE2ePlantedSecretDoNotLeak0123456789',
  password: 'Planted-Pa55word-e2e',
};
const LEAKY_SCRIPT = [
  '#!/bin/bash',
  'set -euo pipefail',
  `export AWS_ACCESS_KEY_ID=${PLANTED.accessKeyId}`,
  `export AWS_SECRET_ACCESS_KEY=${PLANTED.secretAccessKey}`,
  `DB_PASSWORD='${PLANTED.password}'`,
  '/opt/app/start --db-password "$DB_PASSWORD"',
].join('\n');
const HARMLESS_SCRIPT = [
  '#!/bin/bash',
  'DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text)',
  'TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60")',
  '/opt/app/start',
].join('\n');
const REPORT_FORMATS = ['text', 'sarif', 'markdown', 'junit', 'html'] as const;

describe.skipIf(!server.available)('EC2 user data: planted credentials are found, located and never copied', () => {
  let scenario: Scenario;
  let workDir: string;
  let live: ScanOutcome;
  let report: Report;
  let collected: ScanOutcome;
  let offline: ScanOutcome;
  const leakyUserData = gzippedUserData(LEAKY_SCRIPT);
  const instances = { leaky: '', harmless: '', none: '' };
  const instanceArn = (id: string) => `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:instance/${id}`;
  const snapshotPath = () => join(workDir, 'account.json');
  const reportPath = (format: string) => join(workDir, `report.${format}`);

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'breachmap-e2e-user-data-'));
    scenario = await Scenario.create(server.endpoint, 'user-data-secrets');
    const ec2 = scenario.ec2(HOME_REGION);
    [instances.leaky, instances.harmless, instances.none] = await Promise.all([
      runInstance(ec2, { userData: leakyUserData }),
      runInstance(ec2, { userData: plainUserData(HARMLESS_SCRIPT) }),
      runInstance(ec2),
    ]);
    const env = cliEnvironment(server.endpoint, scenario.credentials);
    [live, collected] = await Promise.all([
      scenario.scan(['--region', HOME_REGION, '--checks', CHECK]),
      runCli(['collect', '--output', snapshotPath(), '--region', HOME_REGION, '--checks', CHECK, '--quiet'], env),
    ]);
    report = reportOf(live);
    // Every other report format, rendered from the snapshot in one offline run.
    offline = await runCli(
      ['scan', '--from', snapshotPath(), '--format', 'json', '--quiet', ...REPORT_FORMATS.flatMap((format) => ['--report', `${format}=${reportPath(format)}`])],
      env,
    );
  });
  afterAll(() => {
    scenario?.destroy();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  it('fails the gzipped script at critical severity, with the kinds and line numbers of what it holds', () => {
    const result = findResult(report, CHECK, instanceArn(instances.leaky));
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('critical');
    expect(result.evidence).toMatchObject({
      userDataEncoding: 'gzip',
      secretKinds: ['aws-access-key-id', 'aws-secret-access-key', 'password-assignment'],
      secretLocations: ['aws-access-key-id at line 3', 'aws-secret-access-key at line 4', 'password-assignment at line 5'],
    });
    expect(result.incidents.length).toBeGreaterThan(0);
  });

  it('passes a script that fetches its secret at boot, and an instance without user data', () => {
    const harmless = findResult(report, CHECK, instanceArn(instances.harmless));
    expect(harmless.status).toBe('pass');
    expect(harmless.evidence).toMatchObject({ userDataEncoding: 'text', secretKinds: [] });
    const none = findResult(report, CHECK, instanceArn(instances.none));
    expect(none.status).toBe('pass');
    expect(none.evidence['userDataEncoding']).toBe('none');
    expect(none.message).toContain('has no user data');
  });

  it('writes a snapshot that holds the match metadata and none of the planted values', () => {
    expect(collected.exitCode, collected.stderr).toBe(0);
    const snapshot = readFileSync(snapshotPath(), 'utf8');
    expect(snapshot).toContain('aws-secret-access-key');
    expect(snapshot).toContain(instances.leaky);
    for (const value of [...Object.values(PLANTED), leakyUserData, 'DB_PASSWORD']) expect(snapshot).not.toContain(value);
  });

  it('re-evaluates the snapshot to the same verdicts as the live scan', () => {
    const verdicts = (r: Report) => r.results.filter((result) => result.checkId === CHECK).map((result) => `${result.resource} ${result.status} ${result.severity}`).sort();
    expect(verdicts(reportOf(offline))).toEqual(verdicts(report));
  });

  it('puts none of the planted values in any report format', () => {
    expect(offline.exitCode, offline.stderr).toBe(0);
    const outputs: [string, string][] = [
      ['json (live)', live.stdout],
      ['json (from snapshot)', offline.stdout],
      ...REPORT_FORMATS.map((format): [string, string] => [format, readFileSync(reportPath(format), 'utf8')]),
    ];
    for (const [format, text] of outputs) {
      // The finding is in every format: the absence below is not an empty file's.
      expect(text, format).toContain(instances.leaky);
      for (const value of [...Object.values(PLANTED), leakyUserData]) expect(text.includes(value), `${format} contains a planted value`).toBe(false);
    }
    expect(`${live.stderr}${collected.stderr}${offline.stderr}`).not.toContain(PLANTED.secretAccessKey);
  });
});
