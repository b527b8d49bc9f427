import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { InstanceStateName, Instance as SdkInstance } from '@aws-sdk/client-ec2';
import { ec2InstancesCollector } from '../../../src/collect/ec2.js';
import { ec2InstanceImagesCollector, IMAGE_IDS_PER_CALL, idsNamedInError } from '../../../src/collect/instance-images.js';
import { ec2InstanceImagesSchema } from '../../../src/inventory/schema.js';

import { buildCollectContext, ec2Error, regionResult, okData, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

function sdkInstance(id: string, imageId: string, state: InstanceStateName = 'running'): SdkInstance {
  return { InstanceId: id, ImageId: imageId, State: { Name: state } };
}

describe('ec2InstanceImagesCollector (mocked SDK)', () => {
  let ec2: AwsClientStub<EC2Client>;
  beforeAll(() => {
    ec2 = mockClient(EC2Client);
  });
  afterAll(() => ec2.restore());
  beforeEach(() => ec2.reset());

  it('describes each distinct image id once, in chunks of at most 200 ids, never one call per instance', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `ami-${String(i).padStart(8, '0')}`);
    ec2.on(DescribeInstancesCommand)
      .resolvesOnce({ Reservations: [{ Instances: ids.slice(0, 300).map((id, i) => sdkInstance(`i-${i}`, id)) }], NextToken: 'p2' })
      // Two instances share an image; a terminated instance's image is not asked for.
      .resolvesOnce({ Reservations: [{ Instances: [...ids.slice(300).map((id, i) => sdkInstance(`i-b${i}`, id)), sdkInstance('i-twin', ids[0] ?? ''), sdkInstance('i-dead', 'ami-terminated', 'terminated')] }] });
    ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => ({
      Images: (input.ImageIds ?? []).map((id) => ({ ImageId: id, OwnerId: '137112412989', ImageOwnerAlias: 'amazon', Public: true, Name: `name-${id}`, State: 'available' })),
    }));
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await ec2InstanceImagesCollector.collect(context);

    const calls = ec2.commandCalls(DescribeImagesCommand);
    expect(calls.map((c) => c.args[0].input.ImageIds?.length)).toEqual([200, 200, 50]);
    expect(calls[0]?.args[0].input).toMatchObject({ IncludeDeprecated: true, IncludeDisabled: true });
    expect(IMAGE_IDS_PER_CALL).toBe(200);
    const data = okData(regionResult(result, 'us-east-1'));
    expect(data.images).toHaveLength(450);
    expect(data.missingImageIds).toEqual([]);
    expect(data.images[0]).toEqual({
      id: 'ami-00000000',
      ownerId: '137112412989',
      ownerAlias: 'amazon',
      name: 'name-ami-00000000',
      public: true,
      state: 'available',
      creationDate: null,
    });
    expect(ec2InstanceImagesSchema.safeParse(result).success).toBe(true);
  });

  it('shares the DescribeInstances listing with the instances collector', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [sdkInstance('i-1', 'ami-own')] }] });
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-own', OwnerId: TEST_ACCOUNT_ID }] });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    await Promise.all([ec2InstanceImagesCollector.collect(context), ec2InstancesCollector.collect(context)]);

    expect(ec2.commandCalls(DescribeInstancesCommand)).toHaveLength(1);
  });

  it('drops the ids AWS says do not exist and records them as missing, with the recently deregistered ones', async () => {
    ec2.on(DescribeInstancesCommand).resolves({
      Reservations: [{ Instances: [sdkInstance('i-1', 'ami-live'), sdkInstance('i-2', 'ami-vanished'), sdkInstance('i-3', 'ami-deregistered')] }],
    });
    ec2.on(DescribeImagesCommand).callsFake((input: { ImageIds?: string[] }) => {
      if (input.ImageIds?.includes('ami-vanished')) throw ec2Error('InvalidAMIID.NotFound', 400, 1, "The image id '[ami-vanished]' does not exist");
      // A recently deregistered image is simply left out of the answer.
      return { Images: [{ ImageId: 'ami-live', OwnerId: '555566667777', Public: true }] };
    });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const data = okData(regionResult(await ec2InstanceImagesCollector.collect(context), 'us-east-1'));

    expect(ec2.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.ImageIds)).toEqual([
      ['ami-deregistered', 'ami-live', 'ami-vanished'],
      ['ami-deregistered', 'ami-live'],
    ]);
    expect(data.images.map((i) => i.id)).toEqual(['ami-live']);
    expect(data.missingImageIds).toEqual(['ami-deregistered', 'ami-vanished']);
  });

  it('fails the region on AccessDenied or throttling past retries, never inventing an empty image list', async () => {
    ec2.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [sdkInstance('i-1', 'ami-1')] }] });
    ec2.on(DescribeImagesCommand).rejectsOnce(ec2Error('UnauthorizedOperation', 403, 1, 'denied')).rejects(ec2Error('RequestLimitExceeded', 503, 3, 'slow down'));
    const denied = buildCollectContext({ regions: ['us-east-1'] });
    const throttled = buildCollectContext({ regions: ['eu-west-1'] });

    const first = await ec2InstanceImagesCollector.collect(denied.context);
    const second = await ec2InstanceImagesCollector.collect(throttled.context);

    expect(regionResult(first, 'us-east-1')).toEqual({
      ok: false,
      error: { code: 'UnauthorizedOperation', message: 'access denied: the scanning identity lacks ec2:DescribeImages', action: 'ec2:DescribeImages' },
    });
    expect(regionResult(second, 'eu-west-1')).toEqual({
      ok: false,
      error: { code: 'RequestLimitExceeded', message: 'throttled by AWS after all retries (ec2:DescribeImages)', action: 'ec2:DescribeImages' },
    });
  });

  it('fails the region when the instance listing is denied', async () => {
    ec2.on(DescribeInstancesCommand).rejects(ec2Error('UnauthorizedOperation', 403, 1, 'denied'));
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = regionResult(await ec2InstanceImagesCollector.collect(context), 'us-east-1');

    // (Against AWS the client middleware names ec2:DescribeInstances; mockClient bypasses it.)
    expect(result).toMatchObject({ ok: false, error: { code: 'UnauthorizedOperation' } });
    expect(ec2.commandCalls(DescribeImagesCommand)).toHaveLength(0);
  });
});

describe('idsNamedInError', () => {
  it('reads the ids of InvalidAMIID errors and ignores every other error', () => {
    expect(idsNamedInError(ec2Error('InvalidAMIID.NotFound', 400, 1, "The image ids '[ami-1, ami-2]' do not exist"), ['ami-1', 'ami-2', 'ami-3'])).toEqual(['ami-1', 'ami-2']);
    expect(idsNamedInError(ec2Error('InvalidAMIID.Malformed', 400, 1, 'Invalid id: "ami-zz"'), ['ami-zz'])).toEqual(['ami-zz']);
    expect(idsNamedInError(ec2Error('UnauthorizedOperation', 400, 1, 'ami-1'), ['ami-1'])).toEqual([]);
    expect(idsNamedInError(ec2Error('InvalidAMIID.NotFound', 400, 1, 'something else'), ['ami-1'])).toEqual([]);
  });
});
