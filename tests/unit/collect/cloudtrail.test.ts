import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import {
  CloudTrailClient,
  CloudTrailServiceException,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from '@aws-sdk/client-cloudtrail';
import { cloudTrailTrailsCollector } from '../../../src/collect/cloudtrail.js';
import { settle } from '../../../src/collect/errors.js';
import { SLICES } from '../../../src/inventory/schema.js';
import { buildCollectContext, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

const ORG_ACCOUNT = '999988887777';
const arn = (region: string, name: string, account = TEST_ACCOUNT_ID) => `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;

function trailError(name: string, httpStatusCode = 400, attempts = 1): CloudTrailServiceException {
  return new CloudTrailServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

async function regionOf(getClient: () => CloudTrailClient): Promise<string> {
  return getClient().config.region();
}

function sentActions(mock: AwsClientStub<CloudTrailClient>): string[] {
  return mock.calls().map((call) => `cloudtrail:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);
}

describe('cloudTrailTrailsCollector (mocked SDK)', () => {
  let cloudtrail: AwsClientStub<CloudTrailClient>;

  beforeAll(() => {
    cloudtrail = mockClient(CloudTrailClient);
  });
  afterAll(() => {
    cloudtrail.restore();
  });
  beforeEach(() => {
    cloudtrail.reset();
  });

  it('describes the trails once, with shadow trails, and reads status and selectors of multi-region trails only, in their home region by ARN', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [
        { Name: 'audit', TrailARN: arn('eu-west-1', 'audit'), HomeRegion: 'eu-west-1', IsMultiRegionTrail: true, LogFileValidationEnabled: true, IncludeGlobalServiceEvents: true, HasCustomEventSelectors: true, IsOrganizationTrail: false },
        // The same trail listed twice (its copy and a shadow) is one trail.
        { Name: 'audit', TrailARN: arn('eu-west-1', 'audit'), HomeRegion: 'eu-west-1', IsMultiRegionTrail: true },
        { Name: 'app', TrailARN: arn('us-east-1', 'app'), HomeRegion: 'us-east-1', IsMultiRegionTrail: false },
        // An endpoint that leaves HomeRegion out: the ARN names it.
        { Name: 'org', TrailARN: arn('us-west-2', 'org', ORG_ACCOUNT), IsMultiRegionTrail: true, IsOrganizationTrail: true, HasCustomEventSelectors: false },
      ],
    });
    const regionsAsked: Record<string, string> = {};
    cloudtrail.on(GetTrailStatusCommand).callsFake(async (input: { Name: string }, getClient: () => CloudTrailClient) => {
      regionsAsked[`status ${input.Name}`] = await regionOf(getClient);
      if (input.Name.includes(ORG_ACCOUNT)) throw trailError('CloudTrailARNInvalidException');
      return { IsLogging: true, StartLoggingTime: new Date('2025-01-02T03:04:05Z'), LatestDeliveryTime: new Date('2026-05-31T00:00:00Z'), LatestDeliveryError: '' };
    });
    cloudtrail.on(GetEventSelectorsCommand).callsFake(async (input: { TrailName: string }, getClient: () => CloudTrailClient) => {
      regionsAsked[`selectors ${input.TrailName}`] = await regionOf(getClient);
      if (input.TrailName.includes(ORG_ACCOUNT)) throw trailError('TrailNotFoundException');
      return {
        AdvancedEventSelectors: [
          { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] },
        ],
      };
    });
    const { context, progressLines } = buildCollectContext({ regions: ['us-east-1'], homeRegion: 'us-east-1' });

    const data = await cloudTrailTrailsCollector.collect(context);

    expect(cloudtrail.commandCalls(DescribeTrailsCommand).map((call) => call.args[0].input)).toEqual([{ includeShadowTrails: true }]);
    expect(regionsAsked).toEqual({
      [`status ${arn('eu-west-1', 'audit')}`]: 'eu-west-1',
      [`selectors ${arn('eu-west-1', 'audit')}`]: 'eu-west-1',
      [`status ${arn('us-west-2', 'org', ORG_ACCOUNT)}`]: 'us-west-2',
      [`selectors ${arn('us-west-2', 'org', ORG_ACCOUNT)}`]: 'us-west-2',
    });
    expect(SLICES.cloudTrailTrails.schema.parse(data)).toEqual(data);
    expect(data.describedIn).toBe('us-east-1');
    expect(data.trails.map((t) => [t.name, t.homeRegion, t.isMultiRegion])).toEqual([
      ['audit', 'eu-west-1', true],
      ['app', 'us-east-1', false],
      ['org', 'us-west-2', true],
    ]);
    const [audit, app, org] = data.trails;
    expect(app).toMatchObject({ status: null, eventSelectors: null });
    expect(audit).toMatchObject({
      logFileValidation: true,
      hasCustomEventSelectors: true,
      status: { ok: true, data: { isLogging: true, startLoggingTime: '2025-01-02T03:04:05.000Z', stopLoggingTime: null, latestDeliveryTime: '2026-05-31T00:00:00.000Z', latestDeliveryError: null } },
      eventSelectors: {
        ok: true,
        data: {
          basic: [],
          advanced: [
            {
              name: 'Management events',
              fieldSelectors: [
                { field: 'eventCategory', equals: ['Management'], notEquals: [], startsWith: [], notStartsWith: [], endsWith: [], notEndsWith: [] },
                { field: 'eventSource', equals: [], notEquals: ['kms.amazonaws.com'], startsWith: [], notStartsWith: [], endsWith: [], notEndsWith: [] },
              ],
            },
          ],
        },
      },
    });
    // A member account refused its organization's trail: each read fails on its own, the slice stands.
    expect(org?.isOrganizationTrail).toBe(true);
    expect(org?.status).toMatchObject({ ok: false, error: { code: 'CloudTrailARNInvalidException', action: 'cloudtrail:GetTrailStatus' } });
    expect(org?.eventSelectors).toMatchObject({ ok: false, error: { code: 'TrailNotFoundException', action: 'cloudtrail:GetEventSelectors' } });
    for (const action of new Set(sentActions(cloudtrail))) expect(SLICES.cloudTrailTrails.actions).toContain(action);
    expect(progressLines).toContain('CloudTrail: 3 trails (2 multi-region) seen from us-east-1');
  });

  it('keeps basic selectors as AWS returns them, AWS defaults left as null', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'basic', TrailARN: arn('us-east-1', 'basic'), HomeRegion: 'us-east-1', IsMultiRegionTrail: true }] });
    cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: false, StopLoggingTime: new Date('2026-04-01T00:00:00Z') });
    cloudtrail.on(GetEventSelectorsCommand).resolves({
      EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, ExcludeManagementEventSources: [] }, { DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }],
    });
    const { context } = buildCollectContext();

    const [trail] = (await cloudTrailTrailsCollector.collect(context)).trails;

    expect(trail?.status).toEqual({ ok: true, data: { isLogging: false, startLoggingTime: null, stopLoggingTime: '2026-04-01T00:00:00.000Z', latestDeliveryTime: null, latestDeliveryError: null } });
    expect(trail?.eventSelectors).toEqual({
      ok: true,
      data: {
        basic: [
          { readWriteType: 'WriteOnly', includeManagementEvents: true, excludeManagementEventSources: [] },
          { readWriteType: null, includeManagementEvents: null, excludeManagementEventSources: [] },
        ],
        advanced: [],
      },
    });
  });

  it('fails a status without IsLogging instead of guessing', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'odd', TrailARN: arn('us-east-1', 'odd'), HomeRegion: 'us-east-1', IsMultiRegionTrail: true }] });
    cloudtrail.on(GetTrailStatusCommand).resolves({});
    cloudtrail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [] });
    const { context } = buildCollectContext();
    const [trail] = (await cloudTrailTrailsCollector.collect(context)).trails;
    expect(trail?.status).toMatchObject({ ok: false, error: { code: 'UnexpectedResponse' } });
  });

  it('fails the whole slice when DescribeTrails is denied or throttled, naming the action', async () => {
    const { context } = buildCollectContext();
    cloudtrail.on(DescribeTrailsCommand).rejects(trailError('AccessDeniedException', 400));
    expect(await settle(SLICES.cloudTrailTrails.actions.join(', '), () => cloudTrailTrailsCollector.collect(context))).toEqual({
      ok: false,
      error: {
        code: 'AccessDeniedException',
        message: 'access denied: the scanning identity lacks cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus, cloudtrail:GetEventSelectors',
        action: 'cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus, cloudtrail:GetEventSelectors',
      },
    });
    cloudtrail.reset();
    cloudtrail.on(DescribeTrailsCommand).rejects(trailError('ThrottlingException', 400, 3));
    const throttled = await settle('cloudtrail:DescribeTrails', () => cloudTrailTrailsCollector.collect(context));
    expect(throttled).toEqual({ ok: false, error: { code: 'ThrottlingException', message: 'throttled by AWS after all retries (cloudtrail:DescribeTrails)', action: 'cloudtrail:DescribeTrails' } });
    expect(cloudtrail.commandCalls(GetTrailStatusCommand)).toHaveLength(0);
  });

  it('keeps the trail when one of its reads is throttled, failing only that read', async () => {
    cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: 'audit', TrailARN: arn('us-east-1', 'audit'), HomeRegion: 'us-east-1', IsMultiRegionTrail: true }] });
    cloudtrail.on(GetTrailStatusCommand).rejects(trailError('ThrottlingException', 400, 3));
    cloudtrail.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }] });
    const { context } = buildCollectContext();
    const [trail] = (await cloudTrailTrailsCollector.collect(context)).trails;
    expect(trail?.status).toEqual({ ok: false, error: { code: 'ThrottlingException', message: 'throttled by AWS after all retries (cloudtrail:GetTrailStatus)', action: 'cloudtrail:GetTrailStatus' } });
    expect(trail?.eventSelectors?.ok).toBe(true);
  });
});
