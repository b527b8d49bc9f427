/**
 * The benchmark (`npm run bench`; not part of `npm test`): how many AWS calls a scan of a large
 * account makes compared with the fewest its verdicts need (from stated rules), how its wall time
 * compares with the latency floor and the emulator's own ceiling, how a 20-account organization
 * scales, what heavy throttling costs, and the peak memory of each scan.
 *
 * 1. Starts moto (tests/e2e/moto_launcher.py) and provisions, in parallel: one large account
 *    (500 users with keys, 200 roles, 1,000 buckets, 5,000 snapshots of which a few are public,
 *    300 instances, over 4 regions) and an organization of 20 small accounts.
 * 2. Measures the emulator's ceiling: requests per second a trivial concurrent client gets through
 *    the same proxy and moto.
 * 3. Scans the large account through tests/e2e/proxy.ts at `--latency` ms per request (default 50),
 *    counts the calls per operation on the wire, and compares them with the rule-based minimum.
 * 4. Scans it again with `--throttle` (default 0.3) of the requests throttled and compares every
 *    verdict with step 3 (`--throttle-small`: the organization's management account instead).
 * 5. Scans the organization (`scan --org`) and projects a 1,000-account organization.
 * 6. Turns the large account's account-level Block Public Access fully on and scans it again.
 * Prints the figures and writes them to bench/results.json (git-ignored).
 *
 * Flags: --latency <ms>, --throttle <rate> (0 skips step 4), --throttle-small, --seed <n>, --quick
 * (a tenth of every size), --output <file>.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { cpus, tmpdir } from 'node:os';
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
import { GetBucketAclCommand, S3Client } from '@aws-sdk/client-s3';
import { PutPublicAccessBlockCommand } from '@aws-sdk/client-s3-control';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import pLimit from 'p-limit';
import { DEFAULT_CALL_BUDGETS } from '../src/collect/types.js';
import { DEFAULT_CONCURRENCY, serviceBudget } from '../src/collect/service-budgets.js';
import type { Report, Result } from '../src/report/schema.js';
import { cliEnvironment, Scenario } from '../tests/e2e/harness.js';
import { createBucket, EC2_TRUST_POLICY, grantAllUsers } from '../tests/e2e/provision.js';
import { startWireProxy, type FaultRule, type ProxyCounts } from '../tests/e2e/proxy.js';
import { describeReach, measureReach } from './reach.js';

// ---------------------------------------------------------------- settings

interface Flags {
  latencyMs: number;
  throttleRate: number;
  seed: number;
  quick: boolean;
  /** Which account the throttled scan reads: the large one (the issue's figure) or a small one. */
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
  const flags: Flags = { latencyMs: 50, throttleRate: 0.3, seed: 7, quick: false, throttleTarget: 'large', output: join(ROOT, 'bench', 'results.json') };
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
    else if (name === '--throttle-small') flags.throttleTarget = 'small';
    else if (name === '--output' && value !== undefined) {
      flags.output = resolve(value);
      i += 1;
    } else throw new Error(`unknown flag ${name ?? ''} (known: --latency, --throttle, --throttle-small, --seed, --quick, --output)`);
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
  /**
   * CPU seconds the moto process has used so far (all its threads, from /proc), or null where
   * /proc is not there. Python's GIL lets moto use about one core, so the CPU it spends serving a
   * scan is a lower bound on the wall time it needs for that scan, whatever the call mix.
   */
  cpuSeconds: () => number | null;
  stop: () => void;
}

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in seconds (proc(5): fields 14 and 15 of /proc/PID/stat). */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name, field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
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
    cpuSeconds: () => processCpuSeconds(child.pid),
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
  /** The CLI process's peak resident set (process.resourceUsage().maxRSS, in KiB), from the probe. */
  maxRssKiB: number | null;
  /** The CLI process's own CPU time (user + system), from the probe. */
  cpuMs: number | null;
}

/**
 * Preloaded into every CLI run (`node --require`): prints the process's peak RSS on exit, so the
 * figure is the CLI's own and the CLI needs no benchmark code.
 */
