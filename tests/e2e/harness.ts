/**
 * The end-to-end harness: runs moto (through tests/e2e/moto_launcher.py) on a free loopback port,
 * gives every scenario its own AWS account on it, provisions that account with the real AWS SDK,
 * and runs the BUILT breachmap CLI against it as a subprocess with only standard environment
 * variables, exactly as a user would.
 *
 * Adding a scenario: in a new tests/e2e/<name>.test.ts, `const server = e2eServer()`, then in
 * `beforeAll` `const scenario = await Scenario.create(server.endpoint, '<name>')`, provision with
 * `scenario.iam` / `scenario.s3(region)` / `scenario.ec2(region)` (+ `backdate`, `setRoot`), run
 * `scenario.scan([...])` and assert on `findResult(...)`. Wrap the suite in
 * `describe.skipIf(!server.available)` so a machine without moto skips it with the reason.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity } from '@smithy/types';
import { inject } from 'vitest';
import type { Report, Result } from '../../src/report/schema.js';
import type { Status } from '../../src/model.js';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAUNCHER = join(REPO_ROOT, 'tests', 'e2e', 'moto_launcher.py');
const CLI = join(REPO_ROOT, 'bin', 'breachmap.js');
const MISSING_MOTO_EXIT_CODE = 3;

export const HOME_REGION = 'us-east-1';
export const SECOND_REGION = 'eu-west-1';

/** The credentials moto accepts before any IAM user exists; they act in its default account. */
const BOOTSTRAP_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'testing', secretAccessKey: 'testing' };

// ---------------------------------------------------------------- the server

/** The Python interpreter that has moto; overridable for a virtualenv. */
export function pythonExecutable(): string {
  return process.env['BREACHMAP_E2E_PYTHON'] ?? 'python3';
}

/** moto cannot run on this machine: no Python, or no moto[server] in it. */
export class MotoUnavailableError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MotoUnavailableError';
  }
}

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Where moto's request recorder writes (moto_api recorder), private to this server. */
  recordingFile: string;
  stop: () => Promise<void>;
}

export interface StartMotoOptions {
  /** Extra environment for the server process (moto settings). */
  env?: Record<string, string>;
  startTimeoutMs?: number;
}

