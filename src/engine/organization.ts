/**
 * Organization reports: one report for many accounts (see src/report/organization-schema.ts for the
 * shape and why it stays schema version 1). Pure: per-account reports in, one report out.
 *
 * - `combineAccountReports` builds the report of an `--org` or `--role-arn` scan from the report of
 *   each account that was scanned and the reason for each one that was not.
 * - `mergeReports` joins shard reports (`breachmap merge`) and refuses inputs that cannot be
 *   joined honestly: other schema versions, other tool versions, the same account twice.
 * - `accountView` cuts one account's single-account report back out, for the renderers' sections.
 */
import { createHash } from 'node:crypto';
import { SEVERITIES, STATUSES } from '../model.js';
import type { CollectionStats } from '../inventory/schema.js';
import type { Organization, OrganizationAccount } from '../report/organization-schema.js';
import type { CheckSummary, CollectionIssue, Report, ReportIncident, Result } from '../report/schema.js';
import { REPORT_SCHEMA_VERSION } from '../report/schema.js';
import { summarizeResults } from '../report/summary.js';
import { compareResults } from './report.js';

/**
 * A result's fingerprint in an organization report. The same bucket name or check can exist in
 * two accounts, so the account id is hashed in to keep fingerprints unique and stable.
 */
export function accountFingerprint(accountId: string, singleAccountFingerprint: string): string {
  return createHash('sha256').update(`${accountId}\n${singleAccountFingerprint}`).digest('hex').slice(0, 32);
}

export interface AccountError {
  code: string;
  message: string;
  action?: string;
}

/** One account of a multi-account scan: its report, or why there is none. */
export type AccountOutcome =
  | { id: string; name?: string; report: Report }
  | { id: string; name?: string; error: AccountError };

export interface CombineInput {
  managementAccountId: string | null;
  role: string | null;
  /** The management account's own context: who listed and assumed, and its AWS calls. */
  management: Pick<Report, 'tool' | 'account' | 'collectedAt' | 'options'>;
  /** Calls made outside the accounts (ListAccounts, AssumeRole). */
  managementStats: CollectionStats;
  /** Wall time of the whole run. */
  durationMs: number;
  accounts: readonly AccountOutcome[];
  shard?: { index: number; count: number };
}

export function combineAccountReports(input: CombineInput): Report {
  const parts: OrganizationAccount[] = [];
  const results: Result[] = [];
  const errors: CollectionIssue[] = [];
  const warnings: string[] = [];
  const stats: CollectionStats[] = [input.managementStats];
  const checks: CheckSummary[][] = [];
  const incidents: ReportIncident[][] = [];
  const regions = new Set<string>();
  const ordered = [...input.accounts].sort((a, b) => a.id.localeCompare(b.id));
  for (const outcome of ordered) {
    if (!('report' in outcome)) {
      parts.push(failedAccount(outcome.id, outcome.name, outcome.error));
      errors.push(accountIssue(outcome.id, outcome.error));
      warnings.push(`account ${outcome.id}${outcome.name === undefined ? '' : ` (${outcome.name})`} was not scanned: ${outcome.error.message}`);
      continue;
    }
    const report = outcome.report;
    parts.push(scannedAccount(report, outcome.name));
    results.push(...report.results.map((result) => ({ ...result, account: report.account.id, fingerprint: accountFingerprint(report.account.id, result.fingerprint) })));
    errors.push(...report.errors.map((issue) => ({ ...issue, account: report.account.id })));
    warnings.push(...(report.warnings ?? []).map((w) => `account ${report.account.id}: ${w}`));
    stats.push(report.stats);
    checks.push(report.checks);
    incidents.push(report.incidents);
    for (const region of report.regions) regions.add(region);
  }
  const organization: Organization = {
    managementAccountId: input.managementAccountId,
    role: input.role,
    summary: organizationSummary(parts, results),
    accounts: parts,
  };
  if (input.shard !== undefined) organization.shard = input.shard;
  return assemble({
    base: input.management,
    regions: [...regions].sort(),
    results,
    checks,
    incidents,
    errors,
    warnings,
    stats: sumStats(stats, input.durationMs),
    organization,
  });
}

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

export interface MergeInput {
  /** Where the report came from, for error messages. */
  source: string;
  /** Parsed JSON, not yet trusted: the schema version is checked here, before anything else. */
  report: Report;
}

/**
 * Joins shard reports into one organization report. Rejected, with a message naming the files:
 * a report of another schema version, reports of different tool versions (their checks and
 * verdicts may differ, so the union would mix two tools' answers), and the same account in two
 * inputs (counting it twice would inflate every number). Single-account reports are accepted and
 * become one account each.
 */
