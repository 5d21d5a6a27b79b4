import type { OrderMessage } from "@orders/contracts";
import type { DbClient } from "@orders/db-client";
import { processOrderBatch } from "@orders/order-worker/process-batch";

/** The worker's real write path (`processOrderBatch`) for a batch of one order: one instance, one order. */
export async function workerWriteOrder(client: DbClient, message: OrderMessage): Promise<void> {
  const [outcome] = await processOrderBatch(client.sql, [message]);
  if (outcome?.kind !== "accepted") throw new Error(`order not accepted: ${JSON.stringify(outcome)}`);
}
