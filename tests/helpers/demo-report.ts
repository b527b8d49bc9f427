import { ALL_CHECKS } from '../../src/checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../../src/checks/define.js';
import { demoInventory } from '../../src/demo/inventory.js';
import { buildReport } from '../../src/engine/report.js';
import { INCIDENTS } from '../../src/incidents/catalog.js';
import type { Inventory } from '../../src/inventory/schema.js';
import type { Report, Result } from '../../src/report/schema.js';

export const GOLDEN_VERSION = '0.0.0-golden';
export const KNOWN_CHECKS: ReadonlySet<string> = new Set(ALL_CHECKS.map((check) => check.id));

export function reportOf(inventory: Inventory): Report {
  return buildReport({ inventory, checks: ALL_CHECKS, catalog: INCIDENTS, options: DEFAULT_EVALUATION_OPTIONS });
}

export function demoReport(): Report {
  return reportOf(demoInventory(GOLDEN_VERSION));
}

export function failing(report: Report, checkId: string): Result[] {
  return report.results.filter((r) => r.status === 'fail' && r.checkId === checkId);
}
