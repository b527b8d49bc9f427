import { expect } from 'vitest';
import check from '../../../src/checks/iam/iam-user-console-without-mfa.js';
import type { CredentialReportRow } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, slices } from '../../helpers/check-tester.js';

function row(user: string, fields: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user,
    arn: `arn:aws:iam::123456789012:user/${user}`,
    userCreationTime: daysAgo(400),
    passwordEnabled: true,
    passwordLastUsed: daysAgo(2),
    passwordLastChanged: daysAgo(100),
    mfaActive: true,
    accessKeys: [],
    ...fields,
  };
}

const ROOT = row('<root_account>', { arn: 'arn:aws:iam::123456789012:root', passwordEnabled: null, mfaActive: false });

function report(...rows: CredentialReportRow[]) {
  return slices({ credentialReport: { generatedAt: daysAgo(0), rows } });
}

checkTester(check, {
  pass: [
    {
      name: 'console user with MFA',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice' }],
      slices: report(ROOT, row('alice')),
      assert: (outcomes) => {
        // The root row (no MFA) belongs to iam-root-mfa, not here.
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', region: 'global' });
      },
    },
    {
      name: 'users without a console password are not judged',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/bob' }],
      slices: report(row('ci', { passwordEnabled: false, mfaActive: false }), row('bob')),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.evidence['user']).toBe('bob');
      },
    },
  ],
  fail: [
    {
      name: 'console password without MFA (Code Spaces)',
      expected: [
        { status: 'fail', resource: 'arn:aws:iam::123456789012:user/carol' },
        { status: 'pass', resource: 'arn:aws:iam::123456789012:user/dave' },
      ],
      slices: report(row('carol', { mfaActive: false, passwordLastUsed: '2026-05-20T10:00:00.000Z' }), row('dave')),
      assert: (outcomes) => {
        const failing = outcomes.filter((o) => o.status === 'fail');
        expect(failing).toHaveLength(1);
        expect(failing[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:user/carol' });
        expect(failing[0]?.evidence).toMatchObject({ user: 'carol', passwordEnabled: true, mfaActive: false });
        expect(failing[0]?.message).toContain('last signed in 2026-05-20');
        expect(outcomes.find((o) => o.evidence['user'] === 'dave')?.status).toBe('pass');
      },
    },
    {
      name: 'a password that was never used still needs MFA',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/erin' }],
      slices: report(row('erin', { mfaActive: false, passwordLastUsed: null })),
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('never signed in'),
    },
  ],
  unknown: [
    {
      name: 'credential report unavailable',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { credentialReport: failed('AccessDenied', 'iam:GetCredentialReport') },
      assert: (outcomes) => expect(outcomes[0]?.evidence['missingAction']).toBe('iam:GetCredentialReport'),
    },
    {
      name: 'password state not reported for an IAM user',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/frank' }],
      slices: report(row('frank', { passwordEnabled: null, mfaActive: false })),
    },
  ],
});
