/**
 * The benchmark (`npm run bench`; not part of `npm test`): how many AWS calls a scan of a large
 * account makes compared with the fewest its verdicts need, how long a 20-account organization
 * takes at a realistic round-trip time, and whether heavy throttling changes any verdict.
 *
 * 1. Starts moto (tests/e2e/moto_launcher.py) and provisions, in parallel: one large account
 *    (500 users with keys, 200 roles, 1,000 buckets, 5,000 snapshots of which a few are public,
 *    300 instances, over 4 regions) and an organization of 20 small accounts.
 * 2. Scans the large account through tests/e2e/proxy.ts at `--latency` ms per request (default 50)
 *    and counts the calls per operation on the wire.
 * 3. Scans the organization (`scan --org` when the CLI has it, else one account after the other).
 * 4. Scans the large account again with `--throttle` (default 0.3) of the requests throttled, and
 *    compares every verdict with step 2.
 * Prints the figures and writes them to bench/results.json (git-ignored).
 *
 * Flags: --latency <ms>, --throttle <rate> (0 skips step 4), --seed <n>, --quick (a tenth of every
 * size, for trying the script out), --output <file>.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateSnapshotCommand,
  CreateVolumeCommand,
  ModifySnapshotAttributeCommand,
  RunInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import pLimit from 'p-limit';
import { DEFAULT_CALL_BUDGETS } from '../src/collect/types.js';
import type { Report, Result } from '../src/report/schema.js';
import { cliEnvironment, Scenario } from '../tests/e2e/harness.js';
import { createBucket, EC2_TRUST_POLICY, grantAllUsers } from '../tests/e2e/provision.js';
import { startWireProxy, type FaultRule, type ProxyCounts } from '../tests/e2e/proxy.js';

// ---------------------------------------------------------------- settings

interface Flags {
  latencyMs: number;
  throttleRate: number;
  seed: number;
  quick: boolean;
  /** Which account the throttled scan reads: the large one takes long (see bench/README.md). */
  throttleTarget: 'large' | 'small';
  output: string;
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'tests', 'e2e', 'moto_launcher.py'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the breachmap repository above bench/');
    dir = parent;
  }
  return dir;
}

const ROOT = repoRoot();
const CLI = join(ROOT, 'bin', 'breachmap.js');
const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'ap-southeast-2'] as const;
const HOME = REGIONS[0];
const ORG_ROLE = 'OrganizationAccountAccessRole';

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = { latencyMs: 50, throttleRate: 0.3, seed: 7, quick: false, throttleTarget: 'small', output: join(ROOT, 'bench', 'results.json') };
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i];
    const value = argv[i + 1];
    const number = () => {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${name ?? ''} needs a number`);
      i += 1;
      return n;
    };
    if (name === '--latency') flags.latencyMs = number();
    else if (name === '--throttle') flags.throttleRate = number();
    else if (name === '--seed') flags.seed = number();
    else if (name === '--quick') flags.quick = true;
    else if (name === '--throttle-large') flags.throttleTarget = 'large';
    else if (name === '--output' && value !== undefined) {
      flags.output = resolve(value);
      i += 1;
    } else throw new Error(`unknown flag ${name ?? ''} (known: --latency, --throttle, --throttle-large, --seed, --quick, --output)`);
  }
  return flags;
}

interface Sizes {
  users: number;
  roles: number;
  buckets: number;
  publicWriteBuckets: number;
  snapshots: number;
  publicSnapshots: number;
  instances: number;
  orgAccounts: number;
}

function sizes(quick: boolean): Sizes {
  const full: Sizes = { users: 500, roles: 200, buckets: 1000, publicWriteBuckets: 4, snapshots: 5000, publicSnapshots: 8, instances: 300, orgAccounts: 20 };
  if (!quick) return full;
  return { ...full, users: 50, roles: 20, buckets: 100, snapshots: 500, instances: 40, orgAccounts: 5 };
}

/** What each organization member holds: small, so the org run measures fan-out, not size. */
const MEMBER = { users: 5, roles: 3, buckets: 5, snapshots: 10, instances: 4 };

// ---------------------------------------------------------------- moto and the CLI

interface Moto {
  endpoint: string;
  stop: () => void;
}

async function startMoto(): Promise<Moto> {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('AWS_') && !key.startsWith('MOTO_')) env[key] = value;
  Object.assign(env, { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_EC2_LOAD_DEFAULT_AMIS: 'false', PYTHONUNBUFFERED: '1' });
  const python = process.env['BREACHMAP_E2E_PYTHON'] ?? 'python3';
  const child: ChildProcessWithoutNullStreams = spawn(python, [join(ROOT, 'tests', 'e2e', 'moto_launcher.py'), '--exit-on-stdin-eof'], { env });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-2_000)));
  const port = await new Promise<number>((resolvePort, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /MOTO_LAUNCHER_PORT=(\d+)/.exec(stdout);
      if (match?.[1] !== undefined) resolvePort(Number(match[1]));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`moto exited (${code ?? 'signal'}): ${stderr.trim().split('\n').at(-1) ?? ''}`)));
  });
  return {
    endpoint: `http://localhost:${port}`,
    stop: () => {
      child.stdin.end();
      child.kill('SIGTERM');
    },
  };
}

