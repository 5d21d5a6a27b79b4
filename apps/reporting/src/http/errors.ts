import { ProblemError } from "@orders/http-kit";
import { RETRY_AFTER_SECONDS } from "@orders/settings";
import { DatabaseUnavailableError, QueueDepthsUnavailableError } from "../domain/errors";
import { problemKinds } from "./problem-kinds";

/*
 * The service's error hierarchy: what a route throws on purpose is a ProblemError (from
 * @orders/http-kit), and the errors the domain declares are mapped to their problem kinds in
 * `toProblemError` below; the kit's error funnel, installed by `createApp`, turns them into RFC 9457
 * problems in one place. Anything else is a bug: a 500. `ValidationError` and `MethodNotAllowedError` come
 * from the package as they are.
 */

export class NotFoundError extends ProblemError {
  override name = "NotFoundError";
  constructor(detail: string) {
    super(problemKinds.notFound, detail);
  }
}

/**
 * What a route threw, as the problem it answers with: a ProblemError as it is, a dependency the domain
 * reports unavailable as its 503 with `Retry-After` (carrying the driver's error as `cause`, which the funnel
 * logs), anything else undefined (a bug: the generic 500).
 */
export function toProblemError(error: unknown): ProblemError | undefined {
  if (error instanceof ProblemError) return error;
  if (error instanceof DatabaseUnavailableError)
    return retryLater(
      problemKinds.databaseUnavailable,
      "The database did not answer in time; retry shortly.",
      error,
    );
  if (error instanceof QueueDepthsUnavailableError)
    return retryLater(
      problemKinds.queueUnavailable,
      "The queue depth could not be read from SQS; retry shortly.",
      error,
    );
  return undefined;
}

function retryLater(
  kind: (typeof problemKinds)["databaseUnavailable" | "queueUnavailable"],
  detail: string,
  error: Error,
): ProblemError {
  return new ProblemError(kind, detail, {
    cause: error.cause,
    headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}
