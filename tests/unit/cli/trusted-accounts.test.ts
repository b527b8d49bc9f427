/**
 * The flags of the snapshot-sharing, AMI and user-data checks: --trusted-accounts changes verdicts
 * and is recorded in the report; the call budgets reject nonsense before anything is sent.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stdoutIsTty: false, env: {} };
  const code = await main(['node', 'breachmap', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

interface JsonReport {
  options: { trustedAccounts: string[] };
  results: { checkId: string; status: string; resource: string }[];
}

function statusOf(report: JsonReport, checkId: string, resource: string): string | undefined {
  return report.results.find((r) => r.checkId === checkId && r.resource === resource)?.status;
}

describe('--trusted-accounts', () => {
  const analyticsSnapshot = 'arn:aws:ec2:us-east-1::snapshot/snap-0demoanalytics1';
  const buildRunner = 'arn:aws:ec2:us-east-1:444455556666:instance/i-0demobuildrunner1';

  it('is empty by default, so the demo\'s foreign share and community AMI fail', async () => {
    const { code, stdout } = await cli(['demo', '--format', 'json']);
    const report = JSON.parse(stdout) as JsonReport;
    expect(code).toBe(0);
    expect(report.options.trustedAccounts).toEqual([]);
    expect(statusOf(report, 'ebs-snapshot-shared-unknown-account', analyticsSnapshot)).toBe('fail');
    expect(statusOf(report, 'ec2-instance-untrusted-ami', buildRunner)).toBe('fail');
  });

  it('trusts the listed accounts, sorted and deduplicated, and records them in the report', async () => {
    const { stdout } = await cli(['demo', '--format', 'json', '--trusted-accounts', ' 777700001111,210987654321,777700001111']);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.options.trustedAccounts).toEqual(['210987654321', '777700001111']);
    expect(statusOf(report, 'ebs-snapshot-shared-unknown-account', analyticsSnapshot)).toBe('pass');
    expect(statusOf(report, 'ec2-instance-untrusted-ami', buildRunner)).toBe('pass');
  });

  it.each([['12345'], ['210987654321,abc'], ['2109876543210']])('rejects %s with a usage error (exit 2)', async (value) => {
    const { code, stderr } = await cli(['demo', '--trusted-accounts', value]);
    expect(code).toBe(2);
    expect(stderr).toContain('12-digit AWS account id');
  });
});

describe('call budgets', () => {
  it.each([['--max-snapshot-attribute-calls'], ['--max-user-data-calls'], ['--max-rds-snapshot-attribute-calls']])('%s rejects a negative or fractional value before any AWS call', async (flag) => {
    for (const value of ['-1', '2.5', 'many']) {
      const { code, stderr } = await cli(['collect', '--output', '/nonexistent/never-written.json', flag, value]);
      expect(code).toBe(2);
      expect(stderr).toContain('whole number');
    }
  });
});
