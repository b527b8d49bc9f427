/**
 * `scan --region` names are checked against ec2:DescribeRegions (AWS mocked in process): an unknown
 * name is a usage error (exit 2, one line naming it, a did-you-mean), a region the account has
 * not opted in to is a warning line and is skipped.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DescribeRegionsCommand, EC2Client, GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { IAMClient, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EXIT } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/main.js';

const CHECK = 'ebs-snapshot-block-public-access';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stdoutIsTty: false, env: {} };
  const code = await main(['node', 'breachmap', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('scan --region names are validated', () => {
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const ec2 = mockClient(EC2Client);

  beforeEach(() => {
    sts.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/scanner', UserId: 'AIDASCANNER' });
    iam.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
    ec2.on(DescribeRegionsCommand).resolves({
      Regions: [
        { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'us-east-2', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
        { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
      ],
    });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'block-all-sharing' });
  });

  afterEach(() => {
    sts.reset();
    iam.reset();
    ec2.reset();
  });

  it('exits 2 naming an unknown region, with the closest real names, before any regional read', async () => {
    const result = await cli(['scan', '--quiet', '--region', 'us-east-9', '--checks', CHECK]);

    expect(result.code).toBe(EXIT.usage);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      "breachmap: error: --region: 'us-east-9' is not a region of partition aws (ec2:DescribeRegions does not list it). Did you mean 'us-east-1' or 'us-east-2'? List them with `aws ec2 describe-regions --all-regions`.\n",
    );
    expect(ec2.commandCalls(GetSnapshotBlockPublicAccessStateCommand)).toHaveLength(0);
  });

  it('warns about a not-opted-in region on stderr, even with --quiet, and scans the rest', async () => {
    const result = await cli(['scan', '--quiet', '--format', 'json', '--region', 'af-south-1,eu-west-1', '--checks', CHECK]);

    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toBe('breachmap: warning: region af-south-1 is not enabled for account 123456789012 (not-opted-in); skipping it\n');
    const report = JSON.parse(result.stdout) as { results: { checkId: string; region: string | null; status: string }[] };
    expect(report.results.filter((r) => r.checkId === CHECK).map((r) => [r.region, r.status])).toEqual([['eu-west-1', 'pass']]);
  });

  it('exits 2 when every requested region is not opted in', async () => {
    const result = await cli(['scan', '--quiet', '--region', 'af-south-1', '--checks', CHECK]);

    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe(
      'breachmap: error: --region: af-south-1 is not enabled for this account (not-opted-in), so nothing regional can be scanned. Enable the region or choose another.\n',
    );
  });
});
