/**
 * Decide once: one final report (suppressions and a baseline applied) rendered in every format
 * states the same numbers of open, suppressed, new and unknown results. Each format's figure is
 * read back from its own output, so a renderer that recounts (or forgets suppression) fails here.
 */
import { describe, expect, it } from 'vitest';
import { finalizeReport } from '../../../src/app/final-report.js';
import { parseBaseline } from '../../../src/baseline/index.js';
import { renderReport } from '../../../src/report/index.js';
import { renderJson } from '../../../src/report/json.js';
import type { Report } from '../../../src/report/schema.js';
import { demoInventory } from '../../../src/demo/inventory.js';
import { demoReport, GOLDEN_VERSION } from '../../helpers/demo-report.js';

function finalReport(): Report {
  const base = demoReport();
  const failing = base.results.filter((r) => r.status === 'fail');
  const [first, second, third] = failing;
  if (first === undefined || second === undefined || third === undefined) throw new Error('the demo has at least three failing results');
  // The baseline lacks one failure (so one is new); two failures are suppressed.
  const previous = { ...base, results: base.results.filter((r) => r !== third) };
  return finalizeReport(base, {
    suppressions: {
      file: '.breachmap.yml',
      entries: [
        { check: first.checkId, resource: first.resource, reason: 'accepted', expires: '2027-01-31', line: 1 },
        { check: second.checkId, resource: second.resource, reason: 'accepted', expires: '2027-01-31', line: 5 },
      ],
    },
    baseline: parseBaseline(renderJson(previous), 'previous.json'),
    gate: { failOn: 'none', failOnUnknown: false },
  }, demoInventory(GOLDEN_VERSION));
}

/** The breach-path headline figures as a format states them: principals that reach admin, buckets an entry point reaches. */
function pathFigures(text: string): [number, number, number, number] {
  const admin = /(\d+)(?:<\/strong>)? of (\d+) principals can reach admin/.exec(text);
  const buckets = /(\d+)(?:<\/strong>)? of (\d+) buckets reachable from an entry point/.exec(text);
  if (admin === null || buckets === null) throw new Error('no breach-path figures');
  return [Number(admin[1]), Number(admin[2]), Number(buckets[1]), Number(buckets[2])];
}

function number(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (match?.[1] === undefined) throw new Error(`no match for ${pattern.source}`);
  return Number(match[1]);
}

