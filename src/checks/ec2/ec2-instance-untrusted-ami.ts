import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import { INSTANCE_LISTING, isLive } from '../instances.js';
import type { CheckOutcome } from '../define.js';
import type { Ec2InstanceImages, Instance, MachineImage } from '../../inventory/schema.js';

/**
 * Owner aliases AWS itself vouches for: the same providers EC2's "Allowed AMIs" feature offers
 * (AMIs published by Amazon, by verified AWS Marketplace sellers, and restored by AWS Backup).
 */
const TRUSTED_OWNER_ALIASES = new Set(['amazon', 'aws-marketplace', 'aws-backup-vault']);

type ImageLookup = { ok: true; images: Map<string, MachineImage>; missing: Set<string> } | { ok: false; code: string; message: string; action: string | null };

function imagesByRegion(regional: Ec2InstanceImages): Map<string, ImageLookup> {
  const lookups = new Map<string, ImageLookup>();
  for (const { region, result } of regional) {
    lookups.set(
      region,
      result.ok
        ? { ok: true, images: new Map(result.data.images.map((image) => [image.id, image])), missing: new Set(result.data.missingImageIds) }
        : { ok: false, code: result.error.code, message: result.error.message, action: result.error.action ?? null },
    );
  }
  return lookups;
}

export default defineCheck({
  id: 'ec2-instance-untrusted-ami',
  title: 'EC2 instances run images from trusted publishers',
  service: 'ec2',
  severity: 'high',
  rootCauses: ['untrusted-image'],
  needs: ['ec2Instances', 'ec2InstanceImages'],
  description:
    'Fails for each EC2 instance (not terminated or shutting down) launched from an AMI owned by neither this account, Amazon, a verified AWS Marketplace seller, AWS Backup, nor one of --trusted-accounts. A public community AMI is high severity; a private AMI shared by an unknown account is medium. An AMI that no longer exists or is no longer shared with the account is unknown: its owner cannot be read.',
  rationale:
    'An AMI is the whole operating system disk: whoever built it decides what runs at boot, with root, next to your instance role\'s credentials. Community AMIs are published by anyone, and researchers found a Windows Server 2008 community image that mined Monero for its author on every instance launched from it; Dataspline inherited a miner through a tainted base image. Images from your own pipeline, Amazon or vetted Marketplace sellers have an owner who answers for them.',
  remediation: {
    summary:
      'Rebuild the instance from an AMI built in your own pipeline or published by Amazon or a verified Marketplace seller, and turn on EC2 Allowed AMIs so that only trusted providers can be launched.',
    console: [
      'Open the EC2 console, select the instance and note its AMI id; open "AMIs" (Public images) to see the owner.',
      'Build a replacement from a trusted base image (EC2 Image Builder, or an Amazon / Marketplace AMI), move the workload and terminate the instance.',
      'Under EC2 > "Settings" > "Allowed AMIs", allow only amazon, aws-marketplace and your own image accounts, in every region.',
    ],
    cli: 'aws ec2 enable-allowed-images-settings --allowed-images-settings-state enabled && aws ec2 replace-image-criteria-in-allowed-images-settings --image-criteria ImageProviders=amazon,aws-marketplace,ACCOUNT_ID',
    terraform: [
      'resource "aws_ec2_allowed_images_settings" "this" {',
      '  state = "enabled"',
      '  image_criterion {',
      '    image_providers = ["amazon", "aws-marketplace", "111122223333"] # your image factory account',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html',
  },
  attackSteps: [
    'Publish a community AMI with an attractive name ("Windows Server 2008 R2 SP1 base", "hardened nginx") that carries a miner, a backdoor user or a credential stealer started at boot.',
    'Wait for someone to launch it from the public catalog: the payload runs as root from the first boot, before any agent of yours is installed.',
    'Read the instance role\'s credentials from the metadata service, beacon out, and mine or move laterally with the victim paying for the compute.',
  ],
  frameworks: {},
  incidents: [
    {
      incident: 'cryptomining-ami-2020-08',
      kind: 'precondition',
      why: 'Dark Reading reports a Windows Server 2008 community AMI with a Monero miner built in, which ran on every instance launched from it.',
      source: 'https://web.archive.org/web/20210625192906/https://www.darkreading.com/cloud/cryptominer-found-embedded-in-aws-community-ami/d/d-id/1338713/',
    },
    {
      incident: 'dataspline-2017',
      kind: 'related',
      why: 'The co-founder describes a miner inherited through a dependency in a container base image, the same trust problem one layer up from an AMI.',
      source: 'https://www.linkedin.com/feed/update/urn:li:activity:7219713829528563712',
    },
  ],
  evaluate({ data, accountId, partition, options }) {
    const trustedAccounts = new Set(options.trustedAccounts);
    const lookups = imagesByRegion(data.ec2InstanceImages);
    return forEachRegion({ partition, accountId }, data.ec2Instances, {
      ...INSTANCE_LISTING,
      judge: ({ instances }, region) =>
        instances.filter(isLive).map((instance) => judgeInstance(instance, region, lookups.get(region), accountId, trustedAccounts)),
    });
  },
});

function judgeInstance(
  instance: Instance,
  region: string,
  lookup: ImageLookup | undefined,
  accountId: string,
  trustedAccounts: ReadonlySet<string>,
): CheckOutcome {
  const base = { resource: instance.arn, region };
  const facts = { instanceId: instance.id, instanceName: instance.name, state: instance.state, imageId: instance.imageId };
  if (instance.imageId === null) {
    return { ...base, status: 'unknown', message: `EC2 did not report the AMI of instance ${instance.id}.`, evidence: facts };
  }
  if (lookup === undefined) {
    return {
      ...base,
      status: 'unknown',
      message: `The AMIs of ${region} were not collected, so the publisher of ${instance.imageId} is not known.`,
      evidence: { ...facts, errorCode: 'NotCollected' },
    };
  }
  if (!lookup.ok) {
    return {
      ...base,
      status: 'unknown',
      message: `Could not describe the AMIs in ${region}: ${lookup.message}`,
      evidence: { ...facts, errorCode: lookup.code, missingAction: lookup.action },
    };
  }
  const image = lookup.images.get(instance.imageId);
  if (image === undefined) {
    // Deregistered, or no longer shared with this account: its owner cannot be read, so no verdict.
    return {
      ...base,
      status: 'unknown',
      message: `AMI ${instance.imageId} of instance ${instance.id} is no longer visible to the account (deregistered or no longer shared), so its publisher cannot be checked.`,
      evidence: { ...facts, imageVisible: false },
    };
  }
  const evidence = {
    ...facts,
    imageOwnerId: image.ownerId,
    imageOwnerAlias: image.ownerAlias,
    imageName: image.name,
    imagePublic: image.public,
  };
  if (image.ownerId === accountId) {
    return { ...base, status: 'pass', message: `Instance ${instance.id} runs ${image.id}, an AMI the account built itself.`, evidence };
  }
  if (image.ownerAlias !== null && TRUSTED_OWNER_ALIASES.has(image.ownerAlias)) {
    return { ...base, status: 'pass', message: `Instance ${instance.id} runs ${image.id}, published by ${image.ownerAlias}.`, evidence };
  }
  if (image.ownerId !== null && trustedAccounts.has(image.ownerId)) {
    return { ...base, status: 'pass', message: `Instance ${instance.id} runs ${image.id} from trusted account ${image.ownerId}.`, evidence };
  }
  const owner = image.ownerId ?? 'an unreported owner';
  if (image.public === true) {
    return {
      ...base,
      status: 'fail',
      message: `Instance ${instance.id} runs community AMI ${image.id}, published by account ${owner}, which is not a trusted provider.`,
      evidence,
    };
  }
  return {
    ...base,
    status: 'fail',
    severity: 'medium',
    severityReason: 'a private AMI shared with this account, not a public community image',
    message: `Instance ${instance.id} runs AMI ${image.id}, shared privately by account ${owner}, which is not in --trusted-accounts.`,
    evidence,
  };
}
