import { describe, expect, it } from 'vitest';
import { renderReport, REPORT_FORMATS } from '../../../src/report/index.js';
import type { Report } from '../../../src/report/schema.js';
import { demoReport } from '../../helpers/demo-report.js';

const EVIL = '<img src=x onerror=alert(1)>|*';

/** The demo report with a store name that tries to break out of every format. */
function hostileReport(): Report {
  const report = demoReport();
  const result = report.results.find((candidate) => candidate.reach !== undefined && candidate.checkId === 'iam-user-keys-privileged');
  if (result?.reach === undefined) throw new Error('the demo has a privileged key user with reach');
  result.reach = {
    ...result.reach,
    stores: [{ kind: 's3-bucket', name: EVIL, arn: `arn:aws:s3:::${EVIL}`, region: 'us-east-1', access: ['read'] }],
    summary: `reads 1 of 6 buckets (\`${EVIL}\`)`,
  };
  return report;
}

describe('reach in every format', () => {
  const report = hostileReport();
  const rendered = Object.fromEntries(REPORT_FORMATS.map((format) => [format, renderReport(report, format, { color: false })]));

  it('every format states it', () => {
    for (const format of REPORT_FORMATS) expect({ format, has: /reads 1 of 6 buckets/.test(rendered[format] ?? '') }).toEqual({ format, has: true });
  });

  it('structured where the format is structured', () => {
    const sarif = JSON.parse(rendered['sarif'] ?? '') as { runs: { results: { ruleId: string; properties: { reach?: { principal: string } } }[] }[] };
    expect(sarif.runs[0]?.results.find((result) => result.ruleId === 'iam-user-keys-privileged')?.properties.reach?.principal).toMatch(/user\/jordan\.lee$/);
    const ocsf = JSON.parse(rendered['ocsf'] ?? '') as { metadata: { event_code: string }; unmapped: { reach?: { stores: { name: string }[] } } }[];
    expect(ocsf.find((event) => event.metadata.event_code === 'iam-user-keys-privileged')?.unmapped.reach?.stores[0]?.name).toBe(EVIL);
    const json = JSON.parse(rendered['json'] ?? '') as Report;
    expect(json.results.find((result) => result.checkId === 'iam-user-keys-privileged')?.reach?.stores[0]?.name).toBe(EVIL);
  });

  it('HTML: a collapsible list, the name escaped', () => {
    const html = rendered['html'] ?? '';
    expect(html).toContain('<details class="reach">');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });

  it('Markdown: the name only inside a code span, where it is literal text', () => {
    const markdown = rendered['markdown'] ?? '';
    expect(markdown).toContain('Reach: reads 1 of 6 buckets (`<img src=x onerror=alert(1)>|*`)');
    expect(markdown.split('\n').filter((line) => line.includes('<img')).every((line) => line.includes('`<img src=x onerror=alert(1)>|*`'))).toBe(true);
  });
});
