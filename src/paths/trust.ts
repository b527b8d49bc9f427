/**
 * The outside parties a role's trust policy admits, for breach-path entry points when the report
 * has no `iam-role-trust-external` result to go by. Read with the same reader as that check
 * (src/policy/role-trust.ts, which cites the AWS rules): `"*"` that no condition pins to known
 * callers, and accounts other than the role's own and `--trusted-accounts`.
 */
import type { IamRole } from '../inventory/schema.js';
import { arnAccount, readTrustPolicy } from '../policy/role-trust.js';

export function externalTrust(role: Pick<IamRole, 'assumeRolePolicy' | 'arn'>, trustedAccounts: readonly string[]): string[] {
  const reading = readTrustPolicy(role.assumeRolePolicy);
  if (!reading.ok) return [];
  const own = arnAccount(role.arn);
  const outside = (account: string): boolean => account !== own && !trustedAccounts.includes(account);
  const parties: string[] = [];
  for (const grant of reading.grants) {
    if (grant.kind === 'everyone' && grant.pinned === null) parties.push('*');
    else if (grant.kind === 'everyone' && grant.pinned !== null && grant.pinned.accounts !== null) {
      parties.push(...grant.pinned.accounts.filter(outside).map((account) => `account ${account}`));
    } else if (grant.kind === 'account' && outside(grant.account)) parties.push(`account ${grant.account}`);
  }
  return [...new Set(parties)];
}
