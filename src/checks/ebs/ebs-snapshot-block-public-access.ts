import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import type { SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES } from '../../inventory/schema.js';

type EbsSnapshotBlockPublicAccessState = (typeof SNAPSHOT_BLOCK_PUBLIC_ACCESS_STATES)[number];

export default defineCheck({
  id: 'ebs-snapshot-block-public-access',
  title: 'Snapshot Block Public Access blocks all public sharing in every region',
  service: 'ebs',
  severity: 'medium',
  rootCauses: ['public-snapshot-ami'],
  needs: ['ebsSnapshotBlockPublicAccess'],
  description:
    'Fails for each scanned region whose EBS snapshot Block Public Access state is not block-all-sharing: unblocked fails at medium severity, block-new-sharing at low (new public shares are refused, but snapshots already public stay public).',
  rationale:
    'One wrong click or one compromised identity with ec2:ModifySnapshotAttribute makes a disk image readable by every AWS account in the world, and public snapshots are enumerated continuously. Block Public Access in block-all-sharing mode refuses new public shares and hides existing ones in that region, so a mistake or an attacker\'s "share with all" does nothing. It is a per-region setting, so a region without it is where a public share still works. It does not stop sharing with a named account, which is how the GRU took the DNC\'s snapshots: ebs-snapshot-shared-unknown-account watches for that.',
  remediation: {
    summary: 'Enable snapshot Block Public Access in block-all-sharing mode in every region (ideally through a declarative policy for the whole organization).',
    console: [
      'Open the EC2 console in the region and choose "EC2 Dashboard" > "Data protection and security".',
      'Under "Block public access for EBS snapshots", choose "Manage".',
      'Select "Block public access" with "Block all public access", and save. Repeat in each region.',
    ],
    cli: 'for r in $(aws ec2 describe-regions --query "Regions[].RegionName" --output text); do aws ec2 enable-snapshot-block-public-access --state block-all-sharing --region "$r"; done',
    terraform: ['resource "aws_ebs_snapshot_block_public_access" "this" {', '  state = "block-all-sharing"', '}'].join('\n'),
    docs: 'https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html',
  },
  attackSteps: [
    'Find (or obtain, with stolen credentials) permission to call ec2:ModifySnapshotAttribute in a region where snapshot Block Public Access is off.',
    'Share a snapshot of a database or file-server volume with the group "all": no partner account id is needed and nothing blocks the request.',
    'From any AWS account, create a volume from the now-public snapshot, attach it and read the disk, or let the automated public-snapshot scrapers do it first.',
  ],
  frameworks: {
    'aws-security-hub': ['EC2.182'],
  },
  patterns: ['snapshot-exfiltration'],
  incidents: [
    {
      incident: 'duo-security-scott-piper-2018',
      kind: 'related',
      why: 'The Duo write-up counts 116,386 EBS snapshots made public by 3,213 accounts, the sharing that snapshot Block Public Access now refuses.',
      source: 'https://duo.com/decipher/exposed-aws-resources-leaked-sensitive-data',
    },
    {
      incident: 'bishop-fox-dufflebag-2019-08',
      kind: 'related',
      why: 'The DEF CON 27 talk recovers AWS keys from public EBS snapshots, the exposure the account-wide block would have stopped.',
      source: 'https://media.defcon.org/DEF%20CON%2027/DEF%20CON%2027%20presentations/DEFCON-27-Ben-Morris-More-Keys-Than-A-Piano-Finding-Secrets-In-Publicly-Exposed-Ebs-Volumes.pdf',
    },
    {
      incident: 'cardmaster-pbs-2010-03',
      kind: 'related',
      why: 'The account found customer data and database passwords in EBS snapshots their owners had made public.',
      source: 'https://readwrite.com/user-ignorance-causes-cloud-security-leak-accounts-passwords-revealed/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.ebsSnapshotBlockPublicAccess, {
      what: 'the snapshot Block Public Access state',
      action: 'ec2:GetSnapshotBlockPublicAccessState',
      nothing: 'No region was scanned for snapshot Block Public Access.',
      judge: ({ state }, region) => [judgeRegion(state, region, `arn:${partition}:ec2:${region}:${accountId}:snapshot-block-public-access`)],
    });
  },
});

function judgeRegion(state: EbsSnapshotBlockPublicAccessState, region: string, resource: string): CheckOutcome {
  const evidence = { state };
  if (state === 'block-all-sharing') {
    return { status: 'pass', resource, region, message: `Snapshot Block Public Access in ${region} blocks all public sharing.`, evidence };
  }
  if (state === 'block-new-sharing') {
    return {
      status: 'fail',
      resource,
      region,
      severity: 'low',
      severityReason: 'new public shares are refused',
      message: `Snapshot Block Public Access in ${region} is block-new-sharing: new public shares are refused, but snapshots that are already public stay public.`,
      evidence,
    };
  }
  return {
    status: 'fail',
    resource,
    region,
    message: `Snapshot Block Public Access is off in ${region}: any snapshot can be made public with one API call.`,
    evidence,
  };
}
