import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { orderFlow } from "@orders/settings";
import type { Context, SQSEvent } from "aws-lambda";
import pTimeout from "p-timeout";
import { batchOutcome } from "./batch-outcome";
import { localLambdaContext } from "./lambda-context";
import { queueArn } from "./queue-arn";
import { toSqsEvent } from "./sqs-event";

/** A Lambda handler for SQS events (what `@orders/order-worker/lambda` exports as `handler`). */
export type SqsLambdaHandler = (event: SQSEvent, context: Context) => unknown;

/** One line per batch, like the mapping's invocation log in CloudWatch. */
export interface BatchReport {
  functionName: string;
  size: number;
  failed: number;
  durationMs: number;
  /** Set when the whole batch failed (thrown error, timeout, malformed response). */
  error?: string;
}

export interface EventSourceMappingOptions {
  sqs: SQSClient;
  queueUrl: string;
  handler: SqsLambdaHandler;
  functionName?: string;
  /** Defaults: the deployed mapping's numbers from orderFlow. */
  batchSize?: number;
  batchWindowSeconds?: number;
  maxConcurrency?: number;
  timeoutSeconds?: number;
  /** Long-poll wait while the queue is empty. */
  receiveWaitSeconds?: number;
  /** Called after every batch; the default prints one JSON line. */
  onBatch?: (report: BatchReport) => void;
  /** Receive/delete errors (the poller backs off and carries on, as Lambda's does). */
  onError?: (error: unknown) => void;
}

export interface MappingStats {
  batches: number;
  messages: number;
  failed: number;
  inFlight: number;
}

export interface EventSourceMapping {
  stats(): MappingStats;
  /** Stops polling and waits for the batches in flight to finish (their results are still applied). */
  stop(): Promise<void>;
}

/** SQS returns at most 10 messages per receive and deletes at most 10 per call. */
const SQS_MAX_PER_CALL = 10;
/** Pause after a failed receive, so an unreachable queue is not hammered. */
const ERROR_BACKOFF_MS = 1_000;

/**
 * Runs a Lambda SQS handler against a queue the way Lambda's event-source mapping does, for the local stack.
 * Hand-written because no maintained library emulates the mapping's batching and partial-batch semantics.
 *
 * - Batching: collects up to `batchSize` messages, waiting at most `batchWindowSeconds` once the first one
 *   has arrived, then invokes the handler with a real-shaped `SQSEvent`.
 * - Partial batch response: deletes only the messages not listed in `batchItemFailures`; failed ones stay
 *   invisible until the visibility timeout, then come back (and reach the DLQ after maxReceiveCount). A throw,
 *   a timeout or a malformed response fails the whole batch.
 * - Bounded concurrency: exactly `maxConcurrency` pollers, each invoking the handler and waiting for it before
 *   receiving again. So at most `maxConcurrency` batches are ever in flight, and a busy handler slows
 *   receiving down instead of piling messages up (backpressure), like the mapping's `maximumConcurrency`.
 */
