import type { OrderMessage } from "@orders/contracts";
import type postgres from "postgres";
import { arrayLiteral } from "./sql-literal";

/** What happened to one order message of a batch (in the order the messages were given). */
export type OrderOutcome =
  | { kind: "accepted"; orderId: string; totalCents: number }
  | { kind: "rejected"; orderId: string; reason: string }
  /** Already recorded by an earlier delivery (or an earlier message of the batch): no second effect. */
  | { kind: "duplicate"; orderId: string };

/**
 * The worker's write path: decides and records a whole batch of order messages in ONE statement — one round
 * trip, one transaction, however many messages the batch holds — by calling the database function
 * `record_order_batch` (packages/db/migrations/0002_record_order_batch.sql).
 *
 * The decision runs in the database, under the batch's product locks, because it needs stock read under those
 * locks: deciding here would hold them across a round trip and this function's CPU time. The rules are
 * `decideOrders` (../domain/decide-orders.ts), the specification the SQL function is tested against; the
 * exactly-once argument (SKU-ordered locks, a fresh snapshot for existing ids, ON CONFLICT inserts, items and
 * stock only for inserted orders) is written beside the SQL.
 *
 * Throws the driver's error when the statement fails (nothing is written); callers classify it
 * (`classifyDbError`). Needs only the worker role's grants (EXECUTE on the function; it runs as the caller).
 *
 * @example
 * const outcomes = await processOrderBatch(getDb().sql, messages); // one outcome per message, same order
 */
export async function processOrderBatch(
  sql: postgres.Sql,
  messages: readonly OrderMessage[],
): Promise<OrderOutcome[]> {
  if (messages.length === 0) return [];
  // The SKUs the batch names, once each; items point at them by 1-based index.
  const productIndex = new Map<string, number>();
  for (const m of messages)
    for (const item of m.items)
      if (!productIndex.has(item.sku)) productIndex.set(item.sku, productIndex.size + 1);
  const items = messages.flatMap((m, index) =>
    m.items.map((item) => ({
      message: index + 1,
      product: productIndex.get(item.sku) as number,
      quantity: item.quantity,
    })),
  );
  // One parameterless statement (see sql-literal): on its own it is its own transaction.
  const rows = await sql.unsafe<OutcomeRow[]>(
    `select message_index, order_id, outcome, total_cents, rejection_reason
     from record_order_batch(
       ${arrayLiteral(
         messages.map((m) => m.orderId),
         "uuid",
       )},
       ${arrayLiteral(
         messages.map((m) => m.customerId),
         "text",
       )},
       ${arrayLiteral(
         messages.map((m) => m.currency),
         "text",
       )},
       ${arrayLiteral(
         messages.map((m) => m.acceptedAt),
         "timestamptz",
       )},
       ${arrayLiteral([...productIndex.keys()], "text")},
       ${arrayLiteral(
         items.map((i) => i.message),
         "int",
       )},
       ${arrayLiteral(
         items.map((i) => i.product),
         "int",
       )},
       ${arrayLiteral(
         items.map((i) => i.quantity),
         "int",
       )})
     order by message_index`,
  );
  if (rows.length !== messages.length) {
    throw new Error(`record_order_batch answered ${rows.length} outcomes for ${messages.length} messages`);
  }
  return rows.map(toOutcome);
}

type OutcomeRow = {
  message_index: number;
  order_id: string;
  outcome: "accepted" | "rejected" | "duplicate";
  total_cents: string | null;
  rejection_reason: string | null;
};

function toOutcome(row: OutcomeRow): OrderOutcome {
  switch (row.outcome) {
    case "accepted":
      return { kind: "accepted", orderId: row.order_id, totalCents: Number(row.total_cents) };
    case "rejected":
      return { kind: "rejected", orderId: row.order_id, reason: row.rejection_reason ?? "" };
    case "duplicate":
      return { kind: "duplicate", orderId: row.order_id };
  }
}
