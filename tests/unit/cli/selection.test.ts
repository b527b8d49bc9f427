import { describe, expect, it, vi } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { EXIT } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/main.js';
import { selectChecks, slicesFor, suggest } from '../../../src/cli/selection.js';
import { editDistance } from '../../../src/teach/suggest.js';
import { demoInventory } from '../../../src/demo/inventory.js';

// The scan path imports the collectors lazily; record which slices it asks for instead of calling AWS.
const requestedSlices: string[][] = [];
vi.mock('../../../src/collect/index.js', () => ({
  collectInventory: (options: { slices: string[] }) => {
    requestedSlices.push([...options.slices]);
    return Promise.resolve(demoInventory('0.0.0-test'));
  },
  CallerIdentityError: class extends Error {},
  UnknownProfileError: class extends Error {},
  UnknownRegionError: class extends Error {},
  NoEnabledRegionError: class extends Error {},
}));

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('selectChecks', () => {
  it('selects everything by default, in registry order', () => {
    expect(selectChecks(ALL_CHECKS, {})).toEqual(ALL_CHECKS);
  });

  it('selects by check id and by root-cause class, and skips the same way', () => {
    expect(selectChecks(ALL_CHECKS, { checks: 'iam-root-mfa, ec2-capital-one-path' }).map((c) => c.id)).toEqual(['iam-root-mfa', 'ec2-capital-one-path']);
    const byCause = selectChecks(ALL_CHECKS, { checks: 's3-public-write' }).map((c) => c.id);
    expect(byCause).toEqual(ALL_CHECKS.filter((c) => c.rootCauses.includes('s3-public-write')).map((c) => c.id));
    const skipped = selectChecks(ALL_CHECKS, { checks: 'imds-ssrf', skipChecks: 'ec2-imdsv1-enabled' }).map((c) => c.id);
    expect(skipped).toContain('ec2-capital-one-path');
    expect(skipped).not.toContain('ec2-imdsv1-enabled');
    expect(selectChecks(ALL_CHECKS, { skipChecks: 'leaked-keys' }).some((c) => c.rootCauses.includes('leaked-keys'))).toBe(false);
  });

  it.each([
    [{ checks: 'iam-root-mfaa' }, /--checks: 'iam-root-mfaa' is neither a check id nor a root-cause class\. Did you mean 'iam-root-mfa'\?/],
    [{ skipChecks: 'imds-srf' }, /--skip-checks: 'imds-srf' .* Did you mean 'imds-ssrf'\?/],
    [{ checks: 'capital-one' }, /Did you mean 'ec2-capital-one-path'\?/],
    [{ checks: 'zzzzzzzz' }, /^--checks: 'zzzzzzzz' is neither a check id nor a root-cause class\. Run 'breachmap checks' for the list\.$/],
    [{ checks: ' , ' }, /--checks needs check ids/],
    [{ checks: 'iam-root-mfa', skipChecks: 'root' }, /leave no check to run/],
  ])('rejects %j', (flags, message) => {
    expect(() => selectChecks(ALL_CHECKS, flags)).toThrow(message);
  });

  it('derives the slices to collect from the selected checks only', () => {
    expect(slicesFor(selectChecks(ALL_CHECKS, { checks: 'ec2-security-group-admin-ports-open' })).sort()).toEqual(['ec2Instances', 'ec2SecurityGroups']);
    expect(slicesFor(selectChecks(ALL_CHECKS, { checks: 'iam-root-mfa' }))).toEqual(['accountSummary']);
  });

  it('measures edit distance and suggests only close names', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(suggest('iam-root-mfa', ['iam-root-mfa'])).toBe('iam-root-mfa');
    expect(suggest('s3', ['iam-root-mfa', 'ec2-imdsv1-enabled'])).toBeUndefined();
  });
});

