import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { demoInventory } from '../../../src/demo/inventory.js';
import { parseShard, selectAccounts, shardOf, type OrganizationMember } from '../../../src/engine/account-selection.js';
import { accountFingerprint, combineAccountReports, MergeError, mergeReports, type AccountOutcome } from '../../../src/engine/organization.js';
import { renderReport, REPORT_FORMATS } from '../../../src/report/index.js';
import { reportSchema, type Report } from '../../../src/report/schema.js';
import { GOLDEN_VERSION, reportOf } from '../../helpers/demo-report.js';

const A = '111111111111';
const B = '222222222222';
const C = '333333333333';
const MANAGEMENT = '999999999999';

function accountReport(id: string, version = GOLDEN_VERSION): Report {
  const inventory = demoInventory(version);
  return reportOf({ ...inventory, account: { ...inventory.account, id, alias: `alias-${id.slice(0, 3)}` } });
}

function organizationReport(outcomes: AccountOutcome[], shard?: { index: number; count: number }): Report {
  const first = accountReport(A);
  return combineAccountReports({
    managementAccountId: MANAGEMENT,
    role: 'breachmap-audit',
    management: { tool: first.tool, account: { ...first.account, id: MANAGEMENT }, collectedAt: first.collectedAt, options: first.options },
    managementStats: { durationMs: 0, totalCalls: 3, calls: [{ service: 'sts', operation: 'AssumeRole', calls: 3, errors: 1, throttled: 2, totalMs: 10 }] },
    durationMs: 1234,
    accounts: outcomes,
    ...(shard === undefined ? {} : { shard }),
  });
}

const denied = { code: 'AccessDenied', message: `could not assume arn:aws:iam::${C}:role/breachmap-audit (AccessDenied: not authorized)`, action: 'sts:AssumeRole' };

describe('account selection', () => {
  const members: OrganizationMember[] = [
    { id: C, name: 'gamma', status: 'ACTIVE' },
    { id: A, name: 'alpha', status: 'ACTIVE' },
    { id: B, name: 'beta', status: 'SUSPENDED' },
    { id: '444444444444', name: 'delta', status: 'PENDING_CLOSURE' },
  ];

  it('keeps only ACTIVE accounts, sorted by id, and lists the others apart', () => {
    const selected = selectAccounts(members, {});
    expect(selected.accounts.map((m) => m.id)).toEqual([A, C]);
    expect(selected.inactive.map((m) => m.id).sort()).toEqual([B, '444444444444']);
  });

  it('narrows with --accounts and names the ids that are not active members', () => {
    const selected = selectAccounts(members, { include: [C, B, '555555555555'] });
    expect(selected.accounts.map((m) => m.id)).toEqual([C]);
    expect(selected.notFound).toEqual([B, '555555555555']);
  });

  it('applies --exclude-accounts after --accounts', () => {
    expect(selectAccounts(members, { exclude: [A] }).accounts.map((m) => m.id)).toEqual([C]);
    expect(selectAccounts(members, { include: [A, C], exclude: [C] }).accounts.map((m) => m.id)).toEqual([A]);
  });
});

describe('sharding', () => {
  const accountIds = fc.uniqueArray(fc.stringMatching(/^\d{12}$/), { minLength: 1, maxLength: 60 });

  it('parses I/N and rejects anything else', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1/0', '1', 'a/b', '1/2/3', '-1/2']) expect(() => parseShard(bad), bad).toThrow(/not a shard/);
  });

  it('splits the accounts into N disjoint shards whose union is every account', () => {
    fc.assert(
      fc.property(accountIds, fc.integer({ min: 1, max: 12 }), (ids, count) => {
        const members = ids.map((id) => ({ id, status: 'ACTIVE' }));
        const shards = Array.from({ length: count }, (_, i) => selectAccounts(members, { shard: { index: i + 1, count } }).accounts.map((m) => m.id));
        const all = shards.flat();
        expect(new Set(all).size).toBe(all.length);
        expect([...all].sort()).toEqual([...ids].sort());
      }),
    );
  });

  it('depends on the account id only: not on list order, nor on the other members', () => {
    fc.assert(
      fc.property(accountIds, fc.integer({ min: 2, max: 10 }), fc.integer({ min: 0, max: 1000 }), (ids, count, seed) => {
        const members = ids.map((id) => ({ id, status: 'ACTIVE' }));
        const shuffled = [...members].sort((a, b) => ((Number(a.id.slice(-4)) * seed) % 97) - ((Number(b.id.slice(-4)) * seed) % 97));
        const without = members.slice(1);
        for (let index = 1; index <= count; index += 1) {
          const ofAll = selectAccounts(members, { shard: { index, count } }).accounts.map((m) => m.id);
          expect(selectAccounts(shuffled, { shard: { index, count } }).accounts.map((m) => m.id)).toEqual(ofAll);
          // An account leaving the organization moves no other account to another shard.
          expect(selectAccounts(without, { shard: { index, count } }).accounts.map((m) => m.id)).toEqual(ofAll.filter((id) => id !== members[0]?.id));
        }
      }),
    );
  });

  it('is pinned: the same id lands in the same shard in every version (CI matrices rely on it)', () => {
    expect(shardOf('123456789012', 1)).toBe(1);
    // sha256("123456789012") starts with 2a33349e: 0x2a33349e % 7 = 6, so shard 7 of 7.
    expect(shardOf('123456789012', 7)).toBe(7);
  });

  it('spreads accounts roughly evenly', () => {
    const ids = Array.from({ length: 4000 }, (_, i) => String(100000000000 + i * 7919));
    const sizes = [1, 2, 3, 4].map((index) => ids.filter((id) => shardOf(id, 4) === index).length);
    for (const size of sizes) expect(size).toBeGreaterThan(850);
  });
});

