import { serve } from "@hono/node-server";
import { authorizerConfigFromEnv, withLocalAuthorizer } from "@orders/identity/local-authorizer";
import { positiveIntFromEnv } from "./adapters/config";
import { reportingDb, rollupClient } from "./adapters/database";
import { logger } from "./adapters/logger";
import { rollupMetrics } from "./adapters/metrics";
import { createRuntime } from "./adapters/runtime";
import { scheduledRollup } from "./domain/scheduled-rollup";
import { createApp } from "./http/create-app";
import { writeDashboardScript } from "./http/dashboard/build-dashboard-script";

/**
 * Local reporting service: the same app as the Lambda on REPORTING_PORT (default 3001), plus the rollup every
 * REPORTING_SCHEDULE_SECONDS (default 60) standing in for the EventBridge schedule. Runs one rollup at start
 * so the dashboard has rollups at once. The reports log in with DATABASE_URL (the HTTP function's read-only
 * role), the rollup with ROLLUP_DATABASE_URL (its own role), as the two functions do in AWS. Stops cleanly on
 * SIGINT/SIGTERM.
 */
const port = positiveIntFromEnv("REPORTING_PORT", 3001);
const scheduleSeconds = positiveIntFromEnv("REPORTING_SCHEDULE_SECONDS", 60);

let running: Promise<unknown> = Promise.resolve();
function rollupNow(): void {
  // Never two local runs at once from this process (the rollup_state row lock would queue them anyway).
  running = running
    .then(() =>
      scheduledRollup(
        { source: "local-schedule" },
        { sql: rollupClient.current().sql, logger, metrics: rollupMetrics },
      ),
    )
    .catch((error: unknown) => logger.error("rollup failed", error as Error));
}

// The dashboard's browser code, bundled from its TypeScript at every start so the page runs what the tree holds.
await writeDashboardScript();

// Where API Gateway's JWT authorizer stands in AWS (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL).
const runtime = createRuntime();
const fetch = withLocalAuthorizer(createApp(runtime.deps).fetch, {
  service: "reporting",
  ...authorizerConfigFromEnv(),
});

// Loopback only: a local server is for this machine's user, not for the network.
const server = serve({ fetch, port, hostname: "127.0.0.1" }, (info) => {
  logger.info(`reporting listening on http://127.0.0.1:${info.port}`);
  rollupNow();
});
const timer = setInterval(rollupNow, scheduleSeconds * 1000);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info("reporting stopping", { signal });
  clearInterval(timer);
  server.close();
  await running;
  await runtime.close();
  if (rollupClient.current !== reportingDb) await rollupClient.current().close();
  process.exit(0);
}
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
