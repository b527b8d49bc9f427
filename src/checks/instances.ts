import type { Instance } from '../inventory/schema.js';

/**
 * Instances that no longer exist hold no credentials and answer no request; stopped ones can be
 * started again, so they stay in scope. The collector already leaves terminated instances out of
 * a live scan; the set still names them because an inventory file (`--input`) may hold them.
 */
export const GONE_STATES: ReadonlySet<string> = new Set(['terminated', 'shutting-down']);

/** An instance the instance checks judge: running, pending, stopping or stopped. */
export function isLive(instance: Pick<Instance, 'state'>): boolean {
  return !GONE_STATES.has(instance.state);
}

/** How the instance checks name their listing in forEachRegion. */
export const INSTANCE_LISTING = {
  what: 'EC2 instances',
  action: 'ec2:DescribeInstances',
  nothing: 'No running or stopped EC2 instance was found.',
} as const;
