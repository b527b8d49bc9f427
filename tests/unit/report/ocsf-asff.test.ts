/**
 * OCSF Detection Finding and ASFF: the demo (with a suppression) validates against breachmap's own
 * JSON Schemas of the two formats (tests/fixtures, written from the OCSF schema browser and the
 * Security Hub documentation), the validators reject broken output, and each format states the
 * same open and suppressed counts as the report's summary. Golden files pin the rest; regenerate
 * with `UPDATE_GOLDEN=1 npx vitest run tests/unit/report/ocsf-asff.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { finalizeReport } from '../../../src/app/final-report.js';
import { renderAsff, resourceType } from '../../../src/report/asff.js';
import { renderOcsf } from '../../../src/report/ocsf.js';
import type { Report } from '../../../src/report/schema.js';
import { demoReport } from '../../helpers/demo-report.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const GOLDEN = join(import.meta.dirname, '..', '..', 'golden');
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validateOcsf = ajv.compile(JSON.parse(readFileSync(join(FIXTURES, 'ocsf-detection-finding-1.3.0.schema.json'), 'utf8')) as object);
const validateAsff = ajv.compile(JSON.parse(readFileSync(join(FIXTURES, 'asff-findings.schema.json'), 'utf8')) as object);

function withSuppression(): Report {
  const base = demoReport();
  const first = base.results.find((r) => r.status === 'fail');
  if (first === undefined) throw new Error('the demo has failing results');
  return finalizeReport(base, {
    suppressions: { file: '.breachmap.yml', entries: [{ check: first.checkId, resource: first.resource, reason: 'accepted', expires: '2027-01-31', line: 1 }] },
    gate: { failOn: 'none', failOnUnknown: false },
  });
}

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('OCSF Detection Finding', () => {
  const report = withSuppression();
  const events = JSON.parse(renderOcsf(report)) as { status: string; class_uid: number; type_uid: number; severity_id: number; finding_info: { uid: string } }[];

  it('validates against the Detection Finding schema', () => {
    expect(validateOcsf(events), JSON.stringify(validateOcsf.errors)).toBe(true);
  });

  it('is checked by a validator that rejects a broken event', () => {
    const broken = structuredClone(events) as Record<string, unknown>[];
    delete broken[0]?.['finding_info'];
    expect(validateOcsf(broken)).toBe(false);
    const wrongClass = structuredClone(events) as Record<string, unknown>[];
    if (wrongClass[0] !== undefined) wrongClass[0]['class_uid'] = 2001;
    expect(validateOcsf(wrongClass)).toBe(false);
  });

  it('has one event per failing result, open as New and suppressed as Suppressed, with stable uids', () => {
    expect(events.filter((e) => e.status === 'New').length).toBe(report.summary.findings.open.total);
    expect(events.filter((e) => e.status === 'Suppressed').length).toBe(report.summary.findings.suppressed.total);
    expect(new Set(events.map((e) => e.finding_info.uid)).size).toBe(events.length);
    for (const event of events) expect(event.type_uid).toBe(event.class_uid * 100 + 1);
  });

  it('matches the golden file', () => {
    golden('demo.ocsf.json', renderOcsf(demoReport()));
  });
});

describe('ASFF', () => {
  const report = withSuppression();
  const findings = JSON.parse(renderAsff(report)) as { Id: string; Workflow: { Status: string }; ProductArn: string; AwsAccountId: string; Resources: { Type: string }[] }[];

  it('validates against the BatchImportFindings schema', () => {
    expect(validateAsff(findings), JSON.stringify(validateAsff.errors)).toBe(true);
  });

  it('is checked by a validator that rejects a broken finding', () => {
    const broken = structuredClone(findings) as Record<string, unknown>[];
    if (broken[0] !== undefined) broken[0]['SchemaVersion'] = '2020-01-01';
    expect(validateAsff(broken)).toBe(false);
    const longTitle = structuredClone(findings) as Record<string, unknown>[];
    if (longTitle[0] !== undefined) longTitle[0]['Title'] = 'x'.repeat(257);
    expect(validateAsff(longTitle)).toBe(false);
  });

  it('uses the account\'s own product ARN, unique ids and the suppression workflow state', () => {
    for (const finding of findings) expect(finding.ProductArn).toBe(`arn:aws:securityhub:eu-west-1:${finding.AwsAccountId}:product/${finding.AwsAccountId}/default`);
    expect(new Set(findings.map((f) => f.Id)).size).toBe(findings.length);
    expect(findings.filter((f) => f.Workflow.Status === 'NEW').length).toBe(report.summary.findings.open.total);
    expect(findings.filter((f) => f.Workflow.Status === 'SUPPRESSED').length).toBe(report.summary.findings.suppressed.total);
  });

  it.each([
    ['arn:aws:s3:::bucket', 'AwsS3Bucket'],
    ['arn:aws:iam::111122223333:root', 'AwsAccount'],
    ['arn:aws:iam::111122223333:user/alice', 'AwsIamUser'],
    ['arn:aws:ec2:us-east-1:111122223333:instance/i-0abc', 'AwsEc2Instance'],
    ['arn:aws:ec2:us-east-1:111122223333:instance/*', 'Other'],
    ['arn:aws:ec2:us-east-1:111122223333:security-group/sg-1', 'AwsEc2SecurityGroup'],
    ['arn:aws:ec2:us-east-1:111122223333:snapshot/snap-1', 'Other'],
  ])('resource type of %s is %s', (arn, type) => {
    expect(resourceType(arn)).toBe(type);
  });

  it('matches the golden file', () => {
    golden('demo.asff.json', renderAsff(demoReport()));
  });
});
