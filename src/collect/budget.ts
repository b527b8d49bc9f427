import type { Regional } from '../inventory/schema.js';

/**
 * Picks, deterministically, which items of a regional listing get one of `budget` per-item calls:
 * round robin over the regions in name order (the first item of every region, then the second…),
 * items in `order` within a region, until the budget is spent. Spreading the calls over the regions
 * keeps each region's EC2 token bucket (metered per region and API) in use at once instead of
 * spending the whole budget in one region at its refill rate. Unreadable regions spend nothing. The
 * same inventory therefore always reads the same items, whatever the timing of the listings.
 * Returns the `key` of each chosen item.
 */
export function allocateBudget<T>(
  listed: Regional<T[]>,
  budget: number,
  order: (a: T, b: T) => number,
  key: (item: T, region: string) => string,
): Set<string> {
  const chosen = new Set<string>();
  const queues = [...listed]
    .sort((a, b) => a.region.localeCompare(b.region))
    .flatMap(({ region, result }) => (result.ok ? [{ region, items: [...result.data].sort(order) }] : []));
  let left = budget;
  for (let round = 0; left > 0; round += 1) {
    let any = false;
    for (const { region, items } of queues) {
      const item = items[round];
      if (item === undefined) continue;
      any = true;
      if (left <= 0) return chosen;
      chosen.add(key(item, region));
      left -= 1;
    }
    if (!any) break;
  }
  return chosen;
}
