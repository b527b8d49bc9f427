import { describe, expect, it } from 'vitest';
import check from '../../../src/checks/iam/iam-access-key-rotation.js';
import type { CredentialReportKey, CredentialReportRow } from '../../../src/inventory/schema.js';
import { checkTester, daysAgo, failed, runCase, slices, TEST_NOW } from '../../helpers/check-tester.js';

const ALICE_ARN = 'arn:aws:iam::123456789012:user/alice';

function key(slot: 1 | 2, fields: Partial<CredentialReportKey> = {}): CredentialReportKey {
  return {
    slot,
    active: true,
    lastRotated: daysAgo(10),
    lastUsed: daysAgo(1),
    lastUsedService: 's3',
    lastUsedRegion: 'us-east-1',
    ...fields,
  };
}

function user(name: string, accessKeys: CredentialReportKey[]): CredentialReportRow {
  return {
    user: name,
    arn: `arn:aws:iam::123456789012:user/${name}`,
    userCreationTime: daysAgo(900),
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys,
  };
}

function rootRow(accessKeys: CredentialReportKey[]): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: 'arn:aws:iam::123456789012:root',
    userCreationTime: daysAgo(3000),
    passwordEnabled: null,
    passwordLastUsed: daysAgo(200),
    passwordLastChanged: null,
    mfaActive: true,
    accessKeys,
  };
}

function report(...rows: CredentialReportRow[]) {
  return slices({ credentialReport: { generatedAt: TEST_NOW, rows } });
}