interface CliRun {
  exitCode: number | null;
  wallMs: number;
  report: unknown;
  stderr: string;
}

function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 15 * 60_000): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (exitCode) => {
      clearTimeout(timer);
      let report: unknown;
      try {
        report = JSON.parse(Buffer.concat(out).toString('utf8'));
      } catch {
        report = undefined;
      }
      resolveRun({ exitCode, wallMs: performance.now() - started, report, stderr: Buffer.concat(err).toString('utf8').slice(-2_000) });
    });
  });
}

// ---------------------------------------------------------------- provisioning

const provisionLimit = pLimit(24);
const queue = <T>(task: () => Promise<T>) => provisionLimit(task);

async function provisionSnapshots(ec2: EC2Client, region: string, count: number, publicCount: number): Promise<void> {
  if (count === 0) return;
  const volume = await queue(() => ec2.send(new CreateVolumeCommand({ AvailabilityZone: `${region}a`, Size: 8 })));
  const ids = await Promise.all(
    Array.from({ length: count }, () => queue(async () => (await ec2.send(new CreateSnapshotCommand({ VolumeId: volume.VolumeId ?? '' }))).SnapshotId ?? '')),
  );
  await Promise.all(
    ids.slice(0, publicCount).map((id) =>
      queue(() => ec2.send(new ModifySnapshotAttributeCommand({ SnapshotId: id, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }))),
    ),
  );
}

async function provisionInstances(ec2: EC2Client, count: number): Promise<void> {
  if (count === 0) return;
  // One RunInstances per region: moto launches the whole batch at once.
  await queue(() => ec2.send(new RunInstancesCommand({ ImageId: 'ami-12c6146b', InstanceType: 't3.micro', MinCount: count, MaxCount: count })));
}

/** Splits `total` over the regions as evenly as possible, the first regions taking the remainder. */
function perRegion(total: number): number[] {
  return REGIONS.map((_, index) => Math.floor(total / REGIONS.length) + (index < total % REGIONS.length ? 1 : 0));
}

