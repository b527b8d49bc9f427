import { expect } from 'vitest';
import check from '../../../src/checks/lambda/lambda-environment-secrets.js';
import type { Collected, LambdaEnvironmentMatch } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

type Environment = Collected<{ variableCount: number; matches: LambdaEnvironmentMatch[] }>;

const arnOf = (name: string, region = 'us-east-1', version?: string) =>
  `arn:aws:lambda:${region}:${TEST_ACCOUNT}:function:${name}${version === undefined ? '' : `:${version}`}`;

function fn(name: string, environment: Environment, options: { region?: string; version?: string; kmsKeyArn?: string } = {}) {
  return {
    name,
    arn: arnOf(name, options.region, options.version),
    version: options.version ?? '$LATEST',
    runtime: 'python3.12',
    kmsKeyArn: options.kmsKeyArn ?? null,
    environment,
  };
}

const env = (variableCount: number, matches: LambdaEnvironmentMatch[] = []): Environment => ok({ variableCount, matches });

function region(name: string, functions: ReturnType<typeof fn>[]) {
  return { region: name, result: ok({ functions }) };
}

checkTester(check, {
  pass: [
    {
      name: 'variables without secrets, and a function without variables',
      expected: [
        { status: 'pass', resource: arnOf('api') },
        { status: 'pass', resource: arnOf('cron') },
      ],
      slices: slices({ lambdaEnvironmentSecrets: [region('us-east-1', [fn('api', env(4)), fn('cron', env(0))])] }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('4 environment variables');
        expect(outcomes[1]?.message).toContain('has no environment variables');
        expect(outcomes[0]?.evidence).toMatchObject({ variableCount: 4, secretKinds: [], secretVariables: [] });
      },
    },
  ],
  fail: [
    {
      name: 'an AWS key pair in the variables is critical',
      expected: [{ status: 'fail', resource: arnOf('billing-sync'), severity: 'critical' }],
      slices: slices({
        lambdaEnvironmentSecrets: [
          region('us-east-1', [
            fn(
              'billing-sync',
              env(5, [
                { variable: 'PARTNER_AWS_ACCESS_KEY', kind: 'aws-access-key-id', rule: 'value' },
                { variable: 'PARTNER_AWS_SECRET_ACCESS_KEY', kind: 'aws-secret-access-key', rule: 'name' },
              ]),
            ),
          ]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.severityReason).toContain('aws-access-key-id, aws-secret-access-key');
        expect(outcomes[0]?.evidence).toMatchObject({
          secretVariables: ['PARTNER_AWS_ACCESS_KEY', 'PARTNER_AWS_SECRET_ACCESS_KEY'],
          secretLocations: ['aws-access-key-id in PARTNER_AWS_ACCESS_KEY', 'aws-secret-access-key in PARTNER_AWS_SECRET_ACCESS_KEY (by its name)'],
        });
        expect(outcomes[0]?.message).toContain('2 secrets');
      },
    },
    {
      name: 'a database password is high, and an old published version still holding it fails too',
      expected: [
        { status: 'fail', resource: arnOf('orders') },
        { status: 'fail', resource: arnOf('orders', 'eu-west-1', '3') },
        { status: 'pass', resource: arnOf('orders', 'eu-west-1') },
      ],
      slices: slices({
        lambdaEnvironmentSecrets: [
          region('us-east-1', [fn('orders', env(2, [{ variable: 'DB_PASSWORD', kind: 'password-assignment', rule: 'value' }]))]),
          region('eu-west-1', [
            fn('orders', env(2, [{ variable: 'DB_PASSWORD', kind: 'password-assignment', rule: 'value' }]), { region: 'eu-west-1', version: '3' }),
            fn('orders', env(2), { region: 'eu-west-1' }),
          ]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('a secret (password-assignment in DB_PASSWORD)');
        expect(outcomes[1]?.message).toContain('function orders version 3');
        expect(outcomes[1]?.region).toBe('eu-west-1');
      },
    },
  ],
  unknown: [
    {
      name: 'Lambda returned an environment error instead of the variables (customer managed key)',
      expected: [
        { status: 'unknown', resource: arnOf('ledger') },
        { status: 'pass', resource: arnOf('api') },
      ],
      slices: slices({
        lambdaEnvironmentSecrets: [
          region('us-east-1', [
            fn(
              'ledger',
              { ok: false, error: { code: 'AccessDeniedException', message: 'Lambda did not return the environment variables (AccessDeniedException: …); reading them needs kms:Decrypt on arn:aws:kms:us-east-1:123456789012:key/k1' } },
              { kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k1' },
            ),
            fn('api', env(1)),
          ]),
        ],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('kms:Decrypt');
        expect(outcomes[0]?.evidence).toMatchObject({ errorCode: 'AccessDeniedException', kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/k1' });
      },
    },
    {
      name: 'a region whose ListFunctions was refused is unknown, the other is judged',
      expected: [
        { status: 'unknown', resource: `arn:aws:iam::${TEST_ACCOUNT}:root`, qualifier: 'region:eu-west-1' },
        { status: 'pass', resource: arnOf('api') },
      ],
      slices: slices({
        lambdaEnvironmentSecrets: [{ region: 'eu-west-1', result: failed('AccessDeniedException', 'lambda:ListFunctions') }, region('us-east-1', [fn('api', env(1))])],
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('lambda:ListFunctions');
      },
    },
    {
      name: 'the whole slice missing is unknown',
      expected: [{ status: 'unknown', resource: `arn:aws:iam::${TEST_ACCOUNT}:root` }],
      slices: { lambdaEnvironmentSecrets: failed('AccessDeniedException', 'lambda:ListFunctions') },
    },
  ],
  notApplicable: [
    {
      name: 'no function in any region',
      expected: [{ status: 'not_applicable', resource: `arn:aws:iam::${TEST_ACCOUNT}:root` }],
      slices: slices({ lambdaEnvironmentSecrets: [region('us-east-1', []), region('eu-west-1', [])] }),
    },
  ],
});
