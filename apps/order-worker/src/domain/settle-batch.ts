import type { OrderMessage } from "@orders/contracts";
import { recordingFailure } from "./errors";
import type { OrderOutcome, OrderRecorder, WorkerLog } from "./ports";
import type { QueuedMessage } from "./queued-message";
import { readOrderMessage } from "./read-order-message";

/** How one message of a batch ended. */
export type RecordResult =
  | { ok: true; outcome: OrderOutcome }
  /**
   * Reported as a batch item failure, so the queue delivers it again. `retryable: false` means it can never
   * succeed (poison, or a permanent recording error): it fails on every receive until it reaches the
   * dead-letter queue.
   */
  | { ok: false; retryable: boolean; reason: string };

export interface SettleDeps {
  /** The batch write path (one transaction for all the given messages). */
  orders: OrderRecorder;
  log: WorkerLog;
}

/**
 * Settles every message of a batch, keyed by message id:
 * - a body that is not a valid order message fails, on every receive (never deleted, never dropped);
 * - the valid messages are written in one batch transaction; if it fails for a transient reason, they all
 *   fail and the queue delivers them again;
 * - if it fails for a permanent reason (a bug or data the database refuses), each message is retried in a
 *   transaction of its own, so only the message that causes it fails instead of the whole batch.
 */
export async function settleBatch(
  messages: readonly QueuedMessage[],
  deps: SettleDeps,
): Promise<Map<string, RecordResult>> {
  const results = new Map<string, RecordResult>();
  const valid: { queued: QueuedMessage; message: OrderMessage }[] = [];
  for (const queued of messages) {
    const read = readOrderMessage(queued.body);
    if (read.ok) {
      valid.push({ queued, message: read.message });
      continue;
    }
    deps.log.error("poison message: failing it until it reaches the dead-letter queue", {
      messageId: queued.messageId,
      reason: read.reason,
      receiveCount: queued.receiveCount,
    });
    results.set(queued.messageId, { ok: false, retryable: false, reason: read.reason });
  }
  if (valid.length === 0) return results;

  try {
    const outcomes = await deps.orders.recordBatch(valid.map((v) => v.message));
    valid.forEach(({ queued }, i) => {
      results.set(queued.messageId, { ok: true, outcome: outcomes[i] as OrderOutcome });
    });
  } catch (error) {
    const failure = recordingFailure(error);
    if (failure.kind === "permanent" && valid.length > 1) {
      deps.log.warn("batch transaction failed permanently: retrying its orders one by one", {
        failure,
        error: errorMessage(error),
      });
      // Rare path (a permanent error means a bug or data the database refuses): one transaction per order.
      for (const { queued, message } of valid) {
        results.set(queued.messageId, await settleAlone(message, deps));
      }
    } else {
      deps.log.error("batch transaction failed: every order of the batch is reported failed", {
        failure,
        error: errorMessage(error),
        orders: valid.length,
      });
      for (const { queued } of valid) results.set(queued.messageId, failed(error));
    }
  }
  return results;
}

async function settleAlone(message: OrderMessage, deps: SettleDeps): Promise<RecordResult> {
  try {
    const [outcome] = await deps.orders.recordBatch([message]);
    return { ok: true, outcome: outcome as OrderOutcome };
  } catch (error) {
    deps.log.error("order failed on its own", {
      orderId: message.orderId,
      correlation_id: message.correlationId,
      failure: recordingFailure(error),
      error: errorMessage(error),
    });
    return failed(error);
  }
}

function failed(error: unknown): RecordResult {
  const failure = recordingFailure(error);
  return { ok: false, retryable: failure.retryable, reason: `${failure.kind}: ${errorMessage(error)}` };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
