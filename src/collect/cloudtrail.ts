/**
 * The account's CloudTrail trails: one set per account, not per region.
 *
 * One DescribeTrails in the home region with includeShadowTrails lists the trails whose home is
 * that region and every multi-region trail of the account, whatever its home region, organization
 * trails included ("a shadow trail is the replication in a Region of a trail that was created in a
 * different Region, or in the case of an organization trail, the replication of an organization
 * trail in member accounts": https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html).
 * Single-region trails homed elsewhere are not listed, and need not be: only a multi-region trail
 * can satisfy the check. DescribeTrails has no pagination (no NextToken in the API); ListTrails
 * does paginate, but returns only names and home regions, so every trail would then cost a GetTrail.
 *
 * For each multi-region trail, GetTrailStatus and GetEventSelectors are asked in the trail's home
 * region with its ARN, which both APIs require for a shadow or organization trail
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html).
 * A member account may be refused either for its organization's trail (CloudTrailARNInvalidException,
 * TrailNotFoundException): each read fails on its own, and the check decides what that means.
 */
import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import type { AdvancedFieldSelector as SdkFieldSelector, GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from '@aws-sdk/client-cloudtrail';
import type { AdvancedFieldSelector, CloudTrail, TrailEventSelectors, TrailStatus } from '../inventory/schema.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';

/** The region of a trail ARN (arn:aws:cloudtrail:us-east-2:123456789012:trail/name), for an endpoint that leaves HomeRegion out. */
function regionOfArn(arn: string): string | undefined {
  const region = arn.split(':')[3];
  return region === undefined || region === '' ? undefined : region;
}

function isoOrNull(date: Date | undefined): string | null {
  return date === undefined || Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toTrailStatus(output: GetTrailStatusResponse): TrailStatus {
  if (output.IsLogging === undefined) {
    throw Object.assign(new Error('GetTrailStatus returned no IsLogging'), { name: 'UnexpectedResponse' });
  }
  return {
    isLogging: output.IsLogging,
    startLoggingTime: isoOrNull(output.StartLoggingTime),
    stopLoggingTime: isoOrNull(output.StopLoggingTime),
    latestDeliveryTime: isoOrNull(output.LatestDeliveryTime),
    latestDeliveryError: output.LatestDeliveryError === undefined || output.LatestDeliveryError === '' ? null : output.LatestDeliveryError.slice(0, 300),
  };
}

function toFieldSelector(selector: SdkFieldSelector): AdvancedFieldSelector {
  return {
    field: selector.Field ?? '',
    equals: selector.Equals ?? [],
    notEquals: selector.NotEquals ?? [],
    startsWith: selector.StartsWith ?? [],
    notStartsWith: selector.NotStartsWith ?? [],
    endsWith: selector.EndsWith ?? [],
    notEndsWith: selector.NotEndsWith ?? [],
  };
}

export function toEventSelectors(output: GetEventSelectorsResponse): TrailEventSelectors {
  return {
    basic: (output.EventSelectors ?? []).map((selector) => ({
      readWriteType: selector.ReadWriteType ?? null,
      includeManagementEvents: selector.IncludeManagementEvents ?? null,
      excludeManagementEventSources: selector.ExcludeManagementEventSources ?? [],
    })),
    advanced: (output.AdvancedEventSelectors ?? []).map((selector) => ({
      name: selector.Name ?? null,
      fieldSelectors: (selector.FieldSelectors ?? []).map(toFieldSelector),
    })),
  };
}

async function readTrail(context: CollectContext, trail: Trail): Promise<CloudTrail[]> {
  const arn = trail.TrailARN;
  const name = trail.Name;
  const homeRegion = trail.HomeRegion ?? (arn === undefined ? undefined : regionOfArn(arn));
  if (arn === undefined || name === undefined || homeRegion === undefined) return [];
  const isMultiRegion = trail.IsMultiRegionTrail === true;
  let status: CloudTrail['status'] = null;
  let eventSelectors: CloudTrail['eventSelectors'] = null;
  if (isMultiRegion) {
    const client = context.clients.cloudtrail(homeRegion);
    [status, eventSelectors] = await Promise.all([
      settle('cloudtrail:GetTrailStatus', async () => toTrailStatus(await context.limit(() => client.send(new GetTrailStatusCommand({ Name: arn }))))),
      settle('cloudtrail:GetEventSelectors', async () => toEventSelectors(await context.limit(() => client.send(new GetEventSelectorsCommand({ TrailName: arn }))))),
    ]);
  }
  return [
    {
      name,
      arn,
      homeRegion,
      isMultiRegion,
      isOrganizationTrail: trail.IsOrganizationTrail === true,
      includeGlobalServiceEvents: trail.IncludeGlobalServiceEvents === true,
      logFileValidation: trail.LogFileValidationEnabled === true,
      hasCustomEventSelectors: trail.HasCustomEventSelectors ?? null,
      status,
      eventSelectors,
    },
  ];
}

export const cloudTrailTrailsCollector: SliceCollector<'cloudTrailTrails'> = {
  slice: 'cloudTrailTrails',
  async collect(context) {
    const region = context.clients.homeRegion;
    const output = await context.limit(() => context.clients.cloudtrail(region).send(new DescribeTrailsCommand({ includeShadowTrails: true })));
    // A trail can be listed twice (its own copy and a shadow); its ARN is its identity.
    const unique = new Map<string, Trail>();
    for (const trail of output.trailList ?? []) {
      if (trail.TrailARN !== undefined && !unique.has(trail.TrailARN)) unique.set(trail.TrailARN, trail);
    }
    const trails = (await Promise.all([...unique.values()].map((trail) => readTrail(context, trail)))).flat();
    trails.sort((a, b) => a.arn.localeCompare(b.arn));
    const multi = trails.filter((trail) => trail.isMultiRegion).length;
    context.progress(`CloudTrail: ${trails.length} trail${trails.length === 1 ? '' : 's'} (${multi} multi-region) seen from ${region}`);
    return { describedIn: region, trails };
  },
};
