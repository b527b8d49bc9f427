/**
 * SARIF, Markdown and JUnit of the demo account: golden files, validation against the official
 * SARIF 2.1.0 JSON schema (tests/fixtures/sarif-schema-2.1.0.json, the OASIS committee
 * specification text), what GitHub code scanning additionally requires, and escaping.
 * Regenerate the golden files with `UPDATE_GOLDEN=1 npx vitest run tests/unit/report/ci-formats.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { finalizeReport } from '../../../src/app/final-report.js';
import { parseBaseline } from '../../../src/baseline/index.js';
import { renderJson } from '../../../src/report/json.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderSarif, SECURITY_SEVERITY, virtualPath } from '../../../src/report/sarif.js';
import type { Report } from '../../../src/report/schema.js';
import { demoReport } from '../../helpers/demo-report.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden');
const SARIF_SCHEMA: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8'));

// ajv-formats is CommonJS; its default export arrives wrapped depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(SARIF_SCHEMA as object);

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

/** The demo with one suppressed finding, one expired suppression, and a baseline that lacks one finding. */
function ciReport(): Report {
  const base = demoReport();
  const withoutRootKeys = { ...base, results: base.results.filter((r) => r.checkId !== 'iam-root-access-keys') };
  return finalizeReport(base, {
    suppressions: {
      file: '.breachmap.yml',
      entries: [
        { check: 's3-bucket-public-write', resource: 'arn:aws:s3:::pinecone-web-assets', reason: 'CDN origin; uploads go through a signed-URL service', expires: '2027-01-31', owner: 'web-team', line: 2 },
        { check: 'iam-root-mfa', resource: 'arn:aws:iam::444455556666:root', reason: 'hardware key on order', expires: '2026-10-01', line: 8 },
      ],
    },
    baseline: parseBaseline(renderJson(withoutRootKeys), 'previous.json'),
    gate: { failOn: 'high', failOnNew: 'critical', failOnUnknown: false },
  });
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string; properties: { 'security-severity': string; tags: string[] }; help: { text: string; markdown: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; partialFingerprints: Record<string, string>; baselineState?: string; suppressions?: { kind: string; justification: string }[]; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } }; logicalLocations: { fullyQualifiedName: string }[] }[] }[];
    invocations: { toolExecutionNotifications?: { message: { text: string } }[] }[];
    properties: { breachmap: { baseline?: { resolved: unknown[] } } };
  }[];
}