describe('organization report', () => {
  const report = organizationReport([{ id: B, name: 'beta', report: accountReport(B) }, { id: A, name: 'alpha', report: accountReport(A) }, { id: C, name: 'gamma', error: denied }]);

  it('is a valid schema-version-1 report with the organization block', () => {
    expect(reportSchema.safeParse(report).success).toBe(true);
    expect(report.schemaVersion).toBe(3);
    expect(report.organization?.accounts.map((a) => [a.id, a.status])).toEqual([
      [A, 'scanned'],
      [B, 'scanned'],
      [C, 'failed'],
    ]);
    expect(report.organization?.summary).toEqual({ accounts: 3, scanned: 2, failed: 1, withFindings: 2 });
  });

  it('tags every result with its account and keeps fingerprints unique across accounts', () => {
    const single = accountReport(A);
    expect(report.results.every((r) => r.account === A || r.account === B)).toBe(true);
    expect(new Set(report.results.map((r) => r.fingerprint)).size).toBe(report.results.length);
    expect(report.results.length).toBe(2 * single.results.length);
    const first = single.results[0];
    if (first === undefined) throw new Error('the demo has results');
    expect(report.results.some((r) => r.account === A && r.fingerprint === accountFingerprint(A, first.fingerprint))).toBe(true);
  });

  it('sums the counts and the calls, and reports the account that could not be assumed with its reason', () => {
    const single = accountReport(A);
    expect(report.summary.results.fail).toBe(2 * single.summary.results.fail);
    expect(report.summary.failedBySeverity.critical).toBe(2 * single.summary.failedBySeverity.critical);
    expect(report.stats.totalCalls).toBe(3 + 2 * single.stats.totalCalls);
    expect(report.stats.calls.find((c) => c.operation === 'AssumeRole')).toMatchObject({ calls: 3, throttled: 2 });
    expect(report.organization?.accounts.find((a) => a.id === C)?.error).toEqual(denied);
    expect(report.errors).toContainEqual(expect.objectContaining({ slice: 'account', account: C, action: 'sts:AssumeRole' }));
    expect(report.warnings?.some((w) => w.includes(C) && w.includes('not scanned'))).toBe(true);
  });

  it('renders per-account sections and the organization summary in text, Markdown and HTML', () => {
    const text = renderReport(report, 'text', { color: false });
    expect(text).toContain('2 of 3 accounts scanned, 1 not scanned');
    expect(text).toContain(`━━ Account ${A} (alpha) ━━`);
    expect(text).toContain(`━━ Account ${B} (beta) ━━`);
    expect(text).not.toContain(`━━ Account ${C}`);
    expect(text).toMatch(new RegExp(`${C}\\s+gamma\\s+NOT SCANNED: could not assume`));
    expect(text.indexOf(`━━ Account ${A}`)).toBeLessThan(text.indexOf(`━━ Account ${B}`));

    const markdown = renderReport(report, 'markdown', { color: false });
    expect(markdown).toContain('## breachmap: AWS Organization');
    expect(markdown).toContain(`| \`${C}\` | gamma | ⚠️ not scanned`);
    expect(markdown).toContain(`### breachmap: account ${A}`);

    const html = renderReport(report, 'html', { color: false });
    expect(html).toContain('<h2 id="organization-title">Organization</h2>');
    expect(html).toContain(`id="account-${A}"`);
    expect(html).toContain(`id="account-${B}"`);
    expect(html).toContain('not scanned');
  });

  it('names the account in SARIF locations and JUnit test names', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif', { color: false })) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; properties: { account?: string } }[] }[] };
    const results = sarif.runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.properties.account === A || r.properties.account === B)).toBe(true);
    // S3 ARNs carry no account: the path must still say which account the bucket is in.
    const uris = results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri ?? '');
    const s3 = results.filter((_, i) => uris[i]?.includes('/s3/'));
    expect(s3.length).toBeGreaterThan(0);
    for (const result of s3) expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(new RegExp(`^aws/${result.properties.account ?? 'none'}/`));
    const junit = renderReport(report, 'junit', { color: false });
    expect(junit).toContain(`name="${A}: `);
    expect(junit).toContain(`name="${B}: `);
  });

  it('leaves single-account reports exactly as they were', () => {
    const single = accountReport(A);
    expect(single.organization).toBeUndefined();
    expect(single.results.every((r) => r.account === undefined)).toBe(true);
    expect(renderReport(single, 'text', { color: false })).not.toContain('AWS Organization');
  });

  it('renders every format without throwing', () => {
    for (const format of REPORT_FORMATS) expect(renderReport(report, format, { color: false }).length).toBeGreaterThan(100);
  });
});

