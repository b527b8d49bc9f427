import { execFile, spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { credentialFailure, EXIT } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/main.js';
import { demoInventory } from '../../../src/demo/inventory.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'breachmap.js');

function capture(env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stdoutIsTty: false, env }, out, err };
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const c = capture(env);
  const code = await main(['node', 'breachmap', ...args], c.io);
  return { code, stdout: c.out.join(''), stderr: c.err.join('') };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'breachmap-cli-'));
}

describe('usage and input errors (exit 2, one line, no stack trace)', () => {
  it.each([
    [['scan', '--format', 'yaml'], /argument 'yaml' is invalid/],
    [['scan', '--region', 'moon-1'], /'moon-1' is not an AWS region name/],
    [['scan', '--fail-on', 'severe'], /argument 'severe' is invalid/],
    [['scan', '--max-key-age-days', '-3'], /expected a positive whole number/],
    [['demo', '--bogus'], /unknown option '--bogus'/],
    [['scan', '--from', 'x.json', '--profile', 'prod'], /cannot be combined/],
  ])('%j', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names the file and the field of a malformed snapshot', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.json');
    const inventory = demoInventory('1.0.0') as unknown as { account: { id: unknown } };
    inventory.account.id = 42;
    writeFileSync(file, JSON.stringify(inventory));
    const result = await cli(['scan', '--from', file]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toContain('field account.id');
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1, "tool": ', /not JSON/],
    ['another schema version', JSON.stringify({ schemaVersion: 99 }), /field schemaVersion: .* version 1, the file has 99/],
    ['unknown fields', JSON.stringify({ ...demoInventory('1.0.0'), surprise: true }), /Unrecognized key.*surprise|surprise/],
  ])('rejects a snapshot that is %s', async (_name, content, message) => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, content);
    const result = await cli(['scan', '--from', file]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('reports an unreadable snapshot', async () => {
    const result = await cli(['scan', '--from', join(tempDir(), 'missing.json')]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/cannot read the snapshot written by 'breachmap collect' \(no such file\)/);
  });
});

