import { expect } from 'vitest';
import check from '../../../src/checks/ebs/ebs-snapshot-block-public-access.js';
import { checkTester, failed, ok, slices } from '../../helpers/check-tester.js';

type State = 'block-all-sharing' | 'block-new-sharing' | 'unblocked';

function state(region: string, value: State) {
  return { region, result: ok({ state: value }) };
}

checkTester(check, {
  pass: [
    {
      name: 'block-all-sharing in every region',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:eu-west-1:123456789012:snapshot-block-public-access' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot-block-public-access' },
      ],
      slices: slices({ ebsSnapshotBlockPublicAccess: [state('eu-west-1', 'block-all-sharing'), state('us-east-1', 'block-all-sharing')] }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.region, o.resource])).toEqual([
          ['eu-west-1', 'arn:aws:ec2:eu-west-1:123456789012:snapshot-block-public-access'],
          ['us-east-1', 'arn:aws:ec2:us-east-1:123456789012:snapshot-block-public-access'],
        ]);
        expect(outcomes[0]?.evidence).toEqual({ state: 'block-all-sharing' });
      },
    },
  ],
  fail: [
    {
      name: 'unblocked fails at the check severity',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot-block-public-access' }],
      slices: slices({ ebsSnapshotBlockPublicAccess: [state('us-east-1', 'unblocked')] }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', region: 'us-east-1' });
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.message).toContain('off');
      },
    },
    {
      name: 'block-new-sharing fails at low severity and says why',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot-block-public-access', severity: 'low' }],
      slices: slices({ ebsSnapshotBlockPublicAccess: [state('us-east-1', 'block-new-sharing')] }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'low' });
        expect(outcomes[0]?.message).toContain('already public stay public');
      },
    },
    {
      name: 'one region protected does not protect another',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:eu-west-1:123456789012:snapshot-block-public-access' },
        { status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:snapshot-block-public-access' },
      ],
      slices: slices({ ebsSnapshotBlockPublicAccess: [state('eu-west-1', 'block-all-sharing'), state('us-east-1', 'unblocked')] }),
      assert: (outcomes) => expect(outcomes.map((o) => o.status)).toEqual(['pass', 'fail']),
    },
  ],
  unknown: [
    {
      name: 'the endpoint does not implement the API (moto)',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-east-1' }],
      slices: slices({
        ebsSnapshotBlockPublicAccess: [
          { region: 'us-east-1', result: failed('NotImplemented', 'ec2:GetSnapshotBlockPublicAccessState', 'ec2:GetSnapshotBlockPublicAccessState is not implemented by this endpoint') },
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('not implemented');
        expect(outcomes[0]?.evidence).toEqual({ errorCode: 'NotImplemented', missingAction: 'ec2:GetSnapshotBlockPublicAccessState' });
      },
    },
    {
      name: 'access denied in one region, the other judged',
      expected: [
        { status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:ap-southeast-2' },
        { status: 'fail', resource: 'arn:aws:ec2:eu-west-1:123456789012:snapshot-block-public-access' },
      ],
      slices: slices({
        ebsSnapshotBlockPublicAccess: [{ region: 'ap-southeast-2', result: failed('UnauthorizedOperation', 'ec2:GetSnapshotBlockPublicAccessState') }, state('eu-west-1', 'unblocked')],
      }),
      assert: (outcomes) => expect(outcomes.map((o) => o.status)).toEqual(['unknown', 'fail']),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
  notApplicable: [
    {
      name: 'no region was scanned',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ebsSnapshotBlockPublicAccess: [] }),
    },
  ],
});
