/**
 * Collection: resolves the caller and the regions, then runs only the slice collectors the
 * selected checks need, concurrently and under one bound. A slice that fails is recorded as data;
 * only "cannot identify the caller" stops the scan.
 */
import pLimit from 'p-limit';
import type { Collected, Inventory, SliceData, SliceName, Slices } from '../inventory/schema.js';
import { INVENTORY_SCHEMA_VERSION, SLICE_NAMES, SLICES } from '../inventory/schema.js';
import { ClientFactory, type ClientOptions } from './clients.js';
import {
  checkRequestedRegions,
  describeRegions,
  discoverRegions,
  ebsPublicSnapshotsCollector,
  ebsSnapshotBlockPublicAccessCollector,
  ec2InstancesCollector,
} from './ec2.js';
import { settle } from './errors.js';
import { accountSummaryCollector, authorizationDetailsCollector, credentialReportCollector } from './iam.js';
import { organizationAccountsCollector } from './organization-accounts.js';
import { profileExists } from './profiles.js';
import { CallRecorder, type CallRecord } from './recorder.js';
import { s3AccountPublicAccessBlockCollector, s3BucketsCollector } from './s3.js';
import { ec2SecurityGroupsCollector } from './security-groups.js';
import { ebsSnapshotSharingCollector } from './snapshot-sharing.js';
import { ec2InstanceImagesCollector } from './instance-images.js';
import { ec2PublicImagesCollector } from './public-images.js';
import { rdsSnapshotsCollector } from './rds-snapshots.js';
import { s3BucketRecoveryCollector } from './s3-recovery.js';
import { ec2UserDataSecretsCollector } from './user-data.js';
import { cloudTrailTrailsCollector } from './cloudtrail.js';
import { guardDutyDetectorsCollector } from './guardduty.js';
import { lambdaEnvironmentSecretsCollector } from './lambda.js';
import { eksClustersCollector } from './eks.js';
import { bedrockInvocationLoggingCollector } from './bedrock.js';
import { getAccountAlias, getCallerIdentity } from './sts.js';
import { DEFAULT_CALL_BUDGETS, onceCache, type CallBudgets, type CollectContext, type SliceCollector } from './types.js';

/**
 * The collector of each slice; its data shape, IAM actions and regionality are in the slice's
 * record (`SLICES` in src/inventory/schema.ts). The mapped type makes a missing or extra entry a
 * compile error.
 */
export const COLLECTORS: { readonly [K in SliceName]: SliceCollector<K> } = {
  credentialReport: credentialReportCollector,
  accountSummary: accountSummaryCollector,
  authorizationDetails: authorizationDetailsCollector,
  s3Buckets: s3BucketsCollector,
  s3AccountPublicAccessBlock: s3AccountPublicAccessBlockCollector,
  ebsPublicSnapshots: ebsPublicSnapshotsCollector,
  ebsSnapshotBlockPublicAccess: ebsSnapshotBlockPublicAccessCollector,
  ec2Instances: ec2InstancesCollector,
  ec2SecurityGroups: ec2SecurityGroupsCollector,
  ebsSnapshotSharing: ebsSnapshotSharingCollector,
  ec2InstanceImages: ec2InstanceImagesCollector,
  ec2UserDataSecrets: ec2UserDataSecretsCollector,
  organizationAccounts: organizationAccountsCollector,
  ec2PublicImages: ec2PublicImagesCollector,
  cloudTrailTrails: cloudTrailTrailsCollector,
  guardDutyDetectors: guardDutyDetectorsCollector,
  lambdaEnvironmentSecrets: lambdaEnvironmentSecretsCollector,
  eksClusters: eksClustersCollector,
  bedrockInvocationLogging: bedrockInvocationLoggingCollector,
  rdsSnapshots: rdsSnapshotsCollector,
  s3BucketRecovery: s3BucketRecoveryCollector,
};

