/**
 * Evaluates the selected checks against an inventory and assembles the report. Pure: the same
 * inventory, checks, catalog and options always give the same report, byte for byte.
 */
import { createHash } from 'node:crypto';
import type { AnyCheck, CheckOutcome, EvaluationOptions } from '../checks/define.js';
import type { Incident } from '../incidents/types.js';
import { matchIncidents } from '../incidents/match.js';
import type { Inventory, SliceName } from '../inventory/schema.js';
import { SEVERITY_RANK, type Status } from '../model.js';
import type { CheckSummary, CollectionIssue, Report, ReportIncident, Result } from '../report/schema.js';
import { REPORT_SCHEMA_VERSION } from '../report/schema.js';
import { summarizeResults } from '../report/summary.js';
import { attachReach } from './credential-reach.js';
import { evaluateCheck } from './evaluate.js';

export function fingerprint(checkId: string, resource: string, qualifier: string | undefined): string {
  return createHash('sha256').update(`${checkId}\n${resource}\n${qualifier ?? ''}`).digest('hex').slice(0, 32);
}

const STATUS_ORDER: Readonly<Record<Status, number>> = { fail: 0, unknown: 1, pass: 2, not_applicable: 3 };

export function compareResults(a: Result, b: Result): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    a.checkId.localeCompare(b.checkId) ||
    a.region.localeCompare(b.region) ||
    a.resource.localeCompare(b.resource) ||
    (a.qualifier ?? '').localeCompare(b.qualifier ?? '')
  );
}

export interface BuildReportInput {
  inventory: Inventory;
  checks: readonly AnyCheck[];
  catalog: readonly Incident[];
  options: EvaluationOptions;
}

export function buildReport({ inventory, checks, catalog, options }: BuildReportInput): Report {
  const context = {
    now: new Date(inventory.collectedAt),
    accountId: inventory.account.id,
    partition: inventory.account.partition,
    options,
  };
  const results: Result[] = [];
  for (const check of checks) {
    const incidents = matchIncidents(check, catalog);
    const seen = new Set<string>();
    for (const outcome of evaluateCheck(check, inventory.slices, context)) {
      const result = toResult(check, outcome, incidents);
      // Two outcomes for one resource identity would share a fingerprint; keep results addressable.
      if (seen.has(result.fingerprint)) continue;
      seen.add(result.fingerprint);
      results.push(result);
    }
  }
  results.sort(compareResults);
  attachReach(results, inventory, checks);

  const matchedIds = new Set(results.flatMap((r) => r.incidents.map((i) => i.id)));
  const reportIncidents = catalog.filter((incident) => matchedIds.has(incident.id)).map(toReportIncident);

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: inventory.tool,
    account: inventory.account,
    collectedAt: inventory.collectedAt,
    regions: inventory.regions,
    options: { maxKeyAgeDays: options.maxKeyAgeDays, maxUnusedDays: options.maxUnusedDays, maxInactiveConsoleDays: options.maxInactiveConsoleDays, trustedAccounts: [...options.trustedAccounts] },
    summary: summarizeResults(results, checks),
    results,
    checks: checks.map(toCheckSummary),
    incidents: reportIncidents,
    errors: collectionIssues(inventory, checks),
    stats: inventory.stats,
  };
}

function toResult(check: AnyCheck, outcome: CheckOutcome, incidents: Result['incidents']): Result {
  const result: Result = {
    checkId: check.id,
    title: check.title,
    status: outcome.status,
    severity: outcome.severity ?? check.severity,
    resource: outcome.resource,
    region: outcome.region,
    message: outcome.message,
    evidence: Object.fromEntries(Object.entries(outcome.evidence).map(([k, v]) => [k, Array.isArray(v) ? [...(v as readonly string[])] : v])) as Result['evidence'],
    fingerprint: fingerprint(check.id, outcome.resource, outcome.qualifier),
    incidents: outcome.status === 'fail' ? incidents : [],
  };
  if (outcome.qualifier !== undefined) result.qualifier = outcome.qualifier;
  if (outcome.severity !== undefined && outcome.severity !== check.severity) result.severityReason = outcome.severityReason;
  return result;
}

export function toCheckSummary(check: AnyCheck): CheckSummary {
  const remediation: CheckSummary['remediation'] = { summary: check.remediation.summary, docs: check.remediation.docs };
  if (check.remediation.console !== undefined) remediation.console = [...check.remediation.console];
  if (check.remediation.cli !== undefined) remediation.cli = check.remediation.cli;
  if (check.remediation.terraform !== undefined) remediation.terraform = check.remediation.terraform;
  const frameworks: CheckSummary['frameworks'] = {};
  for (const [framework, ids] of Object.entries(check.frameworks)) {
    frameworks[framework as keyof CheckSummary['frameworks']] = [...ids];
  }
  return {
    id: check.id,
    title: check.title,
    service: check.service,
    severity: check.severity,
    rootCauses: [...check.rootCauses],
    description: check.description,
    rationale: check.rationale,
    attackSteps: [...check.attackSteps],
    remediation,
    frameworks,
  };
}

function toReportIncident(incident: Incident): ReportIncident {
  const out: ReportIncident = {
    id: incident.id,
    name: incident.name,
    date: incident.date,
    section: incident.section,
    primaryCause: incident.primaryCause,
    rootCause: incident.rootCause,
    escalation: incident.escalation,
    impact: incident.impact,
    impactShort: incident.impactShort,
    lesson: incident.lesson,
    links: incident.links.map((l) => ({ title: l.title, url: l.url })),
  };
  if (incident.victim !== undefined) out.victim = incident.victim;
  return out;
}

/** Every collection failure the selected checks depend on, including per-region and per-resource ones. */
function collectionIssues(inventory: Inventory, checks: readonly AnyCheck[]): CollectionIssue[] {
  const needed = new Set<SliceName>(checks.flatMap((c) => c.needs));
  const issues: CollectionIssue[] = [];
  const push = (slice: string, scope: string, error: { code: string; message: string; action?: string | undefined }) => {
    const issue: CollectionIssue = { slice, scope, code: error.code, message: error.message };
    if (error.action !== undefined) issue.action = error.action;
    issues.push(issue);
  };
  for (const name of needed) {
    const slice = inventory.slices[name];
    if (slice === undefined) continue;
    if (!slice.ok) {
      push(name, 'account', slice.error);
      continue;
    }
    const data: unknown = slice.data;
    if (Array.isArray(data)) {
      for (const entry of data as { region: string; result: { ok: boolean; error?: { code: string; message: string; action?: string } } }[]) {
        if (!entry.result.ok && entry.result.error !== undefined) push(name, entry.region, entry.result.error);
      }
    }
    if (name === 's3Buckets' && slice.ok) {
      for (const bucket of inventory.slices.s3Buckets?.ok === true ? inventory.slices.s3Buckets.data.buckets : []) {
        for (const part of [bucket.acl, bucket.policy, bucket.publicAccessBlock]) {
          if (!part.ok) push(name, bucket.name, part.error);
        }
      }
    }
  }
  return issues;
}