async function provisionAccount(
  scenario: Scenario,
  size: { users: number; roles: number; buckets: number; publicWriteBuckets: number; snapshots: number; publicSnapshots: number; instances: number },
): Promise<void> {
  const iam = scenario.iam;
  const snapshotsPerRegion = perRegion(size.snapshots);
  const publicPerRegion = perRegion(size.publicSnapshots);
  const instancesPerRegion = perRegion(size.instances);
  await Promise.all([
    ...Array.from({ length: size.users }, (_, i) =>
      queue(async () => {
        await iam.send(new CreateUserCommand({ UserName: `user-${i}` }));
        await iam.send(new CreateAccessKeyCommand({ UserName: `user-${i}` }));
      }),
    ),
    ...Array.from({ length: size.roles }, (_, i) => queue(() => iam.send(new CreateRoleCommand({ RoleName: `role-${i}`, AssumeRolePolicyDocument: EC2_TRUST_POLICY })))),
    ...Array.from({ length: size.buckets }, (_, i) =>
      queue(async () => {
        const region = REGIONS[i % REGIONS.length] ?? HOME;
        const name = `${scenario.accountId}-bucket-${i}`;
        await createBucket(scenario.s3(region), name, region);
        if (i < size.publicWriteBuckets) await grantAllUsers(scenario.s3(region), name, 'WRITE');
      }),
    ),
    ...REGIONS.map((region, index) => provisionSnapshots(scenario.ec2(region), region, snapshotsPerRegion[index] ?? 0, publicPerRegion[index] ?? 0)),
    ...REGIONS.map((region, index) => provisionInstances(scenario.ec2(region), instancesPerRegion[index] ?? 0)),
  ]);
}

interface Organization {
  management: Scenario;
  members: Scenario[];
}

async function provisionOrganization(endpoint: string, accounts: number): Promise<Organization> {
  const management = await Scenario.create(endpoint, 'bench-org-management');
  const handler = new NodeHttpHandler();
  const organizations = new OrganizationsClient({ region: HOME, endpoint, credentials: management.credentials, requestHandler: handler });
  try {
    await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const memberIds = await Promise.all(
      Array.from({ length: accounts - 1 }, (_, i) =>
        queue(async () => {
          const created = await organizations.send(new CreateAccountCommand({ AccountName: `member-${i}`, Email: `member-${i}@example.com`, RoleName: ORG_ROLE }));
          const id = created.CreateAccountStatus?.AccountId;
          if (id === undefined) throw new Error('moto CreateAccount returned no account id');
          return id;
        }),
      ),
    );
    const members = await Promise.all(memberIds.map((id, i) => Scenario.create(endpoint, `bench-member-${i}`, id)));
    await Promise.all(
      [management, ...members].map((scenario) =>
        provisionAccount(scenario, { ...MEMBER, publicWriteBuckets: 1, publicSnapshots: 1 }),
      ),
    );
    return { management, members };
  } finally {
    handler.destroy();
  }
}

// ---------------------------------------------------------------- what the verdicts need

type Breakdown = Record<string, number>;

/**
 * The fewest calls that give the same verdicts, from what was provisioned: every account-wide read
 * once, every listing in one page (a lower bound: GetAccountAuthorizationDetails, DescribeSnapshots
 * and DescribeInstances without MaxResults answer in one page on moto), and the per-resource reads
 * that have no bulk form (a bucket's ACL, policy, Block Public Access and policy status; one
 * snapshot attribute per snapshot within the attribute budget; one user-data read per instance).
 * GetBucketLocation is counted because moto leaves `BucketRegion` out of ListBuckets; on AWS the
 * scan does not send it, and neither number includes it there.
 */
