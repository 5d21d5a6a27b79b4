import type postgres from "postgres";
import type { DailySalesEntry } from "../domain/reports";
import type { UtcDay } from "../domain/utc-day";
import { dayCoverage } from "./coverage";

/**
 * Accepted orders per UTC day (by `processed_at`) from `from` to `to`, both included, one entry per day with
 * at least one order, in day order. Closed days come from `daily_sales`, the rest live (see `dayCoverage`).
 */
export async function dailySalesReport(
  sql: postgres.Sql,
  from: UtcDay,
  to: UtcDay,
): Promise<DailySalesEntry[]> {
  const rows = await sql<{ day: string; orders: number; units: string; revenue_cents: string }[]>`
    with ${dayCoverage(sql, from, to)},
    live as (
      select day, count(*) as orders, sum(total_cents) as revenue_cents from live_orders group by day
    ),
    live_units as (
      -- A join rather than a per-order lookup, so the planner may hash-join when many days are live.
      select l.day, sum(i.quantity) as units
      from live_orders l
      join order_items i on i.order_id = l.id
      group by l.day
    )
    select day::text as day, orders::int as orders, units::bigint::text as units,
           revenue_cents::bigint::text as revenue_cents
    from (
      select day, orders, units, revenue_cents from daily_sales
      where day in (select day from covered) and orders > 0
      union all
      select day, orders, coalesce(units, 0), revenue_cents from live left join live_units using (day)
    ) as days
    order by day`;
  // bigint arrives as text; money stays exact as a JS number up to 2^53 cents.
  return rows.map((r) => ({
    day: r.day,
    orders: r.orders,
    units: Number(r.units),
    revenueCents: Number(r.revenue_cents),
  }));
}
