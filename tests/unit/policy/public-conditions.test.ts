import { describe, expect, it } from 'vitest';
import { normalizeStatements } from '../../../src/policy/iam.js';
import {
  ACCESS_ANALYZER_KEYS_URL,
  classifyAllowCondition,
  classifyDenyCondition,
  coversEveryone,
  NON_PUBLIC_CONDITION_KEYS,
  nonPublicKeyKind,
  publicPrincipal,
  S3_MEANING_OF_PUBLIC_URL,
} from '../../../src/policy/public-conditions.js';

describe('NON_PUBLIC_CONDITION_KEYS', () => {
  it('holds exactly the keys of the S3 definition and of Access Analyzer, each with its source', () => {
    expect(NON_PUBLIC_CONDITION_KEYS.map((entry) => entry.key).sort()).toEqual(
      [
        'aws:SourceIp',
        'aws:SourceArn',
        'aws:SourceVpc',
        'aws:SourceVpce',
        'aws:SourceOwner',
        'aws:SourceAccount',
        'aws:PrincipalOrgID',
        'aws:PrincipalOrgPaths',
        'aws:PrincipalAccount',
        'aws:PrincipalArn',
        'aws:userid',
        's3:x-amz-server-side-encryption-aws-kms-key-id',
        's3:DataAccessPointArn',
        's3:DataAccessPointAccount',
      ].sort(),
    );
    for (const entry of NON_PUBLIC_CONDITION_KEYS) expect([S3_MEANING_OF_PUBLIC_URL, ACCESS_ANALYZER_KEYS_URL]).toContain(entry.source);
  });

  it('matches keys case-insensitively', () => {
    expect(nonPublicKeyKind('AWS:SOURCEVPCE')).toBe('id');
    expect(nonPublicKeyKind('aws:SecureTransport')).toBeUndefined();
  });
});

describe('classifyAllowCondition', () => {
  const cases: [string, unknown, boolean][] = [
    ['StringEquals on a fixed VPC endpoint', { StringEquals: { 'aws:SourceVpce': 'vpce-1' } }, true],
    ['IfExists passes when the key is absent', { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } }, false],
    ['ForAllValues passes when the key is absent', { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } }, false],
    ['ForAnyValue fails when the key is absent', { 'ForAnyValue:StringEquals': { 'aws:PrincipalOrgID': 'o-abc' } }, true],
    ['a negated operator admits everyone else', { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc' } }, false],
    ['a wildcard among the values', { StringLike: { 'aws:SourceVpce': ['vpce-1', 'vpce-*'] } }, false],
    ['a policy variable', { StringEquals: { 'aws:PrincipalArn': '${aws:PrincipalArn}' } }, false],
    ['an empty value list', { StringEquals: { 'aws:SourceVpce': [] } }, false],
    ['IpAddress is the only operator for an IP key', { StringEquals: { 'aws:SourceIp': '203.0.113.0/24' } }, false],
    ['a malformed CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }, false],
    ['one pinning entry among others (entries are ANDed)', { Bool: { 'aws:SecureTransport': 'true' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic' } }, true],
    ['junk', 'not a condition', false],
  ];
  it.each(cases)('%s → %s', (_name, condition, expected) => expect(classifyAllowCondition(condition).restricts).toBe(expected));
});

describe('classifyDenyCondition', () => {
  it('sorts entries into narrowing, exempting and escaping', () => {
    const result = classifyDenyCondition({
      StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    });
    expect(result).toEqual({
      narrows: true,
      narrowingEntries: ['StringNotEqualsIfExists aws:PrincipalOrgID'],
      exemptingEntries: ['BoolIfExists aws:PrincipalIsAWSService'],
      escapingEntries: [],
    });
  });

  const cases: [string, unknown, boolean][] = [
    ['StringNotEquals (absent key → true)', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } }, true],
    ['ArnNotLike on an account-pinned ARN', { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } }, true],
    ['NotIpAddress on /8', { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, true],
    ['ForAllValues:StringNotEquals (no keys → true)', { 'ForAllValues:StringNotEquals': { 'aws:PrincipalOrgID': 'o-abc' } }, true],
    ['ForAnyValue:StringNotEquals (no keys → false)', { 'ForAnyValue:StringNotEquals': { 'aws:PrincipalOrgID': 'o-abc' } }, false],
    ['ForAnyValue:StringNotEqualsIfExists (absent → true)', { 'ForAnyValue:StringNotEqualsIfExists': { 'aws:PrincipalOrgID': 'o-abc' } }, true],
    ['only the service exemption', { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } }, false],
    ['a service exemption set to true exempts everyone else', { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'true' } }, false],
    ['Null check', { Null: { 'aws:PrincipalOrgID': 'true' } }, false],
    ['a negated operator on a key outside the table', { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, false],
  ];
  it.each(cases)('%s → narrows %s', (_name, condition, expected) => expect(classifyDenyCondition(condition).narrows).toBe(expected));
});

describe('principals', () => {
  const principalOf = (principal: unknown, notPrincipal = false) =>
    normalizeStatements({ Statement: { Effect: 'Allow', Action: 's3:GetObject', [notPrincipal ? 'NotPrincipal' : 'Principal']: principal } })[0]?.principal ?? null;

  const cases: [string, unknown, boolean, string | null][] = [
    ['"*"', '*', false, '*'],
    ['{"AWS":"*"}', { AWS: '*' }, false, '{"AWS":"*"}'],
    ['"*" inside an AWS list', { AWS: ['arn:aws:iam::111122223333:root', '*'] }, false, '{"AWS":"*"}'],
    ['NotPrincipal', { AWS: 'arn:aws:iam::111122223333:root' }, true, 'NotPrincipal'],
    ['Federated Cognito', { Federated: 'cognito-identity.amazonaws.com' }, false, '{"Federated":"cognito-identity.amazonaws.com"}'],
    ['one account', { AWS: 'arn:aws:iam::111122223333:root' }, false, null],
    ['a service', { Service: 'cloudtrail.amazonaws.com' }, false, null],
  ];
  it.each(cases)('%s', (_name, principal, negated, expected) => expect(publicPrincipal(principalOf(principal, negated))).toBe(expected));

  it('a Deny narrows only when it names everyone', () => {
    expect(coversEveryone(principalOf('*'))).toBe(true);
    expect(coversEveryone(principalOf({ AWS: '*' }))).toBe(true);
    expect(coversEveryone(principalOf({ Federated: 'accounts.google.com' }))).toBe(false);
    expect(coversEveryone(principalOf({ AWS: 'arn:aws:iam::111122223333:root' }, true))).toBe(false);
  });
});