const RSS_PROBE = join(tmpdir(), `breachmap-bench-rss-${process.pid}.cjs`);
const RSS_MARKER = 'BREACHMAP_BENCH_MAXRSS_KIB=';
const CPU_MARKER = 'BREACHMAP_BENCH_CPU_MS=';
writeFileSync(
  RSS_PROBE,
  `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, '\\n${RSS_MARKER}' + u.maxRSS + '\\n${CPU_MARKER}' + Math.round((u.userCPUTime + u.systemCPUTime) / 1000) + '\\n'); });\n`,
);
process.on('exit', () => rmSync(RSS_PROBE, { force: true }));

function runCli(args: readonly string[], env: NodeJS.ProcessEnv, timeoutMs = 15 * 60_000): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--require', RSS_PROBE, CLI, ...args], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
      const stderr = Buffer.concat(err).toString('utf8');
      const rss = new RegExp(`${RSS_MARKER}(\\d+)`).exec(stderr)?.[1];
      const cpu = new RegExp(`${CPU_MARKER}(\\d+)`).exec(stderr)?.[1];
      const cleaned = stderr.replace(new RegExp(`\\n?${RSS_MARKER}\\d+\\n?`), '').replace(new RegExp(`\\n?${CPU_MARKER}\\d+\\n?`), '');
      resolveRun({ exitCode, wallMs: performance.now() - started, report, stderr: cleaned.slice(-2_000), maxRssKiB: rss === undefined ? null : Number(rss), cpuMs: cpu === undefined ? null : Number(cpu) });
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

/** One operation's share of the minimum: how many calls, and the rule that makes each necessary. */
interface RuleCount {
  calls: number;
  rule: string;
}

/** The account-level Block Public Access the scan ran under (only the two settings that neutralise). */
interface AccountBpa {
  ignorePublicAcls: boolean;
  restrictPublicBuckets: boolean;
}

/**
 * The fewest calls that give the same verdicts, from what was provisioned and the rules that make
 * each call necessary (not from what the scanner happens to send). Listings are counted as one page
 * (a lower bound: GetAccountAuthorizationDetails, DescribeSnapshots and DescribeInstances without
 * MaxResults answer in one page on moto).
 */
