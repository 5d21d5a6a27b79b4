import { connectionConfigFromEnv, createDb, lazyDb } from "@orders/db-client";

/**
 * The service's one database client, created on first use and kept for the life of the container. It logs in
 * as `orders_reporting` (via `DATABASE_URL` locally, IAM through RDS Proxy in AWS).
 */
export const reportingDb = lazyDb(() =>
  createDb(connectionConfigFromEnv(), { applicationName: "orders-reporting" }),
);
