/**
 * How orders flow from the queue into the database. Infra (SQS queue, event-source mapping, Lambda) and the
 * local stack (emulated queue + poller) both read these numbers, so what runs on a laptop is what AWS runs.
 */
export const orderFlow = {
  /** Messages handed to one worker invocation. One transaction per batch, so larger = fewer round trips. */
  batchSize: 10,
  /** How long the mapping may wait to fill a batch. Trades a little latency for fuller batches. */
  batchWindowSeconds: 1,
  /**
   * Upper bound on concurrent worker invocations (the mapping's `maximumConcurrency`). This, not the
   * queue depth, decides how many database connections the write path can ever hold.
   */
  maxConcurrency: 10,
  /** Receives before a message is moved to the dead-letter queue. AWS advises at least 5 for Lambda. */
  maxReceiveCount: 5,
  /** Worker Lambda timeout. */
  workerTimeoutSeconds: 30,
  /**
   * Queue visibility timeout. AWS advises at least 6 x the function timeout (plus the batching window) so
   * throttled retries inside the mapping do not make a message visible while it is still being processed.
   */
  visibilityTimeoutSeconds: 6 * 30 + 1,
  /** Long-poll wait used by receivers (the local poller; Lambda's mapping manages its own). */
  receiveWaitSeconds: 5,
} as const;

export type OrderFlowSettings = typeof orderFlow;

/**
 * Limits AWS sets on an SQS event-source mapping ("Using Lambda with Amazon SQS",
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html): batch size of a standard queue, and the
 * range of its maximum concurrency.
 */
export const sqsMappingLimits = {
  maxBatchSize: 10_000,
  /** Larger batches need a batching window of at least 1 s. */
  maxBatchSizeWithoutWindow: 10,
  minConcurrency: 2,
  maxConcurrency: 1000,
} as const;

/** Returns the broken invariants of a flow configuration (empty when it is sound). */
export function orderFlowProblems(flow: OrderFlowSettings): string[] {
  const problems: string[] = [];
  const limits = sqsMappingLimits;
  if (!Number.isInteger(flow.batchSize) || flow.batchSize < 1 || flow.batchSize > limits.maxBatchSize) {
    problems.push(
      `batchSize must be an integer in 1..${limits.maxBatchSize} (SQS event-source mapping limit)`,
    );
  }
  if (flow.batchSize > limits.maxBatchSizeWithoutWindow && flow.batchWindowSeconds < 1) {
    problems.push(
      `batchSize above ${limits.maxBatchSizeWithoutWindow} requires a batching window of at least 1 s`,
    );
  }
  if (flow.batchWindowSeconds < 0 || flow.batchWindowSeconds > 300) {
    problems.push("batchWindowSeconds must be in 0..300");
  }
  const { minConcurrency, maxConcurrency } = limits;
  if (
    !Number.isInteger(flow.maxConcurrency) ||
    flow.maxConcurrency < minConcurrency ||
    flow.maxConcurrency > maxConcurrency
  ) {
    problems.push(
      `maxConcurrency must be an integer in ${minConcurrency}..${maxConcurrency} (SQS mapping scaling config limit)`,
    );
  }
  if (flow.maxReceiveCount < 5) problems.push("maxReceiveCount must be at least 5 for Lambda consumers");
  if (flow.workerTimeoutSeconds < 1 || flow.workerTimeoutSeconds > 900) {
    problems.push("workerTimeoutSeconds must be in 1..900");
  }
  if (flow.visibilityTimeoutSeconds < 6 * flow.workerTimeoutSeconds + flow.batchWindowSeconds) {
    problems.push("visibilityTimeoutSeconds must be at least 6 x workerTimeoutSeconds + batchWindowSeconds");
  }
  if (flow.visibilityTimeoutSeconds > 43_200) problems.push("visibilityTimeoutSeconds must be at most 12 h");
  if (flow.receiveWaitSeconds < 0 || flow.receiveWaitSeconds > 20) {
    problems.push("receiveWaitSeconds must be in 0..20 (SQS long-poll limit)");
  }
  return problems;
}
