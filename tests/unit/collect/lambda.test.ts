import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { LambdaClient, LambdaServiceException, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { lambdaEnvironmentSecretsCollector } from '../../../src/collect/lambda.js';
import { scanEnvironmentVariables } from '../../../src/collect/environment-scan.js';
import { lambdaEnvironmentSecretsSchema, SLICES } from '../../../src/inventory/schema.js';
import { buildCollectContext, okData, regionResult, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

/** Planted values: none may leave the collector. */
const PLANTED = {
  keyId: 'AKIAZZPLANTEDLAMBDA1',
  secretKey: 'pLaNtEdLaMbDaSeCrEtKeY000000000000000001',
  password: 'Planted-Lambda-Passw0rd',
  token: 'xoxb-planted-slack-token-0001',
};

function lambdaError(name: string, httpStatusCode: number, attempts = 1): LambdaServiceException {
  return new LambdaServiceException({ name, $fault: httpStatusCode >= 500 ? 'server' : 'client', $metadata: { httpStatusCode, attempts }, message: name });
}

function fn(name: string, variables: Record<string, string> | undefined, extra: Partial<FunctionConfiguration> = {}): FunctionConfiguration {
  return {
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT_ID}:function:${name}`,
    Runtime: 'nodejs20.x',
    Version: '$LATEST',
    ...(variables === undefined ? {} : { Environment: { Variables: variables } }),
    ...extra,
  };
}

describe('scanEnvironmentVariables', () => {
  it('finds keys, passwords and tokens by variable name and kind, never by value', () => {
    const matches = scanEnvironmentVariables({
      PARTNER_AWS_ACCESS_KEY: PLANTED.keyId,
      PARTNER_AWS_SECRET_ACCESS_KEY: PLANTED.secretKey,
      DB_PASSWORD: PLANTED.password,
      SLACK_BOT_TOKEN: PLANTED.token,
      SIGNING_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIEplanted\n-----END RSA PRIVATE KEY-----',
    });
    expect(matches).toEqual([
      { variable: 'DB_PASSWORD', kind: 'password-assignment', rule: 'value' },
      { variable: 'PARTNER_AWS_ACCESS_KEY', kind: 'aws-access-key-id', rule: 'value' },
      { variable: 'PARTNER_AWS_SECRET_ACCESS_KEY', kind: 'aws-secret-access-key', rule: 'value' },
      { variable: 'SIGNING_KEY', kind: 'private-key', rule: 'value' },
      { variable: 'SLACK_BOT_TOKEN', kind: 'token-assignment', rule: 'value' },
    ]);
    expect(JSON.stringify(matches)).not.toMatch(/PLANTED|Planted|AKIA|xoxb|MIIE/i);
  });

  it('counts a …SECRET_ACCESS_KEY variable by its name whatever its value looks like', () => {
    expect(scanEnvironmentVariables({ LEGACY_SECRET_ACCESS_KEY: 'short-but-real' })).toEqual([
      { variable: 'LEGACY_SECRET_ACCESS_KEY', kind: 'aws-secret-access-key', rule: 'name' },
    ]);
  });

  it.each([
    ['a Secrets Manager ARN under a password-like name', { DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf' }],
    ['an ARN value under a password name', { DB_PASSWORD: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-AbCdEf' }],
    ['an SSM parameter ARN under a secret-access-key name', { PARTNER_SECRET_ACCESS_KEY: 'arn:aws:ssm:us-east-1:123456789012:parameter/partner/key' }],
    ['names of secrets', { SECRET_NAME: 'prod/api', TOKEN_SECRET_ID: 'prod/token' }],
    ['switches and numbers', { PARAMETERS_SECRETS_EXTENSION_CACHE_ENABLED: 'true', SECRETS_EXTENSION_HTTP_PORT: '2773', TOKEN_TTL: '3600' }],
    ['URLs, headers and lengths', { AUTH_TOKEN_URL: 'https://auth.example.com/token', API_KEY_HEADER: 'x-api-key', PASSWORD_MIN_LENGTH: '12' }],
    ['an empty value', { DB_PASSWORD: '' }],
    ['ordinary configuration', { LOG_LEVEL: 'info', NODE_OPTIONS: '--enable-source-maps', TABLE: 'orders', AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' }],
    ['a CloudFormation dynamic reference', { DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}' }],
  ])('does not flag %s', (_name, variables) => {
    expect(scanEnvironmentVariables(variables)).toEqual([]);
  });
});

describe('lambdaEnvironmentSecretsCollector (mocked SDK)', () => {
  let lambda: AwsClientStub<LambdaClient>;
  beforeAll(() => {
    lambda = mockClient(LambdaClient);
  });
  afterAll(() => lambda.restore());
  beforeEach(() => lambda.reset());

  it('sends only the slice\'s action, follows NextMarker with every version, and keeps names and kinds only', async () => {
    lambda
      .on(ListFunctionsCommand)
      .resolvesOnce({ Functions: [fn('leaky', { DB_PASSWORD: PLANTED.password, PARTNER_AWS_ACCESS_KEY: PLANTED.keyId, LOG_LEVEL: 'info' })], NextMarker: 'page-2' })
      .resolvesOnce({
        Functions: [
          fn('clean', { TABLE: 'orders' }),
          fn('bare', undefined),
          fn('leaky', { SLACK_BOT_TOKEN: PLANTED.token }, { Version: '2', FunctionArn: `arn:aws:lambda:us-east-1:${TEST_ACCOUNT_ID}:function:leaky:2` }),
        ],
        NextMarker: '',
      });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const result = await lambdaEnvironmentSecretsCollector.collect(context);

    expect(SLICES.lambdaEnvironmentSecrets.actions).toEqual(['lambda:ListFunctions']);
    expect(lambda.calls().every((call) => call.args[0] instanceof ListFunctionsCommand)).toBe(true);
    expect(lambda.commandCalls(ListFunctionsCommand).map((c) => c.args[0].input)).toEqual([{ FunctionVersion: 'ALL' }, { FunctionVersion: 'ALL', Marker: 'page-2' }]);
    expect(lambdaEnvironmentSecretsSchema.safeParse(result).success).toBe(true);
    const functions = okData(regionResult(result, 'us-east-1')).functions;
    const base = `arn:aws:lambda:us-east-1:${TEST_ACCOUNT_ID}:function`;
    expect(functions.map((f) => [f.arn, f.version, f.environment.ok ? f.environment.data : f.environment.error])).toEqual([
      [`${base}:bare`, '$LATEST', { variableCount: 0, matches: [] }],
      [`${base}:clean`, '$LATEST', { variableCount: 1, matches: [] }],
      [
        `${base}:leaky`,
        '$LATEST',
        {
          variableCount: 3,
          matches: [
            { variable: 'DB_PASSWORD', kind: 'password-assignment', rule: 'value' },
            { variable: 'PARTNER_AWS_ACCESS_KEY', kind: 'aws-access-key-id', rule: 'value' },
          ],
        },
      ],
      [`${base}:leaky:2`, '2', { variableCount: 1, matches: [{ variable: 'SLACK_BOT_TOKEN', kind: 'token-assignment', rule: 'value' }] }],
    ]);
    const serialised = JSON.stringify(result);
    for (const value of Object.values(PLANTED)) expect(serialised).not.toContain(value);
  });

  it('records Environment.Error as that function\'s failure, naming the key it needs', async () => {
    const key = `arn:aws:kms:us-east-1:${TEST_ACCOUNT_ID}:key/1234abcd`;
    lambda.on(ListFunctionsCommand).resolves({
      Functions: [fn('ledger', undefined, { KMSKeyArn: key, Environment: { Error: { ErrorCode: 'AccessDeniedException', Message: 'Lambda was unable to decrypt the environment variables because KMS access was denied.' } } })],
    });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const [ledger] = okData(regionResult(await lambdaEnvironmentSecretsCollector.collect(context), 'us-east-1')).functions;

    expect(ledger?.kmsKeyArn).toBe(key);
    expect(ledger?.environment).toMatchObject({ ok: false, error: { code: 'AccessDeniedException' } });
    expect(ledger?.environment.ok === false && ledger.environment.error.message).toContain(`needs kms:Decrypt on ${key}`);
  });

  it('fails only the region that was refused or throttled past retries', async () => {
    lambda.on(ListFunctionsCommand).callsFake(async (_input, getClient) => {
      const name = await getClient().config.region();
      if (name === 'eu-west-1') throw lambdaError('AccessDeniedException', 403);
      if (name === 'ap-south-1') throw lambdaError('TooManyRequestsException', 429, 3);
      return { Functions: [fn('api', { LOG_LEVEL: 'info' })] };
    });
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1', 'ap-south-1'] });

    const result = await lambdaEnvironmentSecretsCollector.collect(context);

    expect(regionResult(result, 'eu-west-1')).toEqual({
      ok: false,
      error: { code: 'AccessDeniedException', message: 'access denied: the scanning identity lacks lambda:ListFunctions', action: 'lambda:ListFunctions' },
    });
    expect(regionResult(result, 'ap-south-1')).toEqual({
      ok: false,
      error: { code: 'TooManyRequestsException', message: 'throttled by AWS after all retries (lambda:ListFunctions)', action: 'lambda:ListFunctions' },
    });
    expect(okData(regionResult(result, 'us-east-1')).functions).toHaveLength(1);
  });
});