export function mergeReports(inputs: readonly MergeInput[]): Report {
  const first = inputs[0];
  if (first === undefined) throw new MergeError('merge needs at least one report');
  for (const input of inputs) {
    // Typed as version 1, but read from a file: checked again so a caller that skipped parsing still gets the clear error.
    const version: unknown = input.report.schemaVersion;
    if (version !== REPORT_SCHEMA_VERSION) {
      throw new MergeError(`${input.source}: report schema version ${JSON.stringify(version)}, but this breachmap merges version ${String(REPORT_SCHEMA_VERSION)}; regenerate the report with this version`);
    }
  }
  for (const input of inputs) {
    if (input.report.tool.version !== first.report.tool.version) {
      throw new MergeError(
        `${input.source} was written by breachmap ${input.report.tool.version} but ${first.source} by ${first.report.tool.version}; rerun the shards with one version (their checks and verdicts may differ)`,
      );
    }
  }
  const seen = new Map<string, string>();
  const organizations = inputs.map((input) => ({ source: input.source, report: asOrganizationReport(input.report) }));
  for (const { source, report } of organizations) {
    for (const account of report.organization?.accounts ?? []) {
      const earlier = seen.get(account.id);
      if (earlier !== undefined) throw new MergeError(`account ${account.id} is in both ${earlier} and ${source}; each account must come from exactly one shard`);
      seen.set(account.id, source);
    }
  }

  const managementIds = new Set(organizations.map((o) => o.report.organization?.managementAccountId ?? null));
  const roles = new Set(organizations.map((o) => o.report.organization?.role ?? null));
  const warnings: string[] = [];
  const optionsOf = (r: Report) => JSON.stringify(r.options);
  const differing = organizations.find((o) => optionsOf(o.report) !== optionsOf(first.report));
  if (differing !== undefined) warnings.push(`${differing.source} was evaluated with other options than ${first.source} (${optionsOf(differing.report)}); the merged report keeps each shard's verdicts and the first shard's options`);
  const accounts = organizations.flatMap((o) => o.report.organization?.accounts ?? []).sort((a, b) => a.id.localeCompare(b.id));
  const results = organizations.flatMap((o) => o.report.results);
  const organization: Organization = {
    managementAccountId: managementIds.size === 1 ? ([...managementIds][0] ?? null) : null,
    role: roles.size === 1 ? ([...roles][0] ?? null) : null,
    summary: organizationSummary(accounts, results),
    accounts,
  };
  const shards = organizations.flatMap((o) => (o.report.organization?.shard === undefined ? [] : [`${o.report.organization.shard.index}/${o.report.organization.shard.count}`]));
  if (shards.length > 0) organization.mergedShards = shards;
  const earliest = organizations.map((o) => o.report).sort((a, b) => a.collectedAt.localeCompare(b.collectedAt))[0] ?? first.report;
  const merged = assemble({
    base: { tool: first.report.tool, account: earliest.account, collectedAt: earliest.collectedAt, options: first.report.options },
    regions: [...new Set(organizations.flatMap((o) => o.report.regions))].sort(),
    results,
    checks: organizations.map((o) => o.report.checks),
    incidents: organizations.map((o) => o.report.incidents),
    errors: organizations.flatMap((o) => o.report.errors),
    warnings: [...warnings, ...organizations.flatMap((o) => o.report.warnings ?? [])],
    // Shards run side by side: the merged wall time is the slowest shard's.
    stats: sumStats(organizations.map((o) => o.report.stats), Math.max(...organizations.map((o) => o.report.stats.durationMs))),
    organization,
  });
  const suppressions = organizations.flatMap((o) => (o.report.suppressions === undefined ? [] : [o.report.suppressions]));
  const firstSuppressions = suppressions[0];
  if (firstSuppressions !== undefined) {
    merged.suppressions = {
      file: firstSuppressions.file,
      suppressed: suppressions.reduce((n, s) => n + s.suppressed, 0),
      expired: suppressions.flatMap((s) => s.expired),
      stale: suppressions.flatMap((s) => s.stale),
    };
  }
  const baselines = organizations.flatMap((o) => (o.report.baseline === undefined ? [] : [o.report.baseline]));
  const firstBaseline = baselines[0];
  if (firstBaseline !== undefined) {
    merged.baseline = {
      collectedAt: firstBaseline.collectedAt,
      new: baselines.reduce((n, b) => n + b.new, 0),
      unchanged: baselines.reduce((n, b) => n + b.unchanged, 0),
      resolved: baselines.flatMap((b) => b.resolved),
    };
  }
  // The shards' suppression and baseline states are carried on their results: count them once more.
  merged.summary = summarizeResults(merged.results, merged.checks, merged.baseline);
  return merged;
}

/** A single-account report as an organization report of one account (idempotent). */
export function asOrganizationReport(report: Report): Report {
  if (report.organization !== undefined) return report;
  const wrapped = combineAccountReports({
    managementAccountId: null,
    role: null,
    management: report,
    managementStats: { durationMs: 0, totalCalls: 0, calls: [] },
    durationMs: report.stats.durationMs,
    accounts: [{ id: report.account.id, report }],
  });
  if (report.suppressions !== undefined) wrapped.suppressions = report.suppressions;
  if (report.baseline !== undefined) wrapped.baseline = report.baseline;
  wrapped.summary = summarizeResults(wrapped.results, wrapped.checks, wrapped.baseline);
  return wrapped;
}

