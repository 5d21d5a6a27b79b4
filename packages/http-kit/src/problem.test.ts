import { describe, expect, it } from "vitest";
import { PROBLEM_CONTENT_TYPE, problemResponse, toProblem } from "./problem";
import { ProblemError, ValidationError } from "./problem-error";
import { type ProblemKind, problemAnchor, problemTypeUri } from "./problem-kind";

const notFound = { slug: "not-found", status: 404, title: "Not found" } satisfies ProblemKind;
const unavailable = { slug: "database-unavailable", status: 503, title: "Database unavailable" };

describe("toProblem", () => {
  it("writes an expected error's kind and detail, with the app's extension members", () => {
    const problem = toProblem(new ProblemError(notFound, "Nothing at /x."), {
      instance: "/x",
      extensions: { requestId: "req-1" },
    });
    expect(problem).toEqual({
      type: "/docs#problem-not-found",
      title: "Not found",
      status: 404,
      detail: "Nothing at /x.",
      instance: "/x",
      requestId: "req-1",
    });
  });

  it("answers anything unexpected with the generic 500 and never its message", () => {
    const leaky = new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2");
    for (const error of [leaky, "a string", undefined, { kind: notFound, detail: "forged" }]) {
      const problem = toProblem(error, { instance: "/r", extensions: {} });
      expect(problem).toEqual({
        type: "/docs#problem-internal-error",
        title: "Internal error",
        status: 500,
        detail: "The request could not be completed.",
        instance: "/r",
      });
    }
    const custom = toProblem(leaky, { instance: "/r", extensions: {}, unexpectedDetail: "No report." });
    expect(custom.detail).toBe("No report.");
    expect(JSON.stringify(custom)).not.toMatch(/ECONNREFUSED|hunter2/);
  });

  it("lists the failing fields of a validation error", () => {
    const field = { in: "query" as const, pointer: "/to", path: ["to"], message: "Required" };
    const problem = toProblem(new ValidationError([field]), { instance: "/r", extensions: {} });
    expect(problem).toMatchObject({
      type: "/docs#problem-validation-error",
      status: 400,
      title: "Request is invalid",
      detail: "1 field failed validation",
      errors: [field],
    });
    expect(new ValidationError([field, field]).detail).toBe("2 fields failed validation");
  });
});

describe("ProblemError", () => {
  it("keeps its cause and headers, and has no field errors unless given", () => {
    const cause = new Error("socket hang up");
    const error = new ProblemError(unavailable, "Retry shortly.", { cause, headers: { "Retry-After": "2" } });
    expect(error).toMatchObject({ kind: unavailable, detail: "Retry shortly.", message: "Retry shortly." });
    expect(error.cause).toBe(cause);
    expect(error.headers).toEqual({ "Retry-After": "2" });
    expect(error.errors).toBeUndefined();
    expect(new ProblemError(notFound, "x")).not.toHaveProperty("cause");
  });
});

describe("problemResponse", () => {
  it("answers with the problem's status, the problem+json type and the given headers", async () => {
    const problem = toProblem(new ProblemError(unavailable, "Retry shortly."), {
      instance: "/r",
      extensions: {},
    });
    const response = problemResponse(problem, { "Retry-After": "2", "Content-Type": "text/plain" });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toEqual(problem);
  });
});

describe("problem type URIs", () => {
  it("point at the kind's anchor on the answering app's /docs page", () => {
    expect(problemTypeUri(notFound)).toBe("/docs#problem-not-found");
    expect(problemTypeUri(notFound)).toBe(`/docs#${problemAnchor(notFound)}`);
  });
});
