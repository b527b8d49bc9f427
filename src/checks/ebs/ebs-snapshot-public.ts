import { defineCheck } from '../define.js';
import { forEachRegion, sameRegion } from '../outcomes.js';
import type { CheckOutcome, Evidence } from '../define.js';
import type { EbsSnapshotBlockPublicAccess, PublicSnapshotCandidate } from '../../inventory/schema.js';

type BlockPublicAccessLookup =
  | { known: true; state: 'block-all-sharing' | 'block-new-sharing' | 'unblocked' }
  | { known: false; reason: string };

function blockPublicAccessIn(region: string, states: EbsSnapshotBlockPublicAccess): BlockPublicAccessLookup {
  const result = sameRegion(states, region);
  if (result === undefined) return { known: false, reason: 'NotCollected' };
  if (!result.ok) return { known: false, reason: result.error.code };
  return { known: true, state: result.data.state };
}

/** The description is free text that may hold anything, so it never goes into evidence. */
function snapshotEvidence(snapshot: PublicSnapshotCandidate, blockPublicAccess: BlockPublicAccessLookup): Evidence {
  return {
    snapshotId: snapshot.id,
    volumeSizeGiB: snapshot.volumeSizeGiB,
    encrypted: snapshot.encrypted,
    startTime: snapshot.startTime,
    blockPublicAccessState: blockPublicAccess.known ? blockPublicAccess.state : null,
    ...(blockPublicAccess.known ? {} : { blockPublicAccessError: blockPublicAccess.reason }),
  };
}

export default defineCheck({
  id: 'ebs-snapshot-public',
  title: 'EBS snapshots are not publicly shared',
  service: 'ebs',
  severity: 'critical',
  rootCauses: ['public-snapshot-ami'],
  needs: ['ebsPublicSnapshots', 'ebsSnapshotBlockPublicAccess'],
  description:
    'Fails for each EBS snapshot owned by the account whose createVolumePermission includes the group "all", unless the region\'s snapshot Block Public Access is in block-all-sharing mode.',
  rationale:
    'Anyone with an AWS account can create a volume from a public snapshot, attach it to their own instance and read the whole disk: databases, keys, configuration files, deleted files that were never overwritten. Attackers also make disk images public on purpose to carry data out: in a case Mitiga presented, intruders made AMIs public to exfiltrate their contents. Public snapshots are continuously enumerated by researchers and criminals alike.',
  remediation: {
    summary:
      'Remove the public createVolumePermission from each snapshot, then enable snapshot Block Public Access in block-all-sharing mode in every region.',
    console: [
      'Open the EC2 console, choose "Snapshots" and select the snapshot.',
      'Choose Actions > "Snapshot settings" > "Modify permissions", select "Private" and save.',
      'Under EC2 > "Data protection and security", set "Block public access for EBS snapshots" to "Block all public access" in each region.',
    ],
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id SNAPSHOT_ID --attribute createVolumePermission --operation-type remove --group-names all && aws ec2 enable-snapshot-block-public-access --state block-all-sharing',
    terraform: ['resource "aws_ebs_snapshot_block_public_access" "this" {', '  state = "block-all-sharing"', '}'].join('\n'),
    docs: 'https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html',
  },
  attackSteps: [
    'List public snapshots in a region from any AWS account: aws ec2 describe-snapshots --restorable-by-user-ids all, filtering by owner or description.',
    'Create a volume from the snapshot in the attacker\'s own account (aws ec2 create-volume --snapshot-id SNAPSHOT_ID) and attach it to an instance they control.',
    'Mount the disk and read everything on it: database files, .env files and SSH keys, AWS credentials, even deleted files that were never overwritten.',
    'Reuse the secrets found on the disk to move into the victim\'s live systems, or sell or publish the data.',
  ],
  frameworks: {
    'aws-security-hub': ['EC2.1'],
  },
  patterns: ['snapshot-exfiltration'],
  incidents: [
    {
      incident: 'duo-security-scott-piper-2018',
      kind: 'precondition',
      why: 'The Duo write-up counts 116,386 EBS snapshots that 3,213 accounts had made public, so any AWS account could restore them.',
      source: 'https://duo.com/decipher/exposed-aws-resources-leaked-sensitive-data',
    },
    {
      incident: 'cardmaster-pbs-2010-03',
      kind: 'precondition',
      why: 'The first-hand account found the CardMaster.com user database and the PBS site\'s database passwords in EBS snapshots their owners had made public.',
      source: 'https://readwrite.com/user-ignorance-causes-cloud-security-leak-accounts-passwords-revealed/',
    },
    {
      incident: 'bishop-fox-dufflebag-2019-08',
      kind: 'precondition',
      why: 'The DEF CON 27 talk reports AWS access keys recovered from EBS snapshots that their owners had left public.',
      source: 'https://media.defcon.org/DEF%20CON%2027/DEF%20CON%2027%20presentations/DEFCON-27-Ben-Morris-More-Keys-Than-A-Piano-Finding-Secrets-In-Publicly-Exposed-Ebs-Volumes.pdf',
    },
    {
      incident: 'mitiga-public-rds-snapshots-2022',
      kind: 'related',
      why: 'Mitiga restored personal data from RDS snapshots their owners had made public, the same weakness on RDS rather than EBS.',
      source: 'https://mitiga.io/blog/how-mitiga-found-pii-in-exposed-amazon-rds-snapshots',
    },
  ],
  evaluate({ data, accountId, partition }) {
    // The collector keeps only the account's own candidates (OwnerIds=self, re-applied for emulators).
    return forEachRegion({ partition, accountId }, data.ebsPublicSnapshots, {
      what: 'public snapshot candidates',
      action: 'ec2:DescribeSnapshots',
      nothing: 'No snapshot owned by the account is listed as public in any scanned region.',
      judge: ({ candidates }, region) => {
        const blockPublicAccess = blockPublicAccessIn(region, data.ebsSnapshotBlockPublicAccess);
        return candidates.map((snapshot) => judgeSnapshot(snapshot, region, blockPublicAccess));
      },
    });
  },
});