function minimumCalls(size: Sizes): Breakdown {
  const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
  const oneListing = (items: number) => (items > 0 ? 1 : 0);
  const snapshotsPerRegion = perRegion(size.snapshots);
  const publicPerRegion = perRegion(size.publicSnapshots);
  const instancesPerRegion = perRegion(size.instances);
  const regions = REGIONS.length;
  return {
    'sts:GetCallerIdentity': 1,
    'iam:ListAccountAliases': 1,
    'iam:GenerateCredentialReport': 1,
    'iam:GetCredentialReport': 1,
    'iam:GetAccountSummary': 1,
    'iam:GetAccountAuthorizationDetails': 1,
    's3:ListBuckets': pages(size.buckets, 1000),
    's3:GetBucketLocation': size.buckets,
    's3:GetBucketAcl': size.buckets,
    's3:GetBucketPolicy': size.buckets,
    's3:GetPublicAccessBlock': size.buckets,
    's3:GetBucketPolicyStatus': size.buckets,
    's3control:GetPublicAccessBlock': 1,
    // One listing of the account's snapshots per region serves both snapshot checks when every
    // snapshot's attribute is read; within a budget, the public candidates need their own listing.
    'ec2:DescribeSnapshots':
      snapshotsPerRegion.reduce((sum, n) => sum + oneListing(n), 0) + (size.snapshots > DEFAULT_CALL_BUDGETS.snapshotAttributeCalls ? regions : 0),
    'ec2:DescribeSnapshotAttribute':
      Math.min(size.snapshots, DEFAULT_CALL_BUDGETS.snapshotAttributeCalls) +
      (size.snapshots > DEFAULT_CALL_BUDGETS.snapshotAttributeCalls ? publicPerRegion.reduce((sum, n) => sum + n, 0) : 0),
    'ec2:GetSnapshotBlockPublicAccessState': regions,
    'ec2:DescribeInstances': instancesPerRegion.reduce((sum, n) => sum + oneListing(n), 0),
    'ec2:DescribeSecurityGroups': regions,
    'ec2:DescribeImages': instancesPerRegion.filter((n) => n > 0).length,
    'ec2:DescribeInstanceAttribute': Math.min(size.instances, DEFAULT_CALL_BUDGETS.userDataCalls),
    // The bench's buckets are unversioned: versioning is the only recovery read they need.
    's3:GetBucketVersioning': size.buckets,
    // The bench provisions no RDS snapshot: one empty listing of each kind per region.
    'rds:DescribeDBSnapshots': regions,
    'rds:DescribeDBClusterSnapshots': regions,
  };
}

/** What a scanner that reads resource by resource (as many do) would send for the same account. */
function perResourceCalls(size: Sizes): Breakdown {
  const listPages = (items: number) => Math.max(1, Math.ceil(items / 100));
  return {
    'iam:ListUsers': listPages(size.users),
    // ListAccessKeys, GetAccessKeyLastUsed (one key each), GetLoginProfile, ListMFADevices,
    // ListAttachedUserPolicies, ListUserPolicies, ListGroupsForUser
    'iam (per user)': size.users * 7,
    'iam:ListRoles': listPages(size.roles),
    // GetRole, ListAttachedRolePolicies, ListRolePolicies, ListInstanceProfilesForRole
    'iam (per role)': size.roles * 4,
    's3:ListBuckets': 1,
    // location, ACL, policy, policy status, Block Public Access, ownership controls, encryption,
    // versioning, logging, website, CORS, lifecycle
    's3 (per bucket)': size.buckets * 12,
    'ec2:DescribeSnapshots': REGIONS.length,
    'ec2:DescribeSnapshotAttribute (every snapshot)': size.snapshots,
    'ec2:DescribeInstances': REGIONS.length,
    'ec2:DescribeInstanceAttribute (per instance)': size.instances,
  };
}

const total = (breakdown: Breakdown) => Object.values(breakdown).reduce((sum, n) => sum + n, 0);

// ---------------------------------------------------------------- reading reports

/** Every result of a report, whether single-account (`results`) or organization-shaped (`accounts[]`). */
function resultsOf(report: unknown): Result[] {
  if (typeof report !== 'object' || report === null) return [];
  const r = report as { results?: Result[]; accounts?: unknown[] };
  const own = Array.isArray(r.results) ? r.results : [];
  const nested = Array.isArray(r.accounts) ? r.accounts.flatMap((account) => resultsOf((account as { report?: unknown }).report ?? account)) : [];
  return [...own, ...nested];
}

function verdictKey(result: Result): string {
  return `${result.checkId}|${result.resource}|${result.qualifier ?? ''}`;
}

function retriesOf(report: unknown): number {
  const stats = (report as Partial<Report> | undefined)?.stats;
  return stats === undefined ? 0 : stats.calls.reduce((sum, stat) => sum + stat.throttled, 0);
}

function scanArgs(): string[] {
  return ['scan', '--format', 'json', '--quiet', '--region', REGIONS.join(',')];
}

