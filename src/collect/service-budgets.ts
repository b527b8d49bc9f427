/**
 * How hard breachmap may drive each AWS service, per account and region: calls in flight, and for
 * APIs AWS meters with a token bucket, the same bucket on our side so the scan never causes its own
 * throttling. The defaults of `--concurrency` and `--service-concurrency` follow from here.
 */

export interface RateBudget {
  /** Requests AWS lets through at once (bucket size). */
  burst: number;
  /** Tokens AWS adds per second (refill rate). */
  perSecond: number;
}

export interface ServiceBudget {
  /** Calls in flight to the service in one region. */
  concurrency: number;
  /** A token bucket per API (operation) and region, when AWS documents one. */
  rate?: RateBudget;
}

/**
 * - S3: request rates are per bucket prefix, at least 5,500 GET per second each
 *   (https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html), and every
 *   bucket-configuration read targets its own bucket: S3 runs wide.
 * - EC2: each API has its own token bucket per account and region; non-mutating actions (Describe*)
 *   hold 100 tokens and refill 20 per second
 *   (https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html, "Request token bucket
 *   sizes and refill rates"). DescribeSnapshotAttribute and DescribeInstanceAttribute stay within it.
 * - IAM, STS, S3 Control, Organizations: few account-wide calls, mostly paginated one after another;
 *   AWS publishes no per-API rate for them, so they keep a small bound.
 * - Any other service (those added later): a moderate bound until its limits are known.
 */
export const SERVICE_BUDGETS: Readonly<Record<string, ServiceBudget>> = {
  s3: { concurrency: 64 },
  ec2: { concurrency: 32, rate: { burst: 100, perSecond: 20 } },
  iam: { concurrency: 4 },
  sts: { concurrency: 4 },
  s3control: { concurrency: 4 },
  organizations: { concurrency: 4 },
};

export const OTHER_SERVICE_BUDGET: ServiceBudget = { concurrency: 8 };

export function serviceBudget(service: string): ServiceBudget {
  return SERVICE_BUDGETS[service] ?? OTHER_SERVICE_BUDGET;
}

/**
 * `--concurrency`'s default: every service of a scan at its budget at once (S3 wide, EC2 in a few
 * regions) fits, so the global bound only caps sockets and memory and never starves a service.
 */
export const DEFAULT_CONCURRENCY = 192;

/**
 * `--max-attempts`'s default. Retries are cheap (retry.ts) and a scan sends thousands of calls:
 * with 30 % of requests throttled, 10 attempts leave about one call in 170,000 failing, where 6
 * left one in 1,400 (several per large account), each an `unknown` verdict.
 */
export const DEFAULT_MAX_ATTEMPTS = 10;
