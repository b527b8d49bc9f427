import { describe, expect, it } from 'vitest';
import { applyBaseline, parseBaseline } from '../../../src/baseline/index.js';
import { demoInventory } from '../../../src/demo/inventory.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { renderJson } from '../../../src/report/json.js';
import { reportSchema } from '../../../src/report/schema.js';
import { demoReport, GOLDEN_VERSION, reportOf } from '../../helpers/demo-report.js';

/**
 * The demo account a week later: root got an MFA device (a fix), the CI user's key was rotated
 * (a fix), and a new analytics key appeared that is already stale (a new finding). Regions are
 * listed in the other order, which must change nothing.
 */
function aWeekLater(): Inventory {
  const inventory = structuredClone(demoInventory('9.9.9-later'));
  inventory.collectedAt = '2026-11-09T09:30:00.000Z';
  inventory.regions = [...inventory.regions].reverse();
  const report = inventory.slices.credentialReport;
  if (report?.ok !== true) throw new Error('the demo has a credential report');
  const rows = report.data.rows;
  const root = rows.find((row) => row.user === '<root_account>');
  const ci = rows.find((row) => row.user === 'ci-deployer');
  if (root === undefined || ci === undefined) throw new Error('the demo has root and ci-deployer rows');
  root.mfaActive = true;
  const summary = inventory.slices.accountSummary;
  if (summary?.ok !== true) throw new Error('the demo has an account summary');
  summary.data.summaryMap['AccountMFAEnabled'] = 1;
  const freshKey = ci.accessKeys[0];
  if (freshKey !== undefined) freshKey.lastRotated = '2026-11-08T00:00:00.000Z';
  rows.push({
    ...ci,
    user: 'reporting-bot',
    arn: 'arn:aws:iam::444455556666:user/reporting-bot',
    userCreationTime: '2025-06-01T00:00:00.000Z',
    accessKeys: [{ slot: 1, active: true, lastRotated: '2025-06-01T00:00:00.000Z', lastUsed: null, lastUsedService: null, lastUsedRegion: null }],
  });
  return inventory;
}

describe('baselines', () => {
  const before = demoReport();
  const baseline = parseBaseline(renderJson(before), 'before.json');
  const after = applyBaseline(reportOf(aWeekLater()), baseline);

  it('marks every failing result new or unchanged, and nothing else', () => {
    for (const result of after.results) {
      if (result.status === 'fail') expect(['new', 'unchanged']).toContain(result.baseline);
      else expect(result.baseline).toBeUndefined();
    }
    expect(() => reportSchema.parse(after)).not.toThrow();
  });

  it('finds the new findings by fingerprint', () => {
    const added = after.results.filter((r) => r.baseline === 'new');
    expect(added.map((r) => r.resource)).toContain('arn:aws:iam::444455556666:user/reporting-bot');
    expect(added.every((r) => r.resource.includes('reporting-bot'))).toBe(true);
    expect(after.baseline?.new).toBe(added.length);
  });

  it('lists what was fixed as resolved', () => {
    const resolved = after.baseline?.resolved ?? [];
    expect(resolved.map((r) => `${r.checkId} ${r.resource}`)).toEqual(
      expect.arrayContaining(['iam-root-mfa arn:aws:iam::444455556666:root', 'iam-access-key-rotation arn:aws:iam::444455556666:user/ci-deployer']),
    );
    expect(after.baseline?.collectedAt).toBe(before.collectedAt);
  });

  it('keeps everything else unchanged, whatever the tool version and region order', () => {
    const unchanged = after.results.filter((r) => r.baseline === 'unchanged');
    expect(unchanged.length).toBe(after.baseline?.unchanged);
    expect(unchanged.length).toBeGreaterThan(5);
    const same = applyBaseline(demoReport(), baseline);
    expect(same.baseline?.new).toBe(0);
    expect(same.baseline?.resolved).toEqual([]);
  });

  it('does not call a failure that turned unknown resolved', () => {
    const later = aWeekLater();
    later.slices.credentialReport = { ok: false, error: { code: 'AccessDenied', message: 'denied', action: 'iam:GetCredentialReport' } };
    const compared = applyBaseline(reportOf(later), baseline);
    const resolvedChecks = new Set(compared.baseline?.resolved.map((r) => r.checkId));
    expect(resolvedChecks.has('iam-access-key-rotation')).toBe(false);
  });

  it.each([
    ['another schema version', JSON.stringify({ ...JSON.parse(renderJson(before)), schemaVersion: 4 }), /field schemaVersion: .*schema versions 1, 2, 3, the baseline has 4/],
    ['not JSON', '{', /^before\.json: not JSON \(error at position 1.*expected a breachmap JSON report/],
    ['a snapshot instead of a report', JSON.stringify(demoInventory(GOLDEN_VERSION)), /^before\.json: this is a snapshot from 'breachmap collect', not a report/],
    ['an empty file', '  \n', /^before\.json: empty file; expected a breachmap JSON report/],
    ['foreign JSON', '{"name": "x"}', /^before\.json: not a breachmap JSON report \(expected schemaVersion 3, summary and results\)/],
  ])('rejects %s with a one-line message', (_name, text, message) => {
    expect(() => parseBaseline(text, 'before.json')).toThrow(message);
  });
});
