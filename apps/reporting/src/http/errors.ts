import { ProblemError } from "@orders/http-kit";
import { RETRY_AFTER_SECONDS } from "@orders/settings";
import { QueueDepthsUnavailableError, ReportStoreUnavailableError } from "../domain/errors";
import { problemKinds } from "./problem-kinds";

/*
 * The service's error hierarchy: what a route throws on purpose is a ProblemError (from
 * @orders/http-kit), and the domain's errors become one in `toProblemError` below; the kit's error funnel,
 * installed by `createApp`, turns them into RFC 9457 problems in one place. Anything else is a bug: a 500.
 * `ValidationError` and `MethodNotAllowedError` come from the package as they are.
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

/**
 * What a route threw, as the problem it answers with: a ProblemError as it is, a dependency the domain
 * reports unavailable as its 503 (carrying the driver's error as `cause`, which the funnel logs), anything
 * else undefined (a bug: the generic 500).
 */
export function toProblemError(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof ReportStoreUnavailableError) return new DatabaseUnavailableError(error.cause);
  if (error instanceof QueueDepthsUnavailableError) return new QueueUnavailableError(error.cause);
  return undefined;
}
