import type { LambdaContext, LambdaEvent } from "hono/aws-lambda";
import type { RequestLogger } from "./request-logger";

/**
 * Hono environment of a service using the kit's request context: Lambda bindings (absent locally and in
 * tests) and the per-request variables `requestContext` sets.
 */
export interface ServiceEnv {
  Bindings: { event?: LambdaEvent; lambdaContext?: LambdaContext } | undefined;
  Variables: {
    correlationId: string;
    /** The app logger with this request's correlation id on every line. */
    logger: RequestLogger;
  };
}
