import type { SqsSendSettings } from "@orders/settings";

/**
 * What went wrong with one attempt, as the AWS SDK's standard retry mode sorts it:
 * - `throttling`: SQS asked the caller to slow down (HTTP 429 or a throttling error code);
 * - `transient`: a 5xx, a transient error code, or no HTTP answer at all (reset, refused, DNS);
 * - `timeout`: the attempt outlived its own time limit;
 * - `permanent`: an answer that retrying cannot change (a missing queue, a bad signature, a 4xx);
 * - `aborted`: the caller gave up (its signal fired): never retried.
 */
export type FailureKind = "throttling" | "transient" | "timeout" | "permanent" | "aborted";

/**
 * Error codes the SDK's standard mode retries as throttling, and as transient. Kept as data here because
 * the SDK exports them only from its internals (@smithy/core's retry submodule).
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
const throttlingCodes = new Set([
  "BandwidthLimitExceeded",
  "EC2ThrottledException",
  "LimitExceededException",
  "PriorRequestNotComplete",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "ThrottledException",
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "TransactionInProgressException",
]);
const transientCodes = new Set(["TimeoutError", "RequestTimeout", "RequestTimeoutException"]);
const transientStatuses = new Set([500, 502, 503, 504]);

/** Sorts an HTTP error answer by its status and its AWS error code (the part after `#`, e.g. `ThrottlingException`). */
export function classifyErrorResponse(status: number, code: string | undefined): FailureKind {
  if (status === 429 || (code !== undefined && throttlingCodes.has(code))) return "throttling";
  if (transientStatuses.has(status) || (code !== undefined && transientCodes.has(code))) return "transient";
  return "permanent";
}

/** Whether an attempt that failed this way may be tried again. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === "throttling" || kind === "transient" || kind === "timeout";
}

/**
 * The wait before attempt `attempt + 1` after attempt `attempt` (1-based) failed: "full jitter", a uniform
 * random wait between 0 and the exponential bound, so that a burst of instances failing together does not
 * retry together.
 */
export function backoffMs(
  kind: FailureKind,
  attempt: number,
  settings: SqsSendSettings,
  random: () => number = Math.random,
): number {
  const base = kind === "throttling" ? settings.throttlingBackoffBaseMs : settings.backoffBaseMs;
  return Math.floor(random() * Math.min(settings.maxBackoffMs, base * 2 ** (attempt - 1)));
}

/**
 * The standard mode's retry quota, one per container: every retry spends tokens, every success returns some.
 * When SQS fails for everyone at once, retries stop once the quota is spent, instead of tripling the load on
 * a service that is already refusing; the customer gets a 503 with Retry-After at once.
 */
export class RetryQuota {
  private tokens: number;

  constructor(private readonly quota: SqsSendSettings["retryQuota"]) {
    this.tokens = quota.capacity;
  }

  /** Takes the cost of one retry after a failure of this kind; undefined (no retry) when the quota is spent. */
  acquire(kind: FailureKind): number | undefined {
    const cost = kind === "timeout" ? this.quota.timeoutRetryCost : this.quota.retryCost;
    if (cost > this.tokens) return undefined;
    this.tokens -= cost;
    return cost;
  }

  /** After a success: returns the last retry's cost, or the small refund of a success at the first attempt. */
  release(lastRetryCost: number | undefined): void {
    this.tokens = Math.min(this.quota.capacity, this.tokens + (lastRetryCost ?? this.quota.successRefund));
  }

  get available(): number {
    return this.tokens;
  }
}