describe('merge', () => {
  const shard1 = organizationReport([{ id: A, report: accountReport(A) }], { index: 1, count: 2 });
  const shard2 = organizationReport([{ id: B, report: accountReport(B) }, { id: C, error: denied }], { index: 2, count: 2 });
  const whole = organizationReport([{ id: A, report: accountReport(A) }, { id: B, report: accountReport(B) }, { id: C, error: denied }]);

  it('joins shards into the report an unsharded run gives', () => {
    const merged = mergeReports([
      { source: 'shard-1.json', report: shard1 },
      { source: 'shard-2.json', report: shard2 },
    ]);
    expect(reportSchema.safeParse(merged).success).toBe(true);
    expect(merged.results).toEqual(whole.results);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.organization?.accounts).toEqual(whole.organization?.accounts);
    expect(merged.organization?.summary).toEqual(whole.organization?.summary);
    expect(merged.organization?.mergedShards).toEqual(['1/2', '2/2']);
    expect(merged.organization?.shard).toBeUndefined();
  });

  it('accepts single-account reports, each becoming one account', () => {
    const merged = mergeReports([
      { source: 'a.json', report: accountReport(A) },
      { source: 'b.json', report: accountReport(B) },
    ]);
    expect(merged.organization?.accounts.map((a) => a.id)).toEqual([A, B]);
    expect(new Set(merged.results.map((r) => r.fingerprint)).size).toBe(merged.results.length);
  });

  it('rejects the same account in two inputs', () => {
    expect(() =>
      mergeReports([
        { source: 'shard-1.json', report: shard1 },
        { source: 'again.json', report: accountReport(A) },
      ]),
    ).toThrow(new MergeError(`account ${A} is in both shard-1.json and again.json; each account must come from exactly one shard`));
  });

  it('rejects reports of different tool versions', () => {
    const other = organizationReport([{ id: B, report: accountReport(B, '9.9.9') }]);
    other.tool = { name: 'breachmap', version: '9.9.9' };
    expect(() =>
      mergeReports([
        { source: 'shard-1.json', report: shard1 },
        { source: 'shard-2.json', report: other },
      ]),
    ).toThrow(/shard-2\.json was written by breachmap 9\.9\.9 but shard-1\.json by 0\.0\.0-golden/);
  });

  it('rejects another schema version', () => {
    const future = { ...shard2, schemaVersion: 4 } as unknown as Report;
    expect(() =>
      mergeReports([
        { source: 'shard-1.json', report: shard1 },
        { source: 'future.json', report: future },
      ]),
    ).toThrow(/future\.json: report schema version 4, but this breachmap merges version 3/);
  });

  describe('the merge command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachmap-merge-'));
    const write = (name: string, report: unknown) => {
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(report));
      return path;
    };
    async function cli(args: string[]) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
      return { code, stdout: out.join(''), stderr: err.join('') };
    }

    it('writes the merged report in the requested format', async () => {
      const output = join(dir, 'org.md');
      const run = await cli(['merge', write('s1.json', shard1), write('s2.json', shard2), '--output', output, '--format', 'markdown']);
      expect(run.stderr).toContain('merged 2 reports (3 accounts)');
      expect(run.code).toBe(0);
      expect(readFileSync(output, 'utf8')).toContain('## breachmap: AWS Organization');
      const json = await cli(['merge', join(dir, 's1.json'), join(dir, 's2.json')]);
      expect((JSON.parse(json.stdout) as Report).organization?.summary.accounts).toBe(3);
    });

    it('exits 2 with one line for a duplicate account, a schema version or a tool version mismatch', async () => {
      const duplicate = await cli(['merge', write('d1.json', shard1), write('d2.json', shard1)]);
      expect(duplicate.code).toBe(2);
      expect(duplicate.stderr).toMatch(/^breachmap: error: account 111111111111 is in both .*d1\.json and .*d2\.json/);
      const version = await cli(['merge', write('v1.json', shard1), write('v2.json', { ...shard2, schemaVersion: 4 })]);
      expect(version.code).toBe(2);
      expect(version.stderr).toMatch(/v2\.json: report schema version 4, but this breachmap merges version 3; regenerate/);
      const tool = await cli(['merge', write('t1.json', shard1), write('t2.json', { ...shard2, tool: { name: 'breachmap', version: '9.9.9' } })]);
      expect(tool.code).toBe(2);
      expect(tool.stderr).toContain('was written by breachmap 9.9.9');
      expect(`${duplicate.stderr}${version.stderr}${tool.stderr}`.trim().split('\n')).toHaveLength(3);
    });

    it('gates the merged report like a scan, and --fail-on-unknown counts accounts not scanned', async () => {
      const gated = await cli(['merge', join(dir, 's1.json'), join(dir, 's2.json'), '--fail-on', 'critical', '--quiet']);
      expect(gated.code).toBe(1);
      const onlyFailedAccount = organizationReport([{ id: C, error: denied }]);
      const unknown = await cli(['merge', write('failed.json', onlyFailedAccount), '--fail-on-unknown']);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('1 account could not be scanned (--fail-on-unknown)');
    });
  });
});

