/**
 * Measures the rollup and the reports over a large synthetic order history on a real PostgreSQL
 * (embedded 17, or DATABASE_URL), as `orders_reporting`, in process (no network hop):
 *
 *   npm run bench -w @orders/reporting            # 200 000 orders over 90 days
 *   BENCH_ORDERS=1000000 npm run bench -w @orders/reporting
 *
 * Prints median and max over several runs of: the scheduled rollup (2 days), a 90-day backfill, and the
 * 90-day reports before any rollup (every day aggregated live) and after (rollups + live recent days).
 */

import { Logger } from "@aws-lambda-powertools/logger";
import { createDb } from "@orders/db-client";
import { signedInAs } from "@orders/identity/testing";
import { startProvisionedDatabase } from "@orders/local-database";
import { uniqueDatabaseName, usePostgres } from "@orders/local-postgres";
import postgres from "postgres";
import { shippedDashboardAssets } from "../src/adapters/dashboard-assets";
import { postgresReportReader } from "../src/adapters/readers";
import { runRollup } from "../src/adapters/run-rollup";
import { rollupDays } from "../src/domain/rollup-days";
import { addDays, daysInRange, utcDayOf } from "../src/domain/utc-day";
import { createApp } from "../src/http/create-app";

const orderCount = Number(process.env.BENCH_ORDERS ?? 200_000);
const historyDays = 90;
const runs = Number(process.env.BENCH_RUNS ?? 5);

async function measure(label: string, work: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `${label.padEnd(58)} median ${median.toFixed(1).padStart(8)} ms   max ${(times.at(-1) ?? 0).toFixed(1).padStart(8)} ms`,
  );
}

const database = await startProvisionedDatabase(() => usePostgres(), {
  database: uniqueDatabaseName("bench"),
  services: ["reporting"],
  dropOnStop: true,
});
const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
try {
  // Synthetic history written set-based by the owner: 1-3 lines per order, ~8 % rejected.
  const loadStarted = performance.now();
  await admin`
    insert into orders (id, customer_id, currency, total_cents, status, rejection_reason, accepted_at, processed_at)
    select gen_random_uuid(), 'c-' || (n % 5000), 'USD', 0,
           case when n % 12 = 0 then 'rejected'::order_status else 'accepted'::order_status end,
           case when n % 12 = 0 then 'insufficient_stock' end,
           ts - interval '2 seconds', ts
    from (select n, now() - random() * ${historyDays} * interval '1 day' as ts
          from generate_series(1, ${orderCount}) as n) as g`;
  await admin`
    insert into order_items (order_id, sku, quantity, unit_price_cents)
    select o.id, p.sku, 1 + (abs(hashtext(o.id::text || p.sku)) % 3), p.price_cents
    from orders o
    cross join lateral (
      select sku, price_cents from products
      where price_cents > 0
      order by md5(o.id::text || sku) limit 1 + (abs(hashtext(o.id::text)) % 3)
    ) as p`;
  await admin`
    update orders o set total_cents = t.total
    from (select order_id, sum(quantity * unit_price_cents) as total from order_items group by order_id) as t
    where t.order_id = o.id and o.status = 'accepted'`;
  await admin`analyze`;
  const [{ items } = { items: 0 }] = await admin<
    { items: number }[]
  >`select count(*)::int as items from order_items`;
  console.log(
    `loaded ${orderCount} orders (${items} lines) over ${historyDays} days in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s`,
  );

  const reporting = createDb({ kind: "url", url: database.directServiceUrl("reporting") });
  const app = createApp({
    reports: postgresReportReader(() => reporting.sql),
    queues: { read: async () => ({ orders: zero, deadLetter: zero }) },
    // Warnings and errors only: an access-log line per request would drown the figures.
    logger: new Logger({ serviceName: "reporting-bench", logLevel: "WARN" }),
    assets: shippedDashboardAssets(),
  });
  const zero = { visible: 0, inFlight: 0, delayed: 0 };
  const to = utcDayOf(new Date());
  const from = addDays(to, 1 - historyDays);
  const get = async (path: string) => {
    // As API Gateway hands a staff member's request on (the authorizer is not what this measures).
    const response = await app.request(path, {}, signedInAs("bench-staff", { staff: true }));
    if (response.status !== 200) throw new Error(`${path} -> ${response.status}`);
    return await response.json();
  };
  const dailyPath = `/reports/daily-sales?from=${from}&to=${to}`;
  const topPath = `/reports/top-products?from=${from}&to=${to}&limit=10`;

  await measure(`GET daily-sales ${historyDays} d, no rollups (all live)`, () => get(dailyPath));
  await measure(`GET top-products ${historyDays} d, no rollups (all live)`, () => get(topPath));
  const backfill = daysInRange(from, to);
  await measure(`rollup backfill of ${historyDays} days`, () => runRollup(reporting.sql, backfill));
  await measure("rollup scheduled window (today + yesterday)", () =>
    runRollup(reporting.sql, rollupDays(new Date())),
  );
  await measure(`GET daily-sales ${historyDays} d, rolled up (+ live today/yesterday)`, () => get(dailyPath));
  await measure(`GET top-products ${historyDays} d, rolled up (+ live today/yesterday)`, () => get(topPath));
  await reporting.close();
} finally {
  await admin.end();
  await database.stop();
}
