/**
 * Multi-account scans (`scan --org`, `scan --role-arn`), the application layer's fan-out: list the
 * organization's accounts from the management or delegated-administrator account, assume the scan
 * role in each, and collect every account's inventory with the same single-account collection,
 * concurrently under `--account-concurrency`. An account whose role cannot be assumed, or whose
 * scan cannot start, becomes an error entry; the others complete.
 */
import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import { ClientFactory, type ClientOptions } from '../collect/clients.js';
import { toCollectError } from '../collect/errors.js';
import { sdkErrorShape } from '../collect/sdk-error.js';
import { CallerIdentityError, collectInventory, NoEnabledRegionError, UnknownProfileError, UnknownRegionError, type CollectOptions } from '../collect/index.js';
import { accountOfRoleArn, assumedRoleCredentials, listAccounts, listAccountsUnder } from '../collect/organization.js';
import { profileExists } from '../collect/profiles.js';
import { CallRecorder } from '../collect/recorder.js';
import { getCallerIdentity } from '../collect/sts.js';
import type { EvaluationOptions } from '../checks/define.js';
import { selectAccounts, type AccountSelection, type OrganizationMember, type Shard } from '../engine/account-selection.js';
import { combineAccountReports, type AccountOutcome } from '../engine/organization.js';
import { InputError } from '../inventory/input-file.js';
import type { CollectionStats, Inventory } from '../inventory/schema.js';
import type { Report } from '../report/schema.js';

export interface AccountFailure {
  code: string;
  message: string;
  action?: string;
}

export type AccountCollection =
  | { id: string; name?: string; inventory: Inventory }
  | { id: string; name?: string; error: AccountFailure };

export type OrganizationTarget =
  | { kind: 'organization'; roleName: string; ou?: string; selection: AccountSelection }
  | { kind: 'role'; roleArn: string };

export interface OrganizationCollectOptions {
  /** The options of one account's collection (regions, slices, budgets…); `profile` is the management account's. */
  base: CollectOptions;
  target: OrganizationTarget;
  externalId?: string;
  accountConcurrency: number;
  /** Progress hooks: the accounts to scan, and each one as it finishes. */
  onAccounts?: (accounts: readonly OrganizationMember[]) => void;
  onAccountDone?: (id: string, ok: boolean) => void;
}

export interface OrganizationCollection {
  managementAccountId: string;
  partition: string;
  /** The role assumed: a name (`--org`) or an ARN (`--role-arn`). */
  role: string;
  /** `breachmap-<run id>`: the session name in every member account's CloudTrail. */
  sessionName: string;
  accounts: AccountCollection[];
  /** `--accounts` ids that are not active members. */
  notFound: string[];
  inactive: OrganizationMember[];
  /** Calls made from the management account (listing, AssumeRole). */
  managementStats: CollectionStats;
  durationMs: number;
  collectedAt: string;
}

export class OrganizationListingError extends Error {
  constructor(
    message: string,
    readonly causeError: unknown,
  ) {
    super(message);
    this.name = 'OrganizationListingError';
  }
}

