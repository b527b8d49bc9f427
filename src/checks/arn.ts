/**
 * ARNs that checks and the engine both name results on. It sits below both so that checks never
 * import the engine.
 */

/** The account itself: the resource of account-wide results and of regions that could not be read. */
export function accountArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}
