-- The worker's write path as one server-side function: a batch of order messages is decided and recorded in
-- ONE statement (one round trip, one transaction when called on its own), under the batch's product locks.
--
-- Why in the database: the decision needs stock read under row locks. Deciding in the Lambda would hold those
-- locks across a network round trip and the function's own CPU time; here they are held only while this
-- function runs, so hot products serialise for microseconds, not milliseconds. PL/pgSQL also keeps each
-- statement's plan for the session, which the client cannot (no prepared statements behind RDS Proxy).
--
-- The rules are those of `decideOrders` (apps/order-worker/src/domain/decide-orders.ts), the executable
-- specification this function is tested against (same outcome for every generated batch):
-- - messages are considered in the given order; an order id already recorded, or earlier in the batch, is a
--   duplicate and has no effect;
-- - a rejection names the first problem: unknown_sku:<sku>, then currency_mismatch:<catalogue currency>, then
--   insufficient_stock:<sku>; a rejected order is recorded with total 0 and takes no stock;
-- - an accepted order takes its units, which later orders of the batch can no longer take.
-- Exactly once on at-least-once delivery:
-- - the batch's products are locked (FOR NO KEY UPDATE: stock changes, the key never does) in SKU order, so
--   batches touching the same products run one after the other and never deadlock on each other;
-- - existing order ids are read by a later statement (a fresh snapshot: the function is VOLATILE and runs
--   under read committed), so a concurrent batch that held the same locks has committed and is seen;
-- - orders are inserted ON CONFLICT DO NOTHING in id order; items and stock are written only for the orders
--   that insert really added, so even a race on an order that took no product lock has one effect;
-- - products_stock_not_negative stays the last guard against overselling.
-- SECURITY INVOKER (the default): it runs with the caller's grants, so the worker role needs nothing new on
-- the tables, only EXECUTE on this function.
--
-- Input: the batch as typed arrays (no JSON to unpack): per message, in message order, its order id, customer,
-- currency and acceptance time; the distinct SKUs the batch names (any order); per item, ordered by message,
-- the message's 1-based index, the item's SKU as a 1-based index into those SKUs, and its quantity (each SKU
-- at most once per message). Output: one row per message, in message order.
CREATE FUNCTION record_order_batch(
  order_ids uuid[],
  customer_ids text[],
  order_currencies text[],
  order_accepted_at timestamptz[],
  product_skus text[],
  item_messages int[],
  item_products int[],
  item_quantities int[]
)
RETURNS TABLE (message_index int, order_id uuid, outcome text, total_cents bigint, rejection_reason text)
LANGUAGE plpgsql
VOLATILE
AS $fn$
DECLARE
  message_count int := coalesce(array_length(order_ids, 1), 0);
  product_count int := coalesce(array_length(product_skus, 1), 0);
  item_count int := coalesce(array_length(item_messages, 1), 0);
  already_recorded uuid[];
  it_prices bigint[] := '{}';
  -- The batch's products as locked, aligned with product_skus; NULL for a SKU the catalogue does not know.
  cat_currencies text[];
  cat_prices bigint[];
  available int[];
  -- The decision per message.
  d_outcomes text[] := '{}';
  d_totals bigint[] := '{}';
  d_reasons text[] := '{}';
  first_item int := 1;
  last_item int;
  m int;
  i int;
  c int;
  unknown_sku text;
  foreign_currency text;
  short_sku text;
  total bigint;
