import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context as LambdaContext } from "aws-lambda";
import type { MiddlewareHandler } from "hono";
import type { ApiEnv } from "./app-env";
import { correlationIdFor } from "./correlation-id";

/**
 * First middleware of every request: picks the correlation id, gives the request a logger that stamps it on
 * every line, echoes it as X-Request-Id and writes one access-log line when the response is ready.
 *
 * A child logger per request (not `appendKeys` on a shared one): the local server runs requests
 * concurrently, and shared keys would put one request's id on another's lines.
 */
export function requestContext(logger: Logger): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const started = performance.now();
    const event = c.env?.event;
    const gatewayRequestId =
      event && "requestContext" in event
        ? (event.requestContext as { requestId?: string }).requestId
        : undefined;
    const correlationId = correlationIdFor(c.req.header("x-request-id"), gatewayRequestId);
    const requestLogger = logger.createChild({ persistentKeys: { correlation_id: correlationId } });
    if (c.env?.lambdaContext) requestLogger.addContext(c.env.lambdaContext as unknown as LambdaContext);
    c.set("correlationId", correlationId);
    c.set("logger", requestLogger);

    await next();

    c.header("X-Request-Id", correlationId);
    requestLogger.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