/**
 * One account of an organization report, as a single-account report (results, counts, errors),
 * so every renderer can draw a per-account section with the code it already has.
 */
export function accountView(report: Report, account: OrganizationAccount): Report {
  const results = report.results.filter((r) => r.account === account.id);
  const checkIds = new Set(results.map((r) => r.checkId));
  const incidentIds = new Set(results.flatMap((r) => r.incidents.map((m) => m.id)));
  const view: Report = {
    ...report,
    account: { id: account.id, partition: report.account.partition, callerArn: null, alias: account.alias },
    collectedAt: account.collectedAt ?? report.collectedAt,
    regions: account.regions,
    results,
    checks: report.checks.filter((c) => checkIds.has(c.id)),
    incidents: report.incidents.filter((i) => incidentIds.has(i.id)),
    errors: report.errors.filter((e) => e.account === account.id),
    summary: summarizeResults(results, report.checks),
    stats: { durationMs: 0, totalCalls: account.calls, calls: [] },
  };
  delete view.organization;
  delete view.warnings;
  return view;
}

// ---------------------------------------------------------------- helpers

interface AssembleInput {
  base: Pick<Report, 'tool' | 'account' | 'collectedAt' | 'options'>;
  regions: string[];
  results: Result[];
  checks: readonly (readonly CheckSummary[])[];
  incidents: readonly (readonly ReportIncident[])[];
  errors: CollectionIssue[];
  warnings: string[];
  stats: CollectionStats;
  organization: Organization;
}

function assemble(input: AssembleInput): Report {
  const checks = unionBy(input.checks.flat(), (c) => c.id).sort((a, b) => a.id.localeCompare(b.id));
  const incidents = unionBy(input.incidents.flat(), (i) => i.id).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const results = [...input.results].sort((a, b) => compareResults(a, b) || (a.account ?? '').localeCompare(b.account ?? ''));
  const report: Report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: input.base.tool,
    account: input.base.account,
    collectedAt: input.base.collectedAt,
    regions: input.regions,
    options: input.base.options,
    summary: summarizeResults(results, checks),
    results,
    checks,
    incidents,
    errors: input.errors,
    stats: input.stats,
    organization: input.organization,
  };
  if (input.warnings.length > 0) report.warnings = input.warnings;
  return report;
}

function unionBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) if (!byKey.has(key(item))) byKey.set(key(item), item);
  return [...byKey.values()];
}

function scannedAccount(report: Report, name: string | undefined): OrganizationAccount {
  const account: OrganizationAccount = {
    id: report.account.id,
    alias: report.account.alias,
    status: 'scanned',
    collectedAt: report.collectedAt,
    regions: [...report.regions],
    results: { ...report.summary.results },
    failedBySeverity: { ...report.summary.failedBySeverity },
    calls: report.stats.totalCalls,
  };
  if (name !== undefined) account.name = name;
  return account;
}

function failedAccount(id: string, name: string | undefined, error: AccountError): OrganizationAccount {
  const zeroStatuses = Object.fromEntries(STATUSES.map((s) => [s, 0])) as OrganizationAccount['results'];
  const zeroSeverities = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as OrganizationAccount['failedBySeverity'];
  const account: OrganizationAccount = { id, alias: null, status: 'failed', error: { ...error }, regions: [], results: zeroStatuses, failedBySeverity: zeroSeverities, calls: 0 };
  if (name !== undefined) account.name = name;
  return account;
}

function accountIssue(id: string, error: AccountError): CollectionIssue {
  const issue: CollectionIssue = { slice: 'account', scope: id, code: error.code, message: error.message, account: id };
  if (error.action !== undefined) issue.action = error.action;
  return issue;
}

function organizationSummary(accounts: readonly OrganizationAccount[], results: readonly Result[]): Organization['summary'] {
  const withOpenFindings = new Set(results.filter((r) => r.status === 'fail' && r.suppression === undefined).map((r) => r.account));
  return {
    accounts: accounts.length,
    scanned: accounts.filter((a) => a.status === 'scanned').length,
    failed: accounts.filter((a) => a.status === 'failed').length,
    withFindings: accounts.filter((a) => withOpenFindings.has(a.id)).length,
  };
}

function sumStats(all: readonly CollectionStats[], durationMs: number): CollectionStats {
  const byOperation = new Map<string, CollectionStats['calls'][number]>();
  for (const stats of all) {
    for (const call of stats.calls) {
      const key = `${call.service}:${call.operation}`;
      const sum = byOperation.get(key) ?? { ...call, calls: 0, errors: 0, throttled: 0, totalMs: 0 };
      sum.calls += call.calls;
      sum.errors += call.errors;
      sum.throttled += call.throttled;
      sum.totalMs += call.totalMs;
      byOperation.set(key, sum);
    }
  }
  const calls = [...byOperation.values()].sort((a, b) => `${a.service}:${a.operation}`.localeCompare(`${b.service}:${b.operation}`));
  return { durationMs: Math.round(durationMs), totalCalls: all.reduce((n, s) => n + s.totalCalls, 0), calls };
}
