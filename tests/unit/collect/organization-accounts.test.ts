import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { ListAccountsCommand, OrganizationsClient, OrganizationsServiceException } from '@aws-sdk/client-organizations';
import { organizationAccountsCollector } from '../../../src/collect/organization-accounts.js';
import { organizationAccountsSchema } from '../../../src/inventory/schema.js';
import { buildCollectContext } from '../../helpers/collect-context.js';

function orgError(name: string): OrganizationsServiceException {
  return new OrganizationsServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: 400 }, message: name });
}

describe('organizationAccountsCollector (mocked SDK)', () => {
  let organizations: AwsClientStub<OrganizationsClient>;

  beforeAll(() => {
    organizations = mockClient(OrganizationsClient);
  });
  afterAll(() => {
    organizations.restore();
  });
  beforeEach(() => {
    organizations.reset();
  });

  it('lists every account of the organization across pages', async () => {
    organizations
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: [{ Id: '222233334444', State: 'ACTIVE' }], NextToken: 'page-2' })
      .resolvesOnce({ Accounts: [{ Id: '111122223333', State: 'SUSPENDED' }] });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });
    const data = await organizationAccountsCollector.collect(context);
    expect(organizationAccountsSchema.parse(data)).toEqual({ accountIds: ['111122223333', '222233334444'], unavailableReason: null });
    expect(organizations.commandCalls(ListAccountsCommand)[1]?.args[0].input).toEqual({ NextToken: 'page-2' });
  });

  it('turns a refusal into a reason, never a failed slice', async () => {
    organizations.on(ListAccountsCommand).rejects(orgError('AccessDeniedException'));
    const { context } = buildCollectContext({ regions: ['us-east-1'] });
    const data = await organizationAccountsCollector.collect(context);
    expect(data.accountIds).toBeNull();
    expect(data.unavailableReason).toContain('organizations:ListAccounts');
  });

  it.each([
    ['AWS answers for an account outside any organization', () => orgError('AWSOrganizationsNotInUseException')],
  ])('%s', async (_name, error) => {
    organizations.on(ListAccountsCommand).rejects(error());
    const { context } = buildCollectContext({ regions: ['us-east-1'] });
    expect(await organizationAccountsCollector.collect(context)).toEqual({ accountIds: null, unavailableReason: 'the account is not in an AWS Organization' });
  });

  it('treats an empty listing (how emulators answer outside an organization) as no organization', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [] });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });
    expect((await organizationAccountsCollector.collect(context)).unavailableReason).toBe('the account is not in an AWS Organization');
  });
});
