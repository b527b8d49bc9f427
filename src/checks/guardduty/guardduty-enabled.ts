import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import type { GuardDutyDetector } from '../../inventory/schema.js';

function featureEvidence(detector: GuardDutyDetector) {
  return {
    detectorId: detector.id,
    detectorStatus: detector.status,
    featuresEnabled: detector.features.filter((f) => f.status === 'ENABLED').map((f) => f.name).sort(),
    featuresDisabled: detector.features.filter((f) => f.status !== 'ENABLED').map((f) => f.name).sort(),
    findingPublishingFrequency: detector.findingPublishingFrequency,
  };
}

/**
 * GuardDuty works per region: a detector watches only its own region
 * (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_regions.html). GetDetector reports
 * `ENABLED` or `DISABLED`; a suspended detector is `DISABLED` and analyses nothing
 * (https://docs.aws.amazon.com/guardduty/latest/APIReference/API_GetDetector.html,
 * https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_suspend-disable.html). An account has
 * at most one detector per region; any enabled one is enough.
 */
function judgeRegion(detectors: readonly GuardDutyDetector[], region: string, partition: string, accountId: string): CheckOutcome {
  const enabled = detectors.find((d) => d.status === 'ENABLED');
  if (enabled !== undefined) {
    const evidence = featureEvidence(enabled);
    const plans = evidence.featuresEnabled.length === 0 ? '' : ` Protection plans on: ${evidence.featuresEnabled.join(', ')}.`;
    return { status: 'pass', resource: enabled.arn, region, message: `GuardDuty is enabled in ${region} (detector ${enabled.id}).${plans}`, evidence };
  }
  const [suspended] = detectors;
  if (suspended !== undefined) {
    return {
      status: 'fail',
      resource: suspended.arn,
      region,
      message: `The GuardDuty detector in ${region} is ${suspended.status} (suspended): it analyses nothing, so credential abuse, cryptomining and a stopped CloudTrail trail there raise no finding.`,
      evidence: featureEvidence(suspended),
    };
  }
  return {
    status: 'fail',
    resource: `arn:${partition}:guardduty:${region}:${accountId}:detector`,
    region,
    message: `GuardDuty is not enabled in ${region}: no detector exists, so credential abuse, cryptomining and a stopped CloudTrail trail there raise no finding.`,
    evidence: { detectorId: null, detectorStatus: null },
  };
}

export default defineCheck({
  id: 'guardduty-enabled',
  title: 'GuardDuty is enabled in every scanned region',
  service: 'guardduty',
  severity: 'medium',
  rootCauses: ['unknown', 'app-vuln'],
  limitsAftermath: true,
  needs: ['guardDutyDetectors'],
  description:
    'Fails for each scanned region that has no GuardDuty detector or whose detector is suspended (status DISABLED). The evidence lists the protection plans an enabled detector runs.',
  rationale:
    'Many attacks in the catalog came to light through a bill, a ransom note or an outsider rather than the victim\'s own monitoring. GuardDuty reads CloudTrail, VPC flow and DNS logs without any set-up of its own and raises findings for the moves attackers make with stolen keys: calls from known malicious addresses, instance credentials used outside AWS, cryptocurrency mining, a stopped CloudTrail trail. It works per region, and attackers launch miners in the regions nobody watches. It detects rather than prevents, hence medium severity: it shortens the time an intruder has.',
  remediation: {
    summary: 'Enable GuardDuty in every region the account can use, ideally for the whole organization from a delegated administrator account with auto-enable for new accounts.',
    console: [
      'Open the GuardDuty console in the region and choose "Get started" > "Enable GuardDuty" (or, for a suspended detector, Settings > "Enable GuardDuty").',
      'In an organization, choose a delegated administrator under Settings and turn on auto-enable for all member accounts.',
      'Repeat in every region (the region selector), or use the delegated administrator\'s multi-region set-up.',
    ],
    cli: 'for r in $(aws ec2 describe-regions --query "Regions[].RegionName" --output text); do aws guardduty create-detector --enable --region "$r"; done',
    terraform: ['resource "aws_guardduty_detector" "this" {', '  enable = true', '}', '# one per region: use a provider alias per region, or the organization auto-enable resources'].join('\n'),
    docs: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html',
  },
  attackSteps: [
    'Use a leaked key or stolen instance credentials from a region where GuardDuty is off or suspended.',
    'Launch large instances for cryptocurrency mining, or enumerate and copy data, calling from addresses no finding flags.',
    'Stop the CloudTrail trail or create backdoor users: with no detector in the region, no finding is raised and nobody is paged.',
    'The activity surfaces only when the bill arrives or the data appears elsewhere.',
  ],
  frameworks: {
    'aws-security-hub': ['GuardDuty.1'],
  },
  patterns: ['cryptomining', 'trail-tampering'],
  incidents: [],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.guardDutyDetectors, {
      what: 'GuardDuty detectors',
      action: 'guardduty:ListDetectors',
      nothing: 'No region was scanned for GuardDuty.',
      judge: ({ detectors }, region) => [judgeRegion(detectors, region, partition, accountId)],
    });
  },
});