describe('SARIF', () => {
  it.each([
    ['the demo report', () => demoReport()],
    ['a report with suppressions and a baseline', ciReport],
  ])('validates %s against the official SARIF 2.1.0 schema', (_name, make) => {
    const sarif: unknown = JSON.parse(renderSarif(make()));
    const valid = validateSarif(sarif);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a validator that does reject broken SARIF', () => {
    const sarif = JSON.parse(renderSarif(demoReport())) as { runs: { results: Record<string, unknown>[] }[] };
    const result = sarif.runs[0]?.results[0];
    if (result === undefined) throw new Error('the demo has failing results');
    result['level'] = 'critical';
    expect(validateSarif(sarif)).toBe(false);
    delete result['message'];
    result['level'] = 'error';
    expect(validateSarif(sarif)).toBe(false);
  });

  it('gives code scanning what it needs: rules, severities, locations, fingerprints', () => {
    const report = demoReport();
    const log = JSON.parse(renderSarif(report)) as SarifLog;
    const run = log.runs[0];
    if (run === undefined) throw new Error('one run');
    expect(run.tool.driver).toMatchObject({ name: 'breachmap', version: report.tool.version, informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(report.checks.map((c) => c.id));
    for (const rule of run.tool.driver.rules) {
      const score = Number(rule.properties['security-severity']);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(10);
      expect(rule.properties.tags).toContain('security');
      expect(rule.properties.tags.some((tag) => tag.startsWith('root-cause:'))).toBe(true);
      expect(rule.helpUri).toMatch(/^https:\/\//);
    }
    const rootKeys = run.tool.driver.rules.find((r) => r.id === 'iam-root-access-keys');
    expect(rootKeys?.properties['security-severity']).toBe(SECURITY_SEVERITY.critical);
    expect(rootKeys?.properties.tags).toEqual(expect.arrayContaining(['root-cause:root', 'CIS-AWS-1.4:1.4', 'SecurityHub:IAM.4']));
    expect(rootKeys?.help.markdown).toContain('Chegg');

    const failing = report.results.filter((r) => r.status === 'fail');
    expect(run.results).toHaveLength(failing.length);
    run.results.forEach((result, i) => {
      const source = failing[i];
      expect(result.ruleId).toBe(source?.checkId);
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.partialFingerprints['breachmap/v1']).toBe(source?.fingerprint);
      expect(result.locations).toHaveLength(1);
      expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toMatch(/^aws\/\d{12}\/[a-z0-9-]+\/[a-z0-9]+\//);
      expect(result.locations[0]?.physicalLocation.region.startLine).toBe(1);
      expect(result.locations[0]?.logicalLocations[0]?.fullyQualifiedName).toBe(source?.resource);
      expect(result.baselineState).toBeUndefined();
      expect(result.suppressions).toBeUndefined();
    });
    const uris = run.results.map((r) => `${r.ruleId} ${r.locations[0]?.physicalLocation.artifactLocation.uri ?? ''} ${r.partialFingerprints['breachmap/v1'] ?? ''}`);
    expect(new Set(uris).size).toBe(uris.length);
  });

  it('marks suppressed results with the justification and each result with its baseline state', () => {
    const log = JSON.parse(renderSarif(ciReport())) as SarifLog;
    const run = log.runs[0];
    if (run === undefined) throw new Error('one run');
    const suppressed = run.results.filter((r) => r.suppressions !== undefined);
    expect(suppressed).toHaveLength(1);
    expect(suppressed[0]?.suppressions).toEqual([expect.objectContaining({ kind: 'external', state: 'accepted', justification: 'CDN origin; uploads go through a signed-URL service' })]);
    expect(run.results.filter((r) => r.baselineState === 'new').map((r) => r.ruleId)).toEqual(['iam-root-access-keys']);
    expect(run.results.every((r) => r.baselineState === 'new' || r.baselineState === 'unchanged')).toBe(true);
    expect(run.invocations[0]?.toolExecutionNotifications?.map((n) => n.message.text)).toEqual(expect.arrayContaining([expect.stringMatching(/expired on 2026-10-01/)]));
    expect(run.properties.breachmap.baseline?.resolved).toEqual([]);
  });

  it('gives every resource a valid, stable virtual path', () => {
    expect(virtualPath({ resource: 'arn:aws:s3:::my bucket#1', region: 'eu-west-1' }, '111122223333')).toBe('aws/111122223333/eu-west-1/s3/my%20bucket%231');
    expect(virtualPath({ resource: 'arn:aws:iam::111122223333:user/a/b', region: 'global' }, '111122223333')).toBe('aws/111122223333/global/iam/user/a/b');
    expect(virtualPath({ resource: 'not-an-arn', region: 'global' }, '111122223333')).toBe('aws/111122223333/global/resource/not-an-arn');
  });

  it('matches the golden file', () => {
    golden('demo.sarif', renderSarif(demoReport()));
  });
});

describe('Markdown summary', () => {
  it('matches the golden files (plain, and with suppressions and a baseline)', () => {
    golden('demo.md', renderMarkdown(demoReport()));
    golden('demo-ci.md', renderMarkdown(ciReport()));
  });

  it('cannot be steered by account-supplied text', () => {
    const report = demoReport();
    const [first] = report.results.filter((r) => r.status === 'fail');
    if (first === undefined) throw new Error('the demo has failing results');
    first.message = 'evil <img src=x onerror=alert(1)> | [click](http://x) **bold**\n# heading';
    first.resource = 'arn:aws:s3:::a`b';
    const md = renderMarkdown(report);
    expect(md).not.toContain('<img');
    expect(md).toContain('&lt;img');
    expect(md).toContain('\\[click\\]');
    expect(md).not.toMatch(/^# heading/m);
    expect(md).toContain('`` arn:aws:s3:::a`b ``');
  });
});

describe('JUnit XML', () => {
  it('matches the golden file (with suppressions and a baseline)', () => {
    golden('demo-ci.junit.xml', renderJunit(ciReport()));
  });

  it('has one test case per check and resource: failures for open findings, skipped for the rest', () => {
    const report = ciReport();
    const xml = renderJunit(report);
    const testcases = xml.match(/<testcase /g) ?? [];
    expect(testcases).toHaveLength(report.results.length);
    const open = report.results.filter((r) => r.status === 'fail' && r.suppression === undefined).length;
    const skipped = report.results.filter((r) => r.status === 'unknown' || r.status === 'not_applicable' || r.suppression !== undefined).length;
    expect(xml.match(/<failure /g) ?? []).toHaveLength(open);
    expect(xml.match(/<skipped /g) ?? []).toHaveLength(skipped);
    expect(xml).toContain(`<testsuites name="breachmap" tests="${report.results.length}" failures="${open}" errors="0" skipped="${skipped}"`);
    expect(xml).toMatch(/<skipped message="suppressed until 2027-01-31: CDN origin/);
  });

  it('escapes XML in names, messages and attributes', () => {
    const report = demoReport();
    const [first] = report.results.filter((r) => r.status === 'fail');
    if (first === undefined) throw new Error('the demo has failing results');
    first.resource = 'arn:aws:s3:::a"<b>&\'c';
    first.message = 'x ]]> <y> & "z"\u0007';
    const xml = renderJunit(report);
    expect(xml).toContain('name="arn:aws:s3:::a&quot;&lt;b&gt;&amp;&apos;c');
    expect(xml).toContain('message="x ]]&gt; &lt;y&gt; &amp; &quot;z&quot;\\u0007"');
    expect(xml).not.toContain('<y>');
    expect(xml).not.toContain('\u0007');
  });
});
