import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import type { Instance as SdkInstance } from '@aws-sdk/client-ec2';
import { DescribeInstancesCommand, DescribeRegionsCommand, DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, EC2Client, GetSnapshotBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';

import { discoverRegions, ebsPublicSnapshotsCollector, ebsSnapshotBlockPublicAccessCollector, ec2InstancesCollector, partitionOfRegion } from '../../../src/collect/ec2.js';
import { ebsPublicSnapshotsSchema, ebsSnapshotBlockPublicAccessSchema, ec2InstancesSchema } from '../../../src/inventory/schema.js';

import { buildCollectContext, ec2Error, regionResult, okData, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

const FOREIGN_ACCOUNT = '801119661308';

/** The region of the client a mocked command was sent with. */
async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === 'function' ? await (region as () => Promise<string>)() : String(region);
}

describe('partitionOfRegion', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-central-2', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
    ['us-iso-east-1', 'aws-iso'],
    ['us-isob-east-1', 'aws-iso-b'],
    ['eu-isoe-west-1', 'aws-iso-e'],
  ])('%s belongs to %s', (region, partition) => {
    expect(partitionOfRegion(region)).toBe(partition);
  });
});

describe('EC2 collectors (mocked SDK)', () => {
  // Mocked only inside this block: the fake-wire tests below need the real `send`.
  let ec2: AwsClientStub<EC2Client>;

  beforeAll(() => {
    ec2 = mockClient(EC2Client);
  });

  afterAll(() => {
    ec2.restore();
  });

  beforeEach(() => {
    ec2.reset();
  });

  afterEach(() => {
    ec2.reset();
  });

  describe('discoverRegions', () => {
    beforeEach(() => {
      // What moto answers: other partitions listed, AllRegions ignored, opt-in regions not opted in.
      ec2.on(DescribeRegionsCommand).resolves({
        Regions: [
          { RegionName: 'us-west-2', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'af-south-1', OptInStatus: 'not-opted-in' },
          { RegionName: 'eu-south-1', OptInStatus: 'opted-in' },
          { RegionName: 'cn-north-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'us-gov-west-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'us-gov-east-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'us-iso-east-1', OptInStatus: 'opt-in-not-required' },
          { RegionName: 'ap-northeast-1' },
          { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
        ],
      });
    });

    it('keeps the enabled regions of the commercial partition, sorted', async () => {
      const { clients } = buildCollectContext();

      expect(await discoverRegions(clients, 'aws')).toEqual(['ap-northeast-1', 'eu-south-1', 'us-east-1', 'us-west-2']);
      expect(ec2.commandCalls(DescribeRegionsCommand)[0]!.args[0].input).toEqual({ AllRegions: true });
    });

    it('keeps only China or GovCloud regions for those partitions', async () => {
      const { clients } = buildCollectContext();

      expect(await discoverRegions(clients, 'aws-cn')).toEqual(['cn-north-1']);
      expect(await discoverRegions(clients, 'aws-us-gov')).toEqual(['us-gov-east-1', 'us-gov-west-1']);
    });
  });

  describe('ebsPublicSnapshotsCollector', () => {
    it('follows NextToken, keeps only the account\'s snapshots and confirms each with DescribeSnapshotAttribute', async () => {
      ec2.on(DescribeSnapshotsCommand)
        .resolvesOnce({
          Snapshots: [
            { SnapshotId: 'snap-public', OwnerId: TEST_ACCOUNT_ID, VolumeSize: 8, Encrypted: false, StartTime: new Date('2024-05-06T07:08:09Z'), Description: 'x'.repeat(500) },
            // An emulator ignores OwnerIds and returns AWS's own AMI snapshots too.
            { SnapshotId: 'snap-amazon', OwnerId: FOREIGN_ACCOUNT, VolumeSize: 8 },
          ],
          NextToken: 'page-2',
        })
        .resolvesOnce({ Snapshots: [{ SnapshotId: 'snap-shared', OwnerId: TEST_ACCOUNT_ID, Description: '' }] });
      ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-public' }).resolves({ CreateVolumePermissions: [{ Group: 'all' }] });
      ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-shared' }).resolves({
        CreateVolumePermissions: [{ UserId: '111122223333' }, { UserId: '444455556666' }],
      });
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const result = await ebsPublicSnapshotsCollector.collect(context);

      const calls = ec2.commandCalls(DescribeSnapshotsCommand);
      expect(calls).toHaveLength(2);
      expect(calls[0]!.args[0].input).toEqual({ OwnerIds: ['self'], RestorableByUserIds: ['all'] });
      expect(calls[1]!.args[0].input).toEqual({ OwnerIds: ['self'], RestorableByUserIds: ['all'], NextToken: 'page-2' });
      const { candidates } = okData(regionResult(result, 'us-east-1'));
      expect(candidates.map((c) => c.id)).toEqual(['snap-public', 'snap-shared']);
      expect(candidates[0]).toEqual({
        id: 'snap-public',
        arn: 'arn:aws:ec2:us-east-1::snapshot/snap-public',
        ownerId: TEST_ACCOUNT_ID,
        volumeSizeGiB: 8,
        encrypted: false,
        startTime: '2024-05-06T07:08:09.000Z',
        description: 'x'.repeat(200),
        createVolumePermissions: { ok: true, data: [{ group: 'all', userId: null }] },
      });
      expect(candidates[1]).toMatchObject({
        description: null,
        volumeSizeGiB: null,
        encrypted: null,
        startTime: null,
        createVolumePermissions: {
          ok: true,
          data: [
            { group: null, userId: '111122223333' },
            { group: null, userId: '444455556666' },
          ],
        },
      });
      const attributeCalls = ec2.commandCalls(DescribeSnapshotAttributeCommand);
      expect(attributeCalls.map((c) => c.args[0].input)).toEqual([
        { SnapshotId: 'snap-public', Attribute: 'createVolumePermission' },
        { SnapshotId: 'snap-shared', Attribute: 'createVolumePermission' },
      ]);
      expect(ebsPublicSnapshotsSchema.safeParse(result).success).toBe(true);
    });

    it('fails one snapshot\'s permissions when that read is throttled past retries, and keeps the others', async () => {
      ec2.on(DescribeSnapshotsCommand).resolves({
        Snapshots: [
          { SnapshotId: 'snap-a', OwnerId: TEST_ACCOUNT_ID },
          { SnapshotId: 'snap-b', OwnerId: TEST_ACCOUNT_ID },
        ],
      });
      ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-a' }).rejects(ec2Error('RequestLimitExceeded', 503, 3));
      ec2.on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-b' }).resolves({ CreateVolumePermissions: [{ Group: 'all' }] });
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const result = await ebsPublicSnapshotsCollector.collect(context);

      const [a, b] = okData(regionResult(result, 'us-east-1')).candidates;
      expect(a!.createVolumePermissions).toEqual({
        ok: false,
        error: {
          code: 'RequestLimitExceeded',
          message: 'throttled by AWS after all retries (ec2:DescribeSnapshotAttribute)',
          action: 'ec2:DescribeSnapshotAttribute',
        },
      });
      expect(b!.createVolumePermissions).toEqual({ ok: true, data: [{ group: 'all', userId: null }] });
    });

    it('fails only the region whose listing fails', async () => {
      ec2.on(DescribeSnapshotsCommand).callsFake(async (_input, getClient) => {
        if ((await regionOf(getClient)) === 'eu-west-1') throw ec2Error('UnauthorizedOperation', 403);
        return { Snapshots: [{ SnapshotId: 'snap-us', OwnerId: TEST_ACCOUNT_ID }] };
      });
      ec2.on(DescribeSnapshotAttributeCommand).resolves({ CreateVolumePermissions: [{ Group: 'all' }] });
      const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'] });

      const result = await ebsPublicSnapshotsCollector.collect(context);

      expect(result.map((r) => r.region)).toEqual(['us-east-1', 'eu-west-1']);
      expect(okData(regionResult(result, 'us-east-1')).candidates.map((c) => c.id)).toEqual(['snap-us']);
      expect(regionResult(result, 'eu-west-1')).toEqual({
        ok: false,
        error: {
          code: 'UnauthorizedOperation',
          message: 'access denied: the scanning identity lacks ec2:DescribeSnapshots',
          action: 'ec2:DescribeSnapshots',
        },
      });
      expect(ebsPublicSnapshotsSchema.safeParse(result).success).toBe(true);
    });
  });

  describe('ebsSnapshotBlockPublicAccessCollector', () => {
    it('records each region\'s state, and an unimplemented operation as that region\'s failure', async () => {
      ec2.on(GetSnapshotBlockPublicAccessStateCommand).callsFake(async (_input, getClient) => {
        const region = await regionOf(getClient);
        if (region === 'eu-west-1') throw ec2Error('NotImplemented', 501);
        return { State: region === 'us-east-1' ? 'block-all-sharing' : 'unblocked' };
      });
      const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] });

      const result = await ebsSnapshotBlockPublicAccessCollector.collect(context);

      expect(result).toEqual([
        { region: 'us-east-1', result: { ok: true, data: { state: 'block-all-sharing' } } },
        {
          region: 'eu-west-1',
          result: {
            ok: false,
            error: {
              code: 'NotImplemented',
              message: 'ec2:GetSnapshotBlockPublicAccessState is not implemented by this endpoint',
              action: 'ec2:GetSnapshotBlockPublicAccessState',
            },
          },
        },
        { region: 'ap-south-1', result: { ok: true, data: { state: 'unblocked' } } },
      ]);
      expect(ebsSnapshotBlockPublicAccessSchema.safeParse(result).success).toBe(true);
    });

    it('treats an answer without a known state as a failure, not as unblocked', async () => {
      ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({});
      const { context } = buildCollectContext({ regions: ['us-east-1'] });

      const result = regionResult(await ebsSnapshotBlockPublicAccessCollector.collect(context), 'us-east-1');

      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('UnexpectedResponse');
        expect(result.error.message).toMatch(/no known state/);
      }
    });
  });

  describe('ec2InstancesCollector', () => {
    const running: SdkInstance = {
      InstanceId: 'i-0123456789abcdef0',
      State: { Name: 'running', Code: 16 },
      ImageId: 'ami-12345678',
      LaunchTime: new Date('2025-01-02T03:04:05Z'),
      PublicIpAddress: '203.0.113.10',
      IamInstanceProfile: { Arn: `arn:aws:iam::${TEST_ACCOUNT_ID}:instance-profile/web`, Id: 'iip-assoc-1' },
      SecurityGroups: [{ GroupId: 'sg-1', GroupName: 'web' }, { GroupId: 'sg-2', GroupName: 'ssh' }],
      Tags: [{ Key: 'team', Value: 'payments' }, { Key: 'Name', Value: 'web-1' }],
      MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 2 },
    };

    it('follows NextToken, drops terminated instances and maps every field', async () => {
      ec2.on(DescribeInstancesCommand)
        .resolvesOnce({
          Reservations: [
            { Instances: [running, { InstanceId: 'i-gone', State: { Name: 'terminated', Code: 48 } }] },
          ],
          NextToken: 'page-2',
        })
        .resolvesOnce({
          Reservations: [
            // After ModifyInstanceMetadataOptions moto replaces the options and drops HttpEndpoint.
            { Instances: [{ InstanceId: 'i-bare', State: { Name: 'stopped', Code: 80 }, MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } }] },
          ],
        });
      const { context } = buildCollectContext({ regions: ['eu-west-1'] });

      const result = await ec2InstancesCollector.collect(context);

      const calls = ec2.commandCalls(DescribeInstancesCommand);
      expect(calls.map((c) => c.args[0].input.NextToken)).toEqual([undefined, 'page-2']);
      const { instances } = okData(regionResult(result, 'eu-west-1'));
      expect(instances).toEqual([
        {
          id: 'i-0123456789abcdef0',
          arn: `arn:aws:ec2:eu-west-1:${TEST_ACCOUNT_ID}:instance/i-0123456789abcdef0`,
          name: 'web-1',
          state: 'running',
          imageId: 'ami-12345678',
          launchTime: '2025-01-02T03:04:05.000Z',
          publicIp: '203.0.113.10',
          instanceProfileArn: `arn:aws:iam::${TEST_ACCOUNT_ID}:instance-profile/web`,
          securityGroupIds: ['sg-1', 'sg-2'],
          metadataOptions: { httpTokens: 'optional', httpEndpoint: 'enabled', httpPutResponseHopLimit: 2 },
        },
        {
          id: 'i-bare',
          arn: `arn:aws:ec2:eu-west-1:${TEST_ACCOUNT_ID}:instance/i-bare`,
          name: null,
          state: 'stopped',
          imageId: null,
          launchTime: null,
          publicIp: null,
          instanceProfileArn: null,
          securityGroupIds: [],
          metadataOptions: { httpTokens: 'required', httpEndpoint: null, httpPutResponseHopLimit: 1 },
        },
      ]);
      expect(ec2InstancesSchema.safeParse(result).success).toBe(true);
    });

    it('fails only the throttled region and keeps the other', async () => {
      ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => {
        if ((await regionOf(getClient)) === 'us-west-2') throw ec2Error('RequestLimitExceeded', 503, 3);
        return { Reservations: [{ Instances: [running] }] };
      });
      const { context } = buildCollectContext({ regions: ['us-east-1', 'us-west-2'] });

      const result = await ec2InstancesCollector.collect(context);

      expect(okData(regionResult(result, 'us-east-1')).instances.map((i) => i.id)).toEqual(['i-0123456789abcdef0']);
      expect(regionResult(result, 'us-west-2')).toEqual({
        ok: false,
        error: {
          code: 'RequestLimitExceeded',
          message: 'throttled by AWS after all retries (ec2:DescribeInstances)',
          action: 'ec2:DescribeInstances',
        },
      });
    });
  });
});

