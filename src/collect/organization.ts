/**
 * The AWS side of multi-account scans: list the organization's accounts (the whole organization or
 * under one OU) and assume the scan role in a member account, through the one client factory
 * (read-only guard, recorder, retries). The fan-out over accounts lives in the application layer
 * (src/app/organization-scan.ts); this module collects nothing for one account itself.
 */
import { ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, type Account, type ListOrganizationalUnitsForParentCommandOutput } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { OrganizationMember } from '../engine/account-selection.js';
import type { ClientFactory } from './clients.js';

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/** `arn:<partition>:iam::<account>:role/<path/name>`; returns the account id, or undefined. */
export function accountOfRoleArn(roleArn: string): string | undefined {
  return ROLE_ARN.exec(roleArn)?.[2];
}

export interface AssumeRoleRequest {
  roleArn: string;
  sessionName: string;
  externalId: string | undefined;
}

/** Renew this long before the session expires, so no request is signed with dying credentials. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * A credentials provider for the role, through the management account's guarded, recorded STS
 * client. Sessions last an hour by default and a large account can take longer, so the provider
 * assumes the role again shortly before expiry; concurrent callers share one request.
 */
export function assumedRoleCredentials(management: ClientFactory, request: AssumeRoleRequest, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const response = await management.sts().send(
      new AssumeRoleCommand({
        RoleArn: request.roleArn,
        RoleSessionName: request.sessionName,
        ...(request.externalId === undefined ? {} : { ExternalId: request.externalId }),
      }),
    );
    const c = response.Credentials;
    if (c?.AccessKeyId === undefined || c.SecretAccessKey === undefined || c.SessionToken === undefined) {
      throw new Error('sts:AssumeRole returned no credentials');
    }
    const identity: AwsCredentialIdentity = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
    return c.Expiration === undefined ? identity : { ...identity, expiration: c.Expiration };
  };
  return async () => {
    if (current !== undefined) {
      const pending = current;
      try {
        const credentials = await pending;
        if (credentials.expiration === undefined || credentials.expiration.getTime() - now() > REFRESH_MARGIN_MS) return credentials;
      } catch {
        // A failed attempt is not cached: the next caller tries again.
      }
      if (current !== pending) return current;
    }
    current = assume();
    current.catch(() => undefined);
    return current;
  };
}

/** Every account of the organization (organizations:ListAccounts, paginated). */
export async function listAccounts(clients: ClientFactory): Promise<OrganizationMember[]> {
  const members: OrganizationMember[] = [];
  let token: string | undefined;
  do {
    const page = await clients.organizations().send(new ListAccountsCommand(token === undefined ? {} : { NextToken: token }));
    members.push(...(page.Accounts ?? []).flatMap(toMember));
    token = page.NextToken;
  } while (token !== undefined);
  return members;
}

/** Every account under an OU or root, its child OUs included (depth-first, each level paginated). */
export async function listAccountsUnder(clients: ClientFactory, parentId: string): Promise<OrganizationMember[]> {
  const members: OrganizationMember[] = [];
  const pending = [parentId];
  for (let parent = pending.pop(); parent !== undefined; parent = pending.pop()) {
    let token: string | undefined;
    do {
      const page = await clients.organizations().send(new ListAccountsForParentCommand({ ParentId: parent, ...(token === undefined ? {} : { NextToken: token }) }));
      members.push(...(page.Accounts ?? []).flatMap(toMember));
      token = page.NextToken;
    } while (token !== undefined);
    do {
      const page: ListOrganizationalUnitsForParentCommandOutput = await clients
        .organizations()
        .send(new ListOrganizationalUnitsForParentCommand({ ParentId: parent, ...(token === undefined ? {} : { NextToken: token }) }));
      pending.push(...(page.OrganizationalUnits ?? []).flatMap((ou) => (ou.Id === undefined ? [] : [ou.Id])));
      token = page.NextToken;
    } while (token !== undefined);
  }
  return members;
}

/** `State` replaces the deprecated `Status` (2025); either may be present. */
function toMember(account: Account): OrganizationMember[] {
  if (account.Id === undefined) return [];
  const member: OrganizationMember = { id: account.Id, status: account.State ?? account.Status ?? 'UNKNOWN' };
  if (account.Name !== undefined) member.name = account.Name;
  return [member];
}
