/**
 * Runs checks against inventory slices. A needed slice that is absent or failed turns into one
 * `unknown` outcome naming the missing data and IAM action: a check never sees missing data, so it
 * can never pass without it. A check that throws is also `unknown`, never a silent pass.
 */
import type { AnyCheck, CheckOutcome, EvaluationContext } from '../checks/define.js';
import { SLICES, type SliceData, type SliceName, type Slices } from '../inventory/schema.js';
import { accountArn } from '../checks/arn.js';

export function evaluateCheck(check: AnyCheck, slices: Slices, context: EvaluationContext): CheckOutcome[] {
  const data: Partial<Record<SliceName, unknown>> = {};
  const missing: CheckOutcome[] = [];
  for (const name of check.needs) {
    const slice = slices[name];
    if (slice === undefined) {
      missing.push(unknownOutcome(context, name, 'NotCollected', `${name} was not collected in this inventory`, SLICES[name].actions.join(', ')));
    } else if (!slice.ok) {
      missing.push(unknownOutcome(context, name, slice.error.code, slice.error.message, slice.error.action ?? SLICES[name].actions.join(', ')));
    } else {
      data[name] = slice.data;
    }
  }
  if (missing.length > 0) return missing;
  try {
    return check.evaluate({ ...context, data: data as Partial<SliceData> });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return [
      {
        status: 'unknown',
        resource: accountArn(context.partition, context.accountId),
        region: 'global',
        message: `The check failed while evaluating the inventory: ${message}`,
        evidence: { errorCode: 'EvaluationError' },
      },
    ];
  }
}

function unknownOutcome(
  context: EvaluationContext,
  slice: SliceName,
  code: string,
  reason: string,
  action: string,
): CheckOutcome {
  return {
    status: 'unknown',
    resource: accountArn(context.partition, context.accountId),
    region: 'global',
    message: `Could not evaluate: ${reason} (needs ${action})`,
    evidence: { slice, errorCode: code, missingAction: action },
  };
}
