import { expect } from 'vitest';
import check from '../../../src/checks/iam/iam-root-mfa.js';
import { checkTester, failed, slices } from '../../helpers/check-tester.js';

checkTester(check, {
  pass: [
    {
      name: 'root has an MFA device',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1 } } }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.resource).toBe('arn:aws:iam::123456789012:root');
        expect(outcomes[0]?.region).toBe('global');
        expect(outcomes[0]?.evidence['accountMfaEnabled']).toBe(1);
      },
    },
    {
      name: 'root has MFA and the summary omits AccountPasswordPresent',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountMFAEnabled: 1, Users: 12 } } }),
      assert: (outcomes) => expect(outcomes[0]?.evidence['accountPasswordPresent']).toBeNull(),
    },
  ],
  fail: [
    {
      name: 'root password without MFA',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0, AccountPasswordPresent: 1 } } }),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.resource).toBe('arn:aws:iam::123456789012:root');
        expect(outcomes[0]?.evidence).toMatchObject({ accountMfaEnabled: 0, accountPasswordPresent: 1 });
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'no MFA and no password: still reachable through password recovery',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountMFAEnabled: 0, AccountPasswordPresent: 0 } } }),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.message).toContain('password recovery');
      },
    },
    {
      name: 'no MFA, root keys present too',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } } }),
      assert: (outcomes) => expect(outcomes.filter((o) => o.status === 'fail')).toHaveLength(1),
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
      name: 'summary lacks AccountMFAEnabled',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ accountSummary: { summaryMap: { AccountAccessKeysPresent: 0, Users: 3 } } }),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('AccountMFAEnabled'),
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
});
