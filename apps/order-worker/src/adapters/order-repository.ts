import type { OrderMessage } from "@orders/contracts";
import type postgres from "postgres";
import { type CatalogueEntry, decideOrders, type OrderDecision } from "../domain/decide-orders";
import { jsonLiteral } from "./json-literal";

/** What happened to one order message of a batch (in the order the messages were given). */
export type OrderOutcome =
  | { kind: "accepted"; orderId: string; totalCents: number }
  | { kind: "rejected"; orderId: string; reason: string }
  /** Already recorded by an earlier delivery (or an earlier message of the batch): no second effect. */
  | { kind: "duplicate"; orderId: string };

/**
 * The worker's write path: decides and records a whole batch of order messages in ONE transaction, in two
 * round trips to the database however many messages the batch holds:
 * 1. `begin`; lock the batch's products; read which of its orders already exist (one message);
 * 2. decide every order in memory (`decideOrders`), then one write statement and `commit` (one message).
 *
 * Exactly-once effect on at-least-once delivery:
 * - the batch's products are locked (`FOR NO KEY UPDATE`: stock changes, the key never does) in SKU order, so batches touching the same products run one
 *   after the other (and never deadlock on each other);
 * - existing order ids are read by the next statement, which runs only once the locks are held and takes a
 *   fresh snapshot (read committed): a concurrent batch carrying the same order held the same locks, has
 *   committed, and its order is seen, so this delivery becomes a duplicate;
 * - orders are inserted `ON CONFLICT DO NOTHING` (in id order), and items and stock decrements are written
 *   only for orders that statement really inserted, so even a race on an order that takes no product lock
 *   (only unknown SKUs) has one effect;
 * - the `products_stock_not_negative` check is the last guard against overselling.
 *
 * Throws the driver's error when the transaction fails (rolled back); callers classify it
 * (`classifyDbError`). Needs only the worker role's grants (SELECT products, UPDATE products(stock,
 * updated_at), SELECT orders(id), INSERT orders and order_items).
 *
 * @example
 * const outcomes = await processOrderBatch(getDb().sql, messages); // one outcome per message, same order
 */
export async function processOrderBatch(
  sql: postgres.Sql,
  messages: readonly OrderMessage[],
): Promise<OrderOutcome[]> {
  if (messages.length === 0) return [];
  const skus = [...new Set(messages.flatMap((m) => m.items.map((item) => item.sku)))].sort();
  const orderIds = [...new Set(messages.map((m) => m.orderId))];

  // A reserved connection: the transaction spans two messages, with the decision made in between.
  const tx = await sql.reserve();
  try {
    // Statements of one message run one after the other, each with its own snapshot (read committed).
    const [, products, existing] = (await tx.unsafe(`
      begin;
      select sku, currency, price_cents, stock from products
      where sku = any(array(select jsonb_array_elements_text(${jsonLiteral(skus)})))
      order by sku
      for no key update;
      select id from orders
      where id = any(array(select jsonb_array_elements_text(${jsonLiteral(orderIds)})::uuid))`)) as unknown as [
      unknown,
      ProductRow[],
      { id: string }[],
    ];

    const catalogue = new Map<string, CatalogueEntry>(
      products.map((p) => [
        p.sku,
        { sku: p.sku, currency: p.currency, priceCents: Number(p.price_cents), stock: p.stock },
      ]),
    );
    const decisions = decideOrders(messages, catalogue, new Set(existing.map((row) => row.id)));
    const toWrite = decisions.flatMap((decision, index) =>
      decision.kind === "duplicate" ? [] : [{ decision, message: messages[index] as OrderMessage }],
    );
    const inserted = toWrite.length > 0 ? await writeAndCommit(tx, toWrite) : await commitOnly(tx);

    return decisions.map((decision): OrderOutcome => {
      // Lost a race on an order that took no product lock: the other delivery recorded it.
      if (decision.kind === "duplicate" || !inserted.has(decision.orderId)) {
        return { kind: "duplicate", orderId: decision.orderId };
      }
      return decision.kind === "accepted"
        ? { kind: "accepted", orderId: decision.orderId, totalCents: decision.totalCents }
        : { kind: "rejected", orderId: decision.orderId, reason: decision.reason };
    });
  } catch (error) {
    // A failed statement leaves the transaction aborted (the rest of its message is skipped). On a lost
    // connection there is nothing to roll back: the server already did.
    await tx.unsafe("rollback").catch(() => {});
    throw error;
  } finally {
    tx.release();
  }
}

type ProductRow = { sku: string; currency: string; price_cents: string; stock: number };

type Writable = { decision: Exclude<OrderDecision, { kind: "duplicate" }>; message: OrderMessage };

async function commitOnly(tx: postgres.ReservedSql): Promise<Set<string>> {
  await tx.unsafe("commit");
  return new Set();
}

/**
 * Every write of the batch in one statement, then `commit`, in one message: orders, their items, and the
 * stock taken by accepted orders. Items and stock are derived from the orders the insert actually returned,
 * so an order that already exists changes nothing. If the write fails, the `commit` after it is skipped and
 * the caller rolls back. Returns the ids of the orders inserted.
 */
async function writeAndCommit(tx: postgres.ReservedSql, rows: readonly Writable[]): Promise<Set<string>> {
  const orders = rows
    .map(({ decision, message }) => ({
      id: decision.orderId,
      customer_id: message.customerId,
      currency: message.currency,
      total_cents: decision.kind === "accepted" ? decision.totalCents : 0,
      status: decision.kind,
      rejection_reason: decision.kind === "rejected" ? decision.reason : null,
      accepted_at: message.acceptedAt,
    }))
    // Every worker inserts orders in id order, so two batches racing on the same orders wait, never deadlock.
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const items = rows.flatMap(({ decision }) =>
    decision.items.map((item) => ({
      order_id: decision.orderId,
      sku: item.sku,
      quantity: item.quantity,
      unit_price_cents: item.unitPriceCents,
      accepted: decision.kind === "accepted",
    })),
  );
  // postgres.js starts a new result set only for a statement that returns rows after another statement
  // completed: "begin; select; select" gives three, "select; commit" gives the select's rows alone.
  const inserted = (await tx.unsafe(`
    with new_orders as (
      insert into orders (id, customer_id, currency, total_cents, status, rejection_reason, accepted_at)
      select o.id, o.customer_id, o.currency, o.total_cents, o.status, o.rejection_reason, o.accepted_at
      from jsonb_to_recordset(${jsonLiteral(orders)}) as o(
        id uuid, customer_id text, currency text, total_cents bigint, status order_status,
        rejection_reason text, accepted_at timestamptz)
      order by o.id
      on conflict (id) do nothing
      returning id
    ),
    items as (
      select i.* from jsonb_to_recordset(${jsonLiteral(items)}) as i(
        order_id uuid, sku text, quantity int, unit_price_cents bigint, accepted boolean)
      where i.order_id in (select id from new_orders)
    ),
    new_items as (
      insert into order_items (order_id, sku, quantity, unit_price_cents)
      select order_id, sku, quantity, unit_price_cents from items
    ),
    taken as (
      update products p set stock = p.stock - t.quantity, updated_at = now()
      from (select sku, sum(quantity)::int as quantity from items where accepted group by sku) t
      where p.sku = t.sku
    )
    select id from new_orders;
    commit;`)) as unknown as { id: string }[];
  return new Set(inserted.map((row) => row.id));
}