/** Starts the launcher and resolves once it printed its port (it is accepting connections then). */
export async function startMoto(options: StartMotoOptions = {}): Promise<MotoServer> {
  const workDir = mkdtempSync(join(tmpdir(), 'breachmap-moto-'));
  const recordingFile = join(workDir, 'recording.jsonl');
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The server must not pick up the developer's AWS settings, nor vitest's dead-port endpoint.
    if (!key.startsWith('AWS_') && !key.startsWith('MOTO_') && value !== undefined) env[key] = value;
  }
  Object.assign(env, {
    MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
    MOTO_EC2_LOAD_DEFAULT_AMIS: 'false',
    MOTO_RECORDER_FILEPATH: recordingFile,
    PYTHONUNBUFFERED: '1',
    ...options.env,
  });
  const python = pythonExecutable();
  const child: ChildProcessWithoutNullStreams = spawn(python, [LAUNCHER, '--exit-on-stdin-eof'], { env, cwd: workDir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    // Keep only the tail: moto logs every request at INFO level.
    stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`moto did not start within ${options.startTimeoutMs ?? 30_000} ms: ${stderr.trim()}`));
    }, options.startTimeoutMs ?? 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /MOTO_LAUNCHER_PORT=(\d+)/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new MotoUnavailableError(`${python} could not be run (${error.message}); set BREACHMAP_E2E_PYTHON to a Python 3 with moto[server]`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      const lastLine = stderr.trim().split('\n').at(-1) ?? '';
      // Exit code 3: the launcher could not import moto[server] (its message says how to install it).
      if (code === MISSING_MOTO_EXIT_CODE) reject(new MotoUnavailableError(`${python}: ${lastLine}`));
      else reject(new Error(`moto launcher exited with code ${code ?? 'signal'} before it was ready: ${lastLine}`));
    });
  });

  return {
    endpoint: `http://localhost:${port}`,
    port,
    recordingFile,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** What globalSetup provides to every e2e file: the shared server, or why there is none. */
declare module 'vitest' {
  export interface ProvidedContext {
    motoEndpoint: string | null;
    motoUnavailable: string | null;
  }
}

export interface E2eServer {
  available: boolean;
  /** Only valid when `available`. */
  endpoint: string;
  /** Why the suite is skipped, when it is. */
  skipReason: string | null;
}

/** The shared moto server started by tests/e2e/global-setup.ts. */
export function e2eServer(): E2eServer {
  const endpoint = inject('motoEndpoint');
  const reason = inject('motoUnavailable');
  return { available: endpoint !== null, endpoint: endpoint ?? 'http://unavailable.invalid', skipReason: reason };
}

// ---------------------------------------------------------------- clients for provisioning

/**
 * Maps `*.localhost` to loopback (RFC 6761) for the SDK: S3 Control puts the account id in front
 * of the host ("123456789012.localhost"), which the system resolver does not know.
 */
function localhostLookup(
  hostname: string,
  options: LookupOptions,
  callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
): void {
  dnsLookup(hostname.endsWith('.localhost') ? 'localhost' : hostname, options, callback);
}

export interface ClientSet {
  iam: IAMClient;
  sts: STSClient;
  s3Control: S3ControlClient;
  s3: (region: string) => S3Client;
  ec2: (region: string) => EC2Client;
  destroy: () => void;
}

export function buildClients(endpoint: string, credentials: AwsCredentialIdentity): ClientSet {
  const requestHandler = new NodeHttpHandler({ httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 32, lookup: localhostLookup }) });
  const common = (region: string) => ({ region, endpoint, credentials, requestHandler, maxAttempts: 2 });
  const s3ByRegion = new Map<string, S3Client>();
  const ec2ByRegion = new Map<string, EC2Client>();
  return {
    iam: new IAMClient(common(HOME_REGION)),
    sts: new STSClient(common(HOME_REGION)),
    s3Control: new S3ControlClient(common(HOME_REGION)),
    s3: (region) => {
      const client = s3ByRegion.get(region) ?? new S3Client({ ...common(region), forcePathStyle: true });
      s3ByRegion.set(region, client);
      return client;
    },
    ec2: (region) => {
      const client = ec2ByRegion.get(region) ?? new EC2Client(common(region));
      ec2ByRegion.set(region, client);
      return client;
    },
    destroy: () => requestHandler.destroy(),
  };
}

// ---------------------------------------------------------------- scenarios

/** A fresh 12-digit account id; random so parallel files and reruns never share an account. */
export function newAccountId(): string {
  return String(randomInt(100_000_000_000, 999_999_999_999));
}

export interface ScanOutcome {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The parsed JSON report (undefined when stdout was not JSON). */
  report: Report | undefined;
}

export interface BackdateRequest {
  user: string;
  userCreatedDaysAgo?: number;
  passwordLastUsedDaysAgo?: number;
  keys?: { index: number; createdDaysAgo?: number; lastUsedDaysAgo?: number; neverUsed?: boolean; service?: string; region?: string }[];
}

export interface RootRequest {
  accessKeysPresent: boolean;
  mfaEnabled: boolean;
  createdDaysAgo?: number;
  accessKeyCreatedDaysAgo?: number;
  accessKeyLastUsedDaysAgo?: number;
}

/** One isolated AWS account on the moto server, with SDK clients acting in it. */
export class Scenario {
  private constructor(
    readonly endpoint: string,
    readonly accountId: string,
    readonly credentials: AwsCredentialIdentity,
    readonly clients: ClientSet,
  ) {}