export interface CollectOptions {
  profile?: string;
  /** Explicit regions, or 'all' for every enabled region of the account. */
  regions: readonly string[] | 'all';
  homeRegion: string;
  s3PathStyle: boolean;
  /** `--endpoint-url`: one endpoint for every service (local emulators, proxies). */
  endpointUrl?: string;
  /** Most HTTP attempts on the wire at once (`--concurrency`); see ClientOptions.concurrency. */
  concurrency: number;
  maxAttempts: number;
  slices: readonly SliceName[];
  /**
   * The organization's account ids when the caller already listed them (`scan --org`): member
   * accounts then need not ask, and usually could not, since only the management or a delegated
   * administrator account may call organizations:ListAccounts.
   */
  knownOrganizationAccounts?: readonly string[];
  toolVersion: string;
  progress: (message: string) => void;
  /**
   * Something the user should read even with progress off (a requested region skipped, region
   * names that could not be checked). Default: a progress line.
   */
  warn?: (message: string) => void;
  /** Caps on per-resource calls (`--max-snapshot-attribute-calls`, `--max-user-data-calls`, `--max-rds-snapshot-attribute-calls`); defaults: DEFAULT_CALL_BUDGETS. */
  budgets?: Partial<CallBudgets>;
  /** Called after every AWS command with its service/operation/region/duration/outcome (`--debug`). */
  onCall?: (record: CallRecord) => void;
  /** Tests only: the HTTP layer. */
  requestHandler?: ClientOptions['requestHandler'];
  /** Per-attempt HTTP timeout (`--request-timeout-ms`); default DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Credentials of an assumed role (`scan --org`, `--role-arn`); override the profile. */
  credentials?: ClientOptions['credentials'];
  /** Per service and region bound on calls in flight for every service (`--service-concurrency`); default: each service's budget. */
  serviceConcurrency?: number;
  /** How a slice is named in its "done"/"failed" progress line (the CLI's labels); default: the slice name. */
  sliceLabel?: (slice: SliceName) => string;
  /** Called once the regions are known and after each slice, for the progress display. */
  onRegions?: (regions: readonly string[]) => void;
  onSliceDone?: (slice: SliceName, ok: boolean) => void;
}

export class UnknownProfileError extends Error {
  constructor(readonly profile: string) {
    super(`AWS profile '${profile}' not found`);
    this.name = 'UnknownProfileError';
  }
}

/** `--region` names a region that DescribeRegions does not list for the caller's partition. */
export class UnknownRegionError extends Error {
  constructor(
    readonly unknown: readonly string[],
    /** The partition's regions, for a "did you mean". */
    readonly known: readonly string[],
    readonly partition: string,
  ) {
    super(`unknown region${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (not listed by ec2:DescribeRegions in partition ${partition})`);
    this.name = 'UnknownRegionError';
  }
}

/** Every region `--region` asked for is one the account has not enabled: nothing regional could be read. */
export class NoEnabledRegionError extends Error {
  constructor(readonly skipped: readonly string[]) {
    super(`none of the requested regions is enabled for this account (${skipped.join(', ')}: not-opted-in)`);
    this.name = 'NoEnabledRegionError';
  }
}

export class CallerIdentityError extends Error {
  constructor(
    message: string,
    readonly causeError: unknown,
    /** Why the named profile gave no credentials, as the SDK logged it (missing source_profile, failed credential_process). */
    readonly profileFailure?: string,
  ) {
    super(message);
    this.name = 'CallerIdentityError';
  }
}

