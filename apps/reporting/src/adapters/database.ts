import { connectionConfigFromEnv, createDb, renewableDb } from "@orders/db-client";

/**
 * The service's one database client, created on first use and kept for the life of the container. It logs in
 * as `orders_reporting` (via `DATABASE_URL` locally, IAM through RDS Proxy in AWS). A report read that
 * outlives its deadline discards the connection and the next request opens a new one.
 */
export const reportingClient = renewableDb(() =>
  createDb(connectionConfigFromEnv(), { applicationName: "orders-reporting" }),
);

/** The current client (replaced after a read that outlived its deadline). */
export const reportingDb = reportingClient.current;
