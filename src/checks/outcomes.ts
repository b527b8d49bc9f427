import type { CollectError } from '../inventory/schema.js';
import type { CheckOutcome } from './define.js';

export interface RegionUnknownInput {
  /** The resource the region's result stands for (a wildcard ARN, or the account with a qualifier). */
  resource: string;
  qualifier?: string;
  region: string;
  /** What could not be listed, e.g. "EC2 instances". */
  what: string;
  error: CollectError;
  /** The IAM action the listing needs, when the error does not name the refused one. */
  action: string;
}

/**
 * The one outcome for a region whose data could not be listed: `unknown`, naming what failed and
 * the IAM action it needed, so a region that could not be read never looks like a clean one.
 */
export function regionUnknown(input: RegionUnknownInput): CheckOutcome {
  const action = input.error.action ?? input.action;
  const outcome: CheckOutcome = {
    status: 'unknown',
    resource: input.resource,
    region: input.region,
    // Users act on the action name, so it is always in the message, but never said twice.
    message: `Could not list ${input.what} in ${input.region}: ${input.error.message}${input.error.message.includes(action) ? '' : ` (needs ${action})`}`,
    evidence: { errorCode: input.error.code, missingAction: action },
  };
  if (input.qualifier !== undefined) outcome.qualifier = input.qualifier;
  return outcome;
}

/**
 * The one outcome when a check found nothing to judge (no buckets, no instances, …): one
 * `not_applicable` for the account, so an empty account is visible and never counts as a pass.
 */
export function nothingInScope(resource: string, message: string, evidence: CheckOutcome['evidence']): CheckOutcome {
  return { status: 'not_applicable', resource, region: 'global', message, evidence };
}
