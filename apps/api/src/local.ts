import { serve } from "@hono/node-server";
import { apiConfigFromEnv } from "./adapters/config";
import { createRuntime } from "./adapters/runtime";
import { createApp } from "./http/create-app";

/**
 * Local entry point: the same app as on Lambda behind a Node HTTP server. Env: PORT (default 3000),
 * ORDERS_QUEUE_URL, DATABASE_URL, and AWS_ENDPOINT_URL_SQS + AWS_REGION + dummy credentials for the emulator.
 */
const port = Number(process.env.PORT ?? 3000);
const runtime = createRuntime(apiConfigFromEnv());
const logger = runtime.deps.logger;

const server = serve({ fetch: createApp(runtime.deps).fetch, port }, (info) => {
  logger.info(`api listening on http://localhost:${info.port}`);
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