describe('every format states the same counts', () => {
  const report = finalReport();
  const { findings, results } = report.summary;
  const suppressedNow = report.results.filter((r) => r.status === 'fail' && r.suppression !== undefined).length;
  const openNow = report.results.filter((r) => r.status === 'fail' && r.suppression === undefined).length;

  it('has a summary computed after suppressions and the baseline', () => {
    expect(findings.suppressed.total).toBe(suppressedNow);
    expect(findings.suppressed.total).toBeGreaterThan(0);
    expect(findings.open.total).toBe(openNow);
    expect(findings.open.total + findings.suppressed.total).toBe(results.fail);
    expect(findings.new?.total).toBeGreaterThan(0);
  });

  it('has breach-path figures after suppressions', () => {
    expect(report.summary.paths?.principalsReachingAdmin).toBeGreaterThan(0);
    expect(report.summary.paths?.bucketsReachable).toBeGreaterThan(0);
    expect(report.summary.paths?.entryPoints).toBe(report.paths?.entryPoints.length);
  });

  it('every format states the same breach-path figures', () => {
    const paths = report.summary.paths;
    const expected = [paths?.principalsReachingAdmin, paths?.principals, paths?.bucketsReachable, paths?.bucketsKnown];
    for (const format of ['text', 'markdown', 'html'] as const) expect(pathFigures(renderReport(report, format, { color: false })), format).toEqual(expected);
    expect(pathFigures(renderReport(report, 'text', { color: false, compact: true }))).toEqual(expected);
    const json = JSON.parse(renderReport(report, 'json', { color: false })) as Report;
    expect(json.summary.paths).toEqual(paths);
    expect(json.paths).toEqual(report.paths);
  });

  it('text', () => {
    const text = renderReport(report, 'text', { color: false });
    expect(number(text, /(\d+) open/)).toBe(findings.open.total);
    expect(number(text, /(\d+) suppressed/)).toBe(findings.suppressed.total);
    expect(number(text, /(\d+) new, \d+ resolved/)).toBe(findings.new?.total);
    expect(number(text, /(\d+) unknown/)).toBe(results.unknown);
    expect(number(text, /Suppressed \((\d+)\)/)).toBe(findings.suppressed.total);
  });

  it('markdown', () => {
    const markdown = renderReport(report, 'markdown', { color: false });
    expect(number(markdown, /\*\*(\d+) open\*\*/)).toBe(findings.open.total);
    expect(number(markdown, /(\d+) suppressed/)).toBe(findings.suppressed.total);
    expect(number(markdown, /: (\d+) new,/)).toBe(findings.new?.total);
    expect(number(markdown, /(\d+) could not be evaluated/)).toBe(results.unknown);
  });

  it('html', () => {
    const html = renderReport(report, 'html', { color: false });
    expect(number(html, /<strong>(\d+) open finding/)).toBe(findings.open.total);
    expect(number(html, /<strong>(\d+)<\/strong> suppressed/)).toBe(findings.suppressed.total);
    expect(number(html, /<strong>(\d+)<\/strong> new/)).toBe(findings.new?.total);
    expect(number(html, /<strong>(\d+)<\/strong> not evaluated/)).toBe(results.unknown);
    expect((html.match(/<article /g) ?? []).length).toBe(findings.open.total);
  });

  it('junit', () => {
    const junit = renderReport(report, 'junit', { color: false });
    expect(number(junit, /<testsuites [^>]*failures="(\d+)"/)).toBe(findings.open.total);
    expect((junit.match(/<failure /g) ?? []).length).toBe(findings.open.total);
  });

  it('sarif', () => {
    const sarif = JSON.parse(renderReport(report, 'sarif', { color: false })) as {
      runs: { results: { suppressions?: unknown[]; baselineState?: string }[]; properties: { breachmap: { findings: Report['summary']['findings'] } } }[];
    };
    const run = sarif.runs[0];
    expect(run?.properties.breachmap.findings).toEqual(findings);
    expect(run?.results.filter((r) => r.suppressions === undefined).length).toBe(findings.open.total);
    expect(run?.results.filter((r) => r.suppressions !== undefined).length).toBe(findings.suppressed.total);
    expect(run?.results.filter((r) => r.suppressions === undefined && r.baselineState === 'new').length).toBe(findings.new?.total);
  });

  it('json', () => {
    const json = JSON.parse(renderReport(report, 'json', { color: false })) as Report;
    expect(json.summary.findings).toEqual(findings);
  });
});

describe('the text report', () => {
  const report = finalReport();
  const open = report.results.filter((r) => r.status === 'fail' && r.suppression === undefined);

  it('opens with the summary line and the worst open findings', () => {
    const lines = renderReport(report, 'text', { color: false }).split('\n');
    expect(lines[3]).toMatch(/^\d+ open \(/);
    expect(lines[4]).toBe(`Start with (5 of ${open.length}):`);
    expect(lines[5]).toContain(open[0]?.checkId ?? 'none');
  });

  it('--compact prints one line per open finding, then the summary', () => {
    const lines = renderReport(report, 'text', { color: false, compact: true }).trimEnd().split('\n');
    const findingLines = lines.filter((line) => /^(CRITICAL|HIGH|MEDIUM|LOW|INFO)\s/.test(line));
    expect(findingLines.length).toBe(open.length);
    expect(lines.at(-1)).toMatch(/^\d+ open \(/);
    expect(lines.some((line) => line.includes('Breaches that resemble it'))).toBe(false);
  });
});

describe('a severity that differs from its check', () => {
  const report = demoReport();
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const changed = report.results.filter((r) => r.severity !== checks.get(r.checkId)?.severity);

  it('always says why (the demo has raised and lowered results)', () => {
    expect(changed.length).toBeGreaterThan(0);
    for (const result of changed) expect(result.severityReason, `${result.checkId} ${result.resource}`).toMatch(/\w/);
    for (const result of report.results.filter((r) => !changed.includes(r))) expect(result.severityReason).toBeUndefined();
  });

  it('is shown in text, Markdown and HTML', () => {
    const first = changed.find((r) => r.status === 'fail');
    if (first === undefined) throw new Error('the demo has a failing result with a changed severity');
    const line = `from ${checks.get(first.checkId)?.severity ?? '?'} to ${first.severity}: ${first.severityReason ?? ''}.`;
    expect(renderReport(report, 'text', { color: false })).toContain(line);
    expect(renderReport(report, 'html', { color: false })).toContain(line.replace(/'/g, '&#39;'));
  });
});
