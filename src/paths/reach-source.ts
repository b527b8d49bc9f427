/**
 * Where breach paths get the reach of every principal: the exact evaluator of src/policy/reach.ts
 * (identity policies, boundaries, bucket policies and Block Public Access, see docs/reach.md),
 * built once per inventory and shared with the reach that credential findings carry, so a path and
 * a finding never disagree about what a principal reaches.
 */
import type { Inventory } from '../inventory/schema.js';
import { reachIndexOfInventory } from '../policy/reach.js';
import type { ReachIndex } from '../policy/reach-types.js';

export function reachIndexFor(inventory: Inventory): ReachIndex {
  return reachIndexOfInventory(inventory);
}