export async function startEventSourceMapping(
  options: EventSourceMappingOptions,
): Promise<EventSourceMapping> {
  const { sqs, queueUrl, handler } = options;
  const functionName = options.functionName ?? "order-worker";
  const batchSize = options.batchSize ?? orderFlow.batchSize;
  const windowMs = (options.batchWindowSeconds ?? orderFlow.batchWindowSeconds) * 1000;
  const maxConcurrency = options.maxConcurrency ?? orderFlow.maxConcurrency;
  const timeoutMs = (options.timeoutSeconds ?? orderFlow.workerTimeoutSeconds) * 1000;
  const receiveWaitSeconds = options.receiveWaitSeconds ?? orderFlow.receiveWaitSeconds;
  const onBatch =
    options.onBatch ??
    ((report) => console.log(JSON.stringify({ level: "INFO", message: "sqs batch", ...report })));
  const onError =
    options.onError ?? ((error) => console.error(`event-source mapping: ${(error as Error).message}`));
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) throw new Error("maxConcurrency must be >= 1");
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("batchSize must be >= 1");

  const source = { queueArn: await queueArn(sqs, queueUrl), region: await sqs.config.region() };
  const stopping = new AbortController();
  const stats: MappingStats = { batches: 0, messages: 0, failed: 0, inFlight: 0 };

  const receive = async (max: number, waitSeconds: number): Promise<Message[]> => {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
      { abortSignal: stopping.signal },
    );
    return Messages ?? [];
  };

  /** Fills one batch; returns what it has if asked to stop half-way (those messages are still processed). */
  const gather = async (): Promise<Message[]> => {
    // Keyed by message id: if the visibility timeout is shorter than the batching window (a misconfiguration
    // orderFlowProblems rejects, but tests use short timeouts), a message can be received twice while the
    // batch fills. It is handed over once, with its newest receipt handle (the only one that can delete it).
    const batch = new Map<string, Message>();
    let deadline = Number.POSITIVE_INFINITY;
    while (batch.size < batchSize && !stopping.signal.aborted) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) break;
      // SQS waits in whole seconds: round up, so a window shorter than a second still gets one long poll.
      const wait = batch.size === 0 ? receiveWaitSeconds : Math.min(20, Math.ceil(remainingMs / 1000));
      try {
        const received = await receive(Math.min(SQS_MAX_PER_CALL, batchSize - batch.size), wait);
        if (batch.size === 0 && received.length > 0) deadline = Date.now() + windowMs;
        for (const message of received) batch.set(message.MessageId as string, message);
      } catch (error) {
        if (stopping.signal.aborted) break;
        if (batch.size > 0) break;
        throw error;
      }
    }
    return [...batch.values()];
  };

  const invoke = async (messages: Message[]): Promise<void> => {
    const ids = messages.map((m) => m.MessageId as string);
    const event = toSqsEvent(messages, source);
    const context = localLambdaContext({ functionName, timeoutMs, region: source.region });
    const started = performance.now();
    stats.inFlight += 1;
    let result: { ok: true; value: unknown } | { ok: false; reason: string };
    try {
      result = { ok: true, value: await withTimeout(async () => handler(event, context), timeoutMs) };
    } catch (error) {
      result = { ok: false, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      stats.inFlight -= 1;
    }
    const outcome = batchOutcome(ids, result);
    const byId = new Map(messages.map((m) => [m.MessageId as string, m]));
    await deleteMessages(outcome.succeeded.map((id) => byId.get(id) as Message));
    stats.batches += 1;
    stats.messages += messages.length;
    stats.failed += outcome.failed.length;
    onBatch({
      functionName,
      size: messages.length,
      failed: outcome.failed.length,
      durationMs: Math.round(performance.now() - started),
      ...(outcome.wholeBatchFailed ? { error: outcome.wholeBatchFailed } : {}),
    });
  };

  const deleteMessages = async (messages: Message[]): Promise<void> => {
    for (let i = 0; i < messages.length; i += SQS_MAX_PER_CALL) {
      const chunk = messages.slice(i, i + SQS_MAX_PER_CALL);
      try {
        // Not tied to the stop signal: a processed message must be deleted even while shutting down.
        const { Failed } = await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle as string })),
          }),
        );
        for (const failure of Failed ?? [])
          onError(new Error(`delete failed: ${failure.Code} ${failure.Message}`));
      } catch (error) {
        onError(error);
      }
    }
  };

  const poll = async (): Promise<void> => {
    while (!stopping.signal.aborted) {
      let batch: Message[];
      try {
        batch = await gather();
      } catch (error) {
        onError(error);
        await sleep(ERROR_BACKOFF_MS, stopping.signal);
        continue;
      }
      if (batch.length > 0) await invoke(batch);
    }
  };

  const pollers = Array.from({ length: maxConcurrency }, () => poll());
  return {
    stats: () => ({ ...stats }),
    stop: async () => {
      stopping.abort();
      await Promise.all(pollers);
    },
  };
}

/** Lambda stops a function at its timeout; here the call is abandoned and its batch counts as failed. */
function withTimeout<T>(run: () => Promise<T>, timeoutMs: number): Promise<T> {
  return pTimeout(run(), { milliseconds: timeoutMs, message: `handler timed out after ${timeoutMs} ms` });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
