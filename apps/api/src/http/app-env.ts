import type { LambdaContext, LambdaEvent } from "hono/aws-lambda";
import type { RequestLogger } from "./request-logger";

/** Hono environment of the API: Lambda bindings (absent locally and in tests) and per-request variables. */
export interface ApiEnv {
  Bindings: { event?: LambdaEvent; lambdaContext?: LambdaContext } | undefined;
  Variables: {
    correlationId: string;
    /** The app logger with this request's correlation id on every line. */
    logger: RequestLogger;
  };
}
