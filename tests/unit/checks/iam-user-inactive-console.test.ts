import { expect } from 'vitest';
import check from '../../../src/checks/iam/iam-user-inactive-console.js';
import type { CredentialReportRow } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, slices } from '../../helpers/check-tester.js';

function row(user: string, fields: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    user,
    arn: `arn:aws:iam::123456789012:user/${user}`,
    userCreationTime: daysAgo(400),
    passwordEnabled: true,
    passwordLastUsed: daysAgo(3),
    passwordLastChanged: daysAgo(200),
    mfaActive: true,
    accessKeys: [],
    ...fields,
  };
}

function report(...rows: CredentialReportRow[]) {
  return slices({ credentialReport: { generatedAt: daysAgo(0), rows } });
}

checkTester(check, {
  pass: [
    {
      name: 'password used recently',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice' }],
      slices: report(row('alice')),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ daysSinceUse: 3, maxInactiveConsoleDays: 90 }),
    },
    {
      name: 'exactly at the limit still passes',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/bob' }],
      slices: report(row('bob', { passwordLastUsed: daysAgo(90) })),
      assert: (outcomes) => expect(outcomes[0]?.evidence['daysSinceUse']).toBe(90),
    },
    {
      name: 'never used but the password is new',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/carol' }],
      slices: report(row('carol', { passwordLastUsed: null, passwordLastChanged: daysAgo(10) })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ idleDays: 10, idleSinceSource: 'password last changed' }),
    },
    {
      name: 'a longer limit from options',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/dave' }],
      slices: report(row('dave', { passwordLastUsed: daysAgo(120) })),
      options: { maxInactiveConsoleDays: 180 },
    },
    {
      name: 'users without a console password and the root user are not judged',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/erin' }],
      slices: report(
        row('<root_account>', { arn: 'arn:aws:iam::123456789012:root', passwordEnabled: null, passwordLastUsed: daysAgo(900) }),
        row('ci', { passwordEnabled: false, passwordLastUsed: null }),
        row('erin'),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.evidence['user']).toBe('erin');
      },
    },
  ],
  fail: [
    {
      name: 'departed user: last sign-in 210 days ago (Cisco, Voova)',
      expected: [
        { status: 'fail', resource: 'arn:aws:iam::123456789012:user/jordan' },
        { status: 'pass', resource: 'arn:aws:iam::123456789012:user/frank' },
      ],
      slices: report(row('jordan', { passwordLastUsed: daysAgo(210) }), row('frank')),
      assert: (outcomes) => {
        const failing = outcomes.filter((o) => o.status === 'fail');
        expect(failing).toHaveLength(1);
        expect(failing[0]).toMatchObject({ resource: 'arn:aws:iam::123456789012:user/jordan', region: 'global' });
        expect(failing[0]?.evidence).toMatchObject({ daysSinceUse: 210, maxInactiveConsoleDays: 90 });
        expect(failing[0]?.message).toContain('210 days ago');
      },
    },
    {
      name: 'never used and the password is older than the limit',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/gina' }],
      slices: report(row('gina', { passwordLastUsed: null, passwordLastChanged: daysAgo(91) })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ idleDays: 91, idleSinceSource: 'password last changed' }),
    },
    {
      name: 'never used, no password date: the user creation date counts',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/hank' }],
      slices: report(row('hank', { passwordLastUsed: null, passwordLastChanged: null, userCreationTime: daysAgo(300) })),
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ idleDays: 300, idleSinceSource: 'user creation' }),
    },
    {
      name: 'a shorter limit from options (CIS 45 days)',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/ivan' }],
      slices: report(row('ivan', { passwordLastUsed: daysAgo(60) })),
      options: { maxInactiveConsoleDays: 45 },
      assert: (outcomes) => expect(outcomes[0]?.evidence['maxInactiveConsoleDays']).toBe(45),
    },
  ],
  unknown: [
    {
      name: 'credential report unavailable',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { credentialReport: failed('AccessDenied', 'iam:GenerateCredentialReport') },
    },
    {
      name: 'never used and no date at all',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/judy' }],
      slices: report(row('judy', { passwordLastUsed: null, passwordLastChanged: null, userCreationTime: null })),
    },
    {
      name: 'password state not reported for an IAM user',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:user/kim' }],
      slices: report(row('kim', { passwordEnabled: null })),
    },
  ],
});
