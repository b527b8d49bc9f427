/**
 * EC2 and EBS collectors, one entry per region so a failing region leaves the others intact:
 * public snapshot candidates (confirmed one by one), the snapshot Block Public Access guardrail,
 * and the instances with their IMDS settings, instance profiles and public addresses.
 */
import {
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import type {
  CreateVolumePermission as SdkCreateVolumePermission,
  EC2Client,
  Instance as SdkInstance,
  Snapshot,
} from '@aws-sdk/client-ec2';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import {
  SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES,
  type Collected,
  type CreateVolumePermission,
  type Instance,
  type PublicSnapshotCandidate,
  type Regional,
} from '../inventory/schema.js';
import { settle } from './errors.js';
import type { ClientFactory } from './clients.js';
import type { CollectContext, SliceCollector } from './types.js';
import { sdkErrorShape } from './sdk-error.js';

// ---------------------------------------------------------------- regions

/**
 * The partition a region name belongs to: `cn-*`, `us-gov-*`, the isolated `*-iso*-*` regions
 * (us-iso → aws-iso, us-isob → aws-iso-b, eu-isoe → aws-iso-e, …) and the European Sovereign Cloud.
 */
export function partitionOfRegion(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  const isolated = /^[a-z]+-iso([a-z]?)-/.exec(region);
  if (isolated !== null) return isolated[1] === undefined || isolated[1] === '' ? 'aws-iso' : `aws-iso-${isolated[1]}`;
  return 'aws';
}

/** A region of the caller's partition as DescribeRegions lists it. */
export interface DescribedRegion {
  name: string;
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`; null when the endpoint leaves it out. */
  optInStatus: string | null;
}

/**
 * Every region of the caller's partition, enabled or not. `AllRegions` makes AWS list the regions
 * the account has not opted in to as well, with `OptInStatus: not-opted-in`
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html). Emulators
 * (moto) ignore `AllRegions` and list China and GovCloud regions too, so the partition filter is
 * applied here.
 */
export async function describeRegions(clients: ClientFactory, partition: string): Promise<DescribedRegion[]> {
  const output = await clients.ec2(clients.homeRegion).send(new DescribeRegionsCommand({ AllRegions: true }));
  const byName = new Map<string, DescribedRegion>();
  for (const region of output.Regions ?? []) {
    const name = region.RegionName;
    if (name === undefined || partitionOfRegion(name) !== partition) continue;
    byName.set(name, { name, optInStatus: region.OptInStatus ?? null });
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The regions to scan for `--region all`: the enabled ones of the caller's partition, sorted. */
export async function discoverRegions(clients: ClientFactory, partition: string): Promise<string[]> {
  return (await describeRegions(clients, partition)).filter((region) => region.optInStatus !== 'not-opted-in').map((region) => region.name);
}

export interface RequestedRegions {
  /** The requested regions that can be scanned, in the order given. */
  regions: string[];
  /** Names DescribeRegions does not know in this partition (typos, another partition's regions). */
  unknown: string[];
  /** Real regions the account has not enabled: AWS refuses calls there, so they are skipped. */
  notOptedIn: string[];
}

/** Sorts explicitly requested regions (`--region a,b`) by what DescribeRegions says of them. Pure. */
export function checkRequestedRegions(requested: readonly string[], described: readonly DescribedRegion[]): RequestedRegions {
  const byName = new Map(described.map((region) => [region.name, region]));
  const checked: RequestedRegions = { regions: [], unknown: [], notOptedIn: [] };
  for (const name of requested) {
    const region = byName.get(name);
    if (region === undefined) checked.unknown.push(name);
    else if (region.optInStatus === 'not-opted-in') checked.notOptedIn.push(name);
    else checked.regions.push(name);
  }
  return checked;
}

/** Runs one collection per region concurrently; a region that throws becomes a failed entry. */
export async function perRegion<T>(context: CollectContext, action: string, collect: (region: string) => Promise<T>): Promise<Regional<T>> {
  return Promise.all(
    context.regions.map(async (region) => ({ region, result: await settle(action, () => collect(region)) })),
  );
}

// ---------------------------------------------------------------- public snapshots

/** Descriptions are shown to users and may be long; the first 200 characters are enough to recognise one. */
const MAX_DESCRIPTION_LENGTH = 200;

export function toCreateVolumePermission(permission: SdkCreateVolumePermission): CreateVolumePermission[] {
  if (permission.Group === 'all') return [{ group: 'all', userId: null }];
  if (permission.UserId !== undefined) return [{ group: null, userId: permission.UserId }];
  return [];
}

async function listPublicSnapshotCandidates(context: CollectContext, client: EC2Client): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() =>
      client.send(
        new DescribeSnapshotsCommand({
          OwnerIds: ['self'],
          RestorableByUserIds: ['all'],
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      ),
    );
    snapshots.push(...(page.Snapshots ?? []));
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  // Emulators (moto) ignore OwnerIds and RestorableByUserIds and return every snapshot in the
  // region, AWS's own included: keep the account's only; DescribeSnapshotAttribute confirms the rest.
  return snapshots.filter((snapshot) => snapshot.OwnerId === context.accountId);
}

export async function readCreateVolumePermissions(
  context: CollectContext,
  client: EC2Client,
  snapshotId: string,
): Promise<Collected<CreateVolumePermission[]>> {
  return settle('ec2:DescribeSnapshotAttribute', async () => {
    const output = await context.limit(() =>
      client.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' })),
    );
    return (output.CreateVolumePermissions ?? []).flatMap(toCreateVolumePermission);
  });
}

async function collectRegionSnapshots(context: CollectContext, region: string): Promise<{ candidates: PublicSnapshotCandidate[] }> {
  const client = context.clients.ec2(region);
  const snapshots = await listPublicSnapshotCandidates(context, client);
  const candidates = await Promise.all(
    snapshots.flatMap((snapshot) => {
      const id = snapshot.SnapshotId;
      const ownerId = snapshot.OwnerId;
      if (id === undefined || ownerId === undefined) return [];
      return [
        readCreateVolumePermissions(context, client, id).then(
          (createVolumePermissions): PublicSnapshotCandidate => ({
            id,
            arn: `arn:${context.partition}:ec2:${region}::snapshot/${id}`,
            ownerId,
            volumeSizeGiB: snapshot.VolumeSize ?? null,
            encrypted: snapshot.Encrypted ?? null,
            startTime: snapshot.StartTime?.toISOString() ?? null,
            description:
              snapshot.Description === undefined || snapshot.Description === ''
                ? null
                : snapshot.Description.slice(0, MAX_DESCRIPTION_LENGTH),
            createVolumePermissions,
          }),
        ),
      ];
    }),
  );
  return { candidates };
}

export const ebsPublicSnapshotsCollector: SliceCollector<'ebsPublicSnapshots'> = {
  slice: 'ebsPublicSnapshots',
  async collect(context) {
    const regional = await perRegion(context, 'ec2:DescribeSnapshots', (region) => collectRegionSnapshots(context, region));
    const found = regional.reduce((sum, entry) => sum + (entry.result.ok ? entry.result.data.candidates.length : 0), 0);
    context.progress(`EBS: ${found} public snapshot candidate${found === 1 ? '' : 's'} in ${regional.length} region${regional.length === 1 ? '' : 's'}`);
    return regional;
  },
};

// ---------------------------------------------------------------- snapshot Block Public Access

/** Thrown in place of a 5xx that carries no AWS error code, so the SDK does not retry it. */
export class OperationNotImplementedError extends Error {
  constructor(operation: string, statusCode: number) {
    super(`${operation} is not implemented by this endpoint (HTTP ${statusCode} without an AWS error code)`);
    this.name = 'NotImplemented';
  }
}

const NAMES_WITHOUT_AWS_CODE = new Set(['Unknown', 'UnknownError', 'Error', 'SyntaxError', 'TypeError']);

/**
 * An HTTP 500/501 whose body is not an AWS error document: the SDK reports it as `Unknown` (or,
 * in some versions, as an XML parse error). AWS itself always answers with an error code, so
 * this is an endpoint that lacks the operation (moto answers GetSnapshotBlockPublicAccessState
 * with an HTML 500). 502–504 stay retryable: those are gateways, not missing operations.
 */
export function unrecognisedServerErrorStatus(error: unknown): number | undefined {
  const e = sdkErrorShape(error);
  const status = e.httpStatusCode;
  if (status !== 500 && status !== 501) return undefined;
  const name = e.name ?? 'Error';
  const message = e.message ?? '';
  return NAMES_WITHOUT_AWS_CODE.has(name) || /parse error|deserializ/i.test(message) ? status : undefined;
}

/**
 * Sits inside the SDK's retry loop, so the error it throws (no HTTP status, not a throttling or
 * transient code) is classified as a client error and fails on the first attempt instead of
 * spending the whole retry budget, with its backoff, on an operation that will never answer.
 */
export function failFastOnUnrecognisedServerError<Input extends object, Output extends object>(
  operation: string,
): FinalizeRequestMiddleware<Input, Output> {
  return (next) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      const status = unrecognisedServerErrorStatus(error);
      if (status !== undefined) throw new OperationNotImplementedError(operation, status);
      throw error;
    }
  };
}

function isSnapshotBlockPublicAccessState(state: string | undefined): state is (typeof SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES)[number] {
  return state !== undefined && (SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES as readonly string[]).includes(state);
}

async function readSnapshotBlockPublicAccess(context: CollectContext, region: string) {
  const command = new GetSnapshotBlockPublicAccessStateCommand({});
  command.middlewareStack.addRelativeTo(failFastOnUnrecognisedServerError('GetSnapshotBlockPublicAccessState'), {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'breachmapFailFastOnUnrecognisedServerError',
  });
  const output = await context.limit(() => context.clients.ec2(region).send(command));
  const state = output.State;
  if (!isSnapshotBlockPublicAccessState(state)) {
    throw Object.assign(new Error(`GetSnapshotBlockPublicAccessState returned no known state (got ${state ?? 'nothing'})`), {
      name: 'UnexpectedResponse',
    });
  }
  return { state };
}

export const ebsSnapshotBlockPublicAccessCollector: SliceCollector<'ebsSnapshotBlockPublicAccess'> = {
  slice: 'ebsSnapshotBlockPublicAccess',
  collect: (context) =>
    perRegion(context, 'ec2:GetSnapshotBlockPublicAccessState', (region) => readSnapshotBlockPublicAccess(context, region)),
};

// ---------------------------------------------------------------- instances

export function toInstance(instance: SdkInstance, context: Pick<CollectContext, 'partition' | 'accountId'>, region: string): Instance[] {
  const id = instance.InstanceId;
  if (id === undefined) return [];
  const metadata = instance.MetadataOptions;
  return [
    {
      id,
      arn: `arn:${context.partition}:ec2:${region}:${context.accountId}:instance/${id}`,
      name: instance.Tags?.find((tag) => tag.Key === 'Name')?.Value ?? null,
      state: instance.State?.Name ?? 'unknown',
      imageId: instance.ImageId ?? null,
      launchTime: instance.LaunchTime?.toISOString() ?? null,
      publicIp: instance.PublicIpAddress ?? null,
      instanceProfileArn: instance.IamInstanceProfile?.Arn ?? null,
      securityGroupIds: (instance.SecurityGroups ?? []).flatMap((group) => (group.GroupId === undefined ? [] : [group.GroupId])),
      metadataOptions: {
        httpTokens: metadata?.HttpTokens ?? null,
        // moto drops HttpEndpoint after ModifyInstanceMetadataOptions; the checks read null as enabled.
        httpEndpoint: metadata?.HttpEndpoint ?? null,
        httpPutResponseHopLimit: metadata?.HttpPutResponseHopLimit ?? null,
      },
    },
  ];
}

async function collectRegionInstances(context: CollectContext, region: string): Promise<{ instances: Instance[] }> {
  const client = context.clients.ec2(region);
  const instances: Instance[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() =>
      client.send(new DescribeInstancesCommand(token === undefined ? {} : { NextToken: token })),
    );
    for (const reservation of page.Reservations ?? []) {
      for (const instance of reservation.Instances ?? []) {
        // Terminated instances linger in the listing for about an hour but can no longer be reached.
        if (instance.State?.Name === 'terminated') continue;
        instances.push(...toInstance(instance, context, region));
      }
    }
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  return { instances };
}

/**
 * The region's instances (terminated ones left out), listed once per collection and shared by
 * every collector that needs them (instances, their images, their user data).
 */
export function listRegionInstances(context: CollectContext, region: string): Promise<Instance[]> {
  return context.once(`ec2:DescribeInstances:${region}`, async () => (await collectRegionInstances(context, region)).instances);
}

export const ec2InstancesCollector: SliceCollector<'ec2Instances'> = {
  slice: 'ec2Instances',
  collect: (context) =>
    perRegion(context, 'ec2:DescribeInstances', async (region) => ({ instances: await listRegionInstances(context, region) })),
};
