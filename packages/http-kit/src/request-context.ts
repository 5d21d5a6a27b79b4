import type { Logger } from "@aws-lambda-powertools/logger";
import type { Context as LambdaContext } from "aws-lambda";
import type { MiddlewareHandler } from "hono";
import { correlationIdFor } from "./correlation-id";
import { requestLogger } from "./request-logger";
import type { ServiceEnv } from "./service-env";

/**
 * First middleware of every request: picks the correlation id, gives the request a logger that stamps it on
 * every line, echoes it as X-Request-Id and writes one access-log line when the response is ready.
 */
export function requestContext(logger: Logger): MiddlewareHandler<ServiceEnv> {
  return async (c, next) => {
    const started = performance.now();
    const event = c.env?.event;
    const gatewayRequestId =
      event && "requestContext" in event
        ? (event.requestContext as { requestId?: string }).requestId
        : undefined;
    const correlationId = correlationIdFor(c.req.header("x-request-id"), gatewayRequestId);
    // Lambda context (request id, cold start, memory) is invocation-scoped inside Powertools.
    if (c.env?.lambdaContext) logger.addContext(c.env.lambdaContext as unknown as LambdaContext);
    const log = requestLogger(logger, correlationId);
    c.set("correlationId", correlationId);
    c.set("logger", log);

    await next();

    c.header("X-Request-Id", correlationId);
    log.info("request", {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  };
}
