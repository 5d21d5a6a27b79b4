import { serve } from "@hono/node-server";
import { authorizerConfigFromEnv, withLocalAuthorizer } from "@orders/local-identity/local-authorizer";
import { createHttpRuntime } from "./composition/http-runtime";
import { localSettingsFromEnv } from "./composition/local-settings";
import { createRollupRuntime } from "./composition/rollup-runtime";

/**
 * Local reporting service: the same app as the Lambda on REPORTING_PORT (default 3001), plus the rollup every
 * REPORTING_SCHEDULE_SECONDS (default 60) standing in for the EventBridge schedule. Runs one rollup at start
 * so the dashboard has rollups at once. The reports log in with DATABASE_URL (the HTTP function's read-only
 * role), the rollup with ROLLUP_DATABASE_URL (its own role), as the two functions do in AWS. Both are
 * composed by the same factories as the Lambdas. Stops cleanly on SIGINT/SIGTERM.
 */
const { port, scheduleSeconds } = localSettingsFromEnv(process.env);

const http = createHttpRuntime(process.env);
const rollup = createRollupRuntime(process.env, { logger: http.logger });
const { logger } = http;

let running: Promise<unknown> = Promise.resolve();
function rollupNow(): void {
  // Never two local runs at once from this process (the rollup_state row lock would queue them anyway).
  running = running
    .then(() => rollup.rollUp({ source: "local-schedule" }))
    .catch((error: unknown) => logger.error("rollup failed", error as Error));
}

// Where API Gateway's JWT authorizer stands in AWS (JWT_ISSUER, JWT_AUDIENCE, JWT_JWKS_URL).
const fetch = withLocalAuthorizer(http.app.fetch, { service: "reporting", ...authorizerConfigFromEnv() });

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
  await http.close();
  await rollup.close();
  process.exit(0);
}
process.once("SIGINT", () => void stop("SIGINT"));
process.once("SIGTERM", () => void stop("SIGTERM"));
