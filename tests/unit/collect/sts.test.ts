import { IAMClient, IAMServiceException, ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAccountAlias, getCallerIdentity, partitionOf } from '../../../src/collect/sts.js';
import { BASE_ACTIONS } from '../../../src/inventory/actions.js';
import { buildCollectContext } from '../../helpers/collect-context.js';

let stsMock: AwsClientStub<STSClient>;
let iamMock: AwsClientStub<IAMClient>;
beforeEach(() => {
  stsMock = mockClient(STSClient);
  iamMock = mockClient(IAMClient);
});
afterEach(() => {
  stsMock.restore();
  iamMock.restore();
});

describe('getCallerIdentity', () => {
  it('returns the account, the caller ARN and the partition parsed from it', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/scanner', UserId: 'AIDASCANNER' });
    const { clients } = buildCollectContext();

    await expect(getCallerIdentity(clients)).resolves.toEqual({
      accountId: '123456789012',
      partition: 'aws',
      callerArn: 'arn:aws:iam::123456789012:user/scanner',
    });
    expect(BASE_ACTIONS).toContain('sts:GetCallerIdentity');
  });

  it('reads GovCloud and China partitions from assumed-role ARNs', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .resolvesOnce({ Account: '111122223333', Arn: 'arn:aws-us-gov:sts::111122223333:assumed-role/audit/session' })
      .resolvesOnce({ Account: '444455556666', Arn: 'arn:aws-cn:sts::444455556666:assumed-role/audit/session' });
    const { clients } = buildCollectContext();

    expect((await getCallerIdentity(clients)).partition).toBe('aws-us-gov');
    expect((await getCallerIdentity(clients)).partition).toBe('aws-cn');
  });

  it('throws when STS answers without an account', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves({ Arn: 'arn:aws:iam::123456789012:user/scanner' });
    const { clients } = buildCollectContext();

    await expect(getCallerIdentity(clients)).rejects.toThrow(/no account id/);
  });

  it('lets a credentials failure through for the CLI to report', async () => {
    stsMock.on(GetCallerIdentityCommand).rejects(Object.assign(new Error('The security token included in the request is expired'), { name: 'ExpiredToken' }));
    const { clients } = buildCollectContext();

    await expect(getCallerIdentity(clients)).rejects.toMatchObject({ name: 'ExpiredToken' });
  });
});

describe('partitionOf', () => {
  it('rejects strings that are not ARNs', () => {
    expect(partitionOf('arn:aws:s3:::bucket')).toBe('aws');
    expect(() => partitionOf('user/scanner')).toThrow(/not an ARN/);
    expect(() => partitionOf('arn::iam::1:root')).toThrow(/not an ARN/);
  });
});

describe('getAccountAlias', () => {
  it('returns the first alias', async () => {
    iamMock.on(ListAccountAliasesCommand).resolves({ AccountAliases: ['prod-main'], IsTruncated: false });
    const { clients } = buildCollectContext();

    await expect(getAccountAlias(clients)).resolves.toBe('prod-main');
    expect(iamMock.commandCalls(ListAccountAliasesCommand)).toHaveLength(1);
  });

  it('returns null when the account has no alias', async () => {
    iamMock.on(ListAccountAliasesCommand).resolves({ AccountAliases: [] });
    const { clients } = buildCollectContext();

    await expect(getAccountAlias(clients)).resolves.toBeNull();
  });

  it('returns null instead of failing when the call is denied', async () => {
    iamMock
      .on(ListAccountAliasesCommand)
      .rejects(new IAMServiceException({ name: 'AccessDenied', $fault: 'client', message: 'not authorized', $metadata: { httpStatusCode: 403 } }));
    const { clients } = buildCollectContext();

    await expect(getAccountAlias(clients)).resolves.toBeNull();
  });
});
