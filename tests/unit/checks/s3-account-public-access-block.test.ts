import { expect } from 'vitest';
import check from '../../../src/checks/s3/s3-account-public-access-block.js';
import type { PublicAccessBlock } from '../../../src/inventory/schema.js';
import { checkTester, failed, slices } from '../../helpers/check-tester.js';

const ALL_ON: PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};

function configured(overrides: Partial<PublicAccessBlock>) {
  return slices({ s3AccountPublicAccessBlock: { configuration: { ...ALL_ON, ...overrides } } });
}

checkTester(check, {
  pass: [
    {
      name: 'all four settings on',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:root' }],
      slices: configured({}),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:root', region: 'global' });
        expect(outcomes[0]?.evidence).toMatchObject({ configured: true, ...ALL_ON });
      },
    },
  ],
  fail: [
    {
      name: 'no account-level configuration at all',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ s3AccountPublicAccessBlock: { configuration: null } }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.message).toContain('not configured');
        expect(outcomes[0]?.evidence).toMatchObject({
          configured: false,
          blockPublicAcls: null,
          ignorePublicAcls: null,
          blockPublicPolicy: null,
          restrictPublicBuckets: null,
        });
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'all four settings off',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: configured({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['flagsOff']).toEqual(['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']);
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'only the Block* settings on: existing public grants still work',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: configured({ ignorePublicAcls: false, restrictPublicBuckets: false }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['flagsOff']).toEqual(['IgnorePublicAcls', 'RestrictPublicBuckets']);
        expect(outcomes[0]?.message).toContain('public bucket and object ACLs and public bucket policies keep working');
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'RestrictPublicBuckets off: public policies still work',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: configured({ restrictPublicBuckets: false }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['flagsOff']).toEqual(['RestrictPublicBuckets']);
        expect(outcomes[0]?.evidence['restrictPublicBuckets']).toBe(false);
        expect(outcomes[0]?.message).toContain('public bucket policies');
        expect(outcomes[0]?.message).not.toContain('ACLs');
      },
    },
    {
      name: 'only the neutralising settings on: incomplete but low risk',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root', severity: 'low' }],
      slices: configured({ blockPublicAcls: false, blockPublicPolicy: false }),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.evidence['flagsOff']).toEqual(['BlockPublicAcls', 'BlockPublicPolicy']);
        expect(outcomes[0]?.severity).toBe('low');
      },
    },
  ],
  unknown: [
    {
      name: 'GetPublicAccessBlock denied',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { s3AccountPublicAccessBlock: failed('AccessDenied', 's3:GetAccountPublicAccessBlock') },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('s3:GetAccountPublicAccessBlock'),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
