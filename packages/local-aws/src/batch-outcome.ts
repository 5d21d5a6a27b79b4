import type { SQSBatchResponse } from "aws-lambda";

export interface BatchOutcome {
  /** Message ids to delete. */
  succeeded: string[];
  /** Message ids left on the queue, to come back after the visibility timeout. */
  failed: string[];
  /** Why the whole batch counts as failed, when it does. */
  wholeBatchFailed?: string;
}

/**
 * Reads a handler's result the way Lambda's SQS mapping does with `ReportBatchItemFailures`: nothing or an
 * empty `batchItemFailures` = all succeeded; listed ids failed; a thrown error, a timeout, or a failure entry
 * that is empty or names a message not in the batch = the whole batch failed.
 */
export function batchOutcome(
  messageIds: readonly string[],
  result: { ok: true; value: unknown } | { ok: false; reason: string },
): BatchOutcome {
  const allFailed = (reason: string): BatchOutcome => ({
    succeeded: [],
    failed: [...messageIds],
    wholeBatchFailed: reason,
  });
  if (!result.ok) return allFailed(result.reason);
  const value = result.value as Partial<SQSBatchResponse> | null | undefined;
  if (value === undefined || value === null) return { succeeded: [...messageIds], failed: [] };
  if (typeof value !== "object") return allFailed("handler returned a value that is not a batch response");
  const failures = value.batchItemFailures ?? [];
  if (!Array.isArray(failures)) return allFailed("batchItemFailures is not an array");
  const inBatch = new Set(messageIds);
  const failedIds = new Set<string>();
  for (const failure of failures) {
    const id = failure?.itemIdentifier;
    if (typeof id !== "string" || !inBatch.has(id)) {
      return allFailed(`batchItemFailures names ${JSON.stringify(id)}, which is not in the batch`);
    }
    failedIds.add(id);
  }
  return {
    succeeded: messageIds.filter((id) => !failedIds.has(id)),
    failed: messageIds.filter((id) => failedIds.has(id)),
  };
}
