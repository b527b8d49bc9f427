/**
 * Which accounts of an organization a run scans: active ones, narrowed by `--accounts`, minus
 * `--exclude-accounts`, then the `--shard I/N` subset. Pure, so CI matrices can rely on it.
 */
import { createHash } from 'node:crypto';

export interface OrganizationMember {
  id: string;
  name?: string;
  /** AWS Organizations' account state or status (`ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, `CLOSED`). */
  status: string;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface AccountSelection {
  /** Only these account ids (`--accounts`). */
  include?: readonly string[];
  exclude?: readonly string[];
  shard?: Shard;
}

export interface SelectedAccounts {
  /** The accounts to scan, by id. */
  accounts: OrganizationMember[];
  /** `--accounts` ids that are not active members of the organization (reported, never scanned silently). */
  notFound: string[];
  /** Members skipped because they are not ACTIVE. */
  inactive: OrganizationMember[];
}

/** `I/N` with 1 ≤ I ≤ N. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || !Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 1 || index > count) {
    throw new Error(`'${value}' is not a shard: expected I/N with 1 <= I <= N (e.g. 2/8)`);
  }
  return { index, count };
}

/**
 * The shard (1-based) an account belongs to: a hash of the account id alone, so the split does not
 * depend on the order AWS lists accounts in, and an account stays in its shard when others join or
 * leave the organization.
 */
export function shardOf(accountId: string, count: number): number {
  const digest = createHash('sha256').update(accountId).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function selectAccounts(members: readonly OrganizationMember[], selection: AccountSelection): SelectedAccounts {
  const active = members.filter((m) => m.status === 'ACTIVE');
  const inactive = members.filter((m) => m.status !== 'ACTIVE');
  const include = selection.include === undefined ? undefined : new Set(selection.include);
  const exclude = new Set(selection.exclude ?? []);
  const activeIds = new Set(active.map((m) => m.id));
  const notFound = [...(include ?? [])].filter((id) => !activeIds.has(id)).sort();
  const shard = selection.shard;
  const accounts = active
    .filter((m) => include === undefined || include.has(m.id))
    .filter((m) => !exclude.has(m.id))
    .filter((m) => shard === undefined || shardOf(m.id, shard.count) === shard.index)
    .sort((a, b) => a.id.localeCompare(b.id));
  return { accounts, notFound, inactive };
}
