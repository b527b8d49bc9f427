/**
 * CLI wiring for multi-account scans: the `--org`, `--role-arn` and `--shard` flags of `scan`, their
 * validation, and the accounts they choose. The run itself (collect every account → evaluate each →
 * one organization report) is the application layer's: src/app/organization-scan.ts.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { OrganizationTarget } from '../app/organization-scan.js';
import { parseShard, type Shard } from '../engine/account-selection.js';
import { usageError } from './errors.js';

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

/** The accounts `--org`/`--role-arn` and their narrowing flags choose, for the scan plan. */
export function organizationTargetOf(flags: OrganizationFlags): OrganizationTarget {
  if (flags.roleArn !== undefined) return { kind: 'role', roleArn: flags.roleArn };
  return {
    kind: 'organization',
    roleName: flags.roleName ?? '',
    ...(flags.ou === undefined ? {} : { ou: flags.ou }),
    selection: {
      ...(flags.accounts === undefined ? {} : { include: flags.accounts }),
      ...(flags.excludeAccounts === undefined ? {} : { exclude: flags.excludeAccounts }),
      ...(flags.shard === undefined ? {} : { shard: flags.shard }),
    },
  };
}