describe('scan flags for organizations', () => {
  async function cli(args: string[]) {
    const err: string[] = [];
    const out: string[] = [];
    const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
    return { code, stderr: err.join(''), stdout: out.join('') };
  }

  it.each([
    [['scan', '--org'], /--org needs --role-name/],
    [['scan', '--org', '--role-name', 'r', '--role-arn', `arn:aws:iam::${A}:role/r`], /Use one of them/],
    [['scan', '--role-name', 'r'], /--role-name only applies to organization scans/],
    [['scan', '--shard', '1/2'], /--shard only applies/],
    [['scan', '--org', '--role-name', 'r', '--accounts', A, '--ou', 'ou-abcd-12345678'], /--accounts and --ou/],
    [['scan', '--org', '--role-name', 'arn:aws:iam::1:role/x'], /not an IAM role name/],
    [['scan', '--org', '--role-name', 'r', '--ou', 'marketing'], /not an organizational unit/],
    [['scan', '--role-arn', 'arn:aws:iam::12:role/x'], /not an IAM role ARN/],
    [['scan', '--external-id', 'x'], /--external-id needs --org or --role-arn/],
    [['scan', '--from', 'x.json', '--org', '--role-name', 'r'], /--from evaluates one saved snapshot/],
  ])('%j is a usage error', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('prints the management-account policy with permissions --org', async () => {
    const run = await cli(['permissions', '--org', '--role-name', 'breachmap-audit']);
    const policy = JSON.parse(run.stdout) as { Statement: { Action: string[]; Resource: string }[] };
    expect(policy.Statement.flatMap((s) => s.Action).sort()).toEqual([
      'organizations:ListAccounts',
      'organizations:ListAccountsForParent',
      'organizations:ListOrganizationalUnitsForParent',
      'sts:AssumeRole',
    ]);
    expect(policy.Statement.find((s) => s.Action.includes('sts:AssumeRole'))?.Resource).toBe('arn:aws:iam::*:role/breachmap-audit');
    const scanPolicy = await cli(['permissions']);
    // The scan policy keeps only the one organization read a scan itself makes (trusting the
    // organization's accounts for snapshot shares); listing OUs and assuming roles stay out of it.
    const scanActions = (JSON.parse(scanPolicy.stdout) as { Statement: { Action: string[] }[] }).Statement.flatMap((s) => s.Action);
    expect(scanActions.filter((action) => action.startsWith('organizations:') || action.startsWith('sts:Assume'))).toEqual(['organizations:ListAccounts']);
    expect(scanPolicy.stdout).not.toContain('sts:AssumeRole');
  });
});
