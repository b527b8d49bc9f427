import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import type { EbsSnapshotSharing, OrganizationAccounts, SnapshotSharing } from '../../inventory/schema.js';

type SnapshotSharingRegion = Extract<EbsSnapshotSharing[number]['result'], { ok: true }>['data'];

/** Said in every result's evidence, so nobody reads a pass as "the organization was checked". */
function trustBasis(organization: OrganizationAccounts): string {
  return organization.accountIds === null
    ? `this account and --trusted-accounts (organization accounts not trusted: ${organization.unavailableReason ?? 'not listed'})`
    : `this account, --trusted-accounts and the ${organization.accountIds.length} accounts of its AWS Organization`;
}

export default defineCheck({
  id: 'ebs-snapshot-shared-unknown-account',
  title: 'EBS snapshots are shared only with trusted accounts',
  service: 'ebs',
  severity: 'high',
  rootCauses: ['public-snapshot-ami'],
  needs: ['ebsSnapshotSharing', 'organizationAccounts'],
  description:
    'Fails for each EBS snapshot owned by the account whose createVolumePermission names an AWS account that is neither this account, one of --trusted-accounts, nor (when the caller may list them) an account of its AWS Organization. Public shares are left to ebs-snapshot-public.',
  rationale:
    'A snapshot shared with another account is a full copy of the disk that account can restore, attach and read at leisure, outside every control of yours: CloudTrail in your account never sees what happens next. Copying snapshots into accounts they controlled is how the GRU took the DNC\'s cloud analytics data. A share to an account nobody recognises is either a forgotten partner or an exfiltration in progress.',
  remediation: {
    summary:
      'Remove the createVolumePermission of every account you do not recognise, find out who added it (CloudTrail ModifySnapshotAttribute), and list the legitimate recipients with --trusted-accounts.',
    console: [
      'Open the EC2 console, choose "Snapshots" and select the snapshot.',
      'Choose Actions > "Snapshot settings" > "Modify permissions".',
      'Remove each account id you do not recognise and save; then search CloudTrail for ModifySnapshotAttribute events on the snapshot.',
    ],
    cli: 'aws ec2 modify-snapshot-attribute --snapshot-id SNAPSHOT_ID --attribute createVolumePermission --operation-type remove --user-ids ACCOUNT_ID',
    terraform: [
      '# Declare every intended share; anything else is drift to remove.',
      'resource "aws_snapshot_create_volume_permission" "partner" {',
      '  snapshot_id = aws_ebs_snapshot.example.id',
      '  account_id  = "111122223333" # a trusted partner account',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html',
  },
  attackSteps: [
    'With stolen credentials that allow ec2:ModifySnapshotAttribute, snapshot the interesting volumes (databases, file servers) or pick existing snapshots.',
    'Add a createVolumePermission for an AWS account the attacker controls: one API call per snapshot, no data leaves the account through your network.',
    'In their own account, create volumes from the shared snapshots, attach them to an instance and copy the data out; your CloudTrail never records the reads.',
    'Leave the share in place, or remove it afterwards; a share to an unknown account found later is often the only trace.',
  ],
  frameworks: {},
  patterns: ['snapshot-exfiltration'],
  incidents: [
    {
      incident: 'dnc-gru-2016-06',
      kind: 'attacker-action',
      why: 'The DNC\'s complaint says the GRU copied snapshots of cloud test clusters into AWS accounts the attackers controlled, which is the share this check finds.',
      source: 'https://www.politico.com/f/?id=00000168-6161-de11-af7d-ef7327ea0000',
    },
  ],
  evaluate({ data, accountId, partition, options }) {
    const trusted = new Set([accountId, ...options.trustedAccounts, ...(data.organizationAccounts.accountIds ?? [])]);
    const basis = trustBasis(data.organizationAccounts);
    return forEachRegion({ partition, accountId }, data.ebsSnapshotSharing, {
      what: "the account's snapshots",
      action: 'ec2:DescribeSnapshots',
      nothing: 'The account owns no snapshot in any scanned region.',
      judge: (listing, region) => judgeRegion(listing, region, `arn:${partition}:ec2:${region}:${accountId}:snapshot/*`, trusted, basis),
    });
  },
});

/**
 * The region's shared snapshots one by one, then one `unknown` for the snapshots the budget left
 * unread and one pass counting those shared with nobody (or only publicly). A region where the
 * account owns no snapshot has nothing to judge.
 */
function judgeRegion(listing: SnapshotSharingRegion, region: string, regionResource: string, trusted: ReadonlySet<string>, basis: string): CheckOutcome[] {
  const outcomes: CheckOutcome[] = [];
  const judged = listing.snapshots.map((snapshot) => judgeSnapshot(snapshot, region, trusted, basis));
  outcomes.push(...judged.filter((outcome) => typeof outcome !== 'string'));
  const unshared = judged.filter((outcome) => outcome === 'unshared').length;
  const publicOnly = judged.filter((outcome) => outcome === 'public-only').length;
  if (listing.skippedByBudget > 0) {
    outcomes.push({
      status: 'unknown',
      resource: regionResource,
      region,
      qualifier: 'not-read',
      message: `${listing.skippedByBudget} of ${listing.ownedSnapshots} snapshots in ${region} were not checked: the DescribeSnapshotAttribute budget (${listing.attributeCallBudget} calls) was spent. Raise --max-snapshot-attribute-calls to cover them.`,
      evidence: {
        ownedSnapshots: listing.ownedSnapshots,
        snapshotsNotRead: listing.skippedByBudget,
        attributeCallBudget: listing.attributeCallBudget,
      },
    });
  }
  if (unshared + publicOnly > 0) {
    const publicNote = publicOnly === 0 ? '' : ` ${publicOnly} more ${publicOnly === 1 ? 'is' : 'are'} shared only publicly (see ebs-snapshot-public).`;
    outcomes.push({
      status: 'pass',
      resource: regionResource,
      region,
      message: `${unshared} snapshot${unshared === 1 ? '' : 's'} in ${region} ${unshared === 1 ? 'is' : 'are'} not shared with any other account.${publicNote}`,
      evidence: {
        ownedSnapshots: listing.ownedSnapshots,
        unsharedSnapshots: unshared,
        publicOnlySnapshots: publicOnly,
        trustedAccountsFrom: basis,
      },
    });
  }
  return outcomes;
}

/**
 * A snapshot shared with no account is only counted in the region's pass (`unshared`, or
 * `public-only` when its one share is the public group, which ebs-snapshot-public reports).
 */
function judgeSnapshot(snapshot: SnapshotSharing, region: string, trusted: ReadonlySet<string>, basis: string): CheckOutcome | 'unshared' | 'public-only' {
  const base = { resource: snapshot.arn, region };
  const facts = {
    snapshotId: snapshot.id,
    volumeSizeGiB: snapshot.volumeSizeGiB,
    encrypted: snapshot.encrypted,
    startTime: snapshot.startTime,
    trustedAccountsFrom: basis,
  };
  const permissions = snapshot.createVolumePermissions;
  if (!permissions.ok) {
    return {
      ...base,
      status: 'unknown',
      message: `The createVolumePermission of snapshot ${snapshot.id} could not be read: ${permissions.error.message}`,
      evidence: { ...facts, errorCode: permissions.error.code, missingAction: permissions.error.action ?? null },
    };
  }
  const accounts = [...new Set(permissions.data.flatMap((p) => (p.userId === null ? [] : [p.userId])))].sort();
  if (accounts.length === 0) return permissions.data.some((p) => p.group === 'all') ? 'public-only' : 'unshared';
  const unknownAccounts = accounts.filter((account) => !trusted.has(account));
  const trustedAccounts = accounts.filter((account) => trusted.has(account));
  const evidence = { ...facts, unknownAccounts, trustedAccounts };
  if (unknownAccounts.length === 0) {
    return {
      ...base,
      status: 'pass',
      message: `Snapshot ${snapshot.id} is shared only with trusted accounts (${trustedAccounts.join(', ')}).`,
      evidence,
    };
  }
  // A snapshot encrypted with a customer managed key is useless to the recipient without that key too.
  const encryptedNote = snapshot.encrypted === true ? ' It is encrypted, so the recipient also needs access to its KMS key.' : '';
  return {
    ...base,
    status: 'fail',
    message: `Snapshot ${snapshot.id} can be restored by ${unknownAccounts.length === 1 ? 'account' : 'accounts'} ${unknownAccounts.join(', ')}, which ${unknownAccounts.length === 1 ? 'is' : 'are'} not trusted.${encryptedNote}`,
    evidence,
    ...(snapshot.encrypted === true ? { severity: 'medium' as const, severityReason: 'the snapshot is encrypted: the recipient also needs its KMS key' } : {}),
  };
}
