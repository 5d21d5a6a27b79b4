import {
  type ConnectionConfig,
  connectionConfigFromEnv,
  createDb,
  type RenewableDb,
  renewableDb,
} from "@orders/db-client";
import type { Environment } from "./config";

/**
 * The reports' database client, connected on first use and kept for the life of the container. It logs in
 * as the function's own role (via `DATABASE_URL` locally, IAM through RDS Proxy in AWS): the HTTP
 * function's `orders_reporting_http`, which may only read. A report read that outlives its deadline discards
 * the connection and the next request opens a new one. The configuration is read now, so a missing setting
 * fails at start-up.
 */
export function reportingDatabase(environment: Environment): RenewableDb {
  return renewable(connectionConfigFromEnv(environment), "orders-reporting");
}

/**
 * The rollup's database client, as the rollup's own role `orders_reporting`. Where one process serves the
 * reports and runs the rollup (the local server, a test), `ROLLUP_DATABASE_URL` names the rollup's login, so
 * the reports' connection never holds the rollup's write grants. Without it, the function's own connection
 * settings (the rollup Lambda, whose `DATABASE_URL` or `DB_USER` is already the rollup's role).
 */
export function rollupDatabase(environment: Environment): RenewableDb {
  const url = environment.ROLLUP_DATABASE_URL;
  return url
    ? renewable(connectionConfigFromEnv({ DATABASE_URL: url }), "orders-reporting-rollup")
    : renewable(connectionConfigFromEnv(environment), "orders-reporting");
}

function renewable(config: ConnectionConfig, applicationName: string): RenewableDb {
  return renewableDb(() => createDb(config, { applicationName }));
}
