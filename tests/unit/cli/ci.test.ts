import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressPrinter } from '../../../src/cli/ci.js';
import { EXIT } from '../../../src/cli/errors.js';
import { FAIL_ON_LEVELS, gate, type FailOn } from '../../../src/app/gate.js';
import { main } from '../../../src/cli/main.js';
import { SEVERITY_RANK, type Severity } from '../../../src/model.js';
import type { Report, Result } from '../../../src/report/schema.js';
import { applySuppressions } from '../../../src/suppress/apply.js';
import { demoReport } from '../../helpers/demo-report.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'breachmap-ci-'));
}

async function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stdoutIsTty: false, env: options.env ?? {}, cwd: options.cwd ?? tempDir() };
  const code = await main(['node', 'breachmap', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/**
 * A report with at most one failing result of the given severity (none for 'absent'), optionally
 * suppressed (unexpired) or covered by an expired suppression, and optionally one unknown result.
 */
function matrixReport(finding: Severity | 'absent', suppression: 'none' | 'suppressed' | 'expired', unknown: boolean): Report {
  const base = demoReport();
  const template = base.results.find((r) => r.status === 'fail');
  const unknownTemplate = base.results.find((r) => r.status === 'unknown');
  if (template === undefined || unknownTemplate === undefined) throw new Error('the demo has failing and unknown results');
  const results: Result[] = [];
  if (finding !== 'absent') results.push({ ...template, severity: finding });
  if (unknown) results.push(unknownTemplate);
  const report: Report = { ...base, results };
  if (suppression === 'none') return report;
  const expires = suppression === 'expired' ? report.collectedAt.slice(0, 10) : '2027-01-01';
  return applySuppressions(report, { file: '.breachmap.yml', entries: [{ check: template.checkId, resource: template.resource, reason: 'accepted', expires, line: 1 }] });
}

describe('the exit-code matrix', () => {
  const findings = ['critical', 'high', 'medium', 'low', 'absent'] as const;
  const suppressions = ['none', 'suppressed', 'expired'] as const;
  const cases = FAIL_ON_LEVELS.flatMap((failOn) =>
    findings.flatMap((finding) => suppressions.flatMap((suppression) => [false, true].flatMap((unknown) => [false, true].map((failOnUnknown) => ({ failOn, finding, suppression, unknown, failOnUnknown }))))),
  );

  it.each(cases)('--fail-on $failOn, finding $finding, suppression $suppression, unknown $unknown, --fail-on-unknown $failOnUnknown', ({ failOn, finding, suppression, unknown, failOnUnknown }) => {
    const report = matrixReport(finding, suppression, unknown);
    const findingGates = finding !== 'absent' && suppression !== 'suppressed' && failOn !== 'none' && SEVERITY_RANK[finding] >= SEVERITY_RANK[failOn as Severity];
    const unknownGates = unknown && failOnUnknown;
    const verdict = gate(report, { failOn, failOnUnknown });
    expect(verdict.exitCode).toBe(findingGates || unknownGates ? EXIT.findings : EXIT.ok);
    expect(verdict.reasons.length).toBe(Number(findingGates) + Number(unknownGates));
  });

  it('gates --fail-on-new on new results only', () => {
    const report = demoReport();
    const marked: Report = { ...report, results: report.results.map((r) => (r.status === 'fail' ? { ...r, baseline: r.severity === 'medium' ? ('new' as const) : ('unchanged' as const) } : r)) };
    const newAt = (level: FailOn) => gate(marked, { failOn: 'none', failOnNew: level }).exitCode;
    expect(newAt('critical')).toBe(EXIT.ok);
    expect(newAt('high')).toBe(EXIT.ok);
    expect(newAt('medium')).toBe(EXIT.findings);
    expect(gate(marked, { failOn: 'none', failOnNew: 'medium' }).reasons[0]).toMatch(/new failing results? at or above medium \(--fail-on-new medium\)/);
  });
});

describe('scan and demo in CI', () => {
  it('exits 1 on findings, explains why on stderr, and 0 once they are suppressed', async () => {
    const dir = tempDir();
    const failing = await cli(['demo', '--format', 'json', '--fail-on', 'critical', '--checks', 'iam-root-mfa'], { cwd: dir });
    expect(failing.code).toBe(EXIT.findings);
    expect(failing.stderr).toMatch(/exit 1: 1 failing result at or above critical \(--fail-on critical\): 1 critical/);

    writeFileSync(join(dir, '.breachmap.yml'), 'suppressions:\n  - check: iam-root-mfa\n    resource: "arn:aws:iam::*:root"\n    reason: break-glass account, hardware key on order\n    expires: 2027-01-15\n');
    const suppressed = await cli(['demo', '--format', 'json', '--fail-on', 'critical', '--checks', 'iam-root-mfa'], { cwd: dir });
    expect(suppressed.code).toBe(EXIT.ok);
    const report = JSON.parse(suppressed.stdout) as Report;
    expect(report.results.find((r) => r.checkId === 'iam-root-mfa')?.suppression).toMatchObject({ source: '.breachmap.yml:2' });
    expect(report.suppressions?.suppressed).toBe(1);
  });

  it('warns on stderr and in the report when a suppression has expired', async () => {
    const dir = tempDir();
    const file = join(dir, 'accepted.yml');
    writeFileSync(file, 'suppressions:\n  - check: iam-root-mfa\n    resource: arn:aws:iam::444455556666:root\n    reason: old decision\n    expires: 2026-11-02\n');
    const result = await cli(['demo', '--format', 'json', '--suppressions', file, '--fail-on', 'critical', '--quiet'], { cwd: dir });
    expect(result.code).toBe(EXIT.findings);
    expect(result.stderr).toMatch(/warning: .*accepted\.yml:2: the suppression of iam-root-mfa .* expired on 2026-11-02/);
    expect((JSON.parse(result.stdout) as Report).warnings).toHaveLength(1);
  });

  it('fails with --fail-on-unknown when a check could not be evaluated', async () => {
    const result = await cli(['demo', '--format', 'json', '--fail-on-unknown']);
    expect(result.code).toBe(EXIT.findings);
    expect(result.stderr).toMatch(/could not be evaluated \(--fail-on-unknown\)/);
  });

  it('compares with a baseline and gates on new findings only', async () => {
    const dir = tempDir();
    const baseline = join(dir, 'previous.json');
    expect((await cli(['demo', '--format', 'json', '--output', baseline, '--quiet'])).code).toBe(EXIT.ok);
    const same = await cli(['demo', '--format', 'json', '--baseline', baseline, '--fail-on-new', 'low']);
    expect(same.code).toBe(EXIT.ok);
    const report = JSON.parse(same.stdout) as Report;
    expect(report.baseline).toMatchObject({ new: 0, resolved: [] });
    expect(report.results.filter((r) => r.status === 'fail').every((r) => r.baseline === 'unchanged')).toBe(true);

    const previous = JSON.parse(readFileSync(baseline, 'utf8')) as Report;
    previous.results = previous.results.filter((r) => r.checkId !== 'iam-root-mfa');
    writeFileSync(baseline, JSON.stringify(previous));
    const grown = await cli(['demo', '--format', 'json', '--baseline', baseline, '--fail-on-new', 'critical']);
    expect(grown.code).toBe(EXIT.findings);
    expect(grown.stderr).toMatch(/1 new failing result at or above critical/);
  });

  it('writes several formats in one run, each atomically', async () => {
    const dir = tempDir();
    // --output resolves against the process working directory, so it gets an absolute path here.
    const result = await cli(['demo', '--format', 'json', '--output', join(dir, 'report.json'), '--report', 'sarif=report.sarif', '--report', 'markdown=summary.md', '--report', 'junit=junit.xml', '--quiet'], { cwd: dir });
    expect(result.code).toBe(EXIT.ok);
    expect(readdirSync(dir).sort()).toEqual(['junit.xml', 'report.json', 'report.sarif', 'summary.md']);
    expect(JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'))).toHaveProperty('version', '2.1.0');
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^## breachmap: account 444455556666/);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it.each([
    [['demo', '--fail-on-new', 'high'], /--fail-on-new compares against a previous report: add --baseline/],
    [['demo', '--report', 'pdf=x.pdf'], /'pdf' is not a report format/],
    [['demo', '--report', 'sarif'], /expected FORMAT=PATH/],
    [['demo', '--report', 'sarif=out', '--report', 'junit=out'], /both write to out/],
    [['demo', '--output', 'r.json', '--report', 'json=r.json'], /both write to r\.json/],
    [['demo', '--suppressions', 'missing.yml'], /missing\.yml: cannot read the suppressions file \(YAML\) \(no such file\)/],
    [['demo', '--baseline', 'missing.json'], /missing\.json: cannot read the breachmap JSON report \(--format json\) \(no such file\)/],
  ])('refuses %j with exit 2 and one line', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a malformed suppressions file with file, line and field, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.breachmap.yml'), 'suppressions:\n  - check: iam-root-mfa\n    resource: x\n    expires: 2027-01-01\n');
    const result = await cli(['demo', '--output', 'report.txt', '--report', 'sarif=report.sarif'], { cwd: dir });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr.trim()).toMatch(/^breachmap: error: \.breachmap\.yml:2: field suppressions\.0\.reason: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(['.breachmap.yml']);
  });

  it('refuses a baseline with another schema version', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ schemaVersion: 0, results: [] }));
    const result = await cli(['demo', '--baseline', join(dir, 'old.json')]);
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/field schemaVersion: .*the baseline has 0/);
  });

  it('leaves an existing report intact when an extra report cannot be written', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'summary.md'), 'old summary');
    const result = await cli(['demo', '--quiet', '--report', 'markdown=summary.md', '--report', 'sarif=no-such-dir/report.sarif'], { cwd: dir });
    // Output paths are checked before anything runs: nothing is written, the old summary stays.
    expect(result.code).toBe(EXIT.usage);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('old summary');
    expect(existsSync(join(dir, 'no-such-dir'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('breachmap-tmp'))).toEqual([]);
  });
});

describe('progress under CI=true', () => {
  it('prints every step on a terminal and nothing with --quiet', () => {
    const lines: string[] = [];
    const progress = progressPrinter((t) => lines.push(t), { quiet: false, env: {} });
    progress('a');
    progress('b');
    expect(lines).toEqual(['breachmap: a\n', 'breachmap: b\n']);
    const quiet: string[] = [];
    progressPrinter((t) => quiet.push(t), { quiet: true, env: { CI: 'true' } })('a');
    expect(quiet).toEqual([]);
  });

  it('prints at most one line every few seconds in CI', () => {
    let now = 0;
    const lines: string[] = [];
    const progress = progressPrinter((t) => lines.push(t), { quiet: false, env: { CI: 'true' }, now: () => now, intervalMs: 5000 });
    for (let i = 0; i < 20; i += 1) {
      progress(`step ${i}`);
      now += 1000;
    }
    expect(lines).toEqual(['breachmap: step 0\n', 'breachmap: step 5 (4 more steps since the last line)\n', 'breachmap: step 10 (4 more steps since the last line)\n', 'breachmap: step 15 (4 more steps since the last line)\n']);
  });
});
