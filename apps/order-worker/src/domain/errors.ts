/**
 * How recording failed, as the store classifies it: a connection lost or refused, the store at its
 * connection limit, credentials refused, a concurrency conflict (deadlock, lock or serialization), a
 * timeout, or `permanent`: data the store refuses or a bug, which no retry fixes.
 */
export type RecordingFailureKind =
  | "connection"
  | "capacity"
  | "authentication"
  | "conflict"
  | "timeout"
  | "permanent";

export interface RecordingFailure {
  kind: RecordingFailureKind;
  /** Worth trying again later: the queue delivers the message again. */
  retryable: boolean;
  /** The store's own code for the failure (an SQLSTATE), when it gave one. */
  code: string | undefined;
}

/** An `OrderRecorder` call failed and wrote nothing; `failure` says whether a retry can help. */
export class OrderRecordingError extends Error {
  override name = "OrderRecordingError";
  constructor(
    readonly failure: RecordingFailure,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** What went wrong in a call, for the use case: an unclassified error is a bug, hence permanent. */
export function recordingFailure(error: unknown): RecordingFailure {
  if (error instanceof OrderRecordingError) return error.failure;
  return { kind: "permanent", retryable: false, code: undefined };
}
