/**
 * The shared loops every regional and credential-report check goes through: the resource rule for
 * a region that could not be read, and the one not_applicable when nothing was in scope.
 */
import { describe, expect, it } from 'vitest';
import type { CheckOutcome } from '../../../src/checks/define.js';
import { forEachActiveKey, forEachIamUser, forEachRegion } from '../../../src/checks/outcomes.js';
import type { CredentialReportRow } from '../../../src/inventory/schema.js';
import { failed, ok, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const CONTEXT = { partition: 'aws', accountId: TEST_ACCOUNT };
const ACCOUNT = `arn:aws:iam::${TEST_ACCOUNT}:root`;
const LISTING = { what: 'widgets', action: 'ec2:DescribeWidgets', nothing: 'No widget anywhere.' };

function pass(resource: string, region: string): CheckOutcome {
  return { status: 'pass', resource, region, message: 'fine', evidence: {} };
}

describe('forEachRegion', () => {
  it('judges readable regions and reports an unreadable one on the account, qualified by its region', () => {
    const outcomes = forEachRegion(
      CONTEXT,
      [
        { region: 'us-east-1', result: ok(['w-1']) },
        { region: 'eu-west-1', result: failed('UnauthorizedOperation', 'ec2:DescribeWidgets') },
      ],
      { ...LISTING, judge: (ids, region) => ids.map((id) => pass(`arn:aws:ec2:${region}:${TEST_ACCOUNT}:widget/${id}`, region)) },
    );
    expect(outcomes).toEqual([
      pass(`arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:widget/w-1`, 'us-east-1'),
      {
        status: 'unknown',
        resource: ACCOUNT,
        qualifier: 'region:eu-west-1',
        region: 'eu-west-1',
        message: 'Could not read widgets in eu-west-1: User is not authorized to perform this action (needs ec2:DescribeWidgets)',
        evidence: { errorCode: 'UnauthorizedOperation', missingAction: 'ec2:DescribeWidgets' },
      },
    ]);
  });

  it('names the fallback action when the error names none, and never twice', () => {
    const [withoutAction] = forEachRegion(CONTEXT, [{ region: 'us-east-1', result: failed('Throttling') }], { ...LISTING, judge: () => [] });
    expect(withoutAction?.evidence['missingAction']).toBe('ec2:DescribeWidgets');
    const [named] = forEachRegion(CONTEXT, [{ region: 'us-east-1', result: failed('AccessDenied', 'ec2:DescribeWidgets', 'access denied: the scanning identity lacks ec2:DescribeWidgets') }], { ...LISTING, judge: () => [] });
    expect(named?.message).toBe('Could not read widgets in us-east-1: access denied: the scanning identity lacks ec2:DescribeWidgets');
  });

  it('says not_applicable once for the account when no region had anything to judge, never a pass per empty region', () => {
    const outcomes = forEachRegion(CONTEXT, [{ region: 'us-east-1', result: ok([]) }, { region: 'eu-west-1', result: ok([]) }], { ...LISTING, judge: () => [] });
    expect(outcomes).toEqual([{ status: 'not_applicable', resource: ACCOUNT, region: 'global', message: 'No widget anywhere.', evidence: { regionsScanned: 2 } }]);
  });

  it('a failed region alone is unknown, not not_applicable', () => {
    const outcomes = forEachRegion(CONTEXT, [{ region: 'us-east-1', result: failed() }, { region: 'eu-west-1', result: ok([]) }], { ...LISTING, judge: () => [] });
    expect(outcomes.map((outcome) => [outcome.status, outcome.qualifier])).toEqual([['unknown', 'region:us-east-1']]);
  });
});

function row(user: string, keys: { slot: 1 | 2; active: boolean }[] = []): CredentialReportRow {
  return {
    user,
    arn: user === '<root_account>' ? ACCOUNT : `arn:aws:iam::${TEST_ACCOUNT}:user/${user}`,
    userCreationTime: null,
    passwordEnabled: false,
    passwordLastUsed: null,
    passwordLastChanged: null,
    mfaActive: false,
    accessKeys: keys.map((key) => ({ ...key, lastRotated: null, lastUsed: null, lastUsedRegion: null, lastUsedService: null })),
  };
}

describe('forEachIamUser and forEachActiveKey', () => {
  it('leave the root user and inactive keys out, and qualify each key result by its slot', () => {
    const report = { generatedAt: '2026-06-01T00:00:00.000Z', rows: [row('<root_account>', [{ slot: 1, active: true }]), row('alice', [{ slot: 1, active: false }, { slot: 2, active: true }])] };
    const outcomes = forEachIamUser(CONTEXT, report, {
      nothing: 'No key.',
      judge: (user) => forEachActiveKey(user, (_key, qualifier) => ({ ...pass(user.arn, 'global'), qualifier })),
    });
    expect(outcomes.map((outcome) => [outcome.resource, outcome.qualifier])).toEqual([[`arn:aws:iam::${TEST_ACCOUNT}:user/alice`, 'access-key-2']]);
  });

  it('says not_applicable once with the number of IAM users when none is in scope', () => {
    const report = { generatedAt: '2026-06-01T00:00:00.000Z', rows: [row('<root_account>'), row('alice'), row('bob')] };
    expect(forEachIamUser(CONTEXT, report, { nothing: 'No key.', judge: () => [] })).toEqual([
      { status: 'not_applicable', resource: ACCOUNT, region: 'global', message: 'No key.', evidence: { usersInReport: 2 } },
    ]);
  });
});
