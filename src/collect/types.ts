import type pLimit from 'p-limit';
import type { SliceData, SliceName } from '../inventory/schema.js';
import type { ClientFactory } from './clients.js';

export interface CollectContext {
  accountId: string;
  partition: string;
  /** The regions to scan (already filtered to enabled ones). */
  regions: readonly string[];
  clients: ClientFactory;
  /**
   * Wraps each AWS call of a collector. In a scan it bounds nothing itself: the clients bound every
   * call (per-service slots and token buckets, then the global `--concurrency` wire slot), so that
   * calls waiting on one service's budget never hold slots another service needs. Tests pass a real
   * bound to check collectors go through it.
   */
  limit: ReturnType<typeof pLimit>;
  /** Progress lines for stderr. */
  progress: (message: string) => void;
  /** Caps on per-resource calls whose count grows with the account (snapshots, instances). */
  budgets: CallBudgets;
  /**
   * Runs `load` once per key for the whole collection and shares its promise, so that several
   * collectors needing the same listing (e.g. DescribeInstances per region) send it only once.
   */
  once: <T>(key: string, load: () => Promise<T>) => Promise<T>;
}

export interface CallBudgets {
  /** Most DescribeSnapshotAttribute calls the snapshot-sharing collector may send, all regions together. */
  snapshotAttributeCalls: number;
  /** Most DescribeInstanceAttribute (userData) calls, all regions together. */
  userDataCalls: number;
  /** Most DescribeDBSnapshotAttributes and DescribeDBClusterSnapshotAttributes calls together, all regions together. */
  rdsSnapshotAttributeCalls: number;
}

export { DEFAULT_REQUEST_TIMEOUT_MS } from './defaults.js';

export const DEFAULT_CALL_BUDGETS: Readonly<CallBudgets> = {
  snapshotAttributeCalls: 1000,
  userDataCalls: 1000,
  rdsSnapshotAttributeCalls: 1000,
};

/** A `CollectContext.once` backed by a map that lives as long as one collection. */
export function onceCache(): CollectContext['once'] {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit as Promise<T>;
    const started = load();
    cache.set(key, started);
    return started;
  };
}

/** Gathers one inventory slice. Throwing marks the whole slice failed; partial failures are data. */
export interface SliceCollector<K extends SliceName> {
  slice: K;
  collect: (context: CollectContext) => Promise<SliceData[K]>;
}