export async function collectOrganization(organization: OrganizationCollectOptions): Promise<OrganizationCollection> {
  const options = { ...organization.base, ...organization };
  if (options.profile !== undefined && !(await profileExists(options.profile))) throw new UnknownProfileError(options.profile);
  const started = performance.now();
  const recorder = new CallRecorder();
  if (options.onCall !== undefined) recorder.onRecord(options.onCall);
  const clientOptions: ClientOptions = { s3PathStyle: options.s3PathStyle, maxAttempts: options.maxAttempts, homeRegion: options.homeRegion, recorder };
  if (options.profile !== undefined) clientOptions.profile = options.profile;
  if (options.endpointUrl !== undefined) clientOptions.endpointUrl = options.endpointUrl;
  if (options.requestHandler !== undefined) clientOptions.requestHandler = options.requestHandler;
  if (options.requestTimeoutMs !== undefined) clientOptions.requestTimeoutMs = options.requestTimeoutMs;
  const management = new ClientFactory(clientOptions);
  try {
    let identity: Awaited<ReturnType<typeof getCallerIdentity>>;
    try {
      identity = await getCallerIdentity(management);
    } catch (error) {
      throw new CallerIdentityError('Could not identify the caller with sts:GetCallerIdentity', error, management.credentialTrace.profileFailure());
    }
    const sessionName = `breachmap-${randomBytes(4).toString('hex')}`;
    let members: OrganizationMember[];
    let notFound: string[] = [];
    let inactive: OrganizationMember[] = [];
    let role: string;
    let knownOrganizationAccounts: string[] | undefined;
    if (options.target.kind === 'role') {
      const id = accountOfRoleArn(options.target.roleArn);
      if (id === undefined) throw new OrganizationListingError(`'${options.target.roleArn}' is not an IAM role ARN`, undefined);
      members = [{ id, status: 'ACTIVE' }];
      role = options.target.roleArn;
    } else {
      const target = options.target;
      options.progress(target.ou === undefined ? 'Listing the organization’s accounts (organizations:ListAccounts)…' : `Listing the accounts under ${target.ou}…`);
      let listed: OrganizationMember[];
      try {
        listed = target.ou === undefined ? await listAccounts(management) : await listAccountsUnder(management, target.ou);
      } catch (error) {
        const reason = toCollectError(error, target.ou === undefined ? 'organizations:ListAccounts' : 'organizations:ListAccountsForParent');
        throw new OrganizationListingError(`Could not list the organization's accounts: ${reason.message} (run --org from the management account or a delegated administrator)`, error);
      }
      // Under --ou this is only part of the organization: trusting fewer accounts errs on the safe side.
      knownOrganizationAccounts = listed.map((member) => member.id);
      const selected = selectAccounts(listed, target.selection);
      members = selected.accounts;
      notFound = selected.notFound;
      inactive = selected.inactive;
      role = target.roleName;
    }
    options.onAccounts?.(members);
    options.progress(`Scanning ${members.length} account${members.length === 1 ? '' : 's'} as ${sessionName}`);

    const limit = pLimit(Math.max(1, options.accountConcurrency));
    const accounts = await Promise.all(
      members.map((member) =>
        limit(async (): Promise<AccountCollection> => {
          const roleArn = options.target.kind === 'role' ? options.target.roleArn : `arn:${identity.partition}:iam::${member.id}:role/${role}`;
          const outcome = await collectAccount(member, roleArn, sessionName, management, organization, knownOrganizationAccounts);
          options.onAccountDone?.(member.id, 'inventory' in outcome);
          return outcome;
        }),
      ),
    );
    const durationMs = performance.now() - started;
    return {
      managementAccountId: identity.accountId,
      partition: identity.partition,
      role,
      sessionName,
      accounts,
      notFound,
      inactive,
      managementStats: recorder.stats(0),
      durationMs,
      collectedAt: new Date().toISOString(),
    };
  } finally {
    management.destroy();
  }
}

async function collectAccount(
  member: OrganizationMember,
  roleArn: string,
  sessionName: string,
  management: ClientFactory,
  options: OrganizationCollectOptions,
  knownOrganizationAccounts: readonly string[] | undefined,
): Promise<AccountCollection> {
  const named = <T extends object>(value: T): T & { id: string; name?: string } => (member.name === undefined ? { ...value, id: member.id } : { ...value, id: member.id, name: member.name });
  const credentials = assumedRoleCredentials(management, { roleArn, sessionName, externalId: options.externalId });
  try {
    // Assume once up front: an account that refuses is reported as such, not as a wall of unknowns.
    await credentials();
  } catch (error) {
    return named({ error: assumeRoleFailure(roleArn, error) });
  }
  // The member account is reached only through the assumed role: the management profile stays out.
  const base: CollectOptions = { ...options.base };
  delete base.profile;
  if (knownOrganizationAccounts !== undefined) base.knownOrganizationAccounts = knownOrganizationAccounts;
  const progress = (message: string) => base.progress(`${member.id}: ${message}`);
  const baseWarn = base.warn ?? base.progress;
  const warn = (message: string) => baseWarn(`${member.id}: ${message}`);
  try {
    return named({ inventory: await collectInventory({ ...base, progress, warn, credentials }) });
  } catch (error) {
    // Region names are checked in each member account (opt-ins differ between accounts).
    if (error instanceof UnknownRegionError || error instanceof NoEnabledRegionError) {
      return named({ error: { code: error.name, message: `the scan of ${member.id} could not start: ${error.message}` } });
    }
    const cause = error instanceof CallerIdentityError ? error.causeError : error;
    const reason = toCollectError(cause, 'sts:GetCallerIdentity');
    const failure: AccountFailure = { code: reason.code, message: `the scan of ${member.id} could not start: ${reason.message}` };
    if (reason.action !== undefined) failure.action = reason.action;
    return named({ error: failure });
  }
}

