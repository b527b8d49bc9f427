/**
 * No secret leaves: an account whose instance user data and tags (instance, volume, bucket, IAM
 * user) hold an AWS key pair, a private key and passwords is collected and scanned into every
 * output (snapshot, all six report formats, stdout, stderr with --debug), and none of the planted
 * values may appear anywhere. `--debug` must log the AWS calls but never the credentials, the
 * session token or a request signature.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { PutBucketTaggingCommand } from '@aws-sdk/client-s3';
import { RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMATS } from '../../src/report/index.js';
import type { Report } from '../../src/report/schema.js';
import { cliEnvironment, e2eServer, HOME_REGION, resultsFor, runCli, Scenario, type ScanOutcome } from './harness.js';
import { createBucket } from './provision.js';

const server = e2eServer();

// Planted values: syntactically real, never valid anywhere.
const ACCESS_KEY_ID = 'AKIAZQ3PLANTED7X2Y4W';
const SECRET_ACCESS_KEY = 'wJalrXUtnPLANTEDbPxRfiCYzz9SECRETkeyQQ';
const PRIVATE_KEY_BODY = 'MIIEowIBAAKCAQEAplantedPRIVATEkeyMATERIALdoNotLeak0123456789abcdef';
const DB_PASSWORD = 'Pl4nted-Db-Passw0rd!';
const TAG_PASSWORD = 'Pl4nted-Tag-Passw0rd?';
const TAG_TOKEN = 'ghp_PLANTEDtagTOKEN0123456789abcdefXYZ';

const PLANTED = [ACCESS_KEY_ID, SECRET_ACCESS_KEY, PRIVATE_KEY_BODY, DB_PASSWORD, TAG_PASSWORD, TAG_TOKEN];

const USER_DATA = [
  '#!/bin/bash',
  `export AWS_ACCESS_KEY_ID=${ACCESS_KEY_ID}`,
  `export AWS_SECRET_ACCESS_KEY=${SECRET_ACCESS_KEY}`,
  `DB_PASSWORD='${DB_PASSWORD}'`,
  "cat > /etc/ssl/private/app.key <<'EOF'",
  '-----BEGIN RSA PRIVATE KEY-----',
  PRIVATE_KEY_BODY,
  '-----END RSA PRIVATE KEY-----',
  'EOF',
  '',
].join('\n');

const SECRET_TAGS = [
  { Key: 'DbPassword', Value: TAG_PASSWORD },
  { Key: 'DeployToken', Value: TAG_TOKEN },
  { Key: 'aws_secret_access_key', Value: SECRET_ACCESS_KEY },
];

/** Every planted value, and the signature material of the scanning session, that appears in `text`. */
function leaksIn(text: string, extra: readonly string[] = []): string[] {
  return [...PLANTED, ...extra].filter((secret) => text.includes(secret));
}

describe.skipIf(!server.available)('no secret leaves: user data and tags with keys, private keys and passwords', () => {
  let scenario: Scenario;
  let dir: string;
  let collect: ScanOutcome;
  let scan: ScanOutcome;
  let fromSnapshot: ScanOutcome[];
  let sessionSecrets: string[];

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'no-secret-leaves');
    sessionSecrets = [scenario.credentials.secretAccessKey, scenario.credentials.sessionToken ?? 'no-session-token'];
    dir = mkdtempSync(join(tmpdir(), 'breachmap-secrets-'));

    await scenario.ec2(HOME_REGION).send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        UserData: Buffer.from(USER_DATA).toString('base64'),
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' },
        TagSpecifications: [
          { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'leaky-web' }, ...SECRET_TAGS] },
          { ResourceType: 'volume', Tags: SECRET_TAGS },
        ],
      }),
    );
    const bucket = `${scenario.accountId}-tagged`;
    await createBucket(scenario.s3(HOME_REGION), bucket, HOME_REGION);
    await scenario.s3(HOME_REGION).send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet: SECRET_TAGS } }));
    await scenario.iam.send(new CreateUserCommand({ UserName: 'tagged-user', Tags: SECRET_TAGS }));

    const env = cliEnvironment(scenario.endpoint, scenario.credentials);
    const region = ['--region', HOME_REGION];
    collect = await runCli(['collect', ...region, '--output', join(dir, 'snapshot.json'), '--debug'], env);
    scan = await runCli(
      [
        'scan',
        ...region,
        '--debug',
        '--format',
        'json',
        ...REPORT_FORMATS.filter((format) => format !== 'json').flatMap((format) => ['--report', `${format}=${join(dir, `live.${format}`)}`]),
      ],
      env,
    );
    fromSnapshot = await Promise.all(
      REPORT_FORMATS.map((format) => runCli(['scan', '--from', join(dir, 'snapshot.json'), '--format', format, '--output', join(dir, `offline.${format}`), '--show-passed'], {})),
    );
  });
  afterAll(() => {
    scenario?.destroy();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('the scan saw the secrets (the user-data check fails on the instance)', () => {
    expect(collect.exitCode, collect.stderr).toBe(0);
    expect(scan.report, scan.stderr).toBeDefined();
    const report = scan.report as Report;
    const userData = resultsFor(report, 'ec2-user-data-secrets').filter((result) => result.status === 'fail');
    expect(userData.length).toBe(1);
    expect(JSON.stringify(userData[0])).toMatch(/aws-access-key|private-key|password/);
    for (const outcome of fromSnapshot) expect(outcome.exitCode, outcome.stderr).toBe(0);
  });

  it('no planted value is in the snapshot, any report file, stdout or stderr', () => {
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      ['snapshot.json', ...REPORT_FORMATS.map((f) => `offline.${f}`), ...REPORT_FORMATS.filter((f) => f !== 'json').map((f) => `live.${f}`)].sort(),
    );
    const hits: string[] = [];
    for (const file of files) for (const leak of leaksIn(readFileSync(join(dir, file), 'utf8'))) hits.push(`${file}: ${leak}`);
    for (const [name, outcome] of [['collect', collect], ['scan', scan], ...fromSnapshot.map((o, i) => [`scan --from #${String(i)}`, o] as const)] as const) {
      for (const leak of leaksIn(outcome.stdout + outcome.stderr)) hits.push(`${name} output: ${leak}`);
    }
    expect(hits).toEqual([]);
  });

  it('the snapshot is owner-only; reports follow the umask', () => {
    for (const file of readdirSync(dir)) {
      const mode = statSync(join(dir, file)).mode & 0o777;
      if (file === 'snapshot.json') expect(mode, file).toBe(0o600);
      else expect(mode & 0o600, file).toBe(0o600);
    }
  });

  it('--debug logs each AWS call, and never the credentials, session token or a signature', () => {
    for (const outcome of [collect, scan]) {
      const debug = outcome.stderr.split('\n').filter((line) => line.startsWith('breachmap: debug: '));
      expect(debug.length).toBeGreaterThan(5);
      expect(outcome.stderr).toMatch(/^breachmap: debug: sts GetCallerIdentity us-east-1 \d+ms ok attempts=1 retries=0$/m);
      expect(outcome.stderr).toMatch(/^breachmap: debug: ec2 DescribeInstanceAttribute us-east-1 \d+ms ok attempts=\d+ retries=\d+$/m);
      expect(leaksIn(outcome.stderr, [...sessionSecrets, scenario.credentials.accessKeyId])).toEqual([]);
      expect(outcome.stderr.match(/.{0,120}(?:AWS4-HMAC-SHA256|Signature=|X-Amz-Security-Token|Credential=|authorization:|x-amz-date).{0,60}/gi) ?? []).toEqual([]);
    }
  });
});
