/**
 * JUnit XML for CI systems that show test reports: one test suite per check, one test case per
 * check × resource. A failing result is a <failure>; unknown, not applicable and suppressed results
 * are <skipped> with the reason, so nothing disappears and nothing unevaluated counts as passed.
 */
import type { Report, Result } from './schema.js';
import { isOpenFinding } from './summary.js';
import { sanitizeForTerminal } from './sanitize.js';

export function renderJunit(report: Report): string {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const suites = new Map<string, Result[]>();
  for (const check of report.checks) suites.set(check.id, []);
  for (const result of report.results) {
    const suite = suites.get(result.checkId);
    if (suite === undefined) suites.set(result.checkId, [result]);
    else suite.push(result);
  }

  const isFailure = isOpenFinding;
  const isSkipped = (r: Result) => !isFailure(r) && r.status !== 'pass';
  const total = report.results.length;
  const failures = report.summary.findings.open.total;
  const skipped = total - failures - report.summary.results.pass;

  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="breachmap" tests="${total}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${attr(report.collectedAt)}">`);
  for (const [checkId, results] of suites) {
    const check = checks.get(checkId);
    lines.push(
      `  <testsuite name="${attr(checkId)}" tests="${results.length}" failures="${results.filter(isFailure).length}" errors="0" skipped="${results.filter(isSkipped).length}" timestamp="${attr(report.collectedAt)}">`,
    );
    if (check !== undefined) lines.push(`    <properties>`, `      <property name="severity" value="${attr(check.severity)}"/>`, `      <property name="expected" value="${attr(check.title)}"/>`, `    </properties>`);
    for (const result of results) {
      const qualifier = result.qualifier === undefined ? '' : ` (${result.qualifier})`;
      const region = result.region === 'global' ? '' : ` [${result.region}]`;
      // Organization results name their account: one resource name can exist in many accounts.
      const account = result.account === undefined ? '' : `${result.account}: `;
      const open = `    <testcase classname="breachmap.${attr(checkId)}" name="${attr(`${account}${result.resource}${qualifier}${region}`)}"`;
      if (isFailure(result)) {
        const fix = check === undefined ? '' : `\nFix: ${check.remediation.summary}\n${check.remediation.docs}`;
        const like = result.incidents.length === 0 ? '' : `\nResembles: ${result.incidents.slice(0, 3).map((m) => m.id).join(', ')}`;
        const state = result.baseline === undefined ? '' : `\nBaseline: ${result.baseline}`;
        const reach = result.reach === undefined ? '' : `\nReach: ${result.reach.summary}`;
        lines.push(`${open}>`, `      <failure type="${attr(result.severity)}" message="${attr(result.message)}">${text(`${result.message}${reach}${like}${fix}${state}`)}</failure>`, `    </testcase>`);
      } else if (isSkipped(result)) {
        const why =
          result.suppression !== undefined
            ? `suppressed until ${result.suppression.expires}: ${result.suppression.reason} (${result.suppression.source})`
            : `${result.status === 'unknown' ? 'could not be evaluated' : 'not applicable'}: ${result.message}`;
        lines.push(`${open}>`, `      <skipped message="${attr(why)}"/>`, `    </testcase>`);
      } else {
        lines.push(`${open}/>`);
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

// XML 1.0 cannot carry most C0 controls even escaped; they are made visible instead.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function text(value: string): string {
  // Terminal controls (C1, DEL) and bidi marks are legal XML but not inert in a log viewer.
  return sanitizeForTerminal(value)
    .replace(INVALID_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
