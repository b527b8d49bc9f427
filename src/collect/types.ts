import type pLimit from 'p-limit';
import type { SliceData, SliceName } from '../inventory/schema.js';
import type { ClientFactory } from './clients.js';

export interface CollectContext {
  accountId: string;
  partition: string;
  /** The regions to scan (already filtered to enabled ones). */
  regions: readonly string[];
  clients: ClientFactory;
  /** Bounds concurrent AWS calls across the whole scan (regions, buckets, snapshots). */
  limit: ReturnType<typeof pLimit>;
  /** Progress lines for stderr. */
  progress: (message: string) => void;
}

/** Gathers one inventory slice. Throwing marks the whole slice failed; partial failures are data. */
export interface SliceCollector<K extends SliceName> {
  slice: K;
  collect: (context: CollectContext) => Promise<SliceData[K]>;
}