function assumeRoleFailure(roleArn: string, error: unknown): AccountFailure {
  const reason = toCollectError(error, 'sts:AssumeRole');
  const message = sdkErrorShape(error).message;
  const detail = message !== undefined && message.length > 0 ? (message.split('\n')[0] ?? '').slice(0, 300) : reason.code;
  return {
    code: reason.code,
    message: `could not assume ${roleArn} (${reason.code}: ${detail}); check that the role exists, trusts the scanning identity, and that the scanning identity may call sts:AssumeRole on it`,
    action: 'sts:AssumeRole',
  };
}

export interface OrganizationScan {
  /** The single-account collection options (regions, budgets, concurrency, progress…); `profile` is the management account's. */
  collect: CollectOptions;
  target: OrganizationTarget;
  externalId?: string;
  accountConcurrency: number;
  shard?: Shard;
  /** Progress hooks: the accounts to scan, and each one as it finishes. */
  onAccounts?: (accounts: readonly OrganizationMember[]) => void;
  onAccountDone?: (id: string, ok: boolean) => void;
}

/**
 * Collects and evaluates every selected account and joins them into one organization report
 * (before suppressions and the baseline: those apply to the whole report, in finalizeReport).
 */
export async function scanOrganization(scan: OrganizationScan, evaluate: (inventory: Inventory) => Report, evaluation: EvaluationOptions): Promise<Report> {
  const collection = await collectOrganization({
    base: scan.collect,
    target: scan.target,
    ...(scan.externalId === undefined ? {} : { externalId: scan.externalId }),
    accountConcurrency: scan.accountConcurrency,
    ...(scan.onAccounts === undefined ? {} : { onAccounts: scan.onAccounts }),
    ...(scan.onAccountDone === undefined ? {} : { onAccountDone: scan.onAccountDone }),
  });
  // An empty shard is normal in a matrix of N jobs (it still writes its empty report for `merge`).
  if (collection.accounts.length === 0 && scan.shard === undefined) {
    const missing = collection.notFound.length === 0 ? '' : ` (not active members: ${collection.notFound.join(', ')})`;
    throw new InputError(`No active account of the organization matches --accounts, --ou and --exclude-accounts${missing}.`);
  }
  const outcomes: AccountOutcome[] = collection.accounts.map((account) => {
    const named = account.name === undefined ? { id: account.id } : { id: account.id, name: account.name };
    return 'inventory' in account ? { ...named, report: evaluate(account.inventory) } : { ...named, error: account.error };
  });
  const firstReport = outcomes.find((o): o is Extract<AccountOutcome, { report: Report }> => 'report' in o)?.report;
  const report = combineAccountReports({
    managementAccountId: collection.managementAccountId,
    role: collection.role,
    management: {
      tool: { name: 'breachmap', version: scan.collect.toolVersion },
      account: { id: collection.managementAccountId, partition: collection.partition, callerArn: null, alias: null },
      collectedAt: firstReport?.collectedAt ?? collection.collectedAt,
      options: {
        maxKeyAgeDays: evaluation.maxKeyAgeDays,
        maxUnusedDays: evaluation.maxUnusedDays,
        maxInactiveConsoleDays: evaluation.maxInactiveConsoleDays,
        trustedAccounts: [...evaluation.trustedAccounts],
      },
    },
    managementStats: collection.managementStats,
    durationMs: collection.durationMs,
    accounts: outcomes,
    ...(scan.shard === undefined ? {} : { shard: scan.shard }),
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
