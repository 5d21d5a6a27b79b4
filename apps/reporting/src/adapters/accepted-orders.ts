import type postgres from "postgres";

/**
 * The one definition of "the accepted orders of a UTC day", shared by the rollup and the live reports: orders
 * accepted by the worker whose `processed_at` falls in the day, in UTC, through the `processed_at` index.
 * `days` names a relation of the statement (a CTE) with a `day date` column; the fragment selects
 * `day, id, total_cents` for each of its days.
 *
 * @example
 * sql`with target as (select current_date as day), accepted as (${acceptedOrdersOfDays(sql, "target")})
 *     select count(*) from accepted`
 */
export function acceptedOrdersOfDays(sql: postgres.Sql | postgres.TransactionSql, days: string) {
  return sql`
    select d.day, o.id, o.total_cents
    from ${sql(days)} d
    join orders o
      on o.status = 'accepted'
     and o.processed_at >= d.day::timestamp at time zone 'UTC'
     and o.processed_at < (d.day + 1)::timestamp at time zone 'UTC'`;
}