function judgeSnapshot(
  snapshot: PublicSnapshotCandidate,
  region: string,
  blockPublicAccess: BlockPublicAccessLookup,
): CheckOutcome {
  const base = { resource: snapshot.arn, region };
  const evidence = snapshotEvidence(snapshot, blockPublicAccess);
  const permissions = snapshot.createVolumePermissions;
  if (!permissions.ok) {
    return {
      ...base,
      status: 'unknown',
      message: `EC2 lists snapshot ${snapshot.id} as restorable by everyone, but its createVolumePermission could not be read: ${permissions.error.message}`,
      evidence: { ...evidence, errorCode: permissions.error.code, missingAction: permissions.error.action ?? null },
    };
  }
  const isPublic = permissions.data.some((permission) => permission.group === 'all');
  if (!isPublic) {
    return {
      ...base,
      status: 'pass',
      message: `Snapshot ${snapshot.id} was listed as a public candidate, but its createVolumePermission does not include everyone.`,
      evidence,
    };
  }
  if (blockPublicAccess.known && blockPublicAccess.state === 'block-all-sharing') {
    return {
      ...base,
      status: 'pass',
      message: `Snapshot ${snapshot.id} still carries a public permission, but snapshot Block Public Access in ${region} is block-all-sharing, so it is treated as private.`,
      evidence,
    };
  }
  const guardrail = blockPublicAccess.known
    ? `snapshot Block Public Access in ${region} is ${blockPublicAccess.state}, which does not hide existing public shares`
    : `snapshot Block Public Access in ${region} could not be read (${blockPublicAccess.reason}), so it cannot be assumed to hide the share`;
  return {
    ...base,
    status: 'fail',
    message: `Snapshot ${snapshot.id} can be restored by any AWS account; ${guardrail}.`,
    evidence,
  };
}
