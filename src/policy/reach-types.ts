/**
 * The shape of a principal's reach: what one credential can do to the account's data stores, and
 * whether it can become admin. Computed once per principal from the inventory (no AWS calls) by
 * src/policy/reach.ts; read by credential findings (issue 18, item 2) and by breach paths (items 3
 * and 4). These types are the contract between the two, so either side can change its internals.
 */

export const DATA_STORE_KINDS = ['s3-bucket', 'ebs-snapshot', 'rds-snapshot'] as const;
export type DataStoreKind = (typeof DATA_STORE_KINDS)[number];

/**
 * What a principal can do to a data store:
 * - read: read the data (s3:GetObject; for a snapshot, create a volume or restore from it);
 * - write: write or delete the data (s3:PutObject, s3:DeleteObject);
 * - change-access: change who else may read it (bucket policy or ACL, snapshot sharing);
 * - copy: copy it somewhere the attacker controls (snapshot copy to another region or account).
 */
export const STORE_ACCESS = ['read', 'write', 'change-access', 'copy'] as const;
export type StoreAccess = (typeof STORE_ACCESS)[number];

export interface DataStoreRef {
  kind: DataStoreKind;
  arn: string;
  /** The bucket name or snapshot id, as a person would say it. */
  name: string;
  region: string;
}

export interface StoreReach {
  store: DataStoreRef;
  /** Never empty; in STORE_ACCESS order. */
  access: readonly StoreAccess[];
  /** Some of the access holds only under a policy condition that cannot be judged offline (added for issue 18 item 1). */
  conditional?: boolean;
}

export interface AdminReach {
  /** The principal's own policies already make it admin. */
  direct: boolean;
  /** Escalation catalog ids (src/policy/escalation-paths.ts) by which it can become admin; empty when direct only. */
  pathIds: readonly string[];
}

export interface PrincipalReach {
  /** The IAM user's or role's ARN. */
  principal: string;
  principalKind: 'user' | 'role';
  /** The data stores it reaches, most sensitive-looking and largest first. */
  stores: readonly StoreReach[];
  /** How many data stores of each kind the inventory knows (the denominator of "reads 312 of 1,000 buckets"). */
  storesKnown: Readonly<Partial<Record<DataStoreKind, number>>>;
  /** Null when it cannot become admin by any known means. */
  admin: AdminReach | null;
  /** Roles of this account it may assume (its identity policy allows sts:AssumeRole and the role's trust policy admits it). */
  assumableRoles: readonly string[];
  /** Roles it may pass to a service that runs code (iam:PassRole plus a compute launch action), for pass-role steps. */
  passableRoles: readonly string[];
  /**
   * Why the reach may be larger than stated (a policy that could not be read, a slice that was not
   * collected, a condition that cannot be judged offline). Empty when the reach is exact.
   */
  atLeast: readonly string[];
  /**
   * Why the reach may be smaller than stated (grants under conditions that cannot be judged
   * offline, a permissions boundary that could not be read and was not applied). Optional, added
   * for issue 18 item 1; absent or empty when nothing overstates it.
   */
  atMost?: readonly string[];
}

/** Reach of every principal the inventory knows, computed once and looked up by ARN. */
export interface ReachIndex {
  of(principalArn: string): PrincipalReach | undefined;
  all(): readonly PrincipalReach[];
}
