import { describe, expect, it } from 'vitest';
import { externalTrust } from '../../../src/paths/trust.js';

const ROLE = 'arn:aws:iam::111122223333:role/r';
const trust = (statement: object) => ({ arn: ROLE, assumeRolePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }] } });

describe('externalTrust (the fallback when the report has no role-trust result)', () => {
  it.each([
    ['"*" with no condition', { Principal: '*' }, ['*']],
    ['"*" pinned to the organization', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }, []],
    ['"*" pinned to another account', { Principal: { AWS: '*' }, Condition: { StringEquals: { 'aws:PrincipalAccount': '999988887777' } } }, ['account 999988887777']],
    ['another account, even with an external id', { Principal: { AWS: '999988887777' }, Condition: { StringEquals: { 'sts:ExternalId': 'x' } } }, ['account 999988887777']],
    ['its own account', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }, []],
    ['a service', { Principal: { Service: 'ec2.amazonaws.com' } }, []],
  ] as const)('%s', (_name, statement, expected) => {
    expect(externalTrust(trust(statement), [])).toEqual(expected);
  });

  it('leaves out --trusted-accounts', () => {
    expect(externalTrust(trust({ Principal: { AWS: 'arn:aws:iam::999988887777:root' } }), ['999988887777'])).toEqual([]);
  });
});
