/**
 * Roles that outsiders can assume: the backdoor roles of the Datadog and Invictus IR cases. Roles
 * are created through the IAM API with the trust policies real accounts hold (moto stores them as
 * given and does not enforce them), next to a GitHub Actions OIDC provider. The account is in no
 * organization, so another account is high unless it is in --trusted-accounts; the second scan
 * trusts two of them and shows the confused-deputy rule (a trusted account still needs
 * sts:ExternalId).
 */
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, resultsFor, Scenario } from './harness.js';

const server = e2eServer();

const CHECK = 'iam-role-trust-external';
const STRANGER = '999988887777';
const VENDOR = '111122223333';

function trust(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

function allow(principal: unknown, condition?: object, action: unknown = 'sts:AssumeRole'): object {
  return { Effect: 'Allow', Principal: principal, Action: action, ...(condition === undefined ? {} : { Condition: condition }) };
}

describe.skipIf(!server.available)('IAM role trust: principals outside the account', () => {
  let scenario: Scenario;
  let report: Report;
  let trusting: Report;
  const roleArn = (name: string) => `arn:aws:iam::${scenario.accountId}:role/${name}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'role-trust');
    const provider = await scenario.iam.send(
      new CreateOpenIDConnectProviderCommand({
        Url: 'https://token.actions.githubusercontent.com',
        ClientIDList: ['sts.amazonaws.com'],
        ThumbprintList: ['6938fd4d98bab03faadb97b34396831e3780aea1'],
      }),
    );
    const github = provider.OpenIDConnectProviderArn ?? '';
    expect(github).toContain(':oidc-provider/token.actions.githubusercontent.com');
    const aud = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' };
    const roles: Record<string, string> = {
      'open-to-all': trust(allow('*')),
      'star-with-external-id': trust(allow({ AWS: '*' }, { StringEquals: { 'sts:ExternalId': 'not-a-restriction' } })),
      'org-pinned': trust(allow('*', { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } })),
      'stranger-root': trust(allow({ AWS: `arn:aws:iam::${STRANGER}:root` })),
      'vendor-with-external-id': trust(allow({ AWS: VENDOR }, { StringEquals: { 'sts:ExternalId': 'e7f1c2' } })),
      'github-any-repo': trust(allow({ Federated: github }, { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } }, 'sts:AssumeRoleWithWebIdentity')),
      'github-one-repo': trust(
        allow({ Federated: github }, { StringEquals: aud, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:pinecone-pay/web:*' } }, [
          'sts:AssumeRoleWithWebIdentity',
          'sts:TagSession',
        ]),
      ),
      'ec2-service': trust(allow({ Service: 'ec2.amazonaws.com' })),
      'same-account': trust(allow({ AWS: `arn:aws:iam::${scenario.accountId}:root` })),
    };
    for (const [name, document] of Object.entries(roles)) {
      await scenario.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: document }));
    }
    const base = ['--checks', CHECK, '--region', HOME_REGION];
    const outcomes = await Promise.all([scenario.scan(base), scenario.scan([...base, '--trusted-accounts', `${STRANGER},${VENDOR}`])]);
    [report, trusting] = outcomes.map(reportOf) as [Report, Report];
  });

  afterAll(() => scenario?.destroy());

  it('fails "*" without a restricting condition as critical, with or without sts:ExternalId', () => {
    for (const name of ['open-to-all', 'star-with-external-id']) {
      const result = findResult(report, CHECK, roleArn(name));
      expect(result.status, name).toBe('fail');
      expect(result.severity, name).toBe('critical');
    }
  });

  it('fails an account outside the account and --trusted-accounts as high, sts:ExternalId or not', () => {
    for (const name of ['stranger-root', 'vendor-with-external-id']) {
      const result = findResult(report, CHECK, roleArn(name));
      expect(result.status, name).toBe('fail');
      expect(result.severity, name).toBe('high');
      expect(String(result.evidence['trustedAccountsFrom'])).toContain('not in an AWS Organization');
    }
  });

  it('fails a GitHub Actions trust with sub repo:* as high and passes one pinned to a repository', () => {
    const any = findResult(report, CHECK, roleArn('github-any-repo'));
    expect(any.status).toBe('fail');
    expect(any.severity).toBe('high');
    expect(any.message).toContain('any GitHub repository');
    expect(findResult(report, CHECK, roleArn('github-one-repo')).status).toBe('pass');
  });

  it('passes "*" pinned to an organization, a service principal and the account itself', () => {
    for (const name of ['org-pinned', 'ec2-service', 'same-account']) {
      expect(findResult(report, CHECK, roleArn(name)).status, name).toBe('pass');
    }
  });

  it('with --trusted-accounts: a trusted account with sts:ExternalId passes, one without is the medium confused-deputy finding', () => {
    expect(findResult(trusting, CHECK, roleArn('vendor-with-external-id')).status).toBe('pass');
    const stranger = findResult(trusting, CHECK, roleArn('stranger-root'));
    expect(stranger.status).toBe('fail');
    expect(stranger.severity).toBe('medium');
    expect(stranger.message).toContain('sts:ExternalId');
    // Trusting accounts changes nothing for "*".
    expect(findResult(trusting, CHECK, roleArn('open-to-all')).severity).toBe('critical');
  });

  it('judges every role from the one authorization-details listing', () => {
    expect(resultsFor(report, CHECK).length).toBeGreaterThanOrEqual(9);
    expect(callsOf(report, 'iam', 'GetAccountAuthorizationDetails')).toBeGreaterThanOrEqual(1);
    expect(callsOf(report, 'iam', 'GetRole')).toBe(0);
  });
});
