/**
 * The fault matrix: a scan through tests/e2e/proxy.ts, which makes 30 % of the requests fail in one
 * way each time (throttling, HTTP 500/503, connection resets, answers past the client timeout,
 * truncated and malformed bodies). Whatever the wire does, the scan must
 * - finish with exit 0 or 1 and a report (never a crash),
 * - report every result it could not get the data for as `unknown` with a reason,
 * - agree with the fault-free run on every other verdict (never `pass` where that run said `fail`),
 * - count the retries and failures in `stats`.
 * And with every S3 request refused, only the checks that read S3 become `unknown`.
 *
 * Each scan has a proxy (and so a fault count) of its own; the scans run a few at a time.
 */
import { CreateAccessKeyCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { PutBucketPolicyCommand } from '@aws-sdk/client-s3';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/index.js';
import type { SliceName } from '../../src/inventory/schema.js';
import type { Report, Result } from '../../src/report/schema.js';
import { cliEnvironment, e2eServer, HOME_REGION, reportOf, runCli, Scenario, type ScanOutcome } from './harness.js';
import { createBucket, createSnapshot, grantAllUsers, launchInstance, putObjectPolicy } from './provision.js';
import { FAULT_KINDS, startWireProxy, type FaultKind, type FaultRule, type ProxyCounts } from './proxy.js';

const server = e2eServer();
const RATE = 0.3;
const SEED = 8;
/**
 * The client timeout of the `timeout` scan: short, so a held answer costs little, yet long enough
 * for moto's GetAccountAuthorizationDetails (over a thousand managed policies) on a busy machine.
 * The other scans keep the default, so a slow moto never turns into a fault of its own.
 */
const SHORT_REQUEST_TIMEOUT_MS = 4_000;
/** Faults the SDK retries; the others (bodies that do not parse) fail their call at once. */
const RETRIED_KINDS: ReadonlySet<FaultKind> = new Set(['throttle', 'server-error', 'reset', 'timeout']);
const S3_SLICES: ReadonlySet<SliceName> = new Set(['s3Buckets', 's3AccountPublicAccessBlock', 's3BucketRecovery']);

interface FaultCase {
  name: string;
  kind: FaultKind;
  rules: FaultRule[];
}

/**
 * Each kind at 30 %, and one operation whose every answer is cut short: the ACL is what makes the
 * `acl-write` bucket public, so a collector that took a broken ACL for an empty one would turn
 * that `fail` into a `pass`, which the verdict comparison catches.
 */
const CASES: readonly FaultCase[] = [
  ...FAULT_KINDS.map((kind) => ({ name: `${kind} at 30 %`, kind, rules: [{ kind, rate: RATE }] })),
  { name: 'every GetBucketAcl body truncated', kind: 'truncated', rules: [{ kind: 'truncated', rate: 1, operations: ['GetBucketAcl'] }] },
];

interface FaultedScan {
  outcome: ScanOutcome;
  counts: ProxyCounts;
}

const keyOf = (result: Result) => `${result.checkId}|${result.resource}|${result.qualifier ?? ''}`;

function verdicts(report: Report): Map<string, Result> {
  return new Map(report.results.map((result) => [keyOf(result), result]));
}

/** Retries the SDK made (attempts beyond the first) and calls that still failed, from `stats`. */
function retriesAndFailures(report: Report): { retries: number; failures: number } {
  return report.stats.calls.reduce(
    (sum, stat) => ({ retries: sum.retries + stat.throttled, failures: sum.failures + stat.errors }),
    { retries: 0, failures: 0 },
  );
}

/**
 * Failed calls beyond the fault-free run's, per operation: that run fails some calls too (no bucket
 * policy, operations moto lacks), and a failed listing can save those later calls.
 */
function failuresBeyond(reference: Report, report: Report): number {
  const referenceErrors = new Map(reference.stats.calls.map((stat) => [`${stat.service}:${stat.operation}`, stat.errors]));
  return report.stats.calls.reduce((sum, stat) => sum + Math.max(0, stat.errors - (referenceErrors.get(`${stat.service}:${stat.operation}`) ?? 0)), 0);
}

describe.skipIf(!server.available)('fault injection on the wire', () => {
  let scenario: Scenario;
  let baseline: Report;
  const faulted = new Map<string, FaultedScan>();
  let s3Refused: FaultedScan;
  const bucket = (suffix: string) => `${scenario.accountId}-${suffix}`;

  async function scanThroughProxy(rules: readonly FaultRule[], extraArgs: readonly string[] = []): Promise<FaultedScan> {
    const proxy = await startWireProxy({ target: server.endpoint, rules, seed: SEED, slowResponseMs: SHORT_REQUEST_TIMEOUT_MS * 2 });
    try {
      const outcome = await runCli(
        ['scan', '--format', 'json', '--quiet', '--region', HOME_REGION, ...extraArgs],
        cliEnvironment(proxy.endpoint, scenario.credentials),
      );
      return { outcome, counts: proxy.counts() };
    } finally {
      await proxy.close();
    }
  }

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'faults');
    const s3 = scenario.s3(HOME_REGION);
    const ec2 = scenario.ec2(HOME_REGION);
    await Promise.all(['acl-write', 'policy-write', 'private'].map((suffix) => createBucket(s3, bucket(suffix), HOME_REGION)));
    await Promise.all([
      grantAllUsers(s3, bucket('acl-write'), 'WRITE'),
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket('policy-write'), Policy: putObjectPolicy(bucket('policy-write')) })),
      createSnapshot(ec2, `${HOME_REGION}a`, { group: 'all' }),
      createSnapshot(ec2, `${HOME_REGION}a`),
      launchInstance(ec2, 'optional'),
      scenario.setRoot({ accessKeysPresent: true, mfaEnabled: false }),
      (async () => {
        await scenario.iam.send(new CreateUserCommand({ UserName: 'deploy' }));
        await scenario.iam.send(new CreateAccessKeyCommand({ UserName: 'deploy' }));
      })(),
    ]);

    baseline = reportOf((await scanThroughProxy([])).outcome);
    const limit = pLimit(4);
    await Promise.all([
      ...CASES.map(({ name, kind, rules }) =>
        limit(async () => faulted.set(name, await scanThroughProxy(rules, kind === 'timeout' ? ['--request-timeout-ms', String(SHORT_REQUEST_TIMEOUT_MS)] : []))),
      ),
      // Two attempts: a refused service should not cost the whole backoff of --max-attempts.
      limit(async () => {
        s3Refused = await scanThroughProxy([{ kind: 'throttle', rate: 1, services: ['s3', 's3control'] }], ['--max-attempts', '2']);
      }),
    ]);
  });
  afterAll(() => scenario?.destroy());

  it('the fault-free run through the proxy saw the whole account', () => {
    const failing = baseline.results.filter((result) => result.status === 'fail').map((result) => result.checkId);
    expect(failing).toEqual(expect.arrayContaining(['s3-bucket-public-write', 'ebs-snapshot-public', 'iam-root-access-keys', 'ec2-imdsv1-enabled']));
    // Only what moto lacks (snapshot Block Public Access, the instance's AMI) is unknown without faults.
    expect(baseline.results.filter((result) => result.status === 'unknown').map((result) => result.checkId).sort()).toEqual([
      'ebs-snapshot-block-public-access',
      'ec2-instance-untrusted-ami',
    ]);
  });

  describe.each(CASES.map(({ name, kind }) => [name, kind] as const))('%s', (name, kind) => {
    it('injected faults, and the scan finished with a report and exit 0 or 1', () => {
      const scan = faulted.get(name);
      if (scan === undefined) throw new Error(`no ${name} scan`);
      expect(scan.counts.faults[kind]).toBeGreaterThan(0);
      expect(scan.outcome.stderr).not.toMatch(/\n\s+at /);
      expect([0, 1], scan.outcome.stderr).toContain(scan.outcome.exitCode);
      reportOf(scan.outcome);
    });

    it('every verdict equals the fault-free run, or is unknown with the reason', () => {
      const report = reportOf(faulted.get(name)?.outcome ?? { exitCode: null, stdout: '', stderr: '', report: undefined });
      const expected = verdicts(baseline);
      const unknownChecks = new Set(report.results.filter((result) => result.status === 'unknown').map((result) => result.checkId));
      for (const result of report.results) {
        if (result.status === 'unknown') {
          expect(result.message, keyOf(result)).toMatch(/\w{3}/);
          continue;
        }
        expect({ key: keyOf(result), status: result.status }).toEqual({ key: keyOf(result), status: expected.get(keyOf(result))?.status });
      }
      // Nothing the fault-free run found may vanish silently: it is there, or its check says unknown.
      const found = verdicts(report);
      for (const [key, result] of expected) {
        if (!found.has(key)) expect(unknownChecks, `${key} vanished`).toContain(result.checkId);
      }
    });

    it('counts retries and failures in stats, and differs from the fault-free run only where a call failed', () => {
      const scan = faulted.get(name);
      if (scan === undefined) throw new Error(`no ${name} scan`);
      const report = reportOf(scan.outcome);
      const { retries } = retriesAndFailures(report);
      const failures = failuresBeyond(baseline, report);
      if (RETRIED_KINDS.has(kind)) {
        expect(retries).toBeGreaterThan(0);
        // Each injected fault was either retried or ended its call as a failure.
        expect(retries + failures).toBeGreaterThanOrEqual(scan.counts.faults[kind]);
      } else {
        // A body that does not parse is not retried: every one of them is a failed call.
        expect(failures).toBeGreaterThan(0);
      }
      if (failures === 0) {
        expect(report.results.map((result) => `${keyOf(result)} ${result.status}`).sort()).toEqual(
          baseline.results.map((result) => `${keyOf(result)} ${result.status}`).sort(),
        );
      } else {
        expect(report.results.some((result) => result.status === 'unknown')).toBe(true);
      }
    });
  });

  it('with every S3 request throttled, exactly the checks that read S3 are unknown', () => {
    const report = reportOf(s3Refused.outcome);
    expect(s3Refused.counts.faults.throttle).toBeGreaterThan(0);
    expect([0, 1]).toContain(s3Refused.outcome.exitCode);
    const readsS3 = new Set<string>(ALL_CHECKS.filter((check) => check.needs.some((slice) => S3_SLICES.has(slice))).map((check) => check.id));
    expect(readsS3.size).toBeGreaterThan(0);
    const expected = verdicts(baseline);
    for (const result of report.results) {
      if (readsS3.has(result.checkId)) {
        expect({ key: keyOf(result), status: result.status }).toEqual({ key: keyOf(result), status: 'unknown' });
        expect(result.message).toMatch(/throttled/i);
      } else {
        expect({ key: keyOf(result), status: result.status }).toEqual({ key: keyOf(result), status: expected.get(keyOf(result))?.status });
      }
    }
    expect(report.results.filter((result) => readsS3.has(result.checkId)).length).toBeGreaterThan(0);
    expect(retriesAndFailures(report).failures).toBeGreaterThan(0);
  });
});
