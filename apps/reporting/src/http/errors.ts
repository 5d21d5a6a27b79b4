import { ProblemError } from "@orders/http-kit";
import { RETRY_AFTER_SECONDS } from "@orders/settings";
import { problemKinds } from "./problem-kinds";

/*
 * The service's error hierarchy: what a route throws on purpose is a ProblemError (from
 * @orders/http-kit), turned into an RFC 9457 problem in one place (the kit's error funnel, installed by
 * `createApp`). Anything else is a bug: a 500. `ValidationError` and `MethodNotAllowedError` come from the
 * package as they are.
 */

export class NotFoundError extends ProblemError {
  override name = "NotFoundError";
  constructor(path: string) {
    super(problemKinds.notFound, `Nothing at ${path}.`);
  }
}

export class QueueUnavailableError extends ProblemError {
  override name = "QueueUnavailableError";
  constructor(cause: unknown) {
    super(problemKinds.queueUnavailable, "The queue depth could not be read from SQS; retry shortly.", {
      cause,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
}

export class DatabaseUnavailableError extends ProblemError {
  override name = "DatabaseUnavailableError";
  constructor(cause: unknown) {
    super(problemKinds.databaseUnavailable, "The database did not answer in time; retry shortly.", {
      cause,
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
}
