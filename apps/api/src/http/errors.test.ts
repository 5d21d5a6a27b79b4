import { ProblemError, ValidationError } from "@orders/http-kit";
import { RETRY_AFTER_SECONDS } from "@orders/settings";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { IdempotencyKeyReusedError, UnqueueableOrderError } from "../domain/accept-order";
import { DatabaseUnavailableError, QueueUnavailableError } from "../domain/errors";
import { IdempotencyKeyReusedProblem, toProblemError } from "./errors";
import { problemKinds } from "./problem-kinds";

describe("toProblemError", () => {
  it("maps a queue that did not take the order to queue-unavailable, retryable after Retry-After", () => {
    const cause = new Error("connect ECONNREFUSED");
    const problem = toProblemError(new QueueUnavailableError({ cause }));
    expect(problem?.kind).toBe(problemKinds.queueUnavailable);
    expect(problem?.detail).toMatch(/not accepted/);
    expect(problem?.headers).toEqual({ "Retry-After": String(RETRY_AFTER_SECONDS) });
    // The domain error, and through it the driver's, stays the cause the error funnel logs.
    expect(problem?.cause).toBeInstanceOf(QueueUnavailableError);
    expect(problem?.cause).toHaveProperty("cause", cause);
  });

  it("maps a database that did not answer to database-unavailable, retryable after Retry-After", () => {
    const problem = toProblemError(new DatabaseUnavailableError({ cause: new Error("timeout") }));
    expect(problem?.kind).toBe(problemKinds.databaseUnavailable);
    expect(problem?.headers).toEqual({ "Retry-After": String(RETRY_AFTER_SECONDS) });
    expect(problem?.cause).toBeInstanceOf(DatabaseUnavailableError);
  });

  it("maps the use case's refusals to a validation problem and a 422", () => {
    const issues = z.object({ currency: z.string() }).safeParse({ currency: 1 }).error;
    if (!issues) throw new Error("the schema accepted what it should refuse");
    const invalid = toProblemError(new UnqueueableOrderError(issues));
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid?.errors).toEqual([expect.objectContaining({ in: "body", pointer: "/currency" })]);

    const reused = toProblemError(new IdempotencyKeyReusedError("order-1"));
    expect(reused).toBeInstanceOf(IdempotencyKeyReusedProblem);
    expect(reused?.kind.status).toBe(422);
    expect(reused?.detail).toContain("order-1");
  });

  it("keeps a ProblemError as it is, translates Hono's exceptions, and leaves anything else a bug", () => {
    const own = new ProblemError(problemKinds.notFound, "gone");
    expect(toProblemError(own)).toBe(own);
    expect(toProblemError(new HTTPException(415))?.kind).toBe(problemKinds.unsupportedMediaType);
    expect(toProblemError(new HTTPException(413))?.kind).toBe(problemKinds.payloadTooLarge);
    expect(toProblemError(new HTTPException(400, { message: "Malformed JSON" }))?.kind).toBe(
      problemKinds.malformedBody,
    );
    expect(toProblemError(new Error("bad SQL"))).toBeUndefined();
    expect(toProblemError(new HTTPException(500))).toBeUndefined();
  });
});
