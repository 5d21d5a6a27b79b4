import { classifyDbError } from "@orders/db-client";
import { unavailableOnTransient } from "@orders/http-problem";
import { DependencyUnavailableError } from "../http/errors";
import { RETRY_AFTER_SECONDS } from "../http/limits";
import { problemTypes } from "../http/problem-types";

/**
 * Runs a read, turning transient database failures (connection lost, proxy at capacity, timeout) into a 503
 * the client may retry. Anything else (a missing grant, bad SQL) is a bug and stays a 500.
 */
export async function readingDatabase<T>(read: () => Promise<T>): Promise<T> {
  return unavailableOnTransient(
    read,
    (error) => classifyDbError(error).retryable,
    (cause) =>
      new DependencyUnavailableError(
        problemTypes.databaseUnavailable,
        "The database is unavailable right now.",
        RETRY_AFTER_SECONDS,
        { cause },
      ),
  );
}