function minimumCalls(size: Sizes, account: AccountBpa): Record<string, RuleCount> {
  const pages = (items: number, pageSize: number) => Math.max(1, Math.ceil(items / pageSize));
  const oneListing = (items: number) => (items > 0 ? 1 : 0);
  const snapshotsPerRegion = perRegion(size.snapshots);
  const publicPerRegion = perRegion(size.publicSnapshots);
  const instancesPerRegion = perRegion(size.instances);
  const regions = REGIONS.length;
  const overBudget = size.snapshots > DEFAULT_CALL_BUDGETS.snapshotAttributeCalls;
  const both = account.ignorePublicAcls && account.restrictPublicBuckets;
  const aclReads = account.ignorePublicAcls ? 0 : size.buckets;
  const bucketBpaReads = both ? 0 : size.buckets;
  const statusReads = account.restrictPublicBuckets ? 0 : size.buckets;
  return {
    'sts:GetCallerIdentity': { calls: 1, rule: 'who is scanning: once' },
    'iam:ListAccountAliases': { calls: 1, rule: "the account's name in the report: once" },
    'ec2:DescribeRegions': { calls: 1, rule: 'checking the --region names (a typo must not scan as a column of unknowns): once' },
    'organizations:ListAccounts': { calls: 1, rule: "the organization's accounts (snapshot sharing with unknown accounts): one page" },
    'iam:GenerateCredentialReport': { calls: 1, rule: 'every user\'s password and key dates: one report per scan' },
    'iam:GetCredentialReport': { calls: 1, rule: 'the report itself: once' },
    'iam:GetAccountSummary': { calls: 1, rule: 'root keys and root MFA: once' },
    'iam:GetAccountAuthorizationDetails': { calls: 1, rule: 'every user, group, role and policy: one listing (one page lower bound)' },
    's3:ListBuckets': { calls: pages(size.buckets, 1000), rule: 'every bucket: one page per 1,000' },
    's3control:GetPublicAccessBlock': { calls: 1, rule: 'account-level Block Public Access: once, shared by both S3 slices' },
    's3:GetBucketLocation': {
      calls: size.buckets,
      rule: 'one per bucket ONLY because moto leaves BucketRegion out of ListBuckets (0 on AWS)',
    },
    's3:GetBucketAcl': { calls: aclReads, rule: 'one ACL read per bucket not covered by account IgnorePublicAcls' },
    's3:GetPublicAccessBlock': { calls: bucketBpaReads, rule: 'one bucket-level Block Public Access read per bucket, unless account IgnorePublicAcls and RestrictPublicBuckets both hold' },
    's3:GetBucketPolicyStatus': { calls: statusReads, rule: "one policy-status read (AWS's verdict) per bucket not covered by account RestrictPublicBuckets" },
    's3:GetBucketPolicy': {
      calls: statusReads,
      rule: 'one policy read per bucket whose policy status is public or unavailable (moto implements no GetBucketPolicyStatus: every bucket not covered by RestrictPublicBuckets)',
    },
    'ec2:DescribeSnapshots': {
      calls: snapshotsPerRegion.reduce((sum, n) => sum + oneListing(n), 0) + (overBudget ? regions : 0),
      rule: 'one listing of owned snapshots per region with snapshots, plus the public candidates per region when the attribute budget cannot cover every snapshot',
    },
    'ec2:DescribeSnapshotAttribute': {
      calls: Math.min(size.snapshots, DEFAULT_CALL_BUDGETS.snapshotAttributeCalls) + (overBudget ? publicPerRegion.reduce((sum, n) => sum + n, 0) : 0),
      rule: `one per owned snapshot within --max-snapshot-attribute-calls (${DEFAULT_CALL_BUDGETS.snapshotAttributeCalls}), plus one per public candidate when over it`,
    },
    'ec2:GetSnapshotBlockPublicAccessState': { calls: regions, rule: 'the snapshot guardrail: once per region' },
    'ec2:DescribeInstances': { calls: instancesPerRegion.reduce((sum, n) => sum + oneListing(n), 0), rule: 'one listing per region with instances' },
    'ec2:DescribeSecurityGroups': { calls: regions, rule: 'one listing per region' },
    'ec2:DescribeImages': {
      calls: regions + instancesPerRegion.filter((n) => n > 0).length,
      rule: "the account's own AMIs (public ones): one listing per region; the instances' AMIs: one call per region with instances",
    },
    'ec2:GetImageBlockPublicAccessState': { calls: regions, rule: 'the AMI guardrail: once per region' },
    'ec2:DescribeInstanceAttribute': {
      calls: Math.min(size.instances, DEFAULT_CALL_BUDGETS.userDataCalls),
      rule: `one user-data read per instance within --max-user-data-calls (${DEFAULT_CALL_BUDGETS.userDataCalls}): no bulk form`,
    },
    's3:GetBucketVersioning': { calls: size.buckets, rule: 'one versioning read per bucket (s3-bucket-destruction-protection): no bulk form' },
    's3:GetObjectLockConfiguration': { calls: 0, rule: 'one Object Lock read per versioned bucket (the bench provisions none)' },
    's3:GetBucketLifecycleConfiguration': { calls: 0, rule: 'one lifecycle read per versioned bucket that neither MFA delete nor Object Lock protects (none here)' },
    'rds:DescribeDBSnapshots': { calls: regions, rule: 'manual DB snapshots: one listing per region (the bench provisions none)' },
    'rds:DescribeDBClusterSnapshots': { calls: regions, rule: 'manual cluster snapshots: one listing per region (none here)' },
    'cloudtrail:DescribeTrails': { calls: 1, rule: 'every multi-region and organization trail: one listing in the home region' },
    'guardduty:ListDetectors': { calls: regions, rule: 'the detector of each region: one listing per region (none provisioned, so no GetDetector)' },
    'lambda:ListFunctions': { calls: regions, rule: 'every function with its environment: one listing per region' },
    'eks:ListClusters': { calls: regions, rule: 'one listing per region (no cluster provisioned, so no DescribeCluster)' },
    'bedrock:GetModelInvocationLoggingConfiguration': { calls: regions, rule: 'the logging setting: once per region' },
  };
}

