import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { GetDetectorCommand, GuardDutyClient, GuardDutyServiceException, ListDetectorsCommand } from '@aws-sdk/client-guardduty';
import { guardDutyDetectorsCollector } from '../../../src/collect/guardduty.js';
import { SLICES } from '../../../src/inventory/schema.js';
import { buildCollectContext, okData, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

function guardDutyError(name: string, httpStatusCode = 400, attempts = 1): GuardDutyServiceException {
  return new GuardDutyServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

async function regionOf(getClient: () => GuardDutyClient): Promise<string> {
  return getClient().config.region();
}

describe('guardDutyDetectorsCollector (mocked SDK)', () => {
  let guardduty: AwsClientStub<GuardDutyClient>;

  beforeAll(() => {
    guardduty = mockClient(GuardDutyClient);
  });
  afterAll(() => {
    guardduty.restore();
  });
  beforeEach(() => {
    guardduty.reset();
  });

  it('follows NextToken, reads each detector once, and keeps status and protection plans', async () => {
    guardduty.on(ListDetectorsCommand).resolvesOnce({ DetectorIds: ['d-1'], NextToken: 'page-2' }).resolvesOnce({ DetectorIds: [] });
    guardduty.on(GetDetectorCommand).resolves({
      Status: 'ENABLED',
      ServiceRole: 'arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
      CreatedAt: '2024-01-02T03:04:05.000Z',
      FindingPublishingFrequency: 'SIX_HOURS',
      Features: [
        { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
        { Name: 'RUNTIME_MONITORING', Status: 'DISABLED' },
        { Status: 'ENABLED' },
      ],
    });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await guardDutyDetectorsCollector.collect(context);

    expect(guardduty.commandCalls(ListDetectorsCommand).map((call) => call.args[0].input)).toEqual([{}, { NextToken: 'page-2' }]);
    expect(guardduty.commandCalls(GetDetectorCommand).map((call) => call.args[0].input)).toEqual([{ DetectorId: 'd-1' }]);
    expect(okData(regionResult(result, 'us-east-1'))).toEqual({
      detectors: [
        {
          id: 'd-1',
          arn: `arn:aws:guardduty:us-east-1:${TEST_ACCOUNT_ID}:detector/d-1`,
          status: 'ENABLED',
          createdAt: '2024-01-02T03:04:05.000Z',
          findingPublishingFrequency: 'SIX_HOURS',
          features: [
            { name: 'S3_DATA_EVENTS', status: 'ENABLED' },
            { name: 'RUNTIME_MONITORING', status: 'DISABLED' },
          ],
        },
      ],
    });
    expect(SLICES.guardDutyDetectors.schema.parse(result)).toEqual(result);
  });

  it('records a region without a detector as an empty list, never a failure', async () => {
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const { context } = buildCollectContext({ regions: ['eu-west-1'] });
    expect(okData(regionResult(await guardDutyDetectorsCollector.collect(context), 'eu-west-1'))).toEqual({ detectors: [] });
    expect(guardduty.commandCalls(GetDetectorCommand)).toHaveLength(0);
  });

  it('fails only the region that is denied or throttled, naming the action', async () => {
    guardduty.on(ListDetectorsCommand).callsFake(async (_input, getClient: () => GuardDutyClient) => {
      const region = await regionOf(getClient);
      if (region === 'eu-west-1') throw guardDutyError('AccessDeniedException', 403);
      if (region === 'ap-south-1') throw guardDutyError('TooManyRequestsException', 429, 3);
      return { DetectorIds: ['d-ok'] };
    });
    guardduty.on(GetDetectorCommand).callsFake(async (_input, getClient: () => GuardDutyClient) => {
      if ((await regionOf(getClient)) === 'sa-east-1') throw guardDutyError('AccessDeniedException', 403);
      return { Status: 'DISABLED', ServiceRole: 'role' };
    });
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1', 'sa-east-1'] });

    const result = await guardDutyDetectorsCollector.collect(context);

    expect(okData(regionResult(result, 'us-east-1')).detectors.map((d) => d.status)).toEqual(['DISABLED']);
    expect(regionResult(result, 'eu-west-1')).toEqual({
      ok: false,
      error: { code: 'AccessDeniedException', message: 'access denied: the scanning identity lacks guardduty:ListDetectors', action: 'guardduty:ListDetectors' },
    });
    const throttled = regionResult(result, 'ap-south-1');
    expect(throttled.ok).toBe(false);
    if (!throttled.ok) expect(throttled.error.code).toBe('TooManyRequestsException');
    // Without the client middleware (mocked send) the region's listing action is named; live, the middleware names guardduty:GetDetector.
    expect(regionResult(result, 'sa-east-1')).toMatchObject({ ok: false, error: { code: 'AccessDeniedException' } });
  });

  it('fails a region whose detector has no status instead of guessing', async () => {
    guardduty.on(ListDetectorsCommand).resolves({ DetectorIds: ['d-odd'] });
    guardduty.on(GetDetectorCommand).resolves({ ServiceRole: 'role', Status: undefined });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });
    expect(regionResult(await guardDutyDetectorsCollector.collect(context), 'us-east-1')).toMatchObject({ ok: false, error: { code: 'UnexpectedResponse' } });
  });
});
