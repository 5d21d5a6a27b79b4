import type postgres from "postgres";
import type { RollupStore } from "../domain/ports";
import type { RollupResult } from "../domain/reports";
import type { UtcDay } from "../domain/utc-day";
import { acceptedOrdersOfDays } from "./accepted-orders";

/**
 * Rebuilds `daily_sales` and `daily_product_sales` for `days` from the accepted orders, in one transaction
 * of two statements whatever the number of days or orders:
 *
 * 1. Update the one `rollup_state` row: its row lock queues overlapping runs (a slow run and the next
 *    schedule, or a manual backfill) until COMMIT instead of letting them interleave. Without it a run that
 *    read the orders earlier could commit later and overwrite fresher figures with staler ones. A row lock
 *    rather than `pg_advisory_xact_lock`: RDS Proxy pins a session on any advisory lock function, whatever
 *    its scope ("Avoiding pinning an RDS Proxy",
 *    https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-proxy-pinning.html).
 * 2. One set-based statement (data-modifying CTEs, so a single snapshot feeds both tables): aggregate the
 *    orders of those days, upsert both rollups, drop product rows that no longer have sales. Under READ
 *    COMMITTED this statement's snapshot is taken after the lock is granted, so it sees everything the run
 *    before it committed.
 *
 * Idempotent: the figures are a pure function of the orders, so a second run writes the same numbers (only
 * `refreshed_at` moves: it records when the figures were last confirmed, which the reports rely on).
 *
 * A day is a UTC day of `processed_at`: when the worker decided the order was accepted. Unlike `accepted_at`
 * (when the API queued the request), it puts an order on the day it entered the books, and a day stops
 * changing shortly after it ends even when the queue delays or redrives messages for hours.
 */
export async function runRollup(sql: postgres.Sql, days: readonly UtcDay[]): Promise<RollupResult> {
  if (days.length === 0) return { days: [], orders: 0, productRows: 0, removedProductRows: 0 };
  const dayList = [...days];
  return await sql.begin(async (tx) => {
    const locked = await tx`update rollup_state set last_run_at = now() where id = 1`;
    if (locked.count !== 1) throw new Error("rollup_state has no row: the migrations were not applied");
    const [row] = await tx<{ orders: number; productRows: number; removedProductRows: number }[]>`
      with target as (
        -- Days travel as one text parameter: postgres.js without prepared statements cannot type an array.
        select distinct unnest(string_to_array(${dayList.join(",")}, ',')::date[]) as day
      ),
      accepted as (${acceptedOrdersOfDays(tx, "target")}),
      product_totals as (
        select a.day, i.sku, sum(i.quantity) as units,
               coalesce(sum(i.quantity * i.unit_price_cents), 0) as revenue_cents
        from accepted a
        join order_items i on i.order_id = a.id
        group by a.day, i.sku
      ),
      day_totals as (
        select t.day, count(a.id) as orders, coalesce(sum(a.total_cents), 0) as revenue_cents,
               coalesce((select sum(p.units) from product_totals p where p.day = t.day), 0) as units
        from target t
        left join accepted a on a.day = t.day
        group by t.day
      ),
      sales as (
        insert into daily_sales as s (day, orders, units, revenue_cents, refreshed_at)
        select day, orders, units, revenue_cents, now() from day_totals
        on conflict (day) do update
          set orders = excluded.orders, units = excluded.units,
              revenue_cents = excluded.revenue_cents, refreshed_at = excluded.refreshed_at
        returning s.day
      ),
      products as (
        insert into daily_product_sales as p (day, sku, units, revenue_cents)
        select day, sku, units, revenue_cents from product_totals
        on conflict (day, sku) do update
          set units = excluded.units, revenue_cents = excluded.revenue_cents
        returning p.sku
      ),
      removed as (
        delete from daily_product_sales p
        where p.day in (select day from target)
          and not exists (select from product_totals t where t.day = p.day and t.sku = p.sku)
        returning p.sku
      )
      select (select count(*) from accepted)::int as orders,
             (select count(*) from products)::int as "productRows",
             (select count(*) from removed)::int as "removedProductRows",
             (select count(*) from sales)::int as "salesRows"`;
    return {
      days: dayList,
      orders: row?.orders ?? 0,
      productRows: row?.productRows ?? 0,
      removedProductRows: row?.removedProductRows ?? 0,
    };
  });
}

/**
 * The rollup store the scheduled rollup rebuilds through: {@link runRollup} on PostgreSQL. `sql` is a getter,
 * so the connection opens on the first run, not at cold start.
 */
export function postgresRollupStore(sql: () => postgres.Sql): RollupStore {
  return { rebuild: (days) => runRollup(sql(), days) };
}