describe('exit codes and outputs', () => {
  it('exits 1 when findings reach --fail-on, 0 otherwise', async () => {
    expect((await cli(['demo', '--format', 'json', '--fail-on', 'critical'])).code).toBe(EXIT.findings);
    expect((await cli(['demo', '--format', 'json'])).code).toBe(EXIT.ok);
  });

  it('writes --output atomically with the user\'s umask and no temp files left', async () => {
    const dir = tempDir();
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old content');
    const previous = process.umask(0o027);
    let result: Awaited<ReturnType<typeof cli>>;
    try {
      result = await cli(['demo', '--format', 'json', '--output', file, '--quiet']);
    } finally {
      process.umask(previous);
    }
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveProperty('schemaVersion', 3);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('checks output paths before it starts: a missing directory, a directory, --report too', async () => {
    const dir = tempDir();
    const missing = await cli(['demo', '--output', join(dir, 'no-such-dir', 'report.txt')]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toBe(`breachmap: error: --output ${join(dir, 'no-such-dir', 'report.txt')}: the directory ${join(dir, 'no-such-dir')} does not exist; create it first.\n`);
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    const directory = await cli(['demo', '--output', dir]);
    expect(directory.code).toBe(EXIT.usage);
    expect(directory.stderr).toMatch(/^breachmap: error: --output .* is a directory; name a file in it/);
    const report = await cli(['demo', '--report', `sarif=${join(dir, 'nope', 'x.sarif')}`]);
    expect(report.code).toBe(EXIT.usage);
    expect(report.stderr).toMatch(/^breachmap: error: --report sarif .*does not exist/);
    expect(report.stdout).toBe('');
    const snapshot = await cli(['collect', '--output', join(dir, 'nope', 'account.json')]);
    expect(snapshot.code).toBe(EXIT.usage);
    expect(snapshot.stderr).toMatch(/^breachmap: error: --output .*does not exist/);
  });

  it("'-' reads --from and --baseline from standard input, one of them at a time", async () => {
    const snapshot = JSON.stringify(demoInventory('0.0.0'));
    const c = capture({});
    const code = await main(['node', 'breachmap', 'scan', '--from', '-', '--format', 'json'], { ...c.io, stdin: Readable.from([Buffer.from(snapshot)]) });
    expect(code, c.err.join('')).toBe(EXIT.ok);
    expect(JSON.parse(c.out.join(''))).toHaveProperty('account.id', demoInventory('0.0.0').account.id);
    const report = c.out.join('');
    const b = capture({});
    const baselineCode = await main(['node', 'breachmap', 'demo', '--baseline', '-', '--format', 'json'], { ...b.io, stdin: Readable.from([Buffer.from(report)]) });
    expect(baselineCode, b.err.join('')).toBe(EXIT.ok);
    expect((JSON.parse(b.out.join('')) as { summary: { findings: { new: { total: number } } } }).summary.findings.new.total).toBe(0);
    const both = await cli(['scan', '--from', '-', '--baseline', '-']);
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toMatch(/^breachmap: error: --from and --baseline cannot both read standard input/);
  });

  it('names a mistyped check id in a suppressions file with a did-you-mean and its line', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'risks.yml'), 'suppressions:\n  - check: iam-root-acces-keys\n    resource: "*"\n    reason: test\n    expires: 2026-12-31\n');
    const result = await cli(['demo', '--suppressions', join(dir, 'risks.yml')]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/risks\.yml:2: field suppressions\.0\.check: unknown check id 'iam-root-acces-keys'\. Did you mean 'iam-root-access-keys'/);
  });

  it("'-' writes the report to stdout", async () => {
    const result = await cli(['demo', '--format', 'json', '--output', '-']);
    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toHaveProperty('schemaVersion', 3);
  });

  it('says on stderr what it wrote, with the summary line, when the report goes to a file', async () => {
    const file = join(tempDir(), 'report.json');
    const result = await cli(['demo', '--format', 'json', '--output', file]);
    expect(result.stderr).toMatch(new RegExp(`^breachmap: wrote the json report to ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ open \\(`));
  });

  it('warns when whole checks could not be evaluated', async () => {
    const dir = tempDir();
    const snapshot = JSON.parse(JSON.stringify(demoInventory('0.0.0'))) as { slices: Record<string, unknown> };
    const denied = { ok: false, error: { code: 'AccessDenied', message: 'User is not authorized to perform: iam:GetAccountSummary', action: 'iam:GetAccountSummary' } };
    snapshot.slices['accountSummary'] = denied;
    writeFileSync(join(dir, 'account.json'), JSON.stringify(snapshot));
    const result = await cli(['scan', '--from', join(dir, 'account.json'), '--format', 'json']);
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toMatch(/^breachmap: warning: \d+ of \d+ checks could not be evaluated at all \(missing permissions; run `breachmap permissions`/m);
  });

  it('lists checks and prints a least-privilege policy that is read-only', async () => {
    const checks = await cli(['checks', '--format', 'json']);
    const rows = JSON.parse(checks.stdout) as { id: string; incidents: string[] }[];
    expect(rows.length).toBeGreaterThanOrEqual(9);
    for (const row of rows) expect(row.incidents.length).toBeGreaterThanOrEqual(2);
    const policy = JSON.parse((await cli(['permissions'])).stdout) as { Statement: { Action: string[] }[] };
    const actions = policy.Statement[0]?.Action ?? [];
    expect(actions).toContain('iam:GetAccountAuthorizationDetails');
    expect(actions).toContain('s3:GetBucketAcl');
    for (const action of actions) expect(action).toMatch(/^[a-z0-9]+:(Get|List|Describe|GenerateCredentialReport)/);
  });

  it('lists the incident catalog', async () => {
    const result = await cli(['incidents']);
    expect(result.stdout).toContain('Capital One');
    expect(result.stdout).toMatch(/\d+ incidents\./);
  });
});

describe('credential failures are explained, not stack-traced', () => {
  it.each([
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, undefined, EXIT.cannotRun, /No AWS credentials found/],
    [{ name: 'CredentialsProviderError', message: 'Profile prod could not be found in shared credentials file.' }, 'prod', EXIT.usage, /profile 'prod' not found/],
    [{ name: 'TokenProviderError', message: 'The SSO session associated with this profile has expired or is otherwise invalid.' }, 'sso-dev', EXIT.cannotRun, /aws sso login --profile sso-dev/],
    [{ name: 'ExpiredToken', message: 'The security token included in the request is expired' }, undefined, EXIT.cannotRun, /have expired/],
    [{ name: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' }, undefined, EXIT.cannotRun, /rejected the credentials/],
    [{ name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' }, undefined, EXIT.cannotRun, /Could not reach the AWS STS endpoint/],
  ])('%j', (error, profile, exitCode, message) => {
    const failure = credentialFailure(Object.assign(new Error(error.message), error), profile);
    expect(failure.exitCode).toBe(exitCode);
    expect(failure.message).toMatch(message);
  });

  it('the built CLI says so when there are no credentials at all (exit 3)', async () => {
    const home = tempDir();
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'none-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'none-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_REGION: 'us-east-1',
    };
    const error = await run(process.execPath, [BIN, 'scan', '--region', 'us-east-1'], { env }).catch((e: unknown) => e as { code: number; stderr: string });
    expect((error as { code: number }).code).toBe(EXIT.cannotRun);
    expect((error as { stderr: string }).stderr).toMatch(/No AWS credentials found/);
    expect((error as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
  });

  it('the built CLI says one line and exits 130 on Ctrl-C', async () => {
    // An endpoint that accepts connections and never answers keeps the scan busy until the signal.
    const server = createServer(() => undefined);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      // localhost, not 127.0.0.1: an IP endpoint is refused up front (S3 Control cannot use one).
      const child = spawn(process.execPath, [BIN, 'scan', '--region', 'us-east-1', '--quiet'], {
        env: { PATH: process.env['PATH'] ?? '', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y', AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: `http://localhost:${port}`, AWS_EC2_METADATA_DISABLED: 'true' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
      await new Promise((done) => setTimeout(done, 1500));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr.trim()).toBe('breachmap: interrupted: no report written');
    } finally {
      server.close();
    }
  });

  it('bare breachmap prints help to stdout; -v and --version work after a command too', async () => {
    const bare = await cli([]);
    expect(bare.code).toBe(EXIT.ok);
    expect(bare.stdout).toMatch(/^Usage: breachmap/);
    for (const command of ['scan', 'collect', 'demo', 'checks', 'permissions', 'merge', 'incidents', 'explain']) expect(bare.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    for (const args of [['-v'], ['--version'], ['scan', '--version'], ['demo', '-v']]) {
      const version = await cli(args);
      expect(version.code, args.join(' ')).toBe(EXIT.ok);
      expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
    }
    const unknown = await cli(['scan', '--bogus']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toMatch(/^breachmap: error: unknown option '--bogus'/);
  });

  it('the built CLI names an unknown profile (exit 2)', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'config'), '[profile other]\nregion = us-east-1\n');
    const env = {
      PATH: process.env['PATH'] ?? '',
      HOME: home,
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const error = await run(process.execPath, [BIN, 'scan', '--profile', 'nosuch', '--region', 'us-east-1'], { env }).catch((e: unknown) => e as { code: number; stderr: string });
    expect((error as { code: number }).code).toBe(EXIT.usage);
    expect((error as { stderr: string }).stderr).toMatch(/profile 'nosuch' not found/);
  });
});
