/**
 * Compute and AI services against moto: secrets in Lambda environment variables (SCARLETEEL), EKS
 * API endpoints open to the internet, and Bedrock model invocation logging. Each scenario provisions
 * its own account with the AWS SDK and runs the built CLI against it.
 */
import { BedrockClient, PutModelInvocationLoggingConfigurationCommand } from '@aws-sdk/client-bedrock';
import { CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand, EKSClient, type CreateClusterCommandInput } from '@aws-sdk/client-eks';
import { CreateFunctionCommand, LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { e2eServer, findResult, HOME_REGION, reportOf, Scenario, SECOND_REGION, type ScanOutcome } from './harness.js';

const server = e2eServer();

/** The smallest valid zip archive (an empty one): moto stores and hashes the code, it never runs it here. */
const EMPTY_ZIP = Uint8Array.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

const LAMBDA_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

describe.skipIf(!server.available)('Lambda environment variables: planted secrets are found by variable name, never copied', () => {
  const CHECK = 'lambda-environment-secrets';
  /** Fake credentials shaped like real ones. */
  const PLANTED = {
    accessKeyId: 'AKIAE2ELAMBDAPLANT7Q',
    secretAccessKey: 'wJalrE2eLambdaPlantedSecretDoNotLeak0123',
    password: 'Planted-Lambda-Pa55word',
  };
  let scenario: Scenario;
  let lambda: LambdaClient;
  let outcome: ScanOutcome;
  let report: Report;
  const arnOf = (name: string, version?: string) => `arn:aws:lambda:${HOME_REGION}:${scenario.accountId}:function:${name}${version === undefined ? '' : `:${version}`}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'lambda-environment-secrets');
    lambda = new LambdaClient({ region: HOME_REGION, endpoint: server.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
    const role = await scenario.iam.send(new CreateRoleCommand({ RoleName: 'fn-exec', AssumeRolePolicyDocument: LAMBDA_TRUST_POLICY }));
    const create = (name: string, variables: Record<string, string>, publish = false) =>
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: name,
          Runtime: 'python3.12',
          Role: role.Role?.Arn ?? '',
          Handler: 'index.handler',
          Code: { ZipFile: EMPTY_ZIP },
          Publish: publish,
          Environment: { Variables: variables },
        }),
      );
    await Promise.all([
      create('partner-sync', { PARTNER_AWS_ACCESS_KEY: PLANTED.accessKeyId, PARTNER_AWS_SECRET_ACCESS_KEY: PLANTED.secretAccessKey, LOG_LEVEL: 'info' }),
      create('reports', { DB_PASSWORD_SECRET_ARN: `arn:aws:secretsmanager:${HOME_REGION}:${scenario.accountId}:secret:prod/db-AbCdEf`, LOG_LEVEL: 'info' }),
      // Version 1 is published with the password; $LATEST is then cleaned, but the version keeps it.
      create('orders', { DB_PASSWORD: PLANTED.password, TABLE: 'orders' }, true),
    ]);
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'orders', Environment: { Variables: { DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:x', TABLE: 'orders' } } }));
    outcome = await scenario.scan(['--region', HOME_REGION, '--checks', CHECK]);
    report = reportOf(outcome);
  });
  afterAll(() => {
    lambda?.destroy();
    scenario?.destroy();
  });

  it('fails a function holding an AWS key pair at critical severity, naming the variables', () => {
    const result = findResult(report, CHECK, arnOf('partner-sync'));
    expect(result).toMatchObject({ status: 'fail', severity: 'critical' });
    expect(result.evidence).toMatchObject({
      secretKinds: ['aws-access-key-id', 'aws-secret-access-key'],
      secretVariables: ['PARTNER_AWS_ACCESS_KEY', 'PARTNER_AWS_SECRET_ACCESS_KEY'],
    });
    expect(result.incidents.map((incident) => incident.id)).toContain('sysdig-2023-02');
  });

  it('fails the published version that still holds a password, and passes the cleaned $LATEST and a reference to Secrets Manager', () => {
    expect(findResult(report, CHECK, arnOf('orders', '1'))).toMatchObject({ status: 'fail', severity: 'high' });
    expect(findResult(report, CHECK, arnOf('orders')).status).toBe('pass');
    expect(findResult(report, CHECK, arnOf('reports'))).toMatchObject({ status: 'pass', evidence: { variableCount: 2, secretKinds: [] } });
  });

  it('reads every function with one ListFunctions listing and puts no planted value in the report', () => {
    expect(outcome.stderr).not.toContain(PLANTED.secretAccessKey);
    for (const value of Object.values(PLANTED)) expect(outcome.stdout).not.toContain(value);
    const calls = report.stats.calls.filter((stat) => stat.service === 'lambda');
    expect(calls.map((stat) => [stat.operation, stat.calls])).toEqual([['ListFunctions', 1]]);
  });
});

describe.skipIf(!server.available)('EKS API endpoints: open to the internet, restricted, private', () => {
  const CHECK = 'eks-cluster-endpoint-public';
  let scenario: Scenario;
  let eks: EKSClient;
  let report: Report;
  const arnOf = (name: string) => `arn:aws:eks:${HOME_REGION}:${scenario.accountId}:cluster/${name}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'eks-cluster-endpoint-public');
    eks = new EKSClient({ region: HOME_REGION, endpoint: server.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
    const create = (name: string, resourcesVpcConfig: CreateClusterCommandInput['resourcesVpcConfig']) =>
      eks.send(new CreateClusterCommand({ name, roleArn: `arn:aws:iam::${scenario.accountId}:role/eks-cluster`, resourcesVpcConfig }));
    await Promise.all([
      create('world', { subnetIds: ['subnet-1', 'subnet-2'], endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] }),
      create('halves', { subnetIds: ['subnet-1', 'subnet-2'], endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/1', '128.0.0.0/1'] }),
      create('office', { subnetIds: ['subnet-1', 'subnet-2'], endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.10/32'] }),
      create('private', { subnetIds: ['subnet-1', 'subnet-2'], endpointPublicAccess: false, endpointPrivateAccess: true }),
    ]);
    report = reportOf(await scenario.scan(['--region', HOME_REGION, '--checks', CHECK]));
  });
  afterAll(() => {
    eks?.destroy();
    scenario?.destroy();
  });

  it('fails a cluster open to 0.0.0.0/0 and one open to both halves of the internet', () => {
    expect(findResult(report, CHECK, arnOf('world'))).toMatchObject({ status: 'fail', severity: 'high', evidence: { openToInternet: ['IPv4'] } });
    expect(findResult(report, CHECK, arnOf('halves'))).toMatchObject({ status: 'fail', severity: 'high', evidence: { publicAccessCidrs: ['0.0.0.0/1', '128.0.0.0/1'] } });
    expect(findResult(report, CHECK, arnOf('world')).incidents.map((incident) => incident.id)).toContain('tesla-2018-02');
  });

  it('passes a public endpoint restricted to one address and a private one', () => {
    expect(findResult(report, CHECK, arnOf('office'))).toMatchObject({ status: 'pass', evidence: { publicAccessCidrs: ['203.0.113.10/32'] } });
    expect(findResult(report, CHECK, arnOf('private'))).toMatchObject({ status: 'pass', evidence: { endpointPublicAccess: false } });
  });

  it('lists the clusters once and describes each once', () => {
    const calls = Object.fromEntries(report.stats.calls.filter((stat) => stat.service === 'eks').map((stat) => [stat.operation, stat.calls]));
    expect(calls).toEqual({ ListClusters: 1, DescribeCluster: 4 });
  });
});

describe.skipIf(!server.available)('Bedrock model invocation logging, judged against who may invoke every model', () => {
  const CHECK = 'bedrock-invocation-logging';
  let scenario: Scenario;
  let bedrock: BedrockClient;
  let report: Report;
  const regionResult = (region: string) => findResult(report, CHECK, `arn:aws:iam::${scenario.accountId}:root`, `region:${region}`);

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'bedrock-invocation-logging');
    await scenario.iam.send(new CreateUserCommand({ UserName: 'genai-prototype' }));
    await scenario.iam.send(
      new PutUserPolicyCommand({
        UserName: 'genai-prototype',
        PolicyName: 'invoke-anything',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel*', Resource: '*' }] }),
      }),
    );
    // Logging is on in the second region only.
    bedrock = new BedrockClient({ region: SECOND_REGION, endpoint: server.endpoint, credentials: scenario.credentials, maxAttempts: 2 });
    await bedrock.send(
      new PutModelInvocationLoggingConfigurationCommand({
        loggingConfig: { cloudWatchConfig: { logGroupName: '/bedrock/invocations', roleArn: `arn:aws:iam::${scenario.accountId}:role/BedrockLogging` }, textDataDeliveryEnabled: true },
      }),
    );
    report = reportOf(await scenario.scan(['--region', `${HOME_REGION},${SECOND_REGION}`, '--checks', CHECK]));
  });
  afterAll(() => {
    bedrock?.destroy();
    scenario?.destroy();
  });

  it('fails the region without logging, naming the user that may invoke every model', () => {
    const result = regionResult(HOME_REGION);
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ loggingEnabled: false, principalsInvokingAnyModel: [`arn:aws:iam::${scenario.accountId}:user/genai-prototype`] });
    expect(result.incidents.map((incident) => incident.id)).toContain('lacework-2024-06');
  });

  it('passes the region where logging goes to CloudWatch Logs', () => {
    expect(regionResult(SECOND_REGION)).toMatchObject({ status: 'pass', evidence: { loggingEnabled: true, cloudWatchLogGroup: '/bedrock/invocations', dataDelivery: ['text'] } });
  });
});
