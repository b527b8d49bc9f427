/**
 * The scan plan: everything a run needs, decided by the CLI from the flags, then carried out here
 * in one pipeline — source (the demo account, a snapshot file, one live account, or an organization
 * of accounts) → inventory → evaluated report → final report (suppressions, baseline, summary, gate).
 * The CLI only builds the plan, shows progress, renders the final report and exits with its code.
 */
import type { AnyCheck, EvaluationOptions } from '../checks/define.js';
import type { CollectOptions } from '../collect/index.js';
import { demoInventory } from '../demo/inventory.js';
import { buildReport } from '../engine/report.js';
import { INCIDENTS } from '../incidents/catalog.js';
import { loadInventory } from '../inventory/load.js';
import type { Inventory } from '../inventory/schema.js';
import type { Report } from '../report/schema.js';
import { finalizeReport, type FinalReportInputs } from './final-report.js';
import type { OrganizationScan } from './organization-scan.js';

export type ScanSource =
  | { kind: 'demo'; toolVersion: string }
  | { kind: 'snapshot'; path: string; stdin?: AsyncIterable<Buffer | string> }
  | { kind: 'account'; collect: CollectOptions }
  | { kind: 'organization'; scan: OrganizationScan };

export interface ScanPlan {
  source: ScanSource;
  checks: readonly AnyCheck[];
  evaluation: EvaluationOptions;
  final: FinalReportInputs;
}

export interface ScanOutcome {
  /** The final report: what every format renders. */
  report: Report;
  /** Why the run could not do its job although a report was made (exit 3), or null. */
  couldNotRun: string | null;
}

export async function runScanPlan(plan: ScanPlan): Promise<ScanOutcome> {
  const evaluate = (inventory: Inventory): Report => buildReport({ inventory, checks: plan.checks, catalog: INCIDENTS, options: plan.evaluation });
  const source = plan.source;
  let built: Report;
  // The one account's inventory, for breach paths (an organization report has none).
  let inventory: Inventory | undefined;
  let couldNotRun: string | null = null;
  switch (source.kind) {
    case 'demo':
      inventory = demoInventory(source.toolVersion);
      built = evaluate(inventory);
      break;
    case 'snapshot':
      inventory = await loadInventory(source.path, source.stdin);
      built = evaluate(inventory);
      break;
    case 'account': {
      // Loaded lazily so that demo and snapshot runs never load the AWS SDK.
      const collected = await (await import('../collect/index.js')).collectInventory(source.collect);
      inventory = collected;
      built = evaluate(collected);
      if (nothingCollected(collected)) couldNotRun = 'Nothing could be collected: every AWS read failed (see the unknown results above).';
      break;
    }
    case 'organization': {
      const { noAccountScanned, scanOrganization } = await import('./organization-scan.js');
      built = await scanOrganization(source.scan, evaluate, plan.evaluation);
      if (noAccountScanned(built)) couldNotRun = 'No account could be scanned (see the reasons above).';
      break;
    }
  }
  return { report: finalizeReport(built, plan.final, inventory), couldNotRun };
}

/** Every slice that was attempted failed: the credentials reach nothing. */
export function nothingCollected(inventory: Inventory): boolean {
  const slices = Object.values(inventory.slices).filter((slice) => slice !== undefined);
  return slices.length > 0 && slices.every((slice) => !slice.ok);
}
