/**
 * Golden files for the demo account's reports. Regenerate deliberately with
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/report/golden.test.ts` and review the diff.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../../../src/checks/define.js';
import { main } from '../../../src/cli/main.js';
import { demoInventory } from '../../../src/demo/inventory.js';
import { buildReport } from '../../../src/engine/report.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { inventorySchema } from '../../../src/inventory/schema.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJson } from '../../../src/report/json.js';
import { reportJsonSchema } from '../../../src/report/json-schema.js';
import { reportSchema } from '../../../src/report/schema.js';
import { renderText } from '../../../src/report/text.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden');
const VERSION = '0.0.0-golden';

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function demoReport() {
  return buildReport({ inventory: demoInventory(VERSION), checks: ALL_CHECKS, catalog: INCIDENTS, options: DEFAULT_EVALUATION_OPTIONS });
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stdoutIsTty: false, env: {} },
    out,
    err,
  };
}

describe('demo report', () => {
  it('is a valid inventory and a valid report', () => {
    expect(() => inventorySchema.parse(demoInventory(VERSION))).not.toThrow();
    expect(() => reportSchema.parse(demoReport())).not.toThrow();
  });

  it('tells a story across every check family and at least eight catalog incidents', () => {
    const report = demoReport();
    const failing = new Set(report.results.filter((r) => r.status === 'fail').map((r) => r.checkId));
    for (const check of ALL_CHECKS) expect(failing.has(check.id), `${check.id} should fail somewhere in the demo`).toBe(true);
    expect(report.results.some((r) => r.status === 'pass')).toBe(true);
    expect(report.results.some((r) => r.status === 'unknown') || report.errors.length > 0).toBe(true);
    expect(report.incidents.length).toBeGreaterThanOrEqual(8);
  });

  it('matches the text golden file', () => {
    golden('demo.txt', renderText(demoReport(), { color: false }));
  });

  it('matches the JSON golden file', () => {
    golden('demo.json', renderJson(demoReport()));
  });

  it('matches the HTML golden file', () => {
    // Nothing in the page depends on the clock, the locale or the machine (timestamps are the
    // inventory's, formatted in UTC), and the version is pinned above, so the page compares whole.
    const html = renderHtml(demoReport());
    expect(renderHtml(demoReport())).toBe(html);
    golden('demo.html', html);
  });

  it('evaluates a snapshot of the demo account to the identical report (scan --from)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachmap-'));
    const snapshot = join(dir, 'demo.json');
    writeFileSync(snapshot, JSON.stringify(demoInventory(VERSION)));
    const fromSnapshot = capture();
    const fromDemo = capture();
    expect(await main(['node', 'breachmap', 'scan', '--from', snapshot, '--format', 'json'], fromSnapshot.io)).toBe(0);
    expect(await main(['node', 'breachmap', 'demo', '--format', 'json'], fromDemo.io)).toBe(0);
    const a = JSON.parse(fromSnapshot.out.join('')) as { tool: unknown };
    const b = JSON.parse(fromDemo.out.join('')) as { tool: unknown };
    // The demo stamps the running version; the snapshot keeps the version that collected it.
    expect({ ...a, tool: null }).toEqual({ ...b, tool: null });
  });

  it('keeps fingerprints stable and unique', () => {
    const report = demoReport();
    const fingerprints = report.results.map((r) => r.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    expect(demoReport().results.map((r) => r.fingerprint)).toEqual(fingerprints);
  });

  it('keeps schema/report.schema.json fresh (run npm run gen:schema)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', 'schema', 'report.schema.json'), 'utf8');
    expect(JSON.parse(committed)).toEqual(reportJsonSchema());
  });

  it('uses colours only when asked', () => {
    expect(renderText(demoReport(), { color: false })).not.toContain('\u001b[');
    expect(renderText(demoReport(), { color: true })).toContain('\u001b[');
  });
});
