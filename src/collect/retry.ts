/**
 * The retry strategy of every client: standard retries with full-jitter exponential backoff
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html), without the SDK's
 * two brakes that cost a scan most under heavy throttling:
 * - adaptive mode's client-side rate limiter cuts the send rate sharply after each throttle and
 *   recovers slowly (a tenth of the benchmark's large account at 30 % throttling took ten minutes);
 *   breachmap instead keeps each service within AWS's documented budget up front (service-budgets.ts);
 * - standard mode's retry quota (500 tokens, 5 to 14 per retry) refuses retries once many calls of
 *   one client were throttled, so a busy scan would give up on calls with attempts left.
 * Only throttling and transient errors (timeouts, resets, 5xx) are retried, up to `maxAttempts`
 * attempts; a call still failing then is reported as `unknown` with its reason. A Retry-After hint
 * is honoured up to the cap.
 */
import type { RetryErrorInfo, RetryStrategyV2, RetryToken, StandardRetryToken } from '@smithy/types';

export interface SteadyRetryOptions {
  maxAttempts: number;
  /** Full jitter: attempt n waits random(0, min(maxDelayMs, baseDelayMs × 2^(n-1))). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Injected in tests. */
  random?: () => number;
}

/** 50 ms doubles to 5 s over the attempts: cheap for a one-off throttle, patient for a busy API. */
export const RETRY_BASE_DELAY_MS = 50;
export const RETRY_MAX_DELAY_MS = 5_000;

class Token implements StandardRetryToken {
  constructor(
    private readonly count: number,
    private readonly delay: number,
  ) {}
  getRetryCount(): number {
    return this.count;
  }
  getRetryDelay(): number {
    return this.delay;
  }
  getRetryCost(): number | undefined {
    return undefined;
  }
}

export class SteadyRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(private readonly options: SteadyRetryOptions) {
    this.baseDelayMs = options.baseDelayMs ?? RETRY_BASE_DELAY_MS;
    this.maxDelayMs = options.maxDelayMs ?? RETRY_MAX_DELAY_MS;
    this.random = options.random ?? Math.random;
  }

  acquireInitialRetryToken(): Promise<RetryToken> {
    return Promise.resolve(new Token(0, 0));
  }

  refreshRetryTokenForRetry(token: RetryToken, errorInfo: RetryErrorInfo): Promise<RetryToken> {
    const retries = token.getRetryCount();
    const retryable = errorInfo.errorType === 'THROTTLING' || errorInfo.errorType === 'TRANSIENT';
    if (!retryable || retries + 1 >= this.options.maxAttempts) return Promise.reject(new Error('No retry token available'));
    let delay = Math.floor(this.random() * Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** retries));
    const hint = errorInfo.retryAfterHint;
    if (hint instanceof Date) delay = Math.max(delay, Math.min(this.maxDelayMs, hint.getTime() - Date.now()));
    return Promise.resolve(new Token(retries + 1, delay));
  }

  recordSuccess(): void {}
}
