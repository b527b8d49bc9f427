import { expect } from 'vitest';
import check from '../../../src/checks/guardduty/guardduty-enabled.js';
import type { GuardDutyDetector } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices } from '../../helpers/check-tester.js';

const ACCOUNT_ARN = 'arn:aws:iam::123456789012:root';

function detector(region: string, id: string, status: string, features: GuardDutyDetector['features'] = []): GuardDutyDetector {
  return { id, arn: `arn:aws:guardduty:${region}:123456789012:detector/${id}`, status, createdAt: '2024-01-01T00:00:00.000Z', findingPublishingFrequency: 'SIX_HOURS', features };
}

const region = (name: string, detectors: GuardDutyDetector[]) => ({ region: name, result: ok({ detectors }) });

checkTester(check, {
  pass: [
    {
      name: 'an enabled detector in every region, with its protection plans in the evidence',
      expected: [
        { status: 'pass', resource: 'arn:aws:guardduty:eu-west-1:123456789012:detector/d-eu' },
        { status: 'pass', resource: 'arn:aws:guardduty:us-east-1:123456789012:detector/d-us' },
      ],
      slices: slices({
        guardDutyDetectors: [
          region('eu-west-1', [detector('eu-west-1', 'd-eu', 'ENABLED', [{ name: 'S3_DATA_EVENTS', status: 'ENABLED' }, { name: 'EKS_AUDIT_LOGS', status: 'DISABLED' }])]),
          region('us-east-1', [detector('us-east-1', 'd-us', 'ENABLED')]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toEqual({
          detectorId: 'd-eu',
          detectorStatus: 'ENABLED',
          featuresEnabled: ['S3_DATA_EVENTS'],
          featuresDisabled: ['EKS_AUDIT_LOGS'],
          findingPublishingFrequency: 'SIX_HOURS',
        });
        expect(outcomes[0]?.message).toContain('Protection plans on: S3_DATA_EVENTS.');
      },
    },
  ],
  fail: [
    {
      name: 'no detector in the region',
      expected: [{ status: 'fail', resource: 'arn:aws:guardduty:ap-south-1:123456789012:detector' }],
      slices: slices({ guardDutyDetectors: [region('ap-south-1', [])] }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ region: 'ap-south-1' });
        expect(outcomes[0]?.message).toContain('no detector exists');
      },
    },
    {
      name: 'a suspended detector (DISABLED) fails',
      expected: [{ status: 'fail', resource: 'arn:aws:guardduty:us-east-1:123456789012:detector/d-off' }],
      slices: slices({ guardDutyDetectors: [region('us-east-1', [detector('us-east-1', 'd-off', 'DISABLED')])] }),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('DISABLED (suspended)'),
    },
    {
      name: 'one region watched does not cover another',
      expected: [
        { status: 'pass', resource: 'arn:aws:guardduty:eu-west-1:123456789012:detector/d-eu' },
        { status: 'fail', resource: 'arn:aws:guardduty:us-west-2:123456789012:detector' },
      ],
      slices: slices({ guardDutyDetectors: [region('eu-west-1', [detector('eu-west-1', 'd-eu', 'ENABLED')]), region('us-west-2', [])] }),
    },
  ],
  unknown: [
    {
      name: 'listing denied in one region, the other judged',
      expected: [
        { status: 'unknown', resource: ACCOUNT_ARN, qualifier: 'region:eu-west-1' },
        { status: 'fail', resource: 'arn:aws:guardduty:us-east-1:123456789012:detector' },
      ],
      slices: slices({
        guardDutyDetectors: [
          { region: 'eu-west-1', result: failed('AccessDeniedException', 'guardduty:ListDetectors', 'access denied: the scanning identity lacks guardduty:ListDetectors') },
          region('us-east-1', []),
        ],
      }),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toEqual({ errorCode: 'AccessDeniedException', missingAction: 'guardduty:ListDetectors' }),
    },
    {
      name: 'GetDetector denied: the region is unknown, naming GetDetector',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' }],
      slices: slices({ guardDutyDetectors: [{ region: 'us-east-1', result: failed('AccessDeniedException', 'guardduty:GetDetector') }] }),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('guardduty:GetDetector'),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: ACCOUNT_ARN }], slices: {} },
  ],
  notApplicable: [
    {
      name: 'no region was scanned',
      expected: [{ status: 'not_applicable', resource: ACCOUNT_ARN }],
      slices: slices({ guardDutyDetectors: [] }),
    },
  ],
});
