import type { Regional } from '../inventory/schema.js';

/**
 * Picks, deterministically, which items of a regional listing get one of `budget` per-item calls:
 * regions in name order, items in `order` within a region, until the budget is spent. Unreadable
 * regions spend nothing. The same inventory therefore always reads the same items, whatever the
 * timing of the listings. Returns the `key` of each chosen item.
 */
export function allocateBudget<T>(
  listed: Regional<T[]>,
  budget: number,
  order: (a: T, b: T) => number,
  key: (item: T, region: string) => string,
): Set<string> {
  const chosen = new Set<string>();
  let left = budget;
  for (const { region, result } of [...listed].sort((a, b) => a.region.localeCompare(b.region))) {
    if (!result.ok) continue;
    for (const item of [...result.data].sort(order)) {
      if (left <= 0) return chosen;
      chosen.add(key(item, region));
      left -= 1;
    }
  }
  return chosen;
}
