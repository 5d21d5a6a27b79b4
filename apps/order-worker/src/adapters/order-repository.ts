import type { OrderMessage } from "@orders/contracts";
import type postgres from "postgres";
import { type CatalogueEntry, decideOrders, type OrderDecision } from "../domain/decide-orders";

/** What happened to one order message of a batch (in the order the messages were given). */
export type OrderOutcome =
  | { kind: "accepted"; orderId: string; totalCents: number }
  | { kind: "rejected"; orderId: string; reason: string }
  /** Already recorded by an earlier delivery (or an earlier message of the batch): no second effect. */
  | { kind: "duplicate"; orderId: string };

/**
 * The worker's write path: decides and records a whole batch of order messages in ONE transaction with a
 * fixed number of round trips (begin, lock products, read existing orders, one write statement, commit),
 * however many messages the batch holds.
 *
 * Exactly-once effect on at-least-once delivery:
 * - the batch's products are locked `FOR UPDATE` in SKU order, so batches touching the same products run one
 *   after the other (and never deadlock on each other);
 * - only then are existing order ids read: a concurrent batch carrying the same order has committed by now
 *   (it held the same product locks), so its order is seen and this delivery becomes a duplicate;
 * - orders are inserted `ON CONFLICT DO NOTHING` (in id order), and items and stock decrements are written
 *   only for orders that statement really inserted, so even a race on an order that takes no product lock
 *   (only unknown SKUs) has one effect;
 * - the `products_stock_not_negative` check is the last guard against overselling.
 *
 * Throws the driver's error when the transaction fails; callers classify it (`classifyDbError`).
 * Needs only the worker role's grants (SELECT products, UPDATE products(stock, updated_at), SELECT orders(id),
 * INSERT orders and order_items).
 */
export async function processOrderBatch(
  sql: postgres.Sql,
  messages: readonly OrderMessage[],
): Promise<OrderOutcome[]> {
  if (messages.length === 0) return [];
  const skus = [...new Set(messages.flatMap((m) => m.items.map((item) => item.sku)))].sort();
  const orderIds = [...new Set(messages.map((m) => m.orderId))];

  return sql.begin(async (tx) => {
    const products = await tx<{ sku: string; currency: string; price_cents: string; stock: number }[]>`
      select sku, currency, price_cents, stock from products
      where sku = any(${tx.array(skus)}::text[])
      order by sku
      for update`;
    const existing = await tx<{ id: string }[]>`
      select id from orders where id = any(${tx.array(orderIds)}::uuid[])`;

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
    const inserted = toWrite.length > 0 ? await writeOrders(tx, toWrite) : new Set<string>();

    return decisions.map((decision): OrderOutcome => {
      // Lost a race on an order that took no product lock: the other delivery recorded it.
      if (decision.kind === "duplicate" || !inserted.has(decision.orderId)) {
        return { kind: "duplicate", orderId: decision.orderId };
      }
      return decision.kind === "accepted"
        ? { kind: "accepted", orderId: decision.orderId, totalCents: decision.totalCents }
        : { kind: "rejected", orderId: decision.orderId, reason: decision.reason };
    });
  });
}

type Writable = { decision: Exclude<OrderDecision, { kind: "duplicate" }>; message: OrderMessage };

/**
 * One statement for every write of the batch: orders, their items, and the stock taken by accepted orders.
 * Items and stock are derived from the orders the insert actually returned, so an order that already exists
 * changes nothing. Rows travel as parallel arrays through `unnest`, so the statement text (and the round
 * trip count) does not depend on the batch size.
 */
async function writeOrders(tx: postgres.TransactionSql, rows: readonly Writable[]): Promise<Set<string>> {
  const orders = [...rows].sort((a, b) => (a.decision.orderId < b.decision.orderId ? -1 : 1));
  const items = orders.flatMap(({ decision }) =>
    decision.items.map((item) => ({
      ...item,
      orderId: decision.orderId,
      accepted: decision.kind === "accepted",
    })),
  );
  const inserted = await tx<{ id: string }[]>`
    with new_orders as (
      insert into orders (id, customer_id, currency, total_cents, status, rejection_reason, accepted_at)
      select * from unnest(
        ${tx.array(orders.map((o) => o.decision.orderId))}::uuid[],
        ${tx.array(orders.map((o) => o.message.customerId))}::text[],
        ${tx.array(orders.map((o) => o.message.currency))}::bpchar[],
        ${tx.array(orders.map((o) => (o.decision.kind === "accepted" ? String(o.decision.totalCents) : "0")))}::bigint[],
        ${tx.array(orders.map((o) => o.decision.kind))}::order_status[],
        ${tx.array(orders.map((o) => (o.decision.kind === "rejected" ? o.decision.reason : null)))}::text[],
        ${tx.array(orders.map((o) => o.message.acceptedAt))}::timestamptz[]
      )
      order by 1
      on conflict (id) do nothing
      returning id
    ),
    items as (
      select * from unnest(
        ${tx.array(items.map((i) => i.orderId))}::uuid[],
        ${tx.array(items.map((i) => i.sku))}::text[],
        ${tx.array(items.map((i) => i.quantity))}::int[],
        ${tx.array(items.map((i) => (i.unitPriceCents === null ? null : String(i.unitPriceCents))))}::bigint[],
        ${tx.array(items.map((i) => i.accepted))}::bool[]
      ) as i(order_id, sku, quantity, unit_price_cents, accepted)
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
    select id from new_orders`;
  return new Set(inserted.map((row) => row.id));
}
