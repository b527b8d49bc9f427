import { expect } from 'vitest';
import check from '../../../src/checks/ec2/ec2-user-data-secrets.js';
import type { Collected, UserDataScan, UserDataSecretMatch } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

function scanned(id: string, scan: Collected<UserDataScan>, region = 'us-east-1') {
  return { instanceId: id, arn: `arn:aws:ec2:${region}:${TEST_ACCOUNT}:instance/${id}`, name: `${id}-name`, state: 'running', scan };
}

function scanOf(matches: UserDataSecretMatch[], encoding: UserDataScan['encoding'] = 'text'): Collected<UserDataScan> {
  return ok({ encoding, decodedBytes: 420, matches });
}

function region(name: string, instances: ReturnType<typeof scanned>[], skippedByBudget = 0) {
  return { region: name, result: ok({ instances, skippedByBudget }) };
}

checkTester(check, {
  pass: [
    {
      name: 'user data without secrets, and an instance without user data',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-2' },
      ],
      slices: slices({ ec2UserDataSecrets: [region('us-east-1', [scanned('i-1', scanOf([])), scanned('i-2', scanOf([], 'none'))])] }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => o.resource)).toEqual([
          `arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:instance/i-1`,
          `arn:aws:ec2:us-east-1:${TEST_ACCOUNT}:instance/i-2`,
        ]);
        expect(outcomes[1]?.message).toContain('no user data');
        expect(outcomes[0]?.evidence).toMatchObject({ userDataEncoding: 'text', secretKinds: [], secretLocations: [] });
      },
    },
  ],
  fail: [
    {
      name: 'AWS keys in a boot script are critical',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-3', severity: 'critical' }],
      slices: slices({
        ec2UserDataSecrets: [
          region('us-east-1', [
            scanned(
              'i-3',
              scanOf([
                { kind: 'aws-access-key-id', line: 3, part: null },
                { kind: 'aws-secret-access-key', line: 4, part: null },
              ]),
            ),
          ]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]).toMatchObject({ status: 'fail', severity: 'critical' });
        expect(outcomes[0]?.evidence).toMatchObject({
          secretKinds: ['aws-access-key-id', 'aws-secret-access-key'],
          secretLocations: ['aws-access-key-id at line 3', 'aws-secret-access-key at line 4'],
        });
        expect(outcomes[0]?.message).toContain('2 secrets');
      },
    },
    {
      name: 'a database password in a MIME part is high',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-4' }],
      slices: slices({ ec2UserDataSecrets: [region('eu-west-1', [scanned('i-4', scanOf([{ kind: 'password-assignment', line: 7, part: 2 }], 'mime-multipart'), 'eu-west-1')])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.status).toBe('fail');
        expect(outcomes[0]?.severity).toBeUndefined();
        expect(outcomes[0]?.evidence['secretLocations']).toEqual(['password-assignment at part 2 line 7']);
      },
    },
    {
      name: 'a private key block is critical',
      expected: [{ status: 'fail', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-5', severity: 'critical' }],
      slices: slices({ ec2UserDataSecrets: [region('us-east-1', [scanned('i-5', scanOf([{ kind: 'private-key', line: 12, part: null }], 'gzip'))])] }),
      assert: (outcomes) => expect(outcomes[0]?.severity).toBe('critical'),
    },
  ],
  unknown: [
    {
      name: 'DescribeInstanceAttribute denied for one instance',
      expected: [
        { status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-6' },
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-7' },
      ],
      slices: slices({
        ec2UserDataSecrets: [region('us-east-1', [scanned('i-6', failed('UnauthorizedOperation', 'ec2:DescribeInstanceAttribute')), scanned('i-7', scanOf([]))])],
      }),
      assert: (outcomes) => {
        expect(outcomes.map((o) => o.status)).toEqual(['unknown', 'pass']);
        expect(outcomes[0]?.evidence['missingAction']).toBe('ec2:DescribeInstanceAttribute');
      },
    },
    {
      name: 'user data that cannot be decoded is unknown, not clean',
      expected: [{ status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-8' }],
      slices: slices({ ec2UserDataSecrets: [region('us-east-1', [scanned('i-8', failed('UndecodableUserData', undefined, 'the user data could not be decoded for scanning (gzip: Z_DATA_ERROR)'))])] }),
    },
    {
      name: 'instances beyond the budget are unknown',
      expected: [
        { status: 'pass', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/i-9' },
        { status: 'unknown', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*', qualifier: 'not-read' },
      ],
      slices: slices({ ec2UserDataSecrets: [region('us-east-1', [scanned('i-9', scanOf([]))], 3)] }),
      assert: (outcomes) => {
        expect(outcomes[1]).toMatchObject({ status: 'unknown', qualifier: 'not-read' });
        expect(outcomes[1]?.evidence).toEqual({ instancesNotRead: 3 });
        expect(outcomes[1]?.message).toContain('--max-user-data-calls');
      },
    },
    { name: 'instance listing failed in the region', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root', qualifier: 'region:us-east-1' }], slices: slices({ ec2UserDataSecrets: [{ region: 'us-east-1', result: failed('UnauthorizedOperation', 'ec2:DescribeInstances') }] }) },
    { name: 'slice not collected', expected: [{ status: 'unknown', resource: 'arn:aws:iam::123456789012:root' }], slices: {} },
  ],
  notApplicable: [
    {
      name: 'no instance',
      expected: [{ status: 'not_applicable', resource: 'arn:aws:iam::123456789012:root' }],
      slices: slices({ ec2UserDataSecrets: [region('us-east-1', [])] }),
    },
  ],
});
