/**
 * Collection: resolves the caller and the regions, then runs only the slice collectors the
 * selected checks need, concurrently and under one bound. A slice that fails is recorded as data;
 * only "cannot identify the caller" stops the scan.
 */
import pLimit from 'p-limit';
import type { Collected, Inventory, SliceData, SliceName, Slices } from '../inventory/schema.js';
import { INVENTORY_SCHEMA_VERSION, SLICE_NAMES, SLICES } from '../inventory/schema.js';
import { ClientFactory, type ClientOptions } from './clients.js';
import { ebsPublicSnapshotsCollector, ebsSnapshotBlockPublicAccessCollector, ec2InstancesCollector, discoverRegions } from './ec2.js';
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
import { ec2UserDataSecretsCollector } from './user-data.js';
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
};

export interface CollectOptions {
  profile?: string;
  /** Explicit regions, or 'all' for every enabled region of the account. */
  regions: readonly string[] | 'all';
  homeRegion: string;
  s3PathStyle: boolean;
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
  /** Caps on per-resource calls (`--max-snapshot-attribute-calls`, `--max-user-data-calls`); defaults: DEFAULT_CALL_BUDGETS. */
  budgets?: Partial<CallBudgets>;
  /** Called after every AWS command with its service/operation/region/duration/outcome (`--debug`). */
  onCall?: (record: CallRecord) => void;
  /** Tests only: the HTTP layer. */
  requestHandler?: ClientOptions['requestHandler'];
  /** Per-attempt HTTP timeout (`--request-timeout-ms`); default DEFAULT_REQUEST_TIMEOUT_MS. */
  requestTimeoutMs?: number;
  /** Credentials of an assumed role (`scan --org`, `--role-arn`); override the profile. */
  credentials?: ClientOptions['credentials'];
  /** Per service and region bound on calls in flight (`--service-concurrency`). */
  serviceConcurrency?: number;
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

export class CallerIdentityError extends Error {
  constructor(
    message: string,
    readonly causeError: unknown,
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
  };
  if (options.profile !== undefined) clientOptions.profile = options.profile;
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
      throw new CallerIdentityError('Could not identify the caller with sts:GetCallerIdentity', error);
    }
    const alias = await getAccountAlias(clients);
    options.progress(`Account ${identity.accountId}${alias === null ? '' : ` (${alias})`}`);

    const needsRegions = options.slices.some((slice) => SLICES[slice].regional);
    let regions: string[] = [];
    let regionError: Collected<never> | undefined;
    if (options.regions !== 'all') {
      regions = [...options.regions];
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
      limit: pLimit(Math.max(1, options.concurrency)),
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
        options.progress(`${name}: ${collected.ok ? 'done' : `failed (${collected.error.message})`}`);
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
