import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeImagesCommand, EC2Client, GetImageBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import { ec2PublicImagesCollector } from '../../../src/collect/public-images.js';
import { ec2PublicImagesSchema } from '../../../src/inventory/schema.js';
import { buildCollectContext, ec2Error, okData, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

async function regionOf(getClient: () => EC2Client): Promise<string> {
  return getClient().config.region();
}

describe('ec2PublicImagesCollector (mocked SDK)', () => {
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

  it('asks for the account\'s public images only, follows NextToken, and keeps only public images the account owns', async () => {
    ec2.on(DescribeImagesCommand)
      .resolvesOnce({
        Images: [
          {
            ImageId: 'ami-public',
            OwnerId: TEST_ACCOUNT_ID,
            Public: true,
            Name: 'golden',
            State: 'available',
            CreationDate: '2025-03-01T00:00:00.000Z',
            Description: 'baked with the deploy key, do not share',
            BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-root' } }, { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' }],
          },
          // An endpoint that ignores the filters (moto ignores none of these, AWS honours both) must not produce findings.
          { ImageId: 'ami-private', OwnerId: TEST_ACCOUNT_ID, Public: false },
          { ImageId: 'ami-amazon', OwnerId: '137112412989', Public: true },
        ],
        NextToken: 'page-2',
      })
      .resolvesOnce({ Images: [{ ImageId: 'ami-second', OwnerId: TEST_ACCOUNT_ID, Public: true }, { OwnerId: TEST_ACCOUNT_ID, Public: true }] });
    ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: 'block-new-sharing' });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await ec2PublicImagesCollector.collect(context);

    const inputs = ec2.commandCalls(DescribeImagesCommand).map((call) => call.args[0].input);
    const common = { Owners: ['self'], Filters: [{ Name: 'is-public', Values: ['true'] }], IncludeDeprecated: true, IncludeDisabled: true, MaxResults: 1000 };
    expect(inputs).toEqual([common, { ...common, NextToken: 'page-2' }]);
    expect(okData(regionResult(result, 'us-east-1'))).toEqual({
      images: [
        {
          id: 'ami-public',
          arn: 'arn:aws:ec2:us-east-1::image/ami-public',
          ownerId: TEST_ACCOUNT_ID,
          name: 'golden',
          state: 'available',
          creationDate: '2025-03-01T00:00:00.000Z',
          snapshotIds: ['snap-root'],
        },
        { id: 'ami-second', arn: 'arn:aws:ec2:us-east-1::image/ami-second', ownerId: TEST_ACCOUNT_ID, name: null, state: null, creationDate: null, snapshotIds: [] },
      ],
      blockPublicAccess: { ok: true, data: { state: 'block-new-sharing' } },
    });
    expect(JSON.stringify(result)).not.toContain('deploy key');
    expect(ec2.commandCalls(GetImageBlockPublicAccessStateCommand)).toHaveLength(1);
    expect(ec2PublicImagesSchema.safeParse(result).success).toBe(true);
  });

  it('fails only the region whose listing is denied or throttled, naming the action', async () => {
    ec2.on(DescribeImagesCommand).callsFake(async (_input, getClient: () => EC2Client) => {
      const region = await regionOf(getClient);
      if (region === 'eu-west-1') throw ec2Error('UnauthorizedOperation', 403);
      if (region === 'ap-south-1') throw ec2Error('RequestLimitExceeded', 503, 3);
      return { Images: [] };
    });
    ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: 'unblocked' });
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] });

    const result = await ec2PublicImagesCollector.collect(context);

    expect(regionResult(result, 'us-east-1')).toEqual({ ok: true, data: { images: [], blockPublicAccess: { ok: true, data: { state: 'unblocked' } } } });
    expect(regionResult(result, 'eu-west-1')).toEqual({
      ok: false,
      error: { code: 'UnauthorizedOperation', message: 'access denied: the scanning identity lacks ec2:DescribeImages', action: 'ec2:DescribeImages' },
    });
    expect(regionResult(result, 'ap-south-1')).toEqual({
      ok: false,
      error: { code: 'RequestLimitExceeded', message: 'throttled by AWS after all retries (ec2:DescribeImages)', action: 'ec2:DescribeImages' },
    });
  });

  it('keeps the images when Block Public Access is denied, unimplemented or answers no known state', async () => {
    ec2.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1', OwnerId: TEST_ACCOUNT_ID, Public: true }] });
    ec2.on(GetImageBlockPublicAccessStateCommand).callsFake(async (_input, getClient: () => EC2Client) => {
      const region = await regionOf(getClient);
      if (region === 'eu-west-1') throw ec2Error('UnauthorizedOperation', 403);
      if (region === 'us-east-1') throw ec2Error('NotImplemented', 501);
      return { ImageBlockPublicAccessState: 'block-all-sharing' };
    });
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] });

    const result = await ec2PublicImagesCollector.collect(context);

    const blockPublicAccess = (region: string) => okData(regionResult(result, region)).blockPublicAccess;
    expect(okData(regionResult(result, 'eu-west-1')).images.map((image) => image.id)).toEqual(['ami-1']);
    expect(blockPublicAccess('eu-west-1')).toEqual({
      ok: false,
      error: { code: 'UnauthorizedOperation', message: 'access denied: the scanning identity lacks ec2:GetImageBlockPublicAccessState', action: 'ec2:GetImageBlockPublicAccessState' },
    });
    expect(blockPublicAccess('us-east-1')).toEqual({
      ok: false,
      error: { code: 'NotImplemented', message: 'ec2:GetImageBlockPublicAccessState is not implemented by this endpoint', action: 'ec2:GetImageBlockPublicAccessState' },
    });
    // Images have no block-all-sharing mode: an unknown state is a failure, never read as blocked or unblocked.
    const odd = blockPublicAccess('ap-south-1');
    expect(odd.ok).toBe(false);
    if (!odd.ok) expect(odd.error.message).toMatch(/no known state \(got block-all-sharing\)/);
  });
});

