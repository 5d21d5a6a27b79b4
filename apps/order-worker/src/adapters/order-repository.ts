import type { OrderMessage } from "@orders/contracts";
import { classifyDbError } from "@orders/db-client";
import { proxyMaxStatementTextBytes } from "@orders/settings";
import type postgres from "postgres";
import { OrderRecordingError } from "../domain/errors";
import type { OrderOutcome, OrderRecorder } from "../domain/ports";
import { type ArrayElementType, arrayLiteral, arrayText } from "./sql-literal";

/** The container's database, as the recorder uses it. */
export interface OrderDatabase {
  /** The container's one client, logged in as the worker role (opened on first use). */
  sql(): postgres.Sql;
  /**
   * Runs `work` within `deadlineMs`, failing it with a retryable error (and replacing the connection) when it
   * outlives it: see `renewableDb`. Without it a call has no deadline of its own, only the function's timeout.
   */
  within?<T>(deadlineMs: number, work: (sql: postgres.Sql) => Promise<T>): Promise<T>;
}

/**
 * The `OrderRecorder` port on PostgreSQL: `processOrderBatch` on the container's client, within the
 * caller's deadline when it gives one. Any failure, the deadline's included, reaches the caller as
 * `OrderRecordingError`, classified by `classifyDbError` (which errors a retry can fix).
 *
 * @example
 * const orders = postgresOrderRecorder({ sql: () => db.current().sql });
 * const outcomes = await orders.recordBatch(messages);
 */
export function postgresOrderRecorder(db: OrderDatabase): OrderRecorder {
  return {
    recordBatch: async (messages, options = {}) => {
      const { giveUpAt } = options;
      try {
        return giveUpAt === undefined || db.within === undefined
          ? await processOrderBatch(db.sql(), messages)
          : await db.within(Math.max(0, giveUpAt - Date.now()), (sql) => processOrderBatch(sql, messages));
      } catch (error) {
        throw new OrderRecordingError(classifyDbError(error), error);
      }
    },
  };
}

/**
 * The worker's write path: decides and records a whole batch of order messages in ONE statement — one round
 * trip for an ordinary batch (two for one whose text would exceed the proxy's limit, see `batchStatement`),
 * one transaction, however many messages the batch holds — by calling the database function
 * `record_order_batch` (packages/db/migrations/0002_record_order_batch.sql).
 *
 * The decision runs in the database, under the batch's product locks, because it needs stock read under those
 * locks: deciding here would hold them across a round trip and this function's CPU time. The rules are
 * `decideOrders` (../domain/decide-orders.ts), the specification the SQL function is tested against; the
 * exactly-once argument (SKU-ordered locks, a fresh snapshot for existing ids, ON CONFLICT inserts, items and
 * stock only for inserted orders) is written beside the SQL.
 *
 * Throws the driver's error when the statement fails (nothing is written); `postgresOrderRecorder` classifies
 * it. Needs only the worker role's grants (EXECUTE on the function; it runs as the caller).
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
  const columns: { values: (string | number)[]; type: ArrayElementType }[] = [
    { values: messages.map((m) => m.orderId), type: "uuid" },
    { values: messages.map((m) => m.customerId), type: "text" },
    { values: messages.map((m) => m.currency), type: "text" },
    { values: messages.map((m) => m.acceptedAt), type: "timestamptz" },
    { values: [...productIndex.keys()], type: "text" },
    { values: items.map((i) => i.message), type: "int" },
    { values: items.map((i) => i.product), type: "int" },
    { values: items.map((i) => i.quantity), type: "int" },
  ];
  const rows = await sql.unsafe<OutcomeRow[]>(...batchStatement(columns));
  if (rows.length !== messages.length) {
    throw new Error(`record_order_batch answered ${rows.length} outcomes for ${messages.length} messages`);
  }
  return rows.map(toOutcome);
}

const outcomeQuery = (args: string[]) =>
  `select message_index, order_id, outcome, total_cents, rejection_reason
   from record_order_batch(${args.join(", ")})
   order by message_index`;

/**
 * The statement for a batch, and its parameters. An ordinary batch goes as one parameterless statement (see
 * sql-literal): postgres.js sends it in one round trip, and on its own it is its own transaction. RDS Proxy
 * pins a session on statement text over 16 KB, which the largest batch the contract allows (10 messages x 50
 * items with 64-character SKUs) exceeds several times over; such a batch sends the same arrays as bind
 * parameters instead, one short statement text whatever the batch, at the price of a second round trip
 * (postgres.js asks for the parameter types first when prepared statements are off).
 */
export function batchStatement(
  columns: readonly { values: readonly (string | number)[]; type: ArrayElementType }[],
): [query: string, parameters?: string[]] {
  const literal = outcomeQuery(columns.map((c) => arrayLiteral(c.values, c.type)));
  if (Buffer.byteLength(literal) <= proxyMaxStatementTextBytes) return [literal];
  return [
    outcomeQuery(columns.map((c, i) => `$${i + 1}::${c.type}[]`)),
    columns.map((c) => arrayText(c.values)),
  ];
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