async function scanThroughProxy(
  endpoint: string,
  latencyMs: number,
  rules: readonly FaultRule[],
  seed: number,
  args: readonly string[],
  credentials: Scenario['credentials'],
): Promise<{ run: CliRun; counts: ProxyCounts }> {
  const proxy = await startWireProxy({ target: endpoint, latencyMs, rules, seed });
  try {
    const run = await runCli(args, cliEnvironment(proxy.endpoint, credentials));
    return { run, counts: proxy.counts() };
  } finally {
    await proxy.close();
  }
}

function sortedBreakdown(breakdown: Breakdown): Breakdown {
  return Object.fromEntries(Object.entries(breakdown).sort(([a], [b]) => a.localeCompare(b)));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function assertReport(run: CliRun, what: string): void {
  if (run.report === undefined || (run.exitCode !== 0 && run.exitCode !== 1)) {
    throw new Error(`${what}: breachmap exited ${run.exitCode ?? 'by signal'} without a report: ${run.stderr.trim()}`);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const size = sizes(flags.quick);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  // Organization scanning is being built alongside this benchmark: use it once the CLI has it.
  const hasOrg = /--org\b/.test(await runCliText(['scan', '--help']));

  const moto = await startMoto();
  try {
    const started = performance.now();
    log(`breachmap benchmark: ${flags.quick ? 'QUICK sizes, ' : ''}${flags.latencyMs} ms per request, ${cpus().length} CPUs, Node ${process.version}`);
    log(
      `provisioning: ${size.users} users with keys, ${size.roles} roles, ${size.buckets} buckets, ${size.snapshots} snapshots ` +
        `(${size.publicSnapshots} public), ${size.instances} instances over ${REGIONS.length} regions; an organization of ${size.orgAccounts} accounts…`,
    );
    const large = await Scenario.create(moto.endpoint, 'bench-main');
    const [, organization] = await Promise.all([provisionAccount(large, size), provisionOrganization(moto.endpoint, size.orgAccounts)]);
    const provisionMs = performance.now() - started;
    log(`provisioned in ${seconds(provisionMs)}`);

    // 1. The large account at the chosen latency.
    const single = await scanThroughProxy(moto.endpoint, flags.latencyMs, [], flags.seed, scanArgs(), large.credentials);
    assertReport(single.run, 'large-account scan');
    const minimum = minimumCalls(size);
    const minimumTotal = total(minimum);
    const perResource = perResourceCalls(size);
    const singleResults = resultsOf(single.run.report);
    log('');
    log(`large account: ${seconds(single.run.wallMs)} wall, ${single.counts.requests} calls (minimum ${minimumTotal}, ratio ${(single.counts.requests / minimumTotal).toFixed(3)}), ` +
      `a per-resource scanner: ~${total(perResource)} calls; ${singleResults.length} results`);
    for (const [operation, calls] of Object.entries(sortedBreakdown(single.counts.byOperation))) {
      log(`  ${operation.padEnd(44)} ${String(calls).padStart(6)}   minimum ${String(minimum[operation] ?? 0).padStart(6)}`);
    }

    // 2. The organization.
    let org: { mode: string; wallMs: number; calls: number; accounts: number; exitCodes: (number | null)[] };
    if (hasOrg) {
      const run = await scanThroughProxy(
        moto.endpoint,
        flags.latencyMs,
        [],
        flags.seed,
        [...scanArgs(), '--org', '--role-name', ORG_ROLE],
        organization.management.credentials,
      );
      org = { mode: 'scan --org', wallMs: run.run.wallMs, calls: run.counts.requests, accounts: size.orgAccounts, exitCodes: [run.run.exitCode] };
      assertReport(run.run, 'organization scan');
    } else {
      // Fallback while `--org` does not exist: the same accounts, one single-account scan after another.
      let wallMs = 0;
      let calls = 0;
      const exitCodes: (number | null)[] = [];
      for (const account of [organization.management, ...organization.members]) {
        const run = await scanThroughProxy(moto.endpoint, flags.latencyMs, [], flags.seed, scanArgs(), account.credentials);
        assertReport(run.run, `account ${account.accountId}`);
        wallMs += run.run.wallMs;
        calls += run.counts.requests;
        exitCodes.push(run.run.exitCode);
      }
      org = { mode: 'sequential single-account scans (this CLI has no --org)', wallMs, calls, accounts: size.orgAccounts, exitCodes };
    }
    log('');
    log(`organization of ${org.accounts} accounts (${org.mode}): ${seconds(org.wallMs)} wall, ${org.calls} calls`);

    // 3. The large account with throttling.
    let throttled: { rate: number; account: string; wallMs: number; calls: number; injected: number; retries: number; identicalVerdicts: boolean; differing: string[] } | null = null;
    if (flags.throttleRate > 0) {
      // The reference is a fault-free scan of the same account at the same latency.
      const target = flags.throttleTarget === 'large' ? large : organization.management;
      const reference = flags.throttleTarget === 'large' ? single.run : (await scanThroughProxy(moto.endpoint, flags.latencyMs, [], flags.seed, scanArgs(), target.credentials)).run;
      assertReport(reference, 'fault-free reference scan');
      const run = await scanThroughProxy(moto.endpoint, flags.latencyMs, [{ kind: 'throttle', rate: flags.throttleRate }], flags.seed, scanArgs(), target.credentials);
      assertReport(run.run, 'throttled scan');
      const expected = new Map(resultsOf(reference.report).map((result) => [verdictKey(result), result.status]));
      const got = new Map(resultsOf(run.run.report).map((result) => [verdictKey(result), result.status]));
      const differing = [...new Set([...expected.keys(), ...got.keys()])].filter((key) => expected.get(key) !== got.get(key)).map((key) => `${key}: ${expected.get(key) ?? 'absent'} → ${got.get(key) ?? 'absent'}`);
      throttled = {
        rate: flags.throttleRate,
        account: flags.throttleTarget === 'large' ? 'the large account' : 'the organization management account (small)',
        wallMs: run.run.wallMs,
        calls: run.counts.requests,
        injected: run.counts.faults.throttle,
        retries: retriesOf(run.run.report),
        identicalVerdicts: differing.length === 0,
        differing: differing.slice(0, 20),
      };
      log('');
      log(`${throttled.account}, ${Math.round(flags.throttleRate * 100)} % throttled: ${seconds(run.run.wallMs)} wall, ${run.counts.requests} requests, ` +
        `${throttled.injected} throttled, ${throttled.retries} retries in stats, verdicts ${throttled.identicalVerdicts ? 'identical' : `DIFFER (${differing.length})`}`);
      for (const line of throttled.differing) log(`  ${line}`);
    }

    const results = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      latencyMs: flags.latencyMs,
      seed: flags.seed,
      quick: flags.quick,
      sizes: size,
      provisionMs: Math.round(provisionMs),
      largeAccount: {
        wallMs: Math.round(single.run.wallMs),
        totalCalls: single.counts.requests,
        callsByOperation: sortedBreakdown(single.counts.byOperation),
        minimumCalls: minimumTotal,
        minimumByOperation: sortedBreakdown(minimum),
        ratio: Number((single.counts.requests / minimumTotal).toFixed(4)),
        perResourceCalls: total(perResource),
        perResourceByOperation: perResource,
        results: singleResults.length,
      },
      organization: { ...org, wallMs: Math.round(org.wallMs) },
      throttled: throttled === null ? null : { ...throttled, wallMs: Math.round(throttled.wallMs) },
    };
    writeFileSync(flags.output, JSON.stringify(results, null, 2) + '\n');
    log('');
    log(`wrote ${flags.output}`);
    large.destroy();
    organization.management.destroy();
    for (const member of organization.members) member.destroy();
  } finally {
    moto.stop();
  }
}

/** The CLI's stdout as text (for `--help`). */
function runCliText(args: readonly string[]): Promise<string> {
  return new Promise((resolveText, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.once('error', reject);
    child.once('close', () => resolveText(Buffer.concat(out).toString('utf8')));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
