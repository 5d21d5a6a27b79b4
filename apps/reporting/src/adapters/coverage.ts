import type postgres from "postgres";
import { rollupSettleSeconds } from "../domain/settle-time";
import type { UtcDay } from "../domain/utc-day";
import { acceptedOrdersOfDays } from "./accepted-orders";

/**
 * SQL fragments shared by the reports: which days of `from`..`to` the rollups can answer, and which must be
 * aggregated live from the orders.
 *
 * A day is *covered* when its `daily_sales` row was refreshed at least {@link rollupSettleSeconds} after the
 * day ended: no order of that day can commit after that, so the row is final. Every other day in the range
 * (today, yesterday until the first rollup after the settle time, days never rolled up) is aggregated from
 * `orders` for that day only, through the `processed_at` index. So a report never misses a recent order,
 * and a year-long report reads at most a few days of raw orders. This is per-day rather than one global
 * watermark, so a gap (a failed run, a day never backfilled) is still answered correctly.
 */
export function dayCoverage(
  sql: postgres.Sql,
  from: UtcDay,
  to: UtcDay,
  settleSeconds = rollupSettleSeconds,
) {
  return sql`
    covered as (
      select day from daily_sales
      where day between ${from}::date and ${to}::date
        and refreshed_at >= (day + 1)::timestamp at time zone 'UTC' + make_interval(secs => ${settleSeconds})
    ),
    uncovered as (
      select d::date as day
      from generate_series(${from}::date, ${to}::date, interval '1 day') as d
      where d::date not in (select day from covered)
    ),
    live_orders as (${acceptedOrdersOfDays(sql, "uncovered")})`;
}
