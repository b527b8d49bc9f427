import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ListAccountAliasesCommand } from '@aws-sdk/client-iam';
import type { ClientFactory } from './clients.js';

export interface CallerIdentity {
  accountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov`, …: taken from the caller's ARN so GovCloud and China ARNs come out right. */
  partition: string;
  callerArn: string;
}

/** Who is scanning. Failure here is fatal for the scan (no credentials, expired session), so it throws. */
export async function getCallerIdentity(clients: ClientFactory): Promise<CallerIdentity> {
  const identity = await clients.sts().send(new GetCallerIdentityCommand({}));
  const accountId = identity.Account;
  const callerArn = identity.Arn;
  if (accountId === undefined || callerArn === undefined) {
    throw new Error('sts:GetCallerIdentity returned no account id or ARN');
  }
  return { accountId, partition: partitionOf(callerArn), callerArn };
}

/** `arn:<partition>:<service>:…` */
export function partitionOf(arn: string): string {
  const [prefix, partition] = arn.split(':');
  if (prefix !== 'arn' || partition === undefined || partition === '') {
    throw new Error(`not an ARN: ${arn}`);
  }
  return partition;
}

/**
 * The account alias only decorates the report, so any failure (denied, unimplemented) is `null`
 * rather than a reason to stop the scan.
 */
export async function getAccountAlias(clients: ClientFactory): Promise<string | null> {
  try {
    const response = await clients.iam().send(new ListAccountAliasesCommand({}));
    return response.AccountAliases?.[0] ?? null;
  } catch {
    return null;
  }
}