// ---------------------------------------------------------------- real SDK stack, fake wire

const MOTO_HTML_500 =
  '<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.</p>\n';

const DESCRIBE_IMAGES_XML = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId><imagesSet><item><imageId>ami-0wire</imageId><imageOwnerId>${TEST_ACCOUNT_ID}</imageOwnerId><isPublic>true</isPublic><name>wire</name><imageState>available</imageState><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>snap-0wire</snapshotId></ebs></item></blockDeviceMapping></item></imagesSet></DescribeImagesResponse>`;

describe('ec2PublicImagesCollector against a real SDK stack (moto\'s missing GetImageBlockPublicAccessState)', () => {
  it('reads the public image and fails Block Public Access on the first attempt of an HTML 500', async () => {
    const requests: string[] = [];
    const wire = {
      handle: (request: { body?: unknown }) => {
        const body = typeof request.body === 'string' ? request.body : '';
        const action = new URLSearchParams(body).get('Action') ?? 'unknown';
        requests.push(action);
        const [statusCode, contentType, text] =
          action === 'DescribeImages' ? [200, 'text/xml;charset=UTF-8', DESCRIBE_IMAGES_XML] : [500, 'text/html; charset=utf-8', MOTO_HTML_500];
        return Promise.resolve({ response: { statusCode, headers: { 'content-type': contentType }, body: Readable.from([Buffer.from(text)]) } });
      },
    };
    const { context, clients } = buildCollectContext({ regions: ['us-east-1'], maxAttempts: 4, requestHandler: wire });

    const result = await ec2PublicImagesCollector.collect(context);
    clients.destroy();

    expect(requests.filter((action) => action === 'GetImageBlockPublicAccessState')).toHaveLength(1);
    expect(okData(regionResult(result, 'us-east-1'))).toEqual({
      images: [{ id: 'ami-0wire', arn: 'arn:aws:ec2:us-east-1::image/ami-0wire', ownerId: TEST_ACCOUNT_ID, name: 'wire', state: 'available', creationDate: null, snapshotIds: ['snap-0wire'] }],
      blockPublicAccess: {
        ok: false,
        error: { code: 'NotImplemented', message: 'ec2:GetImageBlockPublicAccessState is not implemented by this endpoint', action: 'ec2:GetImageBlockPublicAccessState' },
      },
    });
  });
});