const ruleTotal = (rules: Record<string, RuleCount>) => Object.values(rules).reduce((sum, rule) => sum + rule.calls, 0);

/**
 * The latency floor: the longest chain of calls that must wait for one another, times the latency,
 * plus the longest time a per-service budget needs on its own (an EC2 API's token bucket in one
 * region; a service's calls in flight in one region; every call under the global wire bound).
 */
function latencyFloor(minimum: Record<string, RuleCount>, latencyMs: number): { chain: number; chainMs: number; budgetMs: number; budget: string; floorMs: number } {
  // GetCallerIdentity → ListAccountAliases → DescribeRegions (checking --region), then the longest
  // collector chain: ListBuckets → GetBucketLocation (moto) → GetBucketPolicyStatus → GetBucketPolicy.
  const chain = 3 + 4;
  const chainMs = chain * latencyMs;
  const regions = REGIONS.length;
  const perRegionOf = (operation: string) => Math.ceil((minimum[operation]?.calls ?? 0) / regions);
  const terms: { what: string; ms: number }[] = [];
  for (const operation of ['ec2:DescribeSnapshotAttribute', 'ec2:DescribeInstanceAttribute']) {
    const rate = serviceBudget('ec2').rate;
    if (rate === undefined) continue;
    const calls = perRegionOf(operation);
    terms.push({ what: `${operation} token bucket (${calls} per region, burst ${rate.burst}, ${rate.perSecond}/s)`, ms: (Math.max(0, calls - rate.burst) / rate.perSecond) * 1000 });
  }
  for (const service of ['s3', 'ec2']) {
    const calls = Object.entries(minimum).filter(([operation]) => operation.startsWith(`${service}:`)).reduce((sum, [, rule]) => sum + rule.calls, 0);
    const concurrency = serviceBudget(service).concurrency;
    terms.push({ what: `${service} calls in flight (${Math.ceil(calls / regions)} per region, ${concurrency} at once)`, ms: (Math.ceil(calls / regions) / concurrency) * latencyMs });
  }
  terms.push({ what: `every call under --concurrency ${DEFAULT_CONCURRENCY}`, ms: (ruleTotal(minimum) / DEFAULT_CONCURRENCY) * latencyMs });
  const worst = terms.reduce((a, b) => (b.ms > a.ms ? b : a));
  return { chain, chainMs, budgetMs: worst.ms, budget: worst.what, floorMs: chainMs + worst.ms };
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

// ---------------------------------------------------------------- the emulator's ceiling

/**
 * Requests per second a trivial client gets through the same proxy (same latency) and moto: one
 * cheap S3 read (GetBucketAcl) after another from `concurrency` workers. What the scan cannot beat
 * with the same number of requests in flight, whatever its strategy.
 */
async function measureCeiling(endpoint: string, latencyMs: number, scenario: Scenario, buckets: readonly string[], requests: number, concurrency: number): Promise<{ requestsPerSecond: number; requests: number; concurrency: number }> {
  const proxy = await startWireProxy({ target: endpoint, latencyMs });
  const handler = new NodeHttpHandler({ httpAgent: new HttpAgent({ keepAlive: true, maxSockets: concurrency }) });
  const client = new S3Client({ region: HOME, endpoint: proxy.endpoint, forcePathStyle: true, credentials: scenario.credentials, requestHandler: handler, maxAttempts: 1 });
  try {
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < requests) {
          const bucket = buckets[next % buckets.length] ?? '';
          next += 1;
          await client.send(new GetBucketAclCommand({ Bucket: bucket }));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { requestsPerSecond: Math.round(requests / seconds), requests, concurrency };
  } finally {
    client.destroy();
    handler.destroy();
    await proxy.close();
  }
}

// ---------------------------------------------------------------- main

const mib = (kib: number | null) => (kib === null ? null : Math.round(kib / 1024));

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const size = sizes(flags.quick);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const benchStarted = performance.now();

  const moto = await startMoto();
  try {
    const started = performance.now();
    log(`breachmap benchmark: ${flags.quick ? 'QUICK sizes, ' : ''}${flags.latencyMs} ms per request, ${cpus().length} CPUs, Node ${process.version}`);
    log(describeReach(measureReach()));
    log(
      `provisioning: ${size.users} users with keys, ${size.roles} roles, ${size.buckets} buckets, ${size.snapshots} snapshots ` +
        `(${size.publicSnapshots} public), ${size.instances} instances over ${REGIONS.length} regions; an organization of ${size.orgAccounts} accounts…`,
    );
    const large = await Scenario.create(moto.endpoint, 'bench-main');
    const [, organization] = await Promise.all([provisionAccount(large, size), provisionOrganization(moto.endpoint, size.orgAccounts)]);
    const provisionMs = performance.now() - started;
    log(`provisioned in ${seconds(provisionMs)}`);

    // 1. The emulator's ceiling, with as many requests in flight as the scan may have at once.
    const bucketNames = Array.from({ length: Math.min(size.buckets, 200) }, (_, i) => `${large.accountId}-bucket-${i}`);
    const ceiling = await measureCeiling(moto.endpoint, flags.latencyMs, large, bucketNames, flags.quick ? 500 : 3000, serviceBudget('s3').concurrency);
    log('');
    log(`emulator ceiling: ${ceiling.requestsPerSecond} requests/s (${ceiling.concurrency} in flight, ${flags.latencyMs} ms latency through the proxy)`);

    // 2. The large account at the chosen latency, no account-level Block Public Access.
    const motoCpuBefore = moto.cpuSeconds();
    const benchCpuBefore = process.cpuUsage();
    const single = await scanThroughProxy(moto.endpoint, flags.latencyMs, [], flags.seed, scanArgs(), large.credentials);
    const motoCpuAfter = moto.cpuSeconds();
    const proxyCpu = process.cpuUsage(benchCpuBefore);
    assertReport(single.run, 'large-account scan');
    // What each process spent serving the scan: moto's CPU is the emulator-bound time for this very
    // call mix (a cheap-call ceiling underestimates heavy listings); the proxy runs in this process.
    const cpu = {
      motoMs: motoCpuBefore === null || motoCpuAfter === null ? null : Math.round((motoCpuAfter - motoCpuBefore) * 1000),
      proxyMs: Math.round((proxyCpu.user + proxyCpu.system) / 1000),
      breachmapMs: single.run.cpuMs,
    };
    const minimum = minimumCalls(size, { ignorePublicAcls: false, restrictPublicBuckets: false });
    const minimumTotal = ruleTotal(minimum);
    const perResource = perResourceCalls(size);
    const singleResults = resultsOf(single.run.report);
    const floor = latencyFloor(minimum, flags.latencyMs);
    const ceilingBoundMs = (single.counts.requests / ceiling.requestsPerSecond) * 1000;
    log('');
    log(`large account: ${seconds(single.run.wallMs)} wall, ${single.counts.requests} calls (rule-based minimum ${minimumTotal}, ratio ${(single.counts.requests / minimumTotal).toFixed(3)}), ` +
      `a per-resource scanner: ~${total(perResource)} calls; ${singleResults.length} results; peak RSS ${mib(single.run.maxRssKiB) ?? '?'} MiB`);
    log(`  floor ${seconds(floor.floorMs)} (a chain of ${floor.chain} dependent calls × ${flags.latencyMs} ms + ${seconds(floor.budgetMs)} for ${floor.budget}): wall / floor ${(single.run.wallMs / floor.floorMs).toFixed(2)}`);
    log(`  emulator-bound time ${seconds(ceilingBoundMs)} (${single.counts.requests} calls at ${ceiling.requestsPerSecond}/s): wall / ceiling-bound ${(single.run.wallMs / ceilingBoundMs).toFixed(2)}`);
    if (cpu.motoMs !== null) {
      log(`  CPU during the scan: moto ${seconds(cpu.motoMs)} (one core under the GIL: the emulator-bound time for this call mix), proxy ${seconds(cpu.proxyMs)}, ` +
        `breachmap ${cpu.breachmapMs === null ? '?' : seconds(cpu.breachmapMs)}, on ${cpus().length} CPUs: wall / moto-bound ${(single.run.wallMs / cpu.motoMs).toFixed(2)}`);
    }
    for (const [operation, calls] of Object.entries(sortedBreakdown(single.counts.byOperation))) {
      log(`  ${operation.padEnd(40)} ${String(calls).padStart(6)}   minimum ${String(minimum[operation]?.calls ?? 0).padStart(6)}   ${minimum[operation]?.rule ?? '(no rule: not needed)'}`);
    }

    // 3. Throttling: the same verdicts, at what cost.
    let throttled: { rate: number; account: string; wallMs: number; unthrottledWallMs: number; ratioToUnthrottled: number; calls: number; injected: number; retries: number; identicalVerdicts: boolean; differing: string[] } | null = null;
    if (flags.throttleRate > 0) {
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
        unthrottledWallMs: reference.wallMs,
        ratioToUnthrottled: Number((run.run.wallMs / reference.wallMs).toFixed(2)),
        calls: run.counts.requests,
        injected: run.counts.faults.throttle,
        retries: retriesOf(run.run.report),
        identicalVerdicts: differing.length === 0,
        differing: differing.slice(0, 20),
      };
      log('');
      log(`${throttled.account}, ${Math.round(flags.throttleRate * 100)} % throttled: ${seconds(run.run.wallMs)} wall (${throttled.ratioToUnthrottled} × unthrottled ${seconds(reference.wallMs)}), ${run.counts.requests} requests, ` +
        `${throttled.injected} throttled, ${throttled.retries} retries in stats, verdicts ${throttled.identicalVerdicts ? 'identical' : `DIFFER (${differing.length})`}`);
      for (const line of throttled.differing) log(`  ${line}`);
    }

    // 4. The organization, and what a 1,000-account one would take.
    const orgRun = await scanThroughProxy(
      moto.endpoint,
      flags.latencyMs,
      [],
      flags.seed,
      [...scanArgs(), '--org', '--role-name', ORG_ROLE],
      organization.management.credentials,
    );
    assertReport(orgRun.run, 'organization scan');
    const accountsPerMinute = size.orgAccounts / (orgRun.run.wallMs / 60_000);
    const projectedMinutes = 1000 / accountsPerMinute;
    const shardJobs = [1, 4, 10];
    const org = {
      mode: 'scan --org (default --account-concurrency)',
      wallMs: Math.round(orgRun.run.wallMs),
      calls: orgRun.counts.requests,
      accounts: size.orgAccounts,
      exitCodes: [orgRun.run.exitCode],
      peakRssMiB: mib(orgRun.run.maxRssKiB),
      accountsPerMinute: Number(accountsPerMinute.toFixed(1)),
      // Each shard job scans a thousandth of the accounts times N at the measured pace.
      projected1000AccountsMinutes: Object.fromEntries(shardJobs.map((jobs) => [`${jobs} job${jobs === 1 ? '' : 's'}`, Number((projectedMinutes / jobs).toFixed(1))])),
    };
    log('');
    log(`organization of ${org.accounts} accounts (${org.mode}): ${seconds(org.wallMs)} wall, ${org.calls} calls, ${org.accountsPerMinute} accounts/min, peak RSS ${org.peakRssMiB ?? '?'} MiB`);
    log(`  1,000 accounts (members the size of these): ${shardJobs.map((jobs) => `${(projectedMinutes / jobs).toFixed(1)} min with ${jobs === 1 ? 'one job' : `--shard over ${jobs} jobs`}`).join(', ')}`);

    // 5. The large account with account-level Block Public Access fully on (the CIS-compliant case).
    await large.s3Control.send(
      new PutPublicAccessBlockCommand({
        AccountId: large.accountId,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
    const blocked = await scanThroughProxy(moto.endpoint, flags.latencyMs, [], flags.seed, scanArgs(), large.credentials);
    assertReport(blocked.run, 'large-account scan with account Block Public Access');
    const blockedMinimum = minimumCalls(size, { ignorePublicAcls: true, restrictPublicBuckets: true });
    const blockedMinimumTotal = ruleTotal(blockedMinimum);
    const s3Calls = (byOperation: Breakdown) => Object.entries(byOperation).filter(([operation]) => operation.startsWith('s3')).reduce((sum, [, n]) => sum + n, 0);
    const s3CallsOnAws = (byOperation: Breakdown) => s3Calls(byOperation) - (byOperation['s3:GetBucketLocation'] ?? 0);
    log('');
    log(`large account, account Block Public Access fully on: ${seconds(blocked.run.wallMs)} wall, ${blocked.counts.requests} calls (rule-based minimum ${blockedMinimumTotal}, ` +
      `ratio ${(blocked.counts.requests / blockedMinimumTotal).toFixed(3)}); S3: ${s3Calls(blocked.counts.byOperation)} calls, ${s3CallsOnAws(blocked.counts.byOperation)} without moto's GetBucketLocation ` +
      `(${s3CallsOnAws(single.counts.byOperation)} with the setting off)`);

    const benchMs = performance.now() - benchStarted;
    const results = {
      generatedAt: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      latencyMs: flags.latencyMs,
      seed: flags.seed,
      quick: flags.quick,
      sizes: size,
      provisionMs: Math.round(provisionMs),
      benchMs: Math.round(benchMs),
      ceiling,
      largeAccount: {
        wallMs: Math.round(single.run.wallMs),
        peakRssMiB: mib(single.run.maxRssKiB),
        totalCalls: single.counts.requests,
        callsByOperation: sortedBreakdown(single.counts.byOperation),
        minimumCalls: minimumTotal,
        minimumByOperation: Object.fromEntries(Object.entries(minimum).sort(([a], [b]) => a.localeCompare(b))),
        ratio: Number((single.counts.requests / minimumTotal).toFixed(4)),
        floor: { ...floor, chainMs: Math.round(floor.chainMs), budgetMs: Math.round(floor.budgetMs), floorMs: Math.round(floor.floorMs) },
        wallOverFloor: Number((single.run.wallMs / floor.floorMs).toFixed(2)),
        ceilingBoundMs: Math.round(ceilingBoundMs),
        wallOverCeilingBound: Number((single.run.wallMs / ceilingBoundMs).toFixed(2)),
        cpu,
        wallOverMotoBound: cpu.motoMs === null ? null : Number((single.run.wallMs / cpu.motoMs).toFixed(2)),
        perResourceCalls: total(perResource),
        perResourceByOperation: perResource,
        results: singleResults.length,
      },
      largeAccountWithAccountBlockPublicAccess: {
        wallMs: Math.round(blocked.run.wallMs),
        totalCalls: blocked.counts.requests,
        callsByOperation: sortedBreakdown(blocked.counts.byOperation),
        minimumCalls: blockedMinimumTotal,
        ratio: Number((blocked.counts.requests / blockedMinimumTotal).toFixed(4)),
        s3Calls: s3Calls(blocked.counts.byOperation),
        s3CallsWithoutGetBucketLocation: s3CallsOnAws(blocked.counts.byOperation),
      },
      organization: org,
      throttled: throttled === null ? null : { ...throttled, wallMs: Math.round(throttled.wallMs), unthrottledWallMs: Math.round(throttled.unthrottledWallMs) },
    };
    writeFileSync(flags.output, JSON.stringify(results, null, 2) + '\n');
    log('');
    log(`wrote ${flags.output} (the whole benchmark took ${seconds(benchMs)})`);
    large.destroy();
    organization.management.destroy();
    for (const member of organization.members) member.destroy();
  } finally {
    moto.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
