/**
 * identityAllows: one capability (an action on every resource of a template) judged with the same
 * evaluation logic as admin, data-wide and escalation grants, admin statements included.
 */
import { describe, expect, it } from 'vitest';
import { identityAllows, type IdentityPolicies } from '../../../src/policy/iam.js';
import type { EscalationStep } from '../../../src/policy/escalation-paths.js';

const INVOKE_US_EAST_1: EscalationStep = { anyOf: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], on: 'arn:aws:bedrock:us-east-1::foundation-model/*' };

function identity(statements: object[], boundary?: object[]): IdentityPolicies {
  return {
    partition: 'aws',
    account: '123456789012',
    policies: statements.map((statement, index) => ({ source: `inline:p${index}`, document: { Version: '2012-10-17', Statement: [statement] } })),
    missing: [],
    unreadable: [],
    boundary: boundary === undefined ? null : { source: 'arn:aws:iam::123456789012:policy/boundary', document: { Version: '2012-10-17', Statement: boundary } },
    boundaryGap: null,
  };
}

describe('identityAllows', () => {
  it.each([
    ['Resource *', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }], 'unconditional'],
    ['an admin statement', [{ Effect: 'Allow', Action: '*', Resource: '*' }], 'unconditional'],
    ['a wildcard action on every region\'s models', [{ Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: 'arn:aws:bedrock:*::foundation-model/*' }], 'unconditional'],
    ['the streaming action alone', [{ Effect: 'Allow', Action: 'bedrock:InvokeModelWithResponseStream', Resource: '*' }], 'unconditional'],
    ['NotAction that leaves bedrock in', [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }], 'unconditional'],
    ['a source-IP condition', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }], 'conditional'],
    ['one model only', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-lite-v1' }], 'no'],
    ['another region\'s models', [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:eu-west-1::foundation-model/*' }], 'no'],
    ['admin with a Deny on bedrock', [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: 'bedrock:*', Resource: '*' }], 'no'],
    ['read-only Bedrock', [{ Effect: 'Allow', Action: ['bedrock:List*', 'bedrock:Get*'], Resource: '*' }], 'no'],
  ] as const)('%s → %s', (_name, statements, expected) => {
    expect(identityAllows(identity([...statements]), INVOKE_US_EAST_1)).toBe(expected);
  });

  it('applies the permissions boundary', () => {
    const admin = [{ Effect: 'Allow', Action: '*', Resource: '*' }];
    expect(identityAllows(identity(admin, [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]), INVOKE_US_EAST_1)).toBe('no');
    expect(identityAllows(identity(admin, [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }]), INVOKE_US_EAST_1)).toBe('unconditional');
  });
});
