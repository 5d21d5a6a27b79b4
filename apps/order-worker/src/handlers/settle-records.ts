import type { Logger } from "@aws-lambda-powertools/logger";
import type { OrderMessage } from "@orders/contracts";
import { classifyDbError } from "@orders/db-client";
import type { SQSRecord } from "aws-lambda";
import type { OrderOutcome } from "../adapters/order-repository";
import { readOrderMessage } from "../domain/read-order-message";

/** How one SQS record of a batch ended. */
export type RecordResult =
  | { ok: true; outcome: OrderOutcome }
  /**
   * Reported as a batch item failure, so SQS delivers it again. `retryable: false` means it can never succeed
   * (poison, or a permanent database error): it fails on every receive until it reaches the dead-letter queue.
   */
  | { ok: false; retryable: boolean; reason: string };

export interface SettleDeps {
  /** The batch write path (one transaction for all the given messages). */
  processBatch(messages: readonly OrderMessage[]): Promise<OrderOutcome[]>;
  logger: Pick<Logger, "info" | "warn" | "error">;
}

/**
 * Settles every record of an SQS batch, keyed by message id:
 * - a body that is not a valid order message fails, on every receive (never deleted, never dropped);
 * - the valid messages are written in one batch transaction; if it fails for a transient reason, they all
 *   fail and SQS retries them;
 * - if it fails for a permanent reason (a bug or data the database refuses), each message is retried in a
 *   transaction of its own, so only the message that causes it fails instead of the whole batch.
 */
export async function settleRecords(
  records: readonly SQSRecord[],
  deps: SettleDeps,
): Promise<Map<string, RecordResult>> {
  const results = new Map<string, RecordResult>();
  const valid: { record: SQSRecord; message: OrderMessage }[] = [];
  for (const record of records) {
    const read = readOrderMessage(record.body);
    if (read.ok) {
      valid.push({ record, message: read.message });
      continue;
    }
    deps.logger.error("poison message: failing it until it reaches the dead-letter queue", {
      messageId: record.messageId,
      reason: read.reason,
      receiveCount: Number(record.attributes?.ApproximateReceiveCount),
    });
    results.set(record.messageId, { ok: false, retryable: false, reason: read.reason });
  }
  if (valid.length === 0) return results;

  try {
    const outcomes = await deps.processBatch(valid.map((v) => v.message));
    valid.forEach(({ record }, i) => {
      results.set(record.messageId, { ok: true, outcome: outcomes[i] as OrderOutcome });
    });
  } catch (error) {
    const failure = classifyDbError(error);
    if (failure.kind === "permanent" && valid.length > 1) {
      deps.logger.warn("batch transaction failed permanently: retrying its orders one by one", {
        failure,
        error: errorMessage(error),
      });
      // Rare path (a permanent error means a bug or data the database refuses): one transaction per order.
      for (const { record, message } of valid) {
        results.set(record.messageId, await settleAlone(message, deps));
      }
    } else {
      deps.logger.error("batch transaction failed: every order of the batch is reported failed", {
        failure,
        error: errorMessage(error),
        orders: valid.length,
      });
      for (const { record } of valid) results.set(record.messageId, failed(error));
    }
  }
  return results;
}

async function settleAlone(message: OrderMessage, deps: SettleDeps): Promise<RecordResult> {
  try {
    const [outcome] = await deps.processBatch([message]);
    return { ok: true, outcome: outcome as OrderOutcome };
  } catch (error) {
    deps.logger.error("order failed on its own", {
      orderId: message.orderId,
      correlation_id: message.correlationId,
      failure: classifyDbError(error),
      error: errorMessage(error),
    });
    return failed(error);
  }
}

function failed(error: unknown): RecordResult {
  const failure = classifyDbError(error);
  return { ok: false, retryable: failure.retryable, reason: `${failure.kind}: ${errorMessage(error)}` };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
