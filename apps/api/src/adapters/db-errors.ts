import { classifyDbError } from "@orders/db-client";
import { DependencyUnavailableError } from "../errors";
import { RETRY_AFTER_SECONDS } from "../limits";
import { problemTypes } from "../problem-types";

/**
 * Runs a read, turning transient database failures (connection lost, proxy at capacity, timeout) into a 503
 * the client may retry. Anything else (a missing grant, bad SQL) is a bug and stays a 500.
 */
export async function readingDatabase<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!classifyDbError(driverErrorOf(error)).retryable) throw error;
    throw new DependencyUnavailableError(
      problemTypes.databaseUnavailable,
      "The database is unavailable right now.",
      RETRY_AFTER_SECONDS,
      { cause: error },
    );
  }
}

/**
 * The postgres.js error behind a Drizzle error. Drizzle wraps every failed query in a DrizzleQueryError
 * (message: the SQL) whose `cause` carries the SQLSTATE or socket code that classification needs.
 */
export function driverErrorOf(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    if (typeof current !== "object" || current === null) return current;
    if ("code" in current) return current;
    if (!("cause" in current)) return current;
    current = current.cause;
  }
  return current;
}
