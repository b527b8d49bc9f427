/**
 * Who a role's trust policy admits, read from the inventory: the accounts and principals that may
 * call sts:AssumeRole on it, the services it can be handed to, and whether anyone may. Only Allow
 * statements without a condition count: a condition (sts:ExternalId, aws:SourceArn, an OIDC audience)
 * cannot be judged offline, so such a statement is reported in `conditional` and never as trust.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import type { IamRole } from '../inventory/schema.js';
import { isConditional, normalizeStatements, statementAllowsAction } from '../policy/iam.js';

export interface RoleTrust {
  /** `"Principal": "*"` or `{"AWS": "*"}`: every AWS principal of every account. */
  everyone: boolean;
  /** 12-digit account ids trusted as a whole (`arn:aws:iam::ID:root` or the bare id). */
  accounts: string[];
  /** IAM user and role ARNs named one by one. */
  principals: string[];
  /** Service principals (`ec2.amazonaws.com`). */
  services: string[];
  /** Statements that would admit someone under a condition this tool cannot judge offline. */
  conditional: number;
}

const ACCOUNT_ROOT = /^arn:aws[a-z-]*:iam::(\d{12}):root$/;
const ACCOUNT_ID = /^\d{12}$/;

export function roleTrust(role: Pick<IamRole, 'assumeRolePolicy'>): RoleTrust {
  const trust: RoleTrust = { everyone: false, accounts: [], principals: [], services: [], conditional: 0 };
  for (const statement of normalizeStatements(role.assumeRolePolicy)) {
    // A trust policy's action is sts:AssumeRole for IAM principals and services alike.
    if (!statementAllowsAction(statement, 'sts:AssumeRole') || statement.principal === null || statement.principal.negated) continue;
    if (isConditional(statement)) {
      trust.conditional += 1;
      continue;
    }
    if (statement.principal.everyone) trust.everyone = true;
    for (const value of statement.principal.byType['AWS'] ?? []) {
      if (value === '*') trust.everyone = true;
      else if (ACCOUNT_ID.test(value)) trust.accounts.push(value);
      else {
        const root = ACCOUNT_ROOT.exec(value);
        if (root?.[1] !== undefined) trust.accounts.push(root[1]);
        else trust.principals.push(value);
      }
    }
    trust.services.push(...(statement.principal.byType['Service'] ?? []));
  }
  return { ...trust, accounts: [...new Set(trust.accounts)], principals: [...new Set(trust.principals)], services: [...new Set(trust.services)] };
}

/** The 12-digit account of an ARN, or null. */
export function accountOf(arn: string): string | null {
  const account = arn.split(':')[4];
  return account !== undefined && ACCOUNT_ID.test(account) ? account : null;
}

/**
 * The outside parties a role trusts without a condition: everyone, or accounts (whole or through
 * one of their principals) other than its own and the operator's trusted accounts.
 */
export function externalTrust(role: Pick<IamRole, 'assumeRolePolicy' | 'arn'>, trustedAccounts: readonly string[]): string[] {
  const trust = roleTrust(role);
  const own = accountOf(role.arn);
  const outside = (account: string | null): boolean => account !== null && account !== own && !trustedAccounts.includes(account);
  const parties = [
    ...(trust.everyone ? ['*'] : []),
    ...trust.accounts.filter(outside).map((account) => `account ${account}`),
    ...trust.principals.filter((arn) => outside(accountOf(arn))),
  ];
  return [...new Set(parties)];
}
