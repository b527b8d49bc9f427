import { BASE_ACTIONS } from './actions.js';
import { SLICES, type SliceName } from './schema.js';

/** The IAM actions a scan of the given slices sends: the least-privilege policy's content. */
export function requiredActionsFor(slices: readonly SliceName[]): string[] {
  return [...new Set([...BASE_ACTIONS, ...slices.flatMap((s) => SLICES[s].actions)])].sort();
}
