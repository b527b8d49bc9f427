import { expect } from 'vitest';
import check from '../../../src/checks/bedrock/bedrock-invocation-logging.js';
import type { AuthorizationDetails, BedrockInvocationLogging, IamRole, IamUser } from '../../../src/inventory/schema.js';
import { checkTester, failed, ok, slices, TEST_ACCOUNT } from '../../helpers/check-tester.js';

const ACCOUNT_ARN = `arn:aws:iam::${TEST_ACCOUNT}:root`;
type RegionData = Extract<BedrockInvocationLogging[number]['result'], { ok: true }>['data'];
const OFF: RegionData = { logging: null, notOffered: null };
const ON: RegionData = { logging: { cloudWatchLogGroup: '/bedrock/invocations', s3Destination: null, dataDelivery: ['text'] }, notOffered: null };

function regions(...entries: [string, RegionData][]): BedrockInvocationLogging {
  return entries.map(([region, data]) => ({ region, result: ok(data) }));
}

const policy = (statement: object) => ({ Version: '2012-10-17', Statement: [statement] });

function user(name: string, statements: object[], extra: Partial<IamUser> = {}): IamUser {
  return {
    name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:user/${name}`,
    id: `AIDA${name.toUpperCase()}`,
    createDate: null,
    groups: [],
    attachedPolicies: [],
    inlinePolicies: statements.map((statement, index) => ({ name: `p${index}`, document: policy(statement) })),
    permissionsBoundaryArn: null,
    ...extra,
  };
}

function role(name: string, statements: object[], path = '/'): IamRole {
  return {
    name,
    arn: `arn:aws:iam::${TEST_ACCOUNT}:role${path}${name}`,
    id: `AROA${name.toUpperCase()}`,
    path,
    createDate: null,
    assumeRolePolicy: policy({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    attachedPolicies: [],
    inlinePolicies: statements.map((statement, index) => ({ name: `p${index}`, document: policy(statement) })),
    permissionsBoundaryArn: null,
  };
}

function details(users: IamUser[], roles: IamRole[] = [], policies: AuthorizationDetails['policies'] = []): AuthorizationDetails {
  return { users, groups: [], roles, instanceProfiles: [], policies };
}

const INVOKE_ALL = { Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' };
const READ_ONLY = { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::reports/*' };

checkTester(check, {
  pass: [
    {
      name: 'logging is on, whoever may invoke',
      expected: [{ status: 'pass', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' }],
      slices: slices({ bedrockInvocationLogging: regions(['us-east-1', ON]), authorizationDetails: details([user('ml-app', [INVOKE_ALL])]) }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('CloudWatch Logs /bedrock/invocations');
        expect(outcomes[0]?.evidence).toMatchObject({ loggingEnabled: true, dataDelivery: ['text'] });
      },
    },
    {
      name: 'logging is off but grants name specific models only, or other services',
      expected: [{ status: 'pass', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' }],
      slices: slices({
        bedrockInvocationLogging: regions(['us-east-1', OFF]),
        authorizationDetails: details([
          user('chatbot', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0' }]),
          user('analyst', [READ_ONLY]),
        ]),
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence).toMatchObject({ loggingEnabled: false, principalsInvokingAnyModel: [] });
      },
    },
    {
      name: 'a Deny on bedrock:* removes an admin\'s invoke right; service-linked roles are not principals',
      expected: [{ status: 'pass', resource: ACCOUNT_ARN, qualifier: 'region:eu-west-1' }],
      slices: slices({
        bedrockInvocationLogging: regions(['eu-west-1', OFF]),
        authorizationDetails: details(
          [user('admin', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }])],
          [role('AWSServiceRoleForSomething', [INVOKE_ALL], '/aws-service-role/bedrock.amazonaws.com/')],
        ),
      }),
    },
  ],
  fail: [
    {
      name: 'logging off where a key user may invoke every model (Resource *)',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' }],
      slices: slices({ bedrockInvocationLogging: regions(['us-east-1', OFF]), authorizationDetails: details([user('ml-app', [INVOKE_ALL]), user('analyst', [READ_ONLY])]) }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('1 principal may invoke every foundation model');
        expect(outcomes[0]?.evidence).toMatchObject({ principalsInvokingAnyModel: [`arn:aws:iam::${TEST_ACCOUNT}:user/ml-app`] });
      },
    },
    {
      name: 'admin, bedrock:Invoke* and a foundation-model wildcard in every region all count; only the logged-off region fails',
      expected: [
        { status: 'fail', resource: ACCOUNT_ARN, qualifier: 'region:eu-west-1' },
        { status: 'pass', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' },
      ],
      slices: slices({
        bedrockInvocationLogging: regions(['eu-west-1', OFF], ['us-east-1', ON]),
        authorizationDetails: details(
          [user('admin', [{ Effect: 'Allow', Action: '*', Resource: '*' }])],
          [
            role('streamer', [{ Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: 'arn:aws:bedrock:*::foundation-model/*' }]),
            role('notebook', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]),
          ],
        ),
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.evidence['principalsInvokingAnyModel']).toEqual([
          `arn:aws:iam::${TEST_ACCOUNT}:user/admin`,
          `arn:aws:iam::${TEST_ACCOUNT}:role/streamer`,
          `arn:aws:iam::${TEST_ACCOUNT}:role/notebook`,
        ]);
      },
    },
    {
      name: 'a grant under an undecidable condition is a low finding',
      expected: [{ status: 'fail', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1', severity: 'low' }],
      slices: slices({
        bedrockInvocationLogging: regions(['us-east-1', OFF]),
        authorizationDetails: details([user('office', [{ ...INVOKE_ALL, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }])]),
      }),
    },
    {
      name: 'a grant on one region\'s models fails that region only',
      expected: [
        { status: 'pass', resource: ACCOUNT_ARN, qualifier: 'region:eu-west-1' },
        { status: 'fail', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' },
      ],
      slices: slices({
        bedrockInvocationLogging: regions(['eu-west-1', OFF], ['us-east-1', OFF]),
        authorizationDetails: details([user('us-only', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*' }])]),
      }),
    },
  ],
  unknown: [
    {
      name: 'a region whose configuration was refused',
      expected: [
        { status: 'unknown', resource: ACCOUNT_ARN, qualifier: 'region:eu-west-1' },
        { status: 'fail', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' },
      ],
      slices: slices({
        bedrockInvocationLogging: [
          { region: 'eu-west-1', result: failed('AccessDeniedException', 'bedrock:GetModelInvocationLoggingConfiguration') },
          { region: 'us-east-1', result: ok(OFF) },
        ],
        authorizationDetails: details([user('ml-app', [INVOKE_ALL])]),
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('bedrock:GetModelInvocationLoggingConfiguration');
      },
    },
    {
      name: 'logging off and a policy that could not be read: no invoker is proven absent',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN, qualifier: 'region:us-east-1' }],
      slices: slices({
        bedrockInvocationLogging: regions(['us-east-1', OFF]),
        authorizationDetails: details([user('mystery', [], { attachedPolicies: [{ name: 'Gone', arn: `arn:aws:iam::${TEST_ACCOUNT}:policy/Gone` }] })]),
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('policy/Gone');
      },
    },
    {
      name: 'the IAM authorization details are missing',
      expected: [{ status: 'unknown', resource: ACCOUNT_ARN }],
      slices: { bedrockInvocationLogging: ok(regions(['us-east-1', OFF])), authorizationDetails: failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
    },
  ],
  notApplicable: [
    {
      name: 'a region without a Bedrock endpoint',
      expected: [{ status: 'not_applicable', resource: ACCOUNT_ARN, qualifier: 'region:ap-southeast-5' }],
      slices: slices({
        bedrockInvocationLogging: regions(['ap-southeast-5', { logging: null, notOffered: 'bedrock.ap-southeast-5.amazonaws.com does not resolve: Amazon Bedrock has no endpoint in ap-southeast-5' }]),
        authorizationDetails: details([user('ml-app', [INVOKE_ALL])]),
      }),
      assert: (outcomes) => {
        expect(outcomes[0]?.message).toContain('not offered in ap-southeast-5');
      },
    },
  ],
});