checkTester(check, {
  pass: [
    {
      name: 'recently created key in daily use',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' }],
      slices: report(user('alice', [key(1, { lastRotated: daysAgo(30) })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ resource: ALICE_ARN, qualifier: 'access-key-1', region: 'global' });
        expect(outcomes[0]?.evidence).toMatchObject({ user: 'alice', keySlot: 1, ageDays: 30 });
      },
    },
    {
      name: 'key exactly at the 90-day limit',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' }],
      slices: report(user('alice', [key(1, { lastRotated: daysAgo(90) })])),
      assert: (outcomes) => expect(outcomes[0]?.evidence['ageDays']).toBe(90),
    },
    {
      name: 'old inactive key is ignored, only the fresh active key is judged',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-2' }],
      slices: report(
        user('alice', [key(1, { active: false, lastRotated: daysAgo(800), lastUsed: daysAgo(700) }), key(2, { lastRotated: daysAgo(5) })]),
      ),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.qualifier).toBe('access-key-2');
      },
    },
    {
      name: 'ancient root key is left to iam-root-access-keys',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' }],
      slices: report(rootRow([key(1, { lastRotated: daysAgo(2000) })]), user('alice', [key(1, { lastRotated: daysAgo(3) })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]?.resource).toBe(ALICE_ARN);
      },
    },
    {
      name: 'custom maxKeyAgeDays of 180 accepts a 120-day-old key',
      expected: [{ status: 'pass', resource: 'arn:aws:iam::123456789012:user/ci-deployer', qualifier: 'access-key-1' }],
      slices: report(user('ci-deployer', [key(1, { lastRotated: daysAgo(120) })])),
      options: { maxKeyAgeDays: 180 },
      assert: (outcomes) => expect(outcomes[0]?.evidence['maxKeyAgeDays']).toBe(180),
    },
  ],
  fail: [
    {
      name: 'key one day past the limit',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' }],
      slices: report(user('alice', [key(1, { lastRotated: daysAgo(91) })])),
      assert: (outcomes) => {
        expect(outcomes).toHaveLength(1);
        expect(outcomes[0]).toMatchObject({ status: 'fail', resource: ALICE_ARN, qualifier: 'access-key-1' });
        expect(outcomes[0]?.evidence).toMatchObject({ user: 'alice', keySlot: 1, ageDays: 91, lastUsed: daysAgo(1) });
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'ancient key still used this week is escalated to high (DXC / Uber pattern)',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/legacy-etl', qualifier: 'access-key-1', severity: 'high' }],
      slices: report(user('legacy-etl', [key(1, { lastRotated: daysAgo(1400), lastUsed: daysAgo(2) })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.severity).toBe('high');
        expect(outcomes[0]?.evidence['ageDays']).toBe(1400);
      },
    },
    {
      name: 'ancient key last used exactly maxUnusedDays ago is still live',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/legacy-etl', qualifier: 'access-key-2', severity: 'high' }],
      slices: report(user('legacy-etl', [key(2, { lastRotated: daysAgo(500), lastUsed: daysAgo(45) })])),
      assert: (outcomes) => expect(outcomes[0]?.severity).toBe('high'),
    },
    {
      name: 'ancient key idle for longer than maxUnusedDays stays medium',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/legacy-etl', qualifier: 'access-key-1' }],
      slices: report(user('legacy-etl', [key(1, { lastRotated: daysAgo(500), lastUsed: daysAgo(46) })])),
      assert: (outcomes) => expect(outcomes[0]?.severity).toBeUndefined(),
    },
    {
      name: 'ancient key never used stays medium',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/legacy-etl', qualifier: 'access-key-1' }],
      slices: report(user('legacy-etl', [key(1, { lastRotated: daysAgo(500), lastUsed: null, lastUsedService: null, lastUsedRegion: null })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence['lastUsed']).toBeNull();
      },
    },
    {
      name: 'key exactly 365 days old and in use is not yet ancient',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' }],
      slices: report(user('alice', [key(1, { lastRotated: daysAgo(365), lastUsed: daysAgo(1) })])),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.severity).toBeUndefined();
      },
    },
    {
      name: 'custom maxKeyAgeDays of 30 rejects a 31-day-old key',
      expected: [{ status: 'fail', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' }],
      slices: report(user('alice', [key(1, { lastRotated: daysAgo(31) })])),
      options: { maxKeyAgeDays: 30 },
      assert: (outcomes) => expect(outcomes[0]?.evidence).toMatchObject({ ageDays: 31, maxKeyAgeDays: 30 }),
    },
    {
      name: 'both keys of one user are judged separately',
      expected: [
        { status: 'fail', resource: 'arn:aws:iam::123456789012:user/bob', qualifier: 'access-key-1' },
        { status: 'pass', resource: 'arn:aws:iam::123456789012:user/bob', qualifier: 'access-key-2' },
        { status: 'pass', resource: 'arn:aws:iam::123456789012:user/carol', qualifier: 'access-key-1' },
      ],
      slices: report(
        user('bob', [key(1, { lastRotated: daysAgo(200) }), key(2, { lastRotated: daysAgo(20) })]),
        user('carol', [key(1, { lastRotated: daysAgo(15) })]),
      ),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.resource, o.qualifier, o.status])).toEqual([
          ['arn:aws:iam::123456789012:user/bob', 'access-key-1', 'fail'],
          ['arn:aws:iam::123456789012:user/bob', 'access-key-2', 'pass'],
          ['arn:aws:iam::123456789012:user/carol', 'access-key-1', 'pass'],
        ]);
      },
    },
  ],
  unknown: [
    {
      name: 'credential report denied',
      expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }],
      slices: { credentialReport: failed('AccessDenied', 'iam:GetCredentialReport') },
      assert: (outcomes) => expect(outcomes[0]?.message).toContain('iam:GetCredentialReport'),
    },
    {
      name: 'active key without a creation date',
      expected: [
        { status: 'unknown', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-1' },
        { status: 'pass', resource: 'arn:aws:iam::123456789012:user/alice', qualifier: 'access-key-2' },
      ],
      slices: report(user('alice', [key(1, { lastRotated: null }), key(2, { lastRotated: daysAgo(10) })])),
      assert: (outcomes) => {
        expect(outcomes.map((o) => [o.qualifier, o.status])).toEqual([
          ['access-key-1', 'unknown'],
          ['access-key-2', 'pass'],
        ]);
      },
    },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
  notApplicable: [
    {
      name: 'no IAM user has an active key',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: report(rootRow([key(1, { lastRotated: daysAgo(900) })]), user('alice', [key(1, { active: false, lastRotated: daysAgo(900) })])),
    },
  ],
});

describe('iam-access-key-rotation scope', () => {
  it('reads "now" from the input, not the wall clock', () => {
    const slicesWithKey = report(user('alice', [key(1, { lastRotated: '2026-01-01T00:00:00.000Z' })]));
    const early = runCase(check, { name: 'early', slices: slicesWithKey, now: '2026-02-01T00:00:00.000Z' });
    const late = runCase(check, { name: 'late', slices: slicesWithKey, now: '2026-12-01T00:00:00.000Z' });
    expect(early[0]?.status).toBe('pass');
    expect(late[0]?.status).toBe('fail');
  });
});
