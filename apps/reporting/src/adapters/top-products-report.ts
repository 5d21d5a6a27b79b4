import type postgres from "postgres";
import type { TopProductEntry } from "../domain/reports";
import type { UtcDay } from "../domain/utc-day";
import { dayCoverage } from "./coverage";

/**
 * The `limit` products with the most revenue from accepted orders between `from` and `to` (UTC days of
 * `processed_at`, both included); ties by SKU. Products no longer in the catalogue keep their SKU as name.
 */
export async function topProductsReport(
  sql: postgres.Sql,
  from: UtcDay,
  to: UtcDay,
  limit: number,
): Promise<TopProductEntry[]> {
  const rows = await sql<{ sku: string; name: string; units: string; revenue_cents: string }[]>`
    with ${dayCoverage(sql, from, to)},
    sales as (
      select sku, units::bigint as units, revenue_cents from daily_product_sales
      where day in (select day from covered)
      union all
      select i.sku, i.quantity, i.quantity * coalesce(i.unit_price_cents, 0)
      from live_orders l
      join order_items i on i.order_id = l.id
    )
    select s.sku, coalesce(p.name, s.sku) as name,
           sum(s.units)::bigint::text as units, sum(s.revenue_cents)::bigint::text as revenue_cents
    from sales s
    left join products p on p.sku = s.sku
    group by s.sku, p.name
    order by sum(s.revenue_cents) desc, s.sku collate "C"
    limit ${limit}`;
  return rows.map((r) => ({
    sku: r.sku,
    name: r.name,
    units: Number(r.units),
    revenueCents: Number(r.revenue_cents),
  }));
}
