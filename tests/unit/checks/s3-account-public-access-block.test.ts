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
      slices: configured({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['flagsOff']).toEqual(['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']);
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'only the Block* settings on: existing public grants still work',
      slices: configured({ ignorePublicAcls: false, restrictPublicBuckets: false }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['flagsOff']).toEqual(['IgnorePublicAcls', 'RestrictPublicBuckets']);
        expect(outcomes[0]?.message).toContain('public bucket and object ACLs and public bucket policies keep working');
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'RestrictPublicBuckets off: public policies still work',
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
      slices: { s3AccountPublicAccessBlock: failed('AccessDenied', 's3:GetAccountPublicAccessBlock') },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('s3:GetAccountPublicAccessBlock'),
    },
    { name: 'slice not collected', slices: {} },
  ],
});
