import { classifyDbError } from "@orders/db-client";
import { unavailableOnTransient } from "@orders/http-kit";
import { RETRY_AFTER_SECONDS } from "@orders/settings";
import { DependencyUnavailableError } from "../http/errors";
import { problemKinds } from "../http/problem-kinds";

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
        problemKinds.databaseUnavailable,
        "The database is unavailable right now.",
        RETRY_AFTER_SECONDS,
        { cause },
      ),
  );
}
