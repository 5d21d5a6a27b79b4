/** Why a database call failed, from the caller's point of view. */
export type DbFailureKind =
  /** The connection could not be made or was lost (reset, refused, closed, timeout, server restarting). */
  | "connection"
  /** The server or proxy is at its connection limit. */
  | "capacity"
  /** Credentials were refused (bad password, expired token, missing grant to connect). */
  | "authentication"
  /** Concurrency conflict: serialization failure, deadlock, lock timeout. */
  | "conflict"
  /** A statement ran past its timeout or was cancelled. */
  | "timeout"
  /** Anything else: constraint violations, bad SQL, missing privileges. Retrying will not help. */
  | "permanent";

export interface DbFailure {
  kind: DbFailureKind;
  /** Worth trying again later (the worker reports these as batch item failures; SQS retries them). */
  retryable: boolean;
  /** SQLSTATE or the driver's error code, when there is one. */
  code: string | undefined;
}

const connectionCodes = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

const retryableByKind: Record<DbFailureKind, boolean> = {
  connection: true,
  capacity: true,
  // A refused token is not fixed by retrying the same one; a new token is signed on the next connection.
  authentication: false,
  conflict: true,
  timeout: true,
  permanent: false,
};

/**
 * Classifies an error thrown by postgres.js, or by Drizzle (which wraps the driver's error as `cause`), as
 * retryable or not.
 */
export function classifyDbError(error: unknown): DbFailure {
  const code = errorCode(error);
  const kind = kindOf(code);
  return { kind, retryable: retryableByKind[kind], code };
}

/** The first `code` along the error's `cause` chain (bounded: causes can be cyclic). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ("code" in current && current.code !== undefined) return String(current.code);
    current = "cause" in current ? current.cause : undefined;
  }
  return undefined;
}

function kindOf(code: string | undefined): DbFailureKind {
  if (code === undefined) return "permanent";
  if (connectionCodes.has(code)) return "connection";
  // 53300 too_many_connections; 53xxx insufficient resources (out of memory, disk full) are transient too.
  if (code === "53300" || code === "53400" || code === "53200") return "capacity";
  // 28000 invalid_authorization_specification, 28P01 invalid_password.
  if (code.startsWith("28")) return "authentication";
  // 08xxx connection exceptions; 57P01..57P03 admin shutdown, crash shutdown, cannot connect now.
  if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return "connection";
  // 40001 serialization_failure, 40P01 deadlock_detected, 55P03 lock_not_available.
  if (code === "40001" || code === "40P01" || code === "55P03") return "conflict";
  // 57014 query_canceled (statement_timeout), 25P03 idle_in_transaction_session_timeout.
  if (code === "57014" || code === "25P03") return "timeout";
  // Our own deadline (see deadline.ts): the call was abandoned and its connection discarded.
  if (code === "DEADLINE_EXCEEDED") return "timeout";
  return "permanent";
}

/** True when retrying the operation later may succeed. */
export function isRetryableDbError(error: unknown): boolean {
  return classifyDbError(error).retryable;
}
