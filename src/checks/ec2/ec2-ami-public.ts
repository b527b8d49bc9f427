import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome, Evidence } from '../define.js';
import type { Ec2PublicImages, PublicImage } from '../../inventory/schema.js';

type RegionData = Extract<Ec2PublicImages[number]['result'], { ok: true }>['data'];

/**
 * Image Block Public Access only refuses *new* public sharing: "if you already have public AMIs,
 * they will remain publicly available"
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EnableImageBlockPublicAccess.html,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html). Unlike
 * snapshot Block Public Access it has no mode that hides existing shares, so it never turns a
 * public AMI into a pass: it is evidence, and a hint about what else could be made public.
 */
function blockPublicAccessEvidence(blockPublicAccess: RegionData['blockPublicAccess']): Evidence {
  return blockPublicAccess.ok
    ? { imageBlockPublicAccessState: blockPublicAccess.data.state }
    : {
        imageBlockPublicAccessState: null,
        imageBlockPublicAccessUnknown: blockPublicAccess.error.message,
        imageBlockPublicAccessAction: blockPublicAccess.error.action ?? 'ec2:GetImageBlockPublicAccessState',
      };
}

function guardrailSentence(region: string, blockPublicAccess: RegionData['blockPublicAccess']): string {
  if (!blockPublicAccess.ok) {
    return `Image Block Public Access in ${region} could not be read (${blockPublicAccess.error.message}); it would not hide this image anyway.`;
  }
  return blockPublicAccess.data.state === 'block-new-sharing'
    ? `Image Block Public Access in ${region} is block-new-sharing, which refuses new public shares but leaves this existing one public.`
    : `Image Block Public Access is off in ${region}, so any other AMI can be made public with one API call too.`;
}

function judgeImage(image: PublicImage, region: string, blockPublicAccess: RegionData['blockPublicAccess']): CheckOutcome {
  const label = image.name === null ? image.id : `${image.id} (${image.name})`;
  const disks = image.snapshotIds.length === 0 ? '' : ` and read its disk${image.snapshotIds.length === 1 ? '' : 's'} (${image.snapshotIds.join(', ')})`;
  return {
    status: 'fail',
    resource: image.arn,
    region,
    message: `AMI ${label} is public: any AWS account can launch or copy it${disks}. ${guardrailSentence(region, blockPublicAccess)}`,
    evidence: {
      imageId: image.id,
      imageName: image.name,
      state: image.state,
      creationDate: image.creationDate,
      snapshotIds: image.snapshotIds,
      ...blockPublicAccessEvidence(blockPublicAccess),
    },
  };
}

export default defineCheck({
  id: 'ec2-ami-public',
  title: 'AMIs owned by the account are not public',
  service: 'ec2',
  severity: 'critical',
  rootCauses: ['public-snapshot-ami'],
  needs: ['ec2PublicImages'],
  description:
    'Fails for each AMI owned by the account that DescribeImages reports as public (its launch permissions include everyone, ExecutableUsers=all), in every scanned region. Image Block Public Access is shown in the evidence: its block-new-sharing mode stops new public shares but does not make existing public AMIs private, so it never turns a public AMI into a pass.',
  rationale:
    'A public AMI hands its disks to everyone: any AWS account can launch it, or copy it into their own account, and read every file that was on the instance when the image was taken, including keys, .env files, database dumps and shell history. Public images are listed by owner for every account with one API call, so nobody has to guess they exist; and an intruder can make an image public to move whole disks out of an account without any data crossing its network, as in a case Mitiga presented at RSA Conference 2023.',
  remediation: {
    summary:
      'Make each listed AMI private again (remove the launch permission for everyone), rotate any secret its disks held, and turn on image Block Public Access (block-new-sharing) in every region so no AMI can be made public by mistake.',
    console: [
      'Open the EC2 console in the region, choose "AMIs", and select the image named in the finding.',
      'Choose Actions > "Edit AMI permissions", set "AMI availability" to "Private", and save.',
      'Under EC2 > "Data protection and security", set "Block public access for AMIs" to blocked. Repeat in each region.',
    ],
    cli: 'aws ec2 modify-image-attribute --image-id AMI_ID --launch-permission "Remove=[{Group=all}]" && aws ec2 enable-image-block-public-access --image-block-public-access-state block-new-sharing',
    terraform: ['resource "aws_ec2_image_block_public_access" "this" {', '  state = "block-new-sharing"', '}'].join('\n'),
    docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html',
  },
  attackSteps: [
    'From any AWS account, list public images by owner: aws ec2 describe-images --owners ACCOUNT_ID --executable-users all (or browse the community AMIs catalog).',
    'Launch the image, or copy it into the attacker\'s own account with aws ec2 copy-image, which also copies the snapshots behind it.',
    'Mount the volumes and read what the instance held when the image was taken: ~/.aws/credentials, .env files, SSH keys, database files, shell history.',
    'Use the credentials found on the disk to sign in to the victim\'s live systems, or sell or publish the data.',
  ],
  frameworks: {},
  incidents: [
    {
      incident: 'amazonia-tu-darmstadt-2011-10',
      kind: 'precondition',
      why: 'The AmazonIA paper extracted passwords, keys and credentials from AMIs their owners had published in the public catalog.',
      source: 'https://vdocuments.net/amazonia-when-elasticity-snaps-trj1cse543-f12docsp389-bugielcloudpdf-amazonia.html',
    },
    {
      incident: 'eurecom-public-ami-study-2012-03',
      kind: 'precondition',
      why: 'The EURECOM paper recovered credentials and private keys, some from deleted files, on AMIs shared publicly on EC2.',
      source: 'https://seclab.nu/static/publications/sac2012ec2.pdf',
    },
    {
      incident: 'aws-cloudquarry-2024-05',
      kind: 'precondition',
      why: 'The CloudQuarry write-up reports more than 200 valid AWS credentials recovered from public AMIs.',
      source: 'https://securitycafe.ro/2024/05/08/aws-cloudquarry-digging-for-secrets-in-public-amis/',
    },
    {
      incident: 'mitiga-rsac-2-2023-04',
      kind: 'attacker-action',
      why: 'Mitiga\'s RSAC 2023 case shows an intruder holding compromised keys making the account\'s AMIs public to carry its data out.',
      source: 'https://static.rainfocus.com/rsac/us23/sess/1664697541032001cak3/finalwebsite/2023_USA23_AIR-T02_01_It%E2%80%99s_Getting_Real__Hitting_the_Fan_2023_Edition_Real_World_SaaS_Attacks_1682607053333001zlzZ.pdf?_gl=1*trgj4t*_ga*MjAwODIwNzYxLjE2NzA0MzUzODQ.*_ga_Q3JZKF3KQM*MTY4MzYzODkzMS44My4xLjE2ODM2NDEwMTQuNTkuMC4w',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.ec2PublicImages, {
      what: "the account's public AMIs",
      action: 'ec2:DescribeImages',
      nothing: 'No AMI owned by the account is public in any scanned region.',
      judge: ({ images, blockPublicAccess }, region) => images.map((image) => judgeImage(image, region, blockPublicAccess)),
    });
  },
});
