import { connectionConfigFromEnv, createDb, renewableDb } from "@orders/db-client";

/**
 * The function's one database client, created on first use and kept for the life of the container. It logs
 * in as the function's own role (via `DATABASE_URL` locally, IAM through RDS Proxy in AWS): the HTTP
 * function's `orders_reporting_http`, which may only read, or the rollup's `orders_reporting`. A report read
 * that outlives its deadline discards the connection and the next request opens a new one.
 */
export const reportingClient = renewableDb(() =>
  createDb(connectionConfigFromEnv(), { applicationName: "orders-reporting" }),
);

/** The current client (replaced after a read that outlived its deadline). */
export const reportingDb = reportingClient.current;

/**
 * The rollup's client where one process serves the reports and runs the rollup (the local server): it logs
 * in with `ROLLUP_DATABASE_URL` as the rollup's own role, so the reports' connection never holds the rollup's
 * write grants. Without that variable, the function's client (the rollup Lambda, whose `DATABASE_URL` or
 * `DB_USER` is already the rollup's role).
 */
export const rollupClient = process.env.ROLLUP_DATABASE_URL
  ? renewableDb(() =>
      createDb(connectionConfigFromEnv({ DATABASE_URL: process.env.ROLLUP_DATABASE_URL }), {
        applicationName: "orders-reporting-rollup",
      }),
    )
  : reportingClient;
