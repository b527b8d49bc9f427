/**
 * The account's public AMIs, per region: one paginated DescribeImages with Owners=[self] and the
 * is-public filter (so the listing stays small however many private images the account keeps), and
 * the region's image Block Public Access state from GetImageBlockPublicAccessState.
 *
 * An image's `Public` flag is AWS's own verdict: true when its launch permissions include the group
 * "all" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Image.html, "Public"; making an
 * AMI public is adding Group=all to launchPermission:
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html).
 */
import { DescribeImagesCommand, GetImageBlockPublicAccessStateCommand } from '@aws-sdk/client-ec2';
import type { EC2Client, Image } from '@aws-sdk/client-ec2';
import { IMAGE_BLOCK_PUBLIC_ACCESS_STATES, type PublicImage } from '../inventory/schema.js';
import { failFastOnUnrecognisedServerError, perRegion } from './ec2.js';
import { settle } from './errors.js';
import type { CollectContext, SliceCollector } from './types.js';

export function toPublicImage(image: Image, partition: string, region: string): PublicImage[] {
  const id = image.ImageId;
  if (id === undefined || image.OwnerId === undefined) return [];
  return [
    {
      id,
      // AMI ARNs carry no account id: arn:aws:ec2:us-east-1::image/ami-…
      arn: `arn:${partition}:ec2:${region}::image/${id}`,
      ownerId: image.OwnerId,
      name: image.Name ?? null,
      state: image.State ?? null,
      creationDate: image.CreationDate ?? null,
      snapshotIds: (image.BlockDeviceMappings ?? []).flatMap((mapping) => (mapping.Ebs?.SnapshotId === undefined ? [] : [mapping.Ebs.SnapshotId])),
    },
  ];
}

async function listPublicImages(context: CollectContext, client: EC2Client, region: string): Promise<PublicImage[]> {
  const images: Image[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await context.limit(() =>
      client.send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'is-public', Values: ['true'] }],
          // A deprecated or disabled image is still the account's, and a deprecated one is still launchable by its id.
          IncludeDeprecated: true,
          IncludeDisabled: true,
          MaxResults: 1000,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      ),
    );
    images.push(...(page.Images ?? []));
    nextToken = page.NextToken === '' ? undefined : page.NextToken;
  } while (nextToken !== undefined);
  // The filters are the server's promise; the flag and the owner are checked again here, so an
  // endpoint that ignores them (emulators) cannot turn a private or foreign image into a finding.
  return images
    .filter((image) => image.Public === true && image.OwnerId === context.accountId)
    .flatMap((image) => toPublicImage(image, context.partition, region));
}

function isImageBlockPublicAccessState(state: string | undefined): state is (typeof IMAGE_BLOCK_PUBLIC_ACCESS_STATES)[number] {
  return state !== undefined && (IMAGE_BLOCK_PUBLIC_ACCESS_STATES as readonly string[]).includes(state);
}

async function readImageBlockPublicAccess(context: CollectContext, client: EC2Client) {
  const command = new GetImageBlockPublicAccessStateCommand({});
  // moto lacks the operation and answers with an HTML 500: fail at once instead of retrying it.
  command.middlewareStack.addRelativeTo(failFastOnUnrecognisedServerError('GetImageBlockPublicAccessState'), {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'breachmapFailFastOnUnrecognisedServerError',
  });
  const output = await context.limit(() => client.send(command));
  const state = output.ImageBlockPublicAccessState;
  if (!isImageBlockPublicAccessState(state)) {
    throw Object.assign(new Error(`GetImageBlockPublicAccessState returned no known state (got ${state ?? 'nothing'})`), { name: 'UnexpectedResponse' });
  }
  return { state };
}

async function collectRegion(context: CollectContext, region: string) {
  const client = context.clients.ec2(region);
  const [images, blockPublicAccess] = await Promise.all([
    listPublicImages(context, client, region),
    settle('ec2:GetImageBlockPublicAccessState', () => readImageBlockPublicAccess(context, client)),
  ]);
  return { images, blockPublicAccess };
}

export const ec2PublicImagesCollector: SliceCollector<'ec2PublicImages'> = {
  slice: 'ec2PublicImages',
  collect: (context) => perRegion(context, 'ec2:DescribeImages', (region) => collectRegion(context, region)),
};