export async function collectInventory(options: CollectOptions): Promise<Inventory> {
  if (options.profile !== undefined && !(await profileExists(options.profile))) throw new UnknownProfileError(options.profile);
  const started = performance.now();
  const recorder = new CallRecorder();
  if (options.onCall !== undefined) recorder.onRecord(options.onCall);
  const clientOptions: ClientOptions = {
    s3PathStyle: options.s3PathStyle,
    maxAttempts: options.maxAttempts,
    homeRegion: options.homeRegion,
    recorder,
    concurrency: options.concurrency,
  };
  if (options.profile !== undefined) clientOptions.profile = options.profile;
  if (options.endpointUrl !== undefined) clientOptions.endpointUrl = options.endpointUrl;
  if (options.requestHandler !== undefined) clientOptions.requestHandler = options.requestHandler;
  if (options.requestTimeoutMs !== undefined) clientOptions.requestTimeoutMs = options.requestTimeoutMs;
  if (options.credentials !== undefined) clientOptions.credentials = options.credentials;
  if (options.serviceConcurrency !== undefined) clientOptions.serviceConcurrency = options.serviceConcurrency;
  const clients = new ClientFactory(clientOptions);
  try {
    options.progress('Identifying the caller (sts:GetCallerIdentity)…');
    let identity: Awaited<ReturnType<typeof getCallerIdentity>>;
    try {
      identity = await getCallerIdentity(clients);
    } catch (error) {
      throw new CallerIdentityError('Could not identify the caller with sts:GetCallerIdentity', error, clients.credentialTrace.profileFailure());
    }
    const alias = await getAccountAlias(clients);
    options.progress(`Account ${identity.accountId}${alias === null ? '' : ` (${alias})`}`);

    const needsRegions = options.slices.some((slice) => SLICES[slice].regional);
    let regions: string[] = [];
    let regionError: Collected<never> | undefined;
    if (options.regions !== 'all') {
      regions = [...options.regions];
      if (needsRegions) regions = await checkExplicitRegions(clients, identity, regions, options.warn ?? options.progress);
    } else if (needsRegions) {
      const discovered = await settle('ec2:DescribeRegions', () => discoverRegions(clients, identity.partition));
      if (discovered.ok) regions = discovered.data;
      else regionError = discovered;
    }
    if (needsRegions) options.progress(`Regions: ${regions.length === 0 ? 'none' : regions.join(', ')}`);
    options.onRegions?.(regions);

    const context: CollectContext = {
      accountId: identity.accountId,
      partition: identity.partition,
      regions,
      clients,
      // The bounds are per call in the clients (service slots, API token buckets, the global wire
      // slot): a bound here would let calls waiting on one service's budget hold slots others need.
      limit: pLimit(Number.POSITIVE_INFINITY),
      progress: options.progress,
      budgets: { ...DEFAULT_CALL_BUDGETS, ...options.budgets },
      once: onceCache(),
    };

    const slices: Slices = {};
    await Promise.all(
      options.slices.map(async (name) => {
        if (regionError !== undefined && SLICES[name].regional) {
          assign(slices, name, regionError);
          return;
        }
        const known = options.knownOrganizationAccounts;
        const collected =
          name === 'organizationAccounts' && known !== undefined
            ? { ok: true as const, data: { accountIds: [...known].sort(), unavailableReason: null } }
            : await collectSlice(name, context);
        assign(slices, name, collected);
        options.progress(`${options.sliceLabel?.(name) ?? name}: ${collected.ok ? 'done' : `failed (${collected.error.message})`}`);
        options.onSliceDone?.(name, collected.ok);
      }),
    );

    return {
      schemaVersion: INVENTORY_SCHEMA_VERSION,
      tool: { name: 'breachmap', version: options.toolVersion },
      account: { id: identity.accountId, partition: identity.partition, callerArn: identity.callerArn, alias },
      collectedAt: new Date().toISOString(),
      regions,
      slices: orderSlices(slices),
      stats: recorder.stats(performance.now() - started),
    };
  } finally {
    clients.destroy();
  }
}

/**
 * Checks `--region` names against DescribeRegions: an unknown name stops the scan (a typo would
 * otherwise be scanned and reported as a column of unknowns), a region the account has not opted
 * in to is skipped with a warning. When DescribeRegions itself is refused the names are scanned
 * as given, and the user is told they were not checked.
 */
async function checkExplicitRegions(
  clients: ClientFactory,
  identity: { accountId: string; partition: string },
  requested: readonly string[],
  warn: (message: string) => void,
): Promise<string[]> {
  const described = await settle('ec2:DescribeRegions', () => describeRegions(clients, identity.partition));
  if (!described.ok) {
    warn(`could not check the --region names (${described.error.message}); scanning ${requested.join(', ')} as given`);
    return [...requested];
  }
  const checked = checkRequestedRegions(requested, described.data);
  if (checked.unknown.length > 0) throw new UnknownRegionError(checked.unknown, described.data.map((region) => region.name), identity.partition);
  if (checked.regions.length === 0) throw new NoEnabledRegionError(checked.notOptedIn);
  for (const region of checked.notOptedIn) {
    warn(`region ${region} is not enabled for account ${identity.accountId} (not-opted-in); skipping it`);
  }
  return checked.regions;
}

async function collectSlice<K extends SliceName>(name: K, context: CollectContext): Promise<Collected<SliceData[K]>> {
  const collector = COLLECTORS[name] as SliceCollector<K>;
  return settle(SLICES[name].actions.join(', '), () => collector.collect(context));
}

function assign<K extends SliceName>(slices: Slices, name: K, value: Collected<SliceData[K]>): void {
  (slices as Record<K, Collected<SliceData[K]>>)[name] = value;
}

/** Stable key order so snapshots diff cleanly. */
function orderSlices(slices: Slices): Slices {
  const ordered: Slices = {};
  for (const name of SLICE_NAMES) {
    const value = slices[name];
    if (value !== undefined) assign(ordered, name, value);
  }
  return ordered;
}
