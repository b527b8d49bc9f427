/**
 * CLI wiring for multi-account scans: the `--org`, `--role-arn` and `--shard` flags of `scan`,
 * their validation, and the run (collect every account → evaluate each → one organization
 * report). Collection lives in src/collect/organization.ts, the report in src/engine/organization.ts.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { AnyCheck, EvaluationOptions } from '../checks/define.js';
import type { CollectOptions } from '../collect/index.js';
import { parseShard, type Shard } from '../engine/account-selection.js';
import { combineAccountReports, type AccountOutcome } from '../engine/organization.js';
import type { Inventory } from '../inventory/schema.js';
import type { Report } from '../report/schema.js';
import { usageError } from './errors.js';
import type { ScanProgress } from './progress.js';

export interface OrganizationFlags {
  org?: boolean;
  roleName?: string;
  roleArn?: string;
  accounts?: string[];
  ou?: string;
  excludeAccounts?: string[];
  externalId?: string;
  accountConcurrency: number;
  shard?: Shard;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const OU_ID = /^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/;

function shardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
}

/** Comma-separated 12-digit account ids, deduplicated and sorted. */
function accountList(value: string): string[] {
  const ids = [...new Set(value.split(',').map((id) => id.trim()).filter((id) => id.length > 0))];
  const invalid = ids.find((id) => !/^\d{12}$/.test(id));
  if (invalid !== undefined || ids.length === 0) throw new InvalidArgumentError(`'${invalid ?? value}' is not a 12-digit AWS account id.`);
  return ids.sort();
}

/** The multi-account flags of `scan`. */
export function addOrganizationOptions(command: Command): Command {
  return command
    .optionsGroup('Organizations:')
    .option('--org', 'scan every active account of the AWS Organization (from the management or a delegated administrator account); needs --role-name')
    .option('--role-name <name>', 'with --org: the role to assume in each account (e.g. breachmap-readonly)')
    .option('--role-arn <arn>', 'scan one other account by assuming this role')
    .option('--accounts <ids>', 'with --org: only these comma-separated account ids', accountList)
    .option('--ou <id>', 'with --org: only the accounts under this organizational unit (or root), nested OUs included')
    .option('--exclude-accounts <ids>', 'with --org: skip these comma-separated account ids', accountList)
    .option('--external-id <id>', 'the external id the role trust policy requires (sts:ExternalId)')
    .option('--account-concurrency <n>', 'accounts scanned at the same time', positiveInt, 4)
    .option('--shard <i/n>', 'with --org: scan only shard I of N (a stable hash of the account id); join the shard reports with `breachmap merge`', shardOption);
}

export function wantsOrganization(flags: OrganizationFlags): boolean {
  return flags.org === true || flags.roleArn !== undefined;
}

/** Every flag combination that cannot mean what the user wants is a usage error (exit 2). */
export function validateOrganizationFlags(flags: OrganizationFlags & { from?: string }): void {
  const orgOnly: [string, unknown][] = [
    ['--role-name', flags.roleName],
    ['--accounts', flags.accounts],
    ['--ou', flags.ou],
    ['--exclude-accounts', flags.excludeAccounts],
    ['--shard', flags.shard],
  ];
  if (flags.from !== undefined && (wantsOrganization(flags) || flags.externalId !== undefined)) {
    throw usageError('--from evaluates one saved snapshot; it cannot be combined with --org or --role-arn.');
  }
  if (flags.org === true && flags.roleArn !== undefined) throw usageError('--org assumes --role-name in every account; --role-arn scans one account. Use one of them.');
  if (flags.org !== true) {
    const stray = orgOnly.find(([, value]) => value !== undefined);
    if (stray !== undefined) throw usageError(`${stray[0]} only applies to organization scans: add --org --role-name NAME.`);
    if (flags.externalId !== undefined && flags.roleArn === undefined) throw usageError('--external-id needs --org or --role-arn.');
    if (flags.roleArn !== undefined && !/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/.test(flags.roleArn)) {
      throw usageError(`--role-arn: '${flags.roleArn}' is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME).`);
    }
    return;
  }
  if (flags.roleName === undefined) throw usageError('--org needs --role-name NAME: the role breachmap assumes in each account.');
  if (!ROLE_NAME.test(flags.roleName)) throw usageError(`--role-name: '${flags.roleName}' is not an IAM role name (give the name, not the ARN).`);
  if (flags.accounts !== undefined && flags.ou !== undefined) throw usageError('--accounts and --ou both choose the accounts; use one of them.');
  if (flags.ou !== undefined && !OU_ID.test(flags.ou)) throw usageError(`--ou: '${flags.ou}' is not an organizational unit or root id (ou-xxxx-xxxxxxxx or r-xxxx).`);
}