// ---------------------------------------------------------------- real SDK stack, fake wire

interface FakeWire {
  requests: number;
  handle: () => Promise<{ response: { statusCode: number; headers: Record<string, string>; body: Readable } }>;
}

/** Answers every request with the same canned HTTP response; the SDK's retries and parsing stay real. */
function fakeWire(statusCode: number, contentType: string, body: string): FakeWire {
  const wire: FakeWire = {
    requests: 0,
    handle: () => {
      wire.requests += 1;
      return Promise.resolve({ response: { statusCode, headers: { 'content-type': contentType }, body: Readable.from([Buffer.from(body)]) } });
    },
  };
  return wire;
}

const MOTO_HTML_500 =
  '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.</p>\n';

describe('GetSnapshotBlockPublicAccessState against a real SDK stack', () => {
  it('fails fast, on the first attempt, when the endpoint answers HTTP 500 with an HTML page', async () => {
    const wire = fakeWire(500, 'text/html; charset=utf-8', MOTO_HTML_500);
    const { context, recorder, clients } = buildCollectContext({ regions: ['us-east-1'], maxAttempts: 4, requestHandler: wire });

    const started = performance.now();
    const result = await ebsSnapshotBlockPublicAccessCollector.collect(context);
    clients.destroy();

    expect(wire.requests).toBe(1);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toEqual([
      {
        region: 'us-east-1',
        result: {
          ok: false,
          error: {
            code: 'NotImplemented',
            message: 'ec2:GetSnapshotBlockPublicAccessState is not implemented by this endpoint',
            action: 'ec2:GetSnapshotBlockPublicAccessState',
          },
        },
      },
    ]);
    expect(recorder.records).toMatchObject([{ operation: 'GetSnapshotBlockPublicAccessState', outcome: 'error', attempts: 1, errorCode: 'NotImplemented' }]);
  });

  it('still retries a 503, which is a gateway or overload and not a missing operation', async () => {
    const wire = fakeWire(503, 'text/html', '<html><body>Service Unavailable</body></html>');
    const { context, clients } = buildCollectContext({ regions: ['us-east-1'], maxAttempts: 3, requestHandler: wire });

    const result = await ebsSnapshotBlockPublicAccessCollector.collect(context);
    clients.destroy();

    expect(wire.requests).toBe(3);
    expect(regionResult(result, 'us-east-1').ok).toBe(false);
  });

  it('parses a real answer through the same stack', async () => {
    const wire = fakeWire(
      200,
      'text/xml;charset=UTF-8',
      '<?xml version="1.0" encoding="UTF-8"?>\n<GetSnapshotBlockPublicAccessStateResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><state>block-new-sharing</state></GetSnapshotBlockPublicAccessStateResponse>',
    );
    const { context, clients } = buildCollectContext({ regions: ['us-east-1'], requestHandler: wire });

    const result = await ebsSnapshotBlockPublicAccessCollector.collect(context);
    clients.destroy();

    expect(result).toEqual([{ region: 'us-east-1', result: { ok: true, data: { state: 'block-new-sharing' } } }]);
  });
});