  /**
   * Assumes a role in a brand-new account: moto routes every call signed with the session's key
   * to that account, and the CLI needs nothing but the standard credential variables to follow.
   */
  static async create(endpoint: string, label: string, accountId: string = newAccountId()): Promise<Scenario> {
    const bootstrap = buildClients(endpoint, BOOTSTRAP_CREDENTIALS);
    try {
      const assumed = await bootstrap.sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/breachmap-e2e`, RoleSessionName: label.replace(/[^\w+=,.@-]/g, '-') }),
      );
      const c = assumed.Credentials;
      if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined) {
        throw new Error('moto AssumeRole returned no credentials');
      }
      const credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
      return new Scenario(endpoint, accountId, credentials, buildClients(endpoint, credentials));
    } finally {
      bootstrap.destroy();
    }
  }

  get iam(): IAMClient {
    return this.clients.iam;
  }
  get s3Control(): S3ControlClient {
    return this.clients.s3Control;
  }
  s3(region: string = HOME_REGION): S3Client {
    return this.clients.s3(region);
  }
  ec2(region: string = HOME_REGION): EC2Client {
    return this.clients.ec2(region);
  }

  /** Moves an IAM user's and its keys' dates into the past (launcher route). */
  async backdate(request: BackdateRequest): Promise<void> {
    await testRoute(this.endpoint, '/_test/iam/backdate', { account: this.accountId, ...request });
  }

  /** Sets the root user's access-key and MFA flags and its credential-report row (launcher route). */
  async setRoot(request: RootRequest): Promise<void> {
    await testRoute(this.endpoint, '/_test/iam/root', { account: this.accountId, ...request });
  }

  /** Runs `breachmap scan --format json` against this account with the scenario's session. */
  scan(args: readonly string[] = [], credentials: AwsCredentialIdentity = this.credentials): Promise<ScanOutcome> {
    return runCli(['scan', '--format', 'json', '--quiet', ...args], cliEnvironment(this.endpoint, credentials));
  }

  destroy(): void {
    this.clients.destroy();
  }
}

async function testRoute(endpoint: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${endpoint}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  if (!response.ok) throw new Error(`${path} failed: HTTP ${response.status} ${await response.text()}`);
}

/**
 * Exactly the variables a user would set for a local emulator, and nothing else: no profile, no
 * home directory settings, no test-only switch.
 */
export function cliEnvironment(endpoint: string, credentials: AwsCredentialIdentity, region: string = HOME_REGION): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: region,
    BREACHMAP_S3_PATH_STYLE: '1',
  };
  if (credentials.sessionToken !== undefined) env['AWS_SESSION_TOKEN'] = credentials.sessionToken;
  return env;
}

/** Runs the built CLI (bin/breachmap.js → dist/) as a child process. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<ScanOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      let report: Report | undefined;
      try {
        report = JSON.parse(stdout) as Report;
      } catch {
        report = undefined;
      }
      resolve({ exitCode, stdout, stderr: Buffer.concat(err).toString('utf8'), report });
    });
  });
}

// ---------------------------------------------------------------- assertions

/** The report, or a failure that shows what the CLI said instead. */
export function reportOf(outcome: ScanOutcome): Report {
  if (outcome.report === undefined) {
    throw new Error(`breachmap printed no JSON report (exit ${outcome.exitCode ?? 'signal'}): ${outcome.stderr.trim().slice(0, 2_000)}`);
  }
  return outcome.report;
}

/** The results of one check whose resource matches (exactly, or by a suffix such as `:user/alice`). */
export function resultsFor(report: Report, checkId: string, resource?: string): Result[] {
  return report.results.filter(
    (result) => result.checkId === checkId && (resource === undefined || result.resource === resource || result.resource.endsWith(resource)),
  );
}

/** Exactly one result for the check and resource; fails with the candidates when not found. */
export function findResult(report: Report, checkId: string, resource: string, qualifier?: string): Result {
  const found = resultsFor(report, checkId, resource).filter((result) => qualifier === undefined || result.qualifier === qualifier);
  if (found.length !== 1) {
    const candidates = resultsFor(report, checkId).map((r) => `${r.resource}${r.qualifier === undefined ? '' : ` [${r.qualifier}]`} ${r.status}`);
    throw new Error(`expected one ${checkId} result for ${resource}, found ${found.length}; ${checkId} results: ${candidates.join('; ') || 'none'}`);
  }
  return found[0] as Result;
}

export function statusesOf(report: Report, checkId: string): Status[] {
  return resultsFor(report, checkId).map((result) => result.status);
}

/** Total calls of one operation in the report's stats (0 when never called). */
export function callsOf(report: Report, service: string, operation: string): number {
  return report.stats.calls.find((stat) => stat.service === service && stat.operation === operation)?.calls ?? 0;
}
