import { classifyDbError } from "@orders/db-client";
import { DependencyUnavailableError } from "../http/errors";
import { RETRY_AFTER_SECONDS } from "../http/limits";
import { problemTypes } from "../http/problem-types";

/**
 * Runs a read, turning transient database failures (connection lost, proxy at capacity, timeout) into a 503
 * the client may retry. Anything else (a missing grant, bad SQL) is a bug and stays a 500.
 */
export async function readingDatabase<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!classifyDbError(error).retryable) throw error;
    throw new DependencyUnavailableError(
      problemTypes.databaseUnavailable,
      "The database is unavailable right now.",
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
}
