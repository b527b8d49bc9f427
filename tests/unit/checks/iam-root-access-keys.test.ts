import { expect } from 'vitest';
import check from '../../../src/checks/iam/iam-root-access-keys.js';
import { checkTester, failed, slices } from '../../helpers/check-tester.js';

checkTester(check, {
  pass: [
    {
      name: 'no root access keys',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountAccessKeysPresent: 0, AccountMFAEnabled: 1 } } }),
    },
  ],
  fail: [
    {
      name: 'root has an access key',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 1 } } }),
      assert: (outcomes) => {
        expect(outcomes[0]?.resource).toBe('arn:aws:iam::123456789012:root');
        expect(outcomes[0]?.evidence['accountAccessKeysPresent']).toBe(1);
      },
    },
  ],
  unknown: [
    {
      name: 'GetAccountSummary denied',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { accountSummary: failed('AccessDenied', 'iam:GetAccountSummary') },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('iam:GetAccountSummary'),
    },
    {
      name: 'summary lacks the counter',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { Users: 3 } } }),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
