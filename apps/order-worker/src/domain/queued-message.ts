/** One delivery of a message from the orders queue, as the worker sees it (read from an SQS record). */
export interface QueuedMessage {
  /** The queue's id for the message: each result is keyed by it. */
  messageId: string;
  /** The body as sent: an order message, unless it is poison. */
  body: string;
  /** How many times the queue has delivered the message, this delivery included. */
  receiveCount: number;
  /** The X-Ray trace header the message came with (`Root=1-…;Parent=…;Sampled=…`), when it was traced. */
  traceHeader?: string | undefined;
  /** The `correlationId` message attribute the api sets on every message. */
  correlationId?: string | undefined;
}
