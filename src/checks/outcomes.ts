import { ROOT_ACCOUNT_USER } from '../inventory/schema.js';
import type { CollectError, CredentialReport, CredentialReportRow, Regional } from '../inventory/schema.js';
import { accountArn } from './arn.js';
import type { CheckOutcome, EvaluationContext, Evidence } from './define.js';

export interface RegionUnknownInput {
  partition: string;
  accountId: string;
  region: string;
  /** What could not be read, e.g. "EC2 instances". */
  what: string;
  error: CollectError;
  /** The IAM action the listing needs, when the error does not name the refused one. */
  action: string;
}

/**
 * The one outcome for a region whose data could not be read: `unknown`, naming what failed and the
 * IAM action it needed, so a region that could not be read never looks like a clean one.
 *
 * The rule for its resource, the same in every check: the account ARN with the qualifier
 * `region:<region>`. A failed region stands for everything the check would have judged there, of
 * whatever resource type, so it is the account's result for that region. One shape means one
 * fingerprint per check and region, and a suppression of a resource glob (`…:instance/*`) never
 * hides a region that could not be read.
 */
export function regionUnknown(input: RegionUnknownInput): CheckOutcome {
  const action = input.error.action ?? input.action;
  return {
    status: 'unknown',
    resource: accountArn(input.partition, input.accountId),
    qualifier: `region:${input.region}`,
    region: input.region,
    // Users act on the action name, so it is always in the message, but never said twice.
    message: `Could not read ${input.what} in ${input.region}: ${input.error.message}${input.error.message.includes(action) ? '' : ` (needs ${action})`}`,
    evidence: { errorCode: input.error.code, missingAction: action },
  };
}

/**
 * The one outcome when a check found nothing to judge (no buckets, no instances, …): one
 * `not_applicable` for the account, so an empty account is visible and never counts as a pass.
 */
export function nothingInScope(resource: string, message: string, evidence: Evidence): CheckOutcome {
  return { status: 'not_applicable', resource, region: 'global', message, evidence };
}

export interface RegionalJudgement<T> {
  /** What a region's data is, for the `unknown` of a region that could not be read ("EC2 instances"). */
  what: string;
  /** The IAM action that reads it, named when the error does not name the refused one. */
  action: string;
  /** The account-wide `not_applicable` message when no region had anything to judge. */
  nothing: string;
  /** Judges one readable region; a region with nothing to judge returns no outcome. */
  judge: (data: T, region: string) => CheckOutcome[];
}

/**
 * The loop every regional check shares: each readable region is judged, each unreadable one is
 * `unknown` (see regionUnknown for its resource), and when no region yields an outcome the check
 * says `not_applicable` once for the account (see nothingInScope), never a pass per empty region.
 */
export function forEachRegion<T>(
  context: Pick<EvaluationContext, 'partition' | 'accountId'>,
  slice: Regional<T>,
  judgement: RegionalJudgement<T>,
): CheckOutcome[] {
  const { partition, accountId } = context;
  const outcomes = slice.flatMap(({ region, result }) =>
    result.ok
      ? judgement.judge(result.data, region)
      : [regionUnknown({ partition, accountId, region, what: judgement.what, error: result.error, action: judgement.action })],
  );
  if (outcomes.length > 0) return outcomes;
  return [nothingInScope(accountArn(partition, accountId), judgement.nothing, { regionsScanned: slice.length })];
}

/**
 * The loop every credential-report check shares: each IAM user but the root user (whose
 * credentials iam-root-* judge) is judged, and when no user yields an outcome the check says
 * `not_applicable` once for the account with how many users the report held.
 */
export function forEachIamUser(
  context: Pick<EvaluationContext, 'partition' | 'accountId'>,
  report: CredentialReport,
  judgement: { nothing: string; judge: (row: CredentialReportRow) => CheckOutcome[] },
): CheckOutcome[] {
  const users = report.rows.filter((row) => row.user !== ROOT_ACCOUNT_USER);
  const outcomes = users.flatMap((row) => judgement.judge(row));
  if (outcomes.length > 0) return outcomes;
  return [nothingInScope(accountArn(context.partition, context.accountId), judgement.nothing, { usersInReport: users.length })];
}

/**
 * Each active access key of a credential-report row, judged once, with the qualifier every key
 * result carries (`access-key-1`, `access-key-2`): one rule, so two checks' results on the same key
 * line up and their fingerprints stay stable. Inactive keys cannot sign requests and are skipped.
 */
export function forEachActiveKey(
  row: CredentialReportRow,
  judge: (key: CredentialReportRow['accessKeys'][number], qualifier: string) => CheckOutcome,
): CheckOutcome[] {
  return row.accessKeys.filter((key) => key.active).map((key) => judge(key, `access-key-${key.slot}`));
}

/**
 * Another regional slice's entry for the region being judged (the security groups next to the
 * instances, the Block Public Access state next to the snapshots); undefined when that region was
 * not collected for it, which callers treat as unknown, never as clean.
 */
export function sameRegion<T>(slice: Regional<T>, region: string): Regional<T>[number]['result'] | undefined {
  return slice.find((entry) => entry.region === region)?.result;
}
