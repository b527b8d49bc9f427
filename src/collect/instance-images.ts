/**
 * The AMIs behind the account's instances: the region's instance listing (shared with the
 * instances collector) gives the distinct image ids, and DescribeImages is asked for them in chunks
 * of at most 200 ids — a handful of calls per region, never one per instance.
 */
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import type { EC2Client, Image } from '@aws-sdk/client-ec2';
import type { MachineImage } from '../inventory/schema.js';
import { listRegionInstances, perRegion } from './ec2.js';
import type { CollectContext, SliceCollector } from './types.js';
import { sdkErrorShape } from './sdk-error.js';

/** The most image ids sent in one DescribeImages request. */
export const IMAGE_IDS_PER_CALL = 200;

const NOT_FOUND_CODES = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable']);

export function toMachineImage(image: Image): MachineImage[] {
  if (image.ImageId === undefined) return [];
  return [
    {
      id: image.ImageId,
      ownerId: image.OwnerId ?? null,
      ownerAlias: image.ImageOwnerAlias ?? null,
      name: image.Name ?? null,
      public: image.Public ?? null,
      state: image.State ?? null,
      creationDate: image.CreationDate ?? null,
    },
  ];
}

/**
 * The ids an InvalidAMIID error names. AWS fails the whole request when one requested id does
 * not exist at all ("The image id '[ami-…]' does not exist"), while an id deregistered recently
 * is simply left out of the answer; both end up as missing.
 */
export function idsNamedInError(error: unknown, requested: readonly string[]): string[] {
  const e = sdkErrorShape(error);
  if (e.name === undefined || !NOT_FOUND_CODES.has(e.name) || e.message === undefined) return [];
  const named = new Set(e.message.match(/ami-[0-9a-zA-Z]+/g) ?? []);
  return requested.filter((id) => named.has(id));
}

async function describeChunk(context: CollectContext, client: EC2Client, chunk: readonly string[]): Promise<Image[]> {
  let ids = [...chunk];
  // Each retry drops at least one id, so this ends after at most chunk.length + 1 requests.
  while (ids.length > 0) {
    try {
      const images: Image[] = [];
      let nextToken: string | undefined;
      do {
        const token = nextToken;
        const requestIds = ids;
        const page = await context.limit(() =>
          client.send(
            new DescribeImagesCommand({
              ImageIds: requestIds,
              // Deprecated and disabled AMIs still back running instances; without these flags they vanish.
              IncludeDeprecated: true,
              IncludeDisabled: true,
              ...(token === undefined ? {} : { NextToken: token }),
            }),
          ),
        );
        images.push(...(page.Images ?? []));
        nextToken = page.NextToken === '' ? undefined : page.NextToken;
      } while (nextToken !== undefined);
      return images;
    } catch (error) {
      const unknownIds = idsNamedInError(error, ids);
      if (unknownIds.length === 0) throw error;
      ids = ids.filter((id) => !unknownIds.includes(id));
    }
  }
  return [];
}

async function collectRegionImages(context: CollectContext, region: string): Promise<{ images: MachineImage[]; missingImageIds: string[] }> {
  const instances = await listRegionInstances(context, region);
  const imageIds = [...new Set(instances.flatMap((instance) => (instance.imageId === null ? [] : [instance.imageId])))].sort();
  const client = context.clients.ec2(region);
  const chunks: string[][] = [];
  for (let start = 0; start < imageIds.length; start += IMAGE_IDS_PER_CALL) chunks.push(imageIds.slice(start, start + IMAGE_IDS_PER_CALL));
  const found = (await Promise.all(chunks.map((chunk) => describeChunk(context, client, chunk)))).flat().flatMap(toMachineImage);
  const byId = new Map(found.map((image) => [image.id, image]));
  return {
    images: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)),
    missingImageIds: imageIds.filter((id) => !byId.has(id)),
  };
}

export const ec2InstanceImagesCollector: SliceCollector<'ec2InstanceImages'> = {
  slice: 'ec2InstanceImages',
  collect: (context) => perRegion(context, 'ec2:DescribeImages', (region) => collectRegionImages(context, region)),
};
