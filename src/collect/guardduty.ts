/**
 * GuardDuty detectors, per region: one paginated ListDetectors, then GetDetector for each id (an
 * account has at most one detector per region, so this is one more call per region, never one
 * per resource). GetDetector carries the detector's status and its protection plans (Features),
 * so the evidence names them at no extra cost
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html).
 */
import { GetDetectorCommand, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import type { GetDetectorResponse, GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { GuardDutyDetector } from '../inventory/schema.js';
import { perRegion } from './ec2.js';
import type { CollectContext, SliceCollector } from './types.js';

async function listDetectorIds(context: CollectContext, client: GuardDutyClient): Promise<string[]> {
  const ids: string[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() => client.send(new ListDetectorsCommand(token === undefined ? {} : { NextToken: token })));
    ids.push(...(page.DetectorIds ?? []));
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  return [...new Set(ids)];
}

export function toDetector(output: GetDetectorResponse, id: string, arn: string): GuardDutyDetector {
  if (output.Status === undefined) {
    throw Object.assign(new Error(`GetDetector returned no Status for detector ${id}`), { name: 'UnexpectedResponse' });
  }
  return {
    id,
    arn,
    status: output.Status,
    createdAt: output.CreatedAt ?? null,
    findingPublishingFrequency: output.FindingPublishingFrequency ?? null,
    features: (output.Features ?? []).flatMap((feature) =>
      feature.Name === undefined || feature.Status === undefined ? [] : [{ name: feature.Name, status: feature.Status }],
    ),
  };
}

async function collectRegion(context: CollectContext, region: string): Promise<{ detectors: GuardDutyDetector[] }> {
  const client = context.clients.guardduty(region);
  const ids = await listDetectorIds(context, client);
  const detectors = await Promise.all(
    ids.map(async (id) => {
      const output = await context.limit(() => client.send(new GetDetectorCommand({ DetectorId: id })));
      return toDetector(output, id, `arn:${context.partition}:guardduty:${region}:${context.accountId}:detector/${id}`);
    }),
  );
  return { detectors: detectors.sort((a, b) => a.id.localeCompare(b.id)) };
}

export const guardDutyDetectorsCollector: SliceCollector<'guardDutyDetectors'> = {
  slice: 'guardDutyDetectors',
  async collect(context) {
    const regional = await perRegion(context, 'guardduty:ListDetectors', (region) => collectRegion(context, region));
    const enabled = regional.filter((entry) => entry.result.ok && entry.result.data.detectors.some((d) => d.status === 'ENABLED')).length;
    context.progress(`GuardDuty: enabled in ${enabled} of ${regional.length} region${regional.length === 1 ? '' : 's'}`);
    return regional;
  },
};
