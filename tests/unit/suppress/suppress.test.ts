import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/inventory/load.js';
import { applySuppressions, oneYearAfter, resourceMatcher } from '../../../src/suppress/apply.js';
import { parseSuppressions } from '../../../src/suppress/file.js';
import { demoReport, failing, KNOWN_CHECKS } from '../../helpers/demo-report.js';

// The demo account is collected on 2026-11-02: that is "today" for every expiry below.
const parse = (yaml: string) => parseSuppressions(yaml, '.breachmap.yml', { knownChecks: KNOWN_CHECKS });

function entry(fields: Record<string, string>): string {
  return `  - ${Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n    ')}\n`;
}

const WEB_ASSETS = 'arn:aws:s3:::pinecone-web-assets';

describe('parsing the suppressions file', () => {
  it('reads entries with their line numbers, owner optional', () => {
    const file = parse(
      `# accepted risks\nsuppressions:\n${entry({ check: 's3-bucket-public-write', resource: WEB_ASSETS, reason: 'CDN origin, reviewed', expires: '2027-01-31', owner: 'web-team' })}${entry({ check: 'iam-root-mfa', resource: "'arn:aws:iam::*:root'", reason: 'break-glass', expires: "'2027-02-01'" })}`,
    );
    expect(file.entries).toEqual([
      { check: 's3-bucket-public-write', resource: WEB_ASSETS, reason: 'CDN origin, reviewed', expires: '2027-01-31', owner: 'web-team', line: 3 },
      { check: 'iam-root-mfa', resource: 'arn:aws:iam::*:root', reason: 'break-glass', expires: '2027-02-01', line: 8 },
    ]);
  });

  it('treats an empty file as no suppressions', () => {
    expect(parse('').entries).toEqual([]);
    expect(parse('suppressions: []\n').entries).toEqual([]);
  });

  it.each([
    ['a missing reason', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', expires: '2027-01-01' })}`, /^\.breachmap\.yml:2: field suppressions\.0\.reason: /],
    ['an empty reason', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: "'  '", expires: '2027-01-01' })}`, /:4: field suppressions\.0\.reason: a reason is required/],
    ['a missing expiry', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'r' })}`, /:2: field suppressions\.0\.expires: /],
    ['a malformed date', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'r', expires: '31/01/2027' })}`, /:5: field suppressions\.0\.expires: expected a date as YYYY-MM-DD/],
    ['an impossible date', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'r', expires: '2027-02-30' })}`, /:5: field suppressions\.0\.expires: not a calendar date/],
    ['a number for a date', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'r', expires: '2027' })}`, /:5: field suppressions\.0\.expires: expected a date/],
    ['an unknown field', `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'r', expires: '2027-01-01', until: 'x' })}`, /:2: field suppressions\.0: .*until/],
    ['an unknown check id', `suppressions:\n${entry({ check: 'iam-root-mfaa', resource: 'x', reason: 'r', expires: '2027-01-01' })}`, /:2: field suppressions\.0\.check: unknown check id 'iam-root-mfaa'/],
    ['a list at the top level', `- check: iam-root-mfa\n`, /:1: field \(top level\)/],
    ['broken YAML', `suppressions:\n  - check: [unclosed\n`, /\.breachmap\.yml:\d+: not valid YAML/],
    [
      'a duplicate entry',
      `suppressions:\n${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'r', expires: '2027-01-01' })}${entry({ check: 'iam-root-mfa', resource: 'x', reason: 'again', expires: '2027-01-02' })}`,
      /:6: field suppressions\.1: duplicates the entry on line 2/,
    ],
  ])('rejects %s, naming the file, line and field', (_name, yaml, message) => {
    expect(() => parse(yaml)).toThrow(InputError);
    expect(() => parse(yaml)).toThrow(message);
  });
});

describe('applying suppressions (today = the report collectedAt date, 2026-11-02)', () => {
  const fileWith = (...entries: { check: string; resource: string; expires: string; owner?: string }[]) => ({
    file: '.breachmap.yml',
    entries: entries.map((e, i) => ({ reason: `reason ${i}`, line: 2 + i * 5, ...e })),
  });

  it('suppresses matching failing results and keeps them in the report', () => {
    const report = applySuppressions(demoReport(), fileWith({ check: 's3-bucket-public-write', resource: WEB_ASSETS, expires: '2026-11-03', owner: 'web' }));
    const [result] = failing(report, 's3-bucket-public-write').filter((r) => r.resource === WEB_ASSETS);
    expect(result?.suppression).toEqual({ reason: 'reason 0', expires: '2026-11-03', owner: 'web', source: '.breachmap.yml:2' });
    expect(report.suppressions).toEqual({ file: '.breachmap.yml', suppressed: 1, expired: [], stale: [] });
    expect(report.warnings).toBeUndefined();
    expect(report.results).toHaveLength(demoReport().results.length);
  });

  it('matches globs across ARN separators', () => {
    const report = applySuppressions(demoReport(), fileWith({ check: 's3-bucket-public-write', resource: 'arn:aws:s3:::pinecone-*', expires: '2027-01-01' }));
    const all = failing(report, 's3-bucket-public-write');
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all.every((r) => r.suppression !== undefined)).toBe(true);
    expect(resourceMatcher('arn:aws:iam::*:user/ci-*')('arn:aws:iam::444455556666:user/ci-deployer')).toBe(true);
    expect(resourceMatcher('arn:aws:iam::*:user/ci-?')('arn:aws:iam::444455556666:user/ci-deployer')).toBe(false);
    expect(resourceMatcher('arn:aws:s3:::a.b')('arn:aws:s3:::aXb')).toBe(false);
  });

  it('never suppresses a result of another check, nor a passing or unknown one', () => {
    const report = applySuppressions(demoReport(), fileWith({ check: 'iam-root-mfa', resource: '*', expires: '2027-01-01' }));
    const suppressed = report.results.filter((r) => r.suppression !== undefined);
    expect(suppressed.map((r) => r.checkId)).toEqual(['iam-root-mfa']);
    expect(suppressed.every((r) => r.status === 'fail')).toBe(true);
  });

  it('stops suppressing on the expiry day itself and warns', () => {
    const report = applySuppressions(demoReport(), fileWith({ check: 'iam-root-mfa', resource: 'arn:aws:iam::444455556666:root', expires: '2026-11-02' }));
    expect(failing(report, 'iam-root-mfa')[0]?.suppression).toBeUndefined();
    expect(report.suppressions?.expired).toHaveLength(1);
    expect(report.warnings).toEqual([expect.stringMatching(/^\.breachmap\.yml:2: the suppression of iam-root-mfa .* expired on 2026-11-02; 1 failing result is no longer suppressed/)]);
  });

  it('still suppresses the day before the expiry', () => {
    const report = applySuppressions(demoReport(), fileWith({ check: 'iam-root-mfa', resource: 'arn:aws:iam::444455556666:root', expires: '2026-11-03' }));
    expect(failing(report, 'iam-root-mfa')[0]?.suppression).toBeDefined();
  });

  it('reports an entry that matches no failing result as stale', () => {
    const report = applySuppressions(demoReport(), fileWith({ check: 'iam-root-mfa', resource: 'arn:aws:iam::999999999999:root', expires: '2027-01-01' }));
    expect(report.suppressions?.stale).toEqual([{ check: 'iam-root-mfa', resource: 'arn:aws:iam::999999999999:root', reason: 'reason 0', expires: '2027-01-01', line: 2 }]);
    expect(report.warnings?.[0]).toMatch(/matches no failing result \(stale\)/);
  });

  it('does not call an entry stale while its result could not be evaluated', () => {
    const unknown = demoReport().results.find((r) => r.status === 'unknown');
    if (unknown === undefined) throw new Error('the demo should have an unknown result');
    const report = applySuppressions(demoReport(), fileWith({ check: unknown.checkId, resource: unknown.resource, expires: '2027-01-01' }));
    expect(report.suppressions?.stale).toEqual([]);
  });

  it('refuses an expiry more than a year after the scan date', () => {
    expect(() => applySuppressions(demoReport(), fileWith({ check: 'iam-root-mfa', resource: 'x', expires: '2027-11-02' }))).not.toThrow();
    expect(() => applySuppressions(demoReport(), fileWith({ check: 'iam-root-mfa', resource: 'x', expires: '2027-11-03' }))).toThrow(/^\.breachmap\.yml:2: field expires: 2027-11-03 is more than a year after the scan date/);
  });

  it('computes one year later, leap days included', () => {
    expect(oneYearAfter('2026-11-02')).toBe('2027-11-02');
    expect(oneYearAfter('2028-02-29')).toBe('2029-02-28');
  });
});
