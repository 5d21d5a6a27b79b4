import type { OrderMessage } from "@orders/contracts";

/** What happened to one order message of a batch (in the order the messages were given). */
export type OrderOutcome =
  | { kind: "accepted"; orderId: string; totalCents: number }
  | { kind: "rejected"; orderId: string; reason: string }
  /** Already recorded by an earlier delivery (or an earlier message of the batch): no second effect. */
  | { kind: "duplicate"; orderId: string };

/**
 * Where orders are recorded: decides and writes a whole batch in one transaction, under the rules of
 * `decideOrders`, and answers one outcome per message, in message order. Recording the same message again has
 * no second effect (a `duplicate` outcome). Fails with {@link OrderRecordingError} (nothing is written).
 */
export interface OrderRecorder {
  recordBatch(messages: readonly OrderMessage[], options?: RecordOptions): Promise<OrderOutcome[]>;
}

export interface RecordOptions {
  /**
   * When to stop waiting (epoch ms): a call still waiting then fails as retryable, so the queue delivers the
   * batch again instead of the function being stopped mid-flight. Without it, the call has no deadline of its
   * own.
   */
  giveUpAt?: number;
}

/** Attributes of a log line. Type aliases, not interfaces, satisfy this index signature. */
export type LogAttributes = Record<string, unknown>;

/** Where the worker says what it did: structured log lines, one JSON object each in AWS. */
export interface WorkerLog {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}

/** Where the worker's figures go (CloudWatch metrics in AWS); names are the metric names alarms use. */
export interface WorkerMetrics {
  count(name: string, value: number): void;
  /** A count under one more dimension, published as a metric of its own (e.g. rejections by reason). */
  countBy(name: string, dimension: { name: string; value: string }, value: number): void;
  milliseconds(name: string, value: number): void;
  /** Sends what the invocation recorded, once, after its answer is built. */
  publish(): void;
}
