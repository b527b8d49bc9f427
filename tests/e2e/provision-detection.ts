/**
 * Provisioning for the detection scenarios: CloudTrail trails (with their log bucket) and
 * GuardDuty detectors, in a scenario's account on the moto server.
 */
import { CloudTrailClient, CreateTrailCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty';
import type { Scenario } from './harness.js';
import { createBucket } from './provision.js';

export function cloudtrail(scenario: Scenario, region: string): CloudTrailClient {
  return new CloudTrailClient({ region, endpoint: scenario.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
}

export function guardduty(scenario: Scenario, region: string): GuardDutyClient {
  return new GuardDutyClient({ region, endpoint: scenario.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
}

export interface TrailSpec {
  name: string;
  region: string;
  multiRegion: boolean;
  validation: boolean;
  logging: 'started' | 'stopped' | 'never';
}

/** Creates a trail and its log bucket, then starts (and, for `stopped`, stops) its logging; returns its ARN. */
export async function createTrail(scenario: Scenario, spec: TrailSpec): Promise<string> {
  const client = cloudtrail(scenario, spec.region);
  try {
    const bucket = `${scenario.accountId}-${spec.name}-logs`;
    await createBucket(scenario.s3(spec.region), bucket, spec.region);
    const created = await client.send(
      new CreateTrailCommand({ Name: spec.name, S3BucketName: bucket, IsMultiRegionTrail: spec.multiRegion, IncludeGlobalServiceEvents: true, EnableLogFileValidation: spec.validation }),
    );
    if (spec.logging !== 'never') await client.send(new StartLoggingCommand({ Name: spec.name }));
    if (spec.logging === 'stopped') await client.send(new StopLoggingCommand({ Name: spec.name }));
    if (created.TrailARN === undefined) throw new Error('moto CreateTrail returned no ARN');
    return created.TrailARN;
  } finally {
    client.destroy();
  }
}

/** Creates a GuardDuty detector, enabled or suspended, with the S3 protection plan; returns its id. */
export async function createDetector(scenario: Scenario, region: string, enable: boolean): Promise<string> {
  const client = guardduty(scenario, region);
  try {
    const created = await client.send(new CreateDetectorCommand({ Enable: enable, Features: [{ Name: 'S3_DATA_EVENTS', Status: 'ENABLED' }] }));
    if (created.DetectorId === undefined) throw new Error('moto CreateDetector returned no id');
    return created.DetectorId;
  } finally {
    client.destroy();
  }
}
