/**
 * Multi-account collection (`scan --org`, `scan --role-arn`): list the organization's accounts
 * from the management or delegated-administrator account, assume the scan role in each, and
 * collect every account's inventory with the same collectors, concurrently under
 * `--account-concurrency`. Every call, AssumeRole included, goes through the one client factory
 * (read-only guard, recorder, retries). An account whose role cannot be assumed, or whose scan
 * cannot start, becomes an error entry; the others complete.
 */
import { randomBytes } from 'node:crypto';
import { ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, type Account, type ListOrganizationalUnitsForParentCommandOutput } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import pLimit from 'p-limit';
import { selectAccounts, type AccountSelection, type OrganizationMember } from '../engine/account-selection.js';
import type { CollectionStats, Inventory } from '../inventory/schema.js';
import { ClientFactory, type ClientOptions } from './clients.js';
import { toCollectError } from './errors.js';
import { CallerIdentityError, collectInventory, UnknownProfileError, type CollectOptions } from './index.js';
import { profileExists } from './profiles.js';
import { CallRecorder } from './recorder.js';
import { getCallerIdentity } from './sts.js';
import { sdkErrorShape } from './sdk-error.js';

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

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/** `arn:<partition>:iam::<account>:role/<path/name>`; returns the account id, or undefined. */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return ROLE_ARN.exec(roleArn)?.[2];
}

export async function collectOrganization(organization: OrganizationCollectOptions): Promise<OrganizationCollection> {
  const options = { ...organization.base, ...organization };
  if (options.profile !== undefined && !(await profileExists(options.profile))) throw new UnknownProfileError(options.profile);
  const started = performance.now();
  const recorder = new CallRecorder();
  if (options.onCall !== undefined) recorder.onRecord(options.onCall);
  const clientOptions: ClientOptions = { s3PathStyle: options.s3PathStyle, maxAttempts: options.maxAttempts, homeRegion: options.homeRegion, recorder };
  if (options.profile !== undefined) clientOptions.profile = options.profile;
  if (options.requestHandler !== undefined) clientOptions.requestHandler = options.requestHandler;
  if (options.requestTimeoutMs !== undefined) clientOptions.requestTimeoutMs = options.requestTimeoutMs;
  const management = new ClientFactory(clientOptions);
  try {
    let identity: Awaited<ReturnType<typeof getCallerIdentity>>;
    try {
      identity = await getCallerIdentity(management);
    } catch (error) {
      throw new CallerIdentityError('Could not identify the caller with sts:GetCallerIdentity', error);
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
  try {
    return named({ inventory: await collectInventory({ ...base, progress, credentials }) });
  } catch (error) {
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

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  externalId: string | undefined;
}

/** Renew this long before the session expires, so no request is signed with dying credentials. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A credentials provider for the role, through the management account's guarded, recorded STS
 * client. Sessions last an hour by default and a large account can take longer, so the provider
 * assumes the role again shortly before expiry; concurrent callers share one request.
 */
export function assumedRoleCredentials(management: ClientFactory, request: AssumeRoleRequest, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const response = await management.sts().send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        ...(request.externalId === undefined ? {} : { ExternalId: request.externalId }),
      }),
    );
    const c = response.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined) {
      throw new Error('sts:AssumeRole returned no credentials');
    }
    const identity: AwsCredentialIdentity = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    return c.Expiration === undefined ? identity : { ...identity, expiration: c.Expiration };
  };
  return async () => {
    if (current !== undefined) {
      const pending = current;
      try {
        const credentials = await pending;
        if (credentials.expiration === undefined || credentials.expiration.getTime() - now() > REFRESH_MARGIN_MS) return credentials;
      } catch {
        // A failed attempt is not cached: the next caller tries again.
      }
      if (current !== pending) return current;
    }
    current = assume();
    current.catch(() => undefined);
    return current;
  };
}

/** Every account of the organization (organizations:ListAccounts, paginated). */
export async function listAccounts(clients: ClientFactory): Promise<OrganizationMember[]> {
  const members: OrganizationMember[] = [];
  let token: string | undefined;
  do {
    const page = await clients.organizations().send(new ListAccountsCommand(token === undefined ? {} : { NextToken: token }));
    members.push(...(page.Accounts ?? []).flatMap(toMember));
    token = page.NextToken;
  } while (token !== undefined);
  return members;
}

/** Every account under an OU or root, its child OUs included (depth-first, each level paginated). */
export async function listAccountsUnder(clients: ClientFactory, parentId: string): Promise<OrganizationMember[]> {
  const members: OrganizationMember[] = [];
  const pending = [parentId];
  for (let parent = pending.pop(); parent !== undefined; parent = pending.pop()) {
    let token: string | undefined;
    do {
      const page = await clients.organizations().send(new ListAccountsForParentCommand({ ParentId: parent, ...(token === undefined ? {} : { NextToken: token }) }));
      members.push(...(page.Accounts ?? []).flatMap(toMember));
      token = page.NextToken;
    } while (token !== undefined);
    do {
      const page: ListOrganizationalUnitsForParentCommandOutput = await clients
        .organizations()
        .send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent, ...(token === undefined ? {} : { NextToken: token }) }));
      pending.push(...(page.OrganizationalUnits ?? []).flatMap((ou) => (ou.Id === undefined ? [] : [ou.Id])));
      token = page.NextToken;
    } while (token !== undefined);
  }
  return members;
}

/** `State` replaces the deprecated `Status` (2025); either may be present. */
function toMember(account: Account): OrganizationMember[] {
  if (account.Id === undefined) return [];
  const member: OrganizationMember = { id: account.Id, status: account.State ?? account.Status ?? 'UNKNOWN' };
  if (account.Name !== undefined) member.name = account.Name;
  return [member];
}
