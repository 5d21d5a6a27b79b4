/**
 * How the API sends a message to SQS: attempts, the time one attempt may take, and the backoff between
 * attempts. The defaults mirror the AWS SDK's "standard" retry mode (3 attempts; full-jitter exponential
 * backoff from a 100 ms base, 500 ms after throttling; a retry quota of 500 tokens, 5 per retry and 10 per
 * retry after a timeout), so the API retries as an SDK client would. The one difference is the backoff cap: a
 * customer is waiting, so it is 1 s instead of the SDK's 20 s.
 *
 * AWS SDKs and Tools Reference Guide, "Retry behavior":
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 * When AWS changes the standard mode's defaults, these numbers are the one place to follow it
 * (docs/decisions/0001-hand-written-sqs-sender.md).
 */
export const sqsSend: SqsSendSettings = {
  /** Attempts in all, the first one included. */
  maxAttempts: 3,
  /**
   * Longest one attempt (connect, send, read the answer) may take before it is abandoned and retried. SQS
   * answers a send in tens of milliseconds; an attempt silent this long is on a dead connection. Two
   * attempts fit inside the request's send deadline (`deadlines.apiQueueSendMs`), which cuts the last one
   * short, so a client gets a 503 it can retry well before the function or API Gateway times out.
   */
  attemptTimeoutMs: 2_000,
  /** Backoff base after a 5xx, a network error or a timeout: attempt n waits random(0, base × 2^(n-1)). */
  backoffBaseMs: 100,
  /** Backoff base after throttling (SQS asks callers to slow down, so they back off more). */
  throttlingBackoffBaseMs: 500,
  /** Upper bound of one backoff. */
  maxBackoffMs: 1_000,
  /** Retry quota per container: retries stop when a burst of failures has spent it; successes refill it. */
  retryQuota: { capacity: 500, retryCost: 5, timeoutRetryCost: 10, successRefund: 1 },
};

/** The shape of {@link sqsSend} (tests pass shorter limits of the same shape). */
export interface SqsSendSettings {
  maxAttempts: number;
  attemptTimeoutMs: number;
  backoffBaseMs: number;
  throttlingBackoffBaseMs: number;
  maxBackoffMs: number;
  retryQuota: { capacity: number; retryCost: number; timeoutRetryCost: number; successRefund: number };
}

/** Longest a send can take when every attempt times out and every backoff is the longest. */
export function worstCaseSendMs(settings: SqsSendSettings = sqsSend): number {
  return (
    settings.maxAttempts * settings.attemptTimeoutMs + (settings.maxAttempts - 1) * settings.maxBackoffMs
  );
}
