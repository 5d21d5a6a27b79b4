import { classifyDbError } from "@orders/db-client";
import { DatabaseUnavailableError } from "../domain/errors";

/**
 * Runs a read, turning transient database failures (connection lost, proxy at capacity, timeout) into a
 * {@link DatabaseUnavailableError}, which the client may retry. Anything else (a missing grant, bad SQL) is a
 * bug and stays as it was thrown.
 */
export async function readingDatabase<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (classifyDbError(error).retryable) throw new DatabaseUnavailableError({ cause: error });
    throw error;
  }
}