describe('--checks and --skip-checks on the commands', () => {
  it('demo evaluates only the selected checks', async () => {
    const result = await cli(['demo', '--format', 'json', '--checks', 'iam-user-console-without-mfa,exposed-k8s']);
    expect(result.code).toBe(EXIT.ok);
    const report = JSON.parse(result.stdout) as { checks: { id: string }[]; results: { checkId: string }[] };
    expect(report.checks.map((c) => c.id)).toEqual(['iam-user-console-without-mfa', 'ec2-security-group-admin-ports-open', 'eks-cluster-endpoint-public']);
    expect(new Set(report.results.map((r) => r.checkId))).toEqual(new Set(['iam-user-console-without-mfa', 'ec2-security-group-admin-ports-open', 'eks-cluster-endpoint-public']));
  });

  it('an unknown id is a one-line usage error (exit 2) with a suggestion', async () => {
    const result = await cli(['demo', '--skip-checks', 'iam-root-acess-keys']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe(
      "breachmap: error: --skip-checks: 'iam-root-acess-keys' is neither a check id nor a root-cause class. Did you mean 'iam-root-access-keys'? Run 'breachmap checks' for the list.\n",
    );
  });

  it('permissions prints only the actions of the selected checks', async () => {
    const result = await cli(['permissions', '--checks', 'ec2-security-group-admin-ports-open']);
    expect(result.code).toBe(EXIT.ok);
    const policy = JSON.parse(result.stdout) as { Statement: { Action: string[] }[] };
    expect(policy.Statement[0]?.Action).toEqual([
      'ec2:DescribeInstances',
      'ec2:DescribeManagedPrefixLists',
      'ec2:DescribeRegions',
      'ec2:DescribeSecurityGroups',
      'ec2:GetManagedPrefixListEntries',
      'iam:ListAccountAliases',
      'sts:GetCallerIdentity',
    ]);
    const skipped = await cli(['permissions', '--skip-checks', 'ec2-security-group-admin-ports-open,ec2-capital-one-path']);
    expect(skipped.stdout).not.toContain('ec2:DescribeSecurityGroups');
    expect(skipped.stdout).not.toContain('ec2:GetManagedPrefixListEntries');
  });

  it('scan and collect ask the collectors only for the slices the selection needs', async () => {
    requestedSlices.length = 0;
    const scan = await cli(['scan', '--quiet', '--format', 'json', '--checks', 'iam-root-mfa,iam-user-inactive-console']);
    expect(scan.code).toBe(EXIT.ok);
    // iam-user-inactive-console reports reach, so the scan also collects what reach reads (src/engine/credential-reach.ts).
    expect(requestedSlices[0]?.sort()).toEqual(['accountSummary', 'authorizationDetails', 'credentialReport', 'ebsSnapshotSharing', 'ec2Instances', 's3AccountPublicAccessBlock', 's3Buckets']);
    const report = JSON.parse(scan.stdout) as { summary: { checks: number } };
    expect(report.summary.checks).toBe(2);

    const unknown = await cli(['collect', '--output', '/nonexistent/never-written.json', '--checks', 'nope-nope']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(requestedSlices).toHaveLength(1);
  });
});

describe('--max-inactive-days', () => {
  it('sets maxInactiveConsoleDays, is recorded in the report, and changes the verdict', async () => {
    const lenient = await cli(['demo', '--format', 'json', '--checks', 'iam-user-inactive-console', '--max-inactive-days', '365']);
    const report = JSON.parse(lenient.stdout) as { options: { maxInactiveConsoleDays: number }; results: { status: string }[] };
    expect(report.options.maxInactiveConsoleDays).toBe(365);
    expect(report.results.some((r) => r.status === 'fail')).toBe(false);

    const strict = JSON.parse((await cli(['demo', '--format', 'json', '--checks', 'iam-user-inactive-console'])).stdout) as typeof report;
    expect(strict.options.maxInactiveConsoleDays).toBe(90);
    expect(strict.results.some((r) => r.status === 'fail')).toBe(true);

    expect((await cli(['demo', '--max-inactive-days', '0'])).code).toBe(EXIT.usage);
  });
});

describe('--framework', () => {
  it('selects exactly the checks mapped to the framework', () => {
    const selected = selectChecks(ALL_CHECKS, { framework: 'cis-aws-5.0' });
    expect(selected.length).toBeGreaterThan(0);
    expect(selected).toEqual(ALL_CHECKS.filter((check) => (check.frameworks['cis-aws-5.0'] ?? []).length > 0));
  });

  it('refuses an unknown framework with a did-you-mean (exit 2)', async () => {
    const result = await cli(['demo', '--framework', 'cis-aws-5']);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/^breachmap: error: --framework: 'cis-aws-5' is not a framework breachmap maps .*Did you mean 'cis-aws-5\.0'\?/);
  });

  it('adds one row per control to the summary, in the framework order, in JSON, text and Markdown', async () => {
    const json = JSON.parse((await cli(['demo', '--framework', 'cis-aws-5.0', '--format', 'json'])).stdout) as {
      framework: string;
      summary: { controls: { control: string; status: string; open: number; checks: string[] }[] };
    };
    expect(json.framework).toBe('cis-aws-5.0');
    const controls = json.summary.controls.map((row) => row.control);
    expect(controls).toEqual([...controls].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    const rootKeys = json.summary.controls.find((row) => row.checks.includes('iam-root-access-keys'));
    expect(rootKeys?.status).toBe('fail');
    expect(rootKeys?.open).toBe(1);
    const text = (await cli(['demo', '--framework', 'cis-aws-5.0'])).stdout;
    expect(text).toMatch(new RegExp(`CIS AWS Foundations Benchmark 5\\.0: \\d+ of ${controls.length} controls fail`));
    const markdown = (await cli(['demo', '--framework', 'cis-aws-5.0', '--format', 'markdown'])).stdout;
    expect(markdown).toContain('### CIS AWS Foundations Benchmark 5.0');
    expect(markdown).toContain(`| ${rootKeys?.control ?? '?'} | fail | \`iam-root-access-keys\` | 1 | 0 |`);
  });
});
