/**
 * `scan --org` end to end, on a moto instance of this file's own (IAM enforcement is server-wide):
 * an organization of three accounts (the management account and two members). The scanning user in
 * the management account may list the organization and assume `breachmap-audit` everywhere except
 * in one member, where an explicit Deny refuses sts:AssumeRole, as a missing trust would on AWS
 * (moto accepts AssumeRole into any role, existing or not, unless IAM is enforced). Each role holds
 * exactly the printed scan policy. The refused account is reported with its reason; the others
 * complete. Sharded runs merged give the same accounts and verdicts as one run.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import type { AwsCredentialIdentity } from '@smithy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, cliEnvironment, e2eServer, HOME_REGION, reportOf, runCli, Scenario, startMoto, type MotoServer, type ScanOutcome } from './harness.js';
import { createBucket, grantAllUsers } from './provision.js';

const shared = e2eServer();
const ROLE = 'breachmap-audit';

describe.skipIf(!shared.available)('scan --org: three accounts, one of which refuses AssumeRole', () => {
  let server: MotoServer;
  let management: Scenario;
  const members: Record<'alpha' | 'beta', { id: string; scenario?: Scenario }> = { alpha: { id: '' }, beta: { id: '' } };
  let scanner: AwsCredentialIdentity;
  let outcome: ScanOutcome;
  let report: Report;
  const workDir = mkdtempSync(join(tmpdir(), 'breachmap-org-'));
  const bucket = () => `${members.alpha.id}-public-uploads`;

  /**
   * The role breachmap assumes: trusts the scanning user, holds exactly the printed scan policy.
   * (moto checks a trust policy only for a role in the caller's own account, and matches the
   * principal literally, so the user is named rather than the account root.)
   */
  async function createScanRole(scenario: Scenario, scanPolicy: string): Promise<void> {
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${management.accountId}:user/org-scanner` }, Action: 'sts:AssumeRole' }] };
    const policy = JSON.parse(scanPolicy) as { Version: string; Statement: object[] };
    // The moto-only action names explained in wire-and-permissions.test.ts.
    policy.Statement.push({ Sid: 'MotoOnlyActionNames', Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetPublicAccessBlock'], Resource: '*' });
    await scenario.iam.send(new CreateRoleCommand({ RoleName: ROLE, AssumeRolePolicyDocument: JSON.stringify(trust) }));
    await scenario.iam.send(new PutRolePolicyCommand({ RoleName: ROLE, PolicyName: 'breachmap', PolicyDocument: JSON.stringify(policy) }));
  }

  const scanOrg = (args: readonly string[]) => runCli(['scan', '--org', '--role-name', ROLE, '--region', HOME_REGION, '--quiet', ...args], cliEnvironment(server.endpoint, scanner));

  beforeAll(async () => {
    server = await startMoto();
    management = await Scenario.create(server.endpoint, 'org-management');
    const organizations = new OrganizationsClient({ region: HOME_REGION, endpoint: server.endpoint, credentials: management.credentials });
    try {
      await organizations.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      for (const name of ['alpha', 'beta'] as const) {
        const created = await organizations.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
        members[name].id = created.CreateAccountStatus?.AccountId ?? '';
        expect(members[name].id).toMatch(/^\d{12}$/);
        members[name].scenario = await Scenario.create(server.endpoint, `org-${name}`, members[name].id);
      }
    } finally {
      organizations.destroy();
    }
    const scanPolicy = (await runCli(['permissions'], cliEnvironment(server.endpoint, management.credentials))).stdout;
    const orgPolicy = JSON.parse((await runCli(['permissions', '--org', '--role-name', ROLE], cliEnvironment(server.endpoint, management.credentials))).stdout) as {
      Version: string;
      Statement: object[];
    };
    const alpha = members.alpha.scenario;
    if (alpha === undefined) throw new Error('alpha was not created');
    // The trust policies name the user, so it exists first.
    await management.iam.send(new CreateUserCommand({ UserName: 'org-scanner' }));
    await createScanRole(management, scanPolicy);
    await createScanRole(alpha, scanPolicy);
    // beta has the role too: only the management-side Deny below stops the assumption.
    if (members.beta.scenario !== undefined) await createScanRole(members.beta.scenario, scanPolicy);
    await createBucket(alpha.s3(HOME_REGION), bucket(), HOME_REGION);
    await grantAllUsers(alpha.s3(HOME_REGION), bucket(), 'WRITE');

    // The scanning identity: exactly `permissions --org`, plus GetCallerIdentity, minus beta.
    const denyBeta = { Sid: 'NotBeta', Effect: 'Deny', Action: 'sts:AssumeRole', Resource: `arn:aws:iam::${members.beta.id}:role/${ROLE}` };
    const identity = { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' };
    await management.iam.send(
      new PutUserPolicyCommand({ UserName: 'org-scanner', PolicyName: 'org', PolicyDocument: JSON.stringify({ Version: orgPolicy.Version, Statement: [...orgPolicy.Statement, identity, denyBeta] }) }),
    );
    const key = await management.iam.send(new CreateAccessKeyCommand({ UserName: 'org-scanner' }));
    scanner = { accessKeyId: key.AccessKey?.AccessKeyId ?? '', secretAccessKey: key.AccessKey?.SecretAccessKey ?? '' };

    // From here on moto checks every request's signature and the caller's IAM policies.
    const reset = await fetch(`${server.endpoint}/moto-api/reset-auth`, { method: 'POST', body: '0' });
    expect(reset.ok).toBe(true);
    outcome = await scanOrg(['--format', 'json']);
    report = reportOf(outcome);
  });
  afterAll(async () => {
    management?.destroy();
    members.alpha.scenario?.destroy();
    members.beta.scenario?.destroy();
    await server?.stop();
  });

  it('scans the two accounts it may enter and reports the third with the reason', () => {
    expect(outcome.exitCode, outcome.stderr).toBe(0);
    expect(report.organization?.managementAccountId).toBe(management.accountId);
    expect(report.organization?.summary).toMatchObject({ accounts: 3, scanned: 2, failed: 1 });
    const beta = report.organization?.accounts.find((a) => a.id === members.beta.id);
    expect(beta?.status).toBe('failed');
    expect(beta?.name).toBe('beta');
    expect(beta?.error).toMatchObject({ code: 'AccessDenied', action: 'sts:AssumeRole' });
    expect(beta?.error?.message).toContain(`arn:aws:iam::${members.beta.id}:role/${ROLE}`);
    expect(outcome.stderr).toContain(`account ${members.beta.id} (beta) was not scanned`);
    expect(report.organization?.accounts.filter((a) => a.status === 'scanned').map((a) => a.id).sort()).toEqual([management.accountId, members.alpha.id].sort());
  });

  it('finds the member account’s writable bucket, tagged with that account', () => {
    const found = report.results.filter((r) => r.checkId === 's3-bucket-public-write' && r.resource === `arn:aws:s3:::${bucket()}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'fail', account: members.alpha.id });
    expect(report.results.every((r) => r.account === management.accountId || r.account === members.alpha.id)).toBe(true);
    expect(new Set(report.results.map((r) => r.fingerprint)).size).toBe(report.results.length);
  });

  it('trusts the organization in role trust policies: the member role that names the management user passes', () => {
    const role = report.results.find((r) => r.checkId === 'iam-role-trust-external' && r.resource === `arn:aws:iam::${members.alpha.id}:role/${ROLE}`);
    expect(role).toMatchObject({ status: 'pass', account: members.alpha.id });
    expect(String(role?.evidence['trustedAccountsFrom'])).toContain('accounts of its AWS Organization');
  });

  it('works with exactly the printed policies: no AccessDenied inside the scanned accounts', () => {
    const denied = report.errors.filter((issue) => issue.account !== members.beta.id && /denied/i.test(`${issue.code} ${issue.message}`));
    expect(denied, outcome.stderr).toEqual([]);
    // Three assumptions (one refused), each through the recorded client; the listing once.
    expect(callsOf(report, 'sts', 'AssumeRole')).toBe(3);
    expect(callsOf(report, 'organizations', 'ListAccounts')).toBe(1);
  });

  it('--role-arn alone scans that one account', async () => {
    const single = await runCli(['scan', '--role-arn', `arn:aws:iam::${members.alpha.id}:role/${ROLE}`, '--region', HOME_REGION, '--quiet', '--format', 'json'], cliEnvironment(server.endpoint, scanner));
    const scanned = reportOf(single);
    expect(single.exitCode, single.stderr).toBe(0);
    expect(scanned.organization?.accounts.map((a) => [a.id, a.status])).toEqual([[members.alpha.id, 'scanned']]);
    expect(scanned.results.find((r) => r.resource === `arn:aws:s3:::${bucket()}` && r.checkId === 's3-bucket-public-write')?.status).toBe('fail');
  });

  it('--exclude-accounts leaves the refused account out, and --shard runs merged equal the whole run', async () => {
    const excluded = reportOf(await scanOrg(['--format', 'json', '--exclude-accounts', members.beta.id]));
    expect(excluded.organization?.summary).toMatchObject({ accounts: 2, scanned: 2, failed: 0 });

    const paths = [1, 2].map((i) => join(workDir, `shard-${i}.json`));
    const shards = await Promise.all(paths.map((path, i) => scanOrg(['--format', 'json', '--output', path, '--shard', `${i + 1}/2`])));
    shards.forEach((shard, i) => {
      // A shard holding only the refused account still writes its report, then exits 3 (nothing scanned).
      const written = JSON.parse(readFileSync(paths[i] ?? '', 'utf8')) as Report;
      const onlyFailures = (written.organization?.summary.accounts ?? 0) > 0 && written.organization?.summary.scanned === 0;
      expect(shard.exitCode, shard.stderr).toBe(onlyFailures ? 3 : 0);
    });
    const merged = await runCli(['merge', ...paths, '--output', join(workDir, 'org.json')], {});
    expect(merged.exitCode, merged.stderr).toBe(0);
    const org = JSON.parse(readFileSync(join(workDir, 'org.json'), 'utf8')) as Report;
    expect(org.organization?.accounts.map((a) => [a.id, a.status])).toEqual(report.organization?.accounts.map((a) => [a.id, a.status]));
    const verdicts = (r: Report) => r.results.map((x) => `${x.account ?? ''} ${x.checkId} ${x.resource} ${x.qualifier ?? ''} ${x.status}`).sort();
    expect(verdicts(org)).toEqual(verdicts(report));

    // The same (non-empty: with random account ids a shard may be empty) shard twice is refused.
    const nonEmpty = paths.find((path) => ((JSON.parse(readFileSync(path, 'utf8')) as Report).organization?.accounts.length ?? 0) > 0) ?? '';
    const again = await runCli(['merge', nonEmpty, nonEmpty], {});
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/account \d{12} is in both/);
  });
});