BEGIN
  -- Every array one-dimensional from index 1 (or empty), without NULLs: the loop reads by index, the writes
  -- unnest, and both must see the same elements.
  IF coalesce(array_ndims(order_ids), 1) <> 1 OR coalesce(array_lower(order_ids, 1), 1) <> 1
     OR coalesce(array_ndims(customer_ids), 1) <> 1 OR coalesce(array_lower(customer_ids, 1), 1) <> 1
     OR coalesce(array_ndims(order_currencies), 1) <> 1 OR coalesce(array_lower(order_currencies, 1), 1) <> 1
     OR coalesce(array_ndims(order_accepted_at), 1) <> 1 OR coalesce(array_lower(order_accepted_at, 1), 1) <> 1
     OR coalesce(array_ndims(product_skus), 1) <> 1 OR coalesce(array_lower(product_skus, 1), 1) <> 1
     OR coalesce(array_ndims(item_messages), 1) <> 1 OR coalesce(array_lower(item_messages, 1), 1) <> 1
     OR coalesce(array_ndims(item_products), 1) <> 1 OR coalesce(array_lower(item_products, 1), 1) <> 1
     OR coalesce(array_ndims(item_quantities), 1) <> 1 OR coalesce(array_lower(item_quantities, 1), 1) <> 1
     OR array_position(order_ids, NULL) IS NOT NULL OR array_position(customer_ids, NULL) IS NOT NULL
     OR array_position(order_currencies, NULL) IS NOT NULL OR array_position(order_accepted_at, NULL) IS NOT NULL
     OR array_position(product_skus, NULL) IS NOT NULL OR array_position(item_messages, NULL) IS NOT NULL
     OR array_position(item_products, NULL) IS NOT NULL OR array_position(item_quantities, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'record_order_batch: every array must be one-dimensional, start at 1 and hold no NULL'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  IF coalesce(array_length(customer_ids, 1), 0) <> message_count
     OR coalesce(array_length(order_currencies, 1), 0) <> message_count
     OR coalesce(array_length(order_accepted_at, 1), 0) <> message_count
     OR coalesce(array_length(item_products, 1), 0) <> item_count
     OR coalesce(array_length(item_quantities, 1), 0) <> item_count THEN
    RAISE EXCEPTION 'record_order_batch: arrays of one batch differ in length' USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Lock the batch's products in SKU order, and read them.
  WITH locked AS MATERIALIZED (
    SELECT products.sku, products.currency, products.price_cents, products.stock
    FROM products
    WHERE products.sku = ANY (product_skus)
    ORDER BY products.sku
    FOR NO KEY UPDATE
  )
  SELECT coalesce(array_agg(locked.currency ORDER BY named.n), '{}'),
         coalesce(array_agg(locked.price_cents ORDER BY named.n), '{}'),
         coalesce(array_agg(locked.stock ORDER BY named.n), '{}')
  INTO cat_currencies, cat_prices, available
  FROM unnest(product_skus) WITH ORDINALITY AS named(sku, n)
  LEFT JOIN locked ON locked.sku = named.sku;

  -- Only now, with the locks held: this statement's fresh snapshot sees every batch that held them before.
  already_recorded := ARRAY(SELECT o.id FROM orders AS o WHERE o.id = ANY (order_ids));

  -- Decide in message order, in one pass over the items. Every array element is assigned in turn from 1
  -- (assigning only some would shift an array's lower bound).
  FOR m IN 1 .. message_count LOOP
    unknown_sku := NULL;
    foreign_currency := NULL;
    short_sku := NULL;
    last_item := first_item - 1;
    WHILE last_item < item_count AND item_messages[last_item + 1] = m LOOP
      last_item := last_item + 1;
      c := item_products[last_item];
      IF c < 1 OR c > product_count THEN
        RAISE EXCEPTION 'record_order_batch: item % names no SKU of the batch', last_item
          USING ERRCODE = 'invalid_parameter_value';
      END IF;
      it_prices[last_item] := cat_prices[c];
      IF cat_currencies[c] IS NULL THEN
        unknown_sku := coalesce(unknown_sku, product_skus[c]);
      ELSIF cat_currencies[c] <> order_currencies[m] THEN
        foreign_currency := coalesce(foreign_currency, cat_currencies[c]);
      ELSIF available[c] < item_quantities[last_item] THEN
        short_sku := coalesce(short_sku, product_skus[c]);
      END IF;
    END LOOP;
    d_totals[m] := NULL;
    d_reasons[m] := NULL;

    IF order_ids[m] = ANY (already_recorded) OR order_ids[m] = ANY (order_ids[1:m - 1]) THEN
      d_outcomes[m] := 'duplicate';
    ELSIF unknown_sku IS NOT NULL OR foreign_currency IS NOT NULL OR short_sku IS NOT NULL THEN
      d_outcomes[m] := 'rejected';
      d_totals[m] := 0;
      d_reasons[m] := CASE
        WHEN unknown_sku IS NOT NULL THEN 'unknown_sku:' || unknown_sku
        WHEN foreign_currency IS NOT NULL THEN 'currency_mismatch:' || foreign_currency
        ELSE 'insufficient_stock:' || short_sku
      END;
    ELSE
      total := 0;
      FOR i IN first_item .. last_item LOOP
        c := item_products[i];
        available[c] := available[c] - item_quantities[i];
        total := total + item_quantities[i] * it_prices[i];
      END LOOP;
      d_outcomes[m] := 'accepted';
      d_totals[m] := total;
    END IF;
    first_item := last_item + 1;
  END LOOP;
  IF first_item <> item_count + 1 THEN
    RAISE EXCEPTION 'record_order_batch: items must be grouped by message, in message order'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;

  -- Every write in one statement. Orders go in in id order, so two batches racing on the same orders wait,
  -- never deadlock; items and stock follow only the orders this insert really added.
  RETURN QUERY
  WITH decided AS (
    SELECT d.*
    FROM unnest(order_ids, customer_ids, order_currencies, d_totals, d_outcomes, d_reasons, order_accepted_at)
         WITH ORDINALITY AS d(id, customer_id, currency, total, outcome, reason, accepted_at, n)
    WHERE d.outcome <> 'duplicate'
  ),
  new_orders AS (
    INSERT INTO orders (id, customer_id, currency, total_cents, status, rejection_reason, accepted_at)
    SELECT decided.id, decided.customer_id, decided.currency, decided.total, decided.outcome::order_status,
           decided.reason, decided.accepted_at
    FROM decided
    ORDER BY decided.id
    ON CONFLICT (id) DO NOTHING
    RETURNING orders.id
  ),
  lines AS (
    SELECT decided.id, decided.outcome, named.sku, t.quantity, t.price
    FROM decided
    JOIN new_orders ON new_orders.id = decided.id
    JOIN unnest(item_messages, item_products, item_quantities, it_prices) AS t(message, product, quantity, price)
      ON t.message = decided.n
    JOIN unnest(product_skus) WITH ORDINALITY AS named(sku, n) ON named.n = t.product
  ),
  new_items AS (
    INSERT INTO order_items (order_id, sku, quantity, unit_price_cents)
    SELECT lines.id, lines.sku, lines.quantity, lines.price FROM lines
  ),
  taken AS (
    UPDATE products AS p
    SET stock = p.stock - s.quantity, updated_at = now()
    FROM (SELECT lines.sku, sum(lines.quantity)::int AS quantity
          FROM lines
          WHERE lines.outcome = 'accepted'
          GROUP BY lines.sku) AS s
    WHERE p.sku = s.sku
  )
  -- A decided order the insert did not add lost a race to another delivery of the same order: a duplicate.
  SELECT d.n::int, d.id,
         CASE WHEN d.outcome <> 'duplicate' AND w.id IS NOT NULL THEN d.outcome ELSE 'duplicate' END,
         CASE WHEN d.outcome <> 'duplicate' AND w.id IS NOT NULL THEN d.total END,
         CASE WHEN d.outcome <> 'duplicate' AND w.id IS NOT NULL THEN d.reason END
  FROM unnest(order_ids, d_outcomes, d_totals, d_reasons) WITH ORDINALITY AS d(id, outcome, total, reason, n)
  LEFT JOIN new_orders AS w ON w.id = d.id
  ORDER BY d.n;
END
$fn$;--> statement-breakpoint

-- Only the worker may call it (functions are executable by PUBLIC unless revoked).
REVOKE ALL ON FUNCTION record_order_batch(uuid[], text[], text[], timestamptz[], text[], int[], int[], int[]) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION record_order_batch(uuid[], text[], text[], timestamptz[], text[], int[], int[], int[]) TO orders_worker;
