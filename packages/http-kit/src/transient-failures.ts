import type { ProblemError } from "./problem-error";

/**
 * Runs a call to a dependency (database, queue) and turns the failures `isTransient` recognises into the
 * problem `unavailable` builds (a 503 the client may retry); anything else is rethrown as it is, a bug
 * that stays a 500. The classification stays with the dependency's client (e.g. `classifyDbError` of
 * `@orders/db-client`); this is the one place that maps it to HTTP.
 *
 * @example
 * await unavailableOnTransient(() => readOrder(id), (e) => classifyDbError(e).retryable,
 *   (cause) => new DatabaseUnavailableError(cause));
 */
export async function unavailableOnTransient<T>(
  call: () => Promise<T>,
  isTransient: (error: unknown) => boolean,
  unavailable: (cause: unknown) => ProblemError,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isTransient(error)) throw unavailable(error);
    throw error;
  }
}
