/**
 * A `pattern` incident match (report schema version 3) goes through every renderer: it is a valid
 * report, the human formats show its label and reason, the machine formats carry its kind, and
 * the HTML timeline leaves it out (it is not a strong match).
 */
import { describe, expect, it } from 'vitest';
import { patternReason } from '../../../src/incidents/match.js';
import { renderReport, REPORT_FORMATS } from '../../../src/report/index.js';
import { isStrongMatch, MATCH_KIND_LABELS, REPORT_SCHEMA_VERSION, reportSchema, type Report } from '../../../src/report/schema.js';
import { demoReport } from '../../helpers/demo-report.js';

const REASON = patternReason(['backdoor-iam']);

/** The demo report with every failing result's first incident turned into a pattern match. */
function withPatternMatches(): Report {
  const report = demoReport();
  return {
    ...report,
    results: report.results.map((result) => {
      const [first, ...rest] = result.incidents;
      if (result.status !== 'fail' || first === undefined) return result;
      return { ...result, incidents: [{ id: first.id, match: 'pattern' as const, reason: REASON }, ...rest] };
    }),
  };
}

describe('pattern matches in reports', () => {
  it('is an added value of report schema version 3', () => {
    expect(REPORT_SCHEMA_VERSION).toBe(3);
    expect(() => reportSchema.parse(withPatternMatches())).not.toThrow();
    expect(MATCH_KIND_LABELS.pattern).toBe('What came next');
    expect(isStrongMatch('pattern')).toBe(false);
    expect(REASON).toBe('What the attacker did next here: created IAM users, access keys or roles of their own to keep access.');
  });

  it.each([['text'], ['sarif'], ['html']] as const)('shows the label and the reason in %s', (format) => {
    const out = renderReport(withPatternMatches(), format, { color: false });
    expect(out).toContain('What came next');
    expect(out).toContain('What the attacker did next here: created IAM users');
  });

  it('names the kind in the markdown summary, which shows labels only', () => {
    expect(renderReport(withPatternMatches(), 'markdown', { color: false })).toContain(', what came next');
  });

  it('carries the kind in json and ocsf', () => {
    for (const format of ['json', 'ocsf'] as const) {
      expect(renderReport(withPatternMatches(), format, { color: false }), format).toContain('"pattern"');
    }
  });

  it('renders every format without error', () => {
    for (const format of REPORT_FORMATS) expect(renderReport(withPatternMatches(), format, { color: false }).length, format).toBeGreaterThan(0);
  });

  it('keeps pattern-only incidents out of the HTML breach timeline', () => {
    const report = withPatternMatches();
    const patternOnly = report.incidents.filter((incident) =>
      report.results.every((r) => r.incidents.every((m) => m.id !== incident.id || m.match === 'pattern')),
    );
    // The timeline names incidents by name, and several vendors (Sysdig, CrowdStrike) have more than one.
    const strongNames = new Set(report.incidents.filter((incident) => !patternOnly.includes(incident)).map((incident) => incident.name));
    const distinct = patternOnly.filter((incident) => !strongNames.has(incident.name));
    expect(distinct.length).toBeGreaterThan(0);
    const timeline = renderReport(report, 'html', { color: false }).split('id="timeline"')[1] ?? '';
    for (const incident of distinct) expect(timeline, incident.id).not.toContain(`<h3 class="tl-title">${incident.name}</h3>`);
  });
});
