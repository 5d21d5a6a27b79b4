import { serve } from "@hono/node-server";
import { authorizerConfigFromEnv, withLocalAuthorizer } from "@orders/local-identity/local-authorizer";
import { createRuntime } from "./composition/runtime";

/**
 * Local entry point: the same app as on Lambda behind a Node HTTP server. Env: PORT (default 3000),
 * ORDERS_QUEUE_URL, DATABASE_URL, AWS_ENDPOINT_URL_SQS + AWS_REGION + dummy credentials for the emulator,
 * and JWT_ISSUER + JWT_AUDIENCE + JWT_JWKS_URL for the local authorizer that stands where API Gateway's JWT
 * authorizer does.
 */
const port = Number(process.env.PORT ?? 3000);
const runtime = createRuntime(process.env);
const logger = runtime.logger;

const authorized = withLocalAuthorizer(runtime.app.fetch, {
  service: "api",
  ...authorizerConfigFromEnv(),
});
// Metrics print after each request, as the Lambda prints them after each invocation (EMF lines on stdout).
const fetch: typeof authorized = async (...args) => {
  try {
    return await authorized(...args);
  } finally {
    runtime.flushMetrics();
  }
};

// Loopback only: a local server is for this machine's user, not for the network.
const server = serve({ fetch, port, hostname: "127.0.0.1" }, (info) => {
  logger.info(`api listening on http://127.0.0.1:${info.port}`);
});

function shutdown(signal: string): void {
  logger.info(`api stopping (${signal})`);
  server.close(() => {
    runtime.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));
