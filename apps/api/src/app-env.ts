import type { Logger } from "@aws-lambda-powertools/logger";
import type { LambdaContext, LambdaEvent } from "hono/aws-lambda";

/** Hono environment of the API: Lambda bindings (absent locally and in tests) and per-request variables. */
export interface ApiEnv {
  Bindings: { event?: LambdaEvent; lambdaContext?: LambdaContext } | undefined;
  Variables: {
    correlationId: string;
    /** Child of the app logger with this request's correlation id on every line. */
    logger: Logger;
  };
}