export interface OrganizationRun {
  flags: OrganizationFlags;
  /** The single-account collection options the flags give (regions, budgets, concurrency, progress…). */
  base: CollectOptions;
  checks: readonly AnyCheck[];
  progress: ScanProgress;
  /** Evaluates one account's inventory (the engine, without suppressions or baseline: those apply to the whole report). */
  evaluate: (inventory: Inventory) => Report;
  /** The options every account was evaluated with, recorded once in the organization report's header. */
  evaluationOptions: EvaluationOptions;
}

/** Collects and evaluates every selected account; returns the organization report. */
export async function runOrganizationScan(run: OrganizationRun): Promise<Report> {
  const { collectOrganization } = await import('../collect/organization.js');
  const { flags, base, progress } = run;
  const target =
    flags.roleArn !== undefined
      ? { kind: 'role' as const, roleArn: flags.roleArn }
      : {
          kind: 'organization' as const,
          roleName: flags.roleName ?? '',
          ...(flags.ou === undefined ? {} : { ou: flags.ou }),
          selection: {
            ...(flags.accounts === undefined ? {} : { include: flags.accounts }),
            ...(flags.excludeAccounts === undefined ? {} : { exclude: flags.excludeAccounts }),
            ...(flags.shard === undefined ? {} : { shard: flags.shard }),
          },
        };
  const collection = await collectOrganization({
    base,
    target,
    ...(flags.externalId === undefined ? {} : { externalId: flags.externalId }),
    accountConcurrency: flags.accountConcurrency,
    onAccounts: (accounts) => {
      progress.accounts(accounts.length);
      progress.servicesPlanned(accounts.length * base.slices.length);
    },
    onAccountDone: (_id, ok) => {
      progress.accountDone(ok);
      // An account that could not be scanned will never finish its services.
      if (!ok) progress.servicesPlanned(-base.slices.length);
    },
  });
  // An empty shard is normal in a matrix of N jobs (it still writes its empty report for `merge`).
  if (collection.accounts.length === 0 && flags.shard === undefined) {
    const missing = collection.notFound.length === 0 ? '' : ` (not active members: ${collection.notFound.join(', ')})`;
    throw usageError(`No active account of the organization matches --accounts, --ou and --exclude-accounts${missing}.`);
  }
  const outcomes: AccountOutcome[] = collection.accounts.map((account) => {
    const named = account.name === undefined ? { id: account.id } : { id: account.id, name: account.name };
    return 'inventory' in account ? { ...named, report: run.evaluate(account.inventory) } : { ...named, error: account.error };
  });
  const firstReport = outcomes.find((o): o is Extract<AccountOutcome, { report: Report }> => 'report' in o)?.report;
  const report = combineAccountReports({
    managementAccountId: collection.managementAccountId,
    role: collection.role,
    management: {
      tool: { name: 'breachmap', version: base.toolVersion },
      account: { id: collection.managementAccountId, partition: collection.partition, callerArn: null, alias: null },
      collectedAt: firstReport?.collectedAt ?? collection.collectedAt,
      options: {
        maxKeyAgeDays: run.evaluationOptions.maxKeyAgeDays,
        maxUnusedDays: run.evaluationOptions.maxUnusedDays,
        maxInactiveConsoleDays: run.evaluationOptions.maxInactiveConsoleDays,
        trustedAccounts: [...run.evaluationOptions.trustedAccounts],
      },
    },
    managementStats: collection.managementStats,
    durationMs: collection.durationMs,
    accounts: outcomes,
    ...(flags.shard === undefined ? {} : { shard: flags.shard }),
  });
  const warnings = [...(report.warnings ?? [])];
  if (collection.notFound.length > 0) warnings.push(`--accounts names accounts that are not active members of the organization: ${collection.notFound.join(', ')}`);
  if (warnings.length > 0) report.warnings = warnings;
  return report;
}

/** True when there were accounts to scan and none could be: the run could not do its job (exit 3). */
export function noAccountScanned(report: Report): boolean {
  return report.organization !== undefined && report.organization.summary.accounts > 0 && report.organization.summary.scanned === 0;
}
