import { processOrderBatch } from "@orders/order-worker/process-batch";
import type { WriteOrder } from "./run-storm";

/** The worker's real write path (`processOrderBatch`) for a batch of one order: one instance, one order. */
export const workerWriteOrder: WriteOrder = async (client, message) => {
  const [outcome] = await processOrderBatch(client.sql, [message]);
  if (outcome?.kind !== "accepted") throw new Error(`order not accepted: ${JSON.stringify(outcome)}`);
};

/** Which write path the storm uses, with a label for its report. */
export function resolveWriteOrder(): { writeOrder: WriteOrder; label: string } {
  return { writeOrder: workerWriteOrder, label: "worker processOrderBatch (1 order)" };
}
