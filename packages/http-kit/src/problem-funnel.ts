import type { Context, Env, Hono } from "hono";
import { type Problem, problemResponse, toProblem } from "./problem";
import { ProblemError } from "./problem-error";

/** Where the funnel reports what went wrong: Powertools' Logger, or the request's child of it. */
export interface FunnelLogger {
  error(message: string, error: Error): void;
  warn(message: string, extra: Record<string, unknown>): void;
}

/** What differs between services in the one place where errors become responses. */
export interface ProblemFunnel<E extends Env> {
  /** The logger for this request (a per-request child, or the service's logger). */
  logger(c: Context<E>): FunnelLogger;
  /** The error a request to an unknown path answers with. */
  notFound(path: string): ProblemError;
  /** Turns what a route threw into a ProblemError, or undefined for a bug (a 500); default: `instanceof`. */
  toProblemError?(error: unknown): ProblemError | undefined;
  /** Extension members every problem of the service carries (RFC 9457 §3.2), e.g. a request id. */
  extensions?(c: Context<E>): Record<string, unknown>;
  /** Headers every problem response of the service carries, after the error's own (`Retry-After`, `Allow`). */
  headers?(c: Context<E>): Record<string, string>;
  /** The `detail` of the generic 500. */
  unexpectedDetail?: string;
}

/**
 * Installs the not-found answer and the one `onError` of a service: what a route throws on purpose (a
 * ProblemError) becomes its RFC 9457 problem, a 5xx of it is logged as a warning with its cause, and
 * anything else is a bug: logged as an error and answered with the generic 500, whose detail never carries
 * the error's message (it may hold SQL, hosts or stack frames).
 *
 * @example
 * answerWithProblems(app, {
 *   logger: () => logger,
 *   notFound: (path) => new NotFoundError(`Nothing at ${path}.`),
 * });
 */
export function answerWithProblems<E extends Env>(app: Hono<E>, funnel: ProblemFunnel<E>): void {
  const toProblemError =
    funnel.toProblemError ?? ((error: unknown) => (error instanceof ProblemError ? error : undefined));
  const respond = (error: ProblemError | undefined, c: Context<E>): Response => {
    const problem: Problem = toProblem(error, {
      instance: c.req.path,
      extensions: funnel.extensions?.(c) ?? {},
      ...(funnel.unexpectedDetail ? { unexpectedDetail: funnel.unexpectedDetail } : {}),
    });
    return problemResponse(problem, { ...error?.headers, ...funnel.headers?.(c) });
  };

  app.notFound((c) => respond(funnel.notFound(c.req.path), c));
  app.onError((error, c) => {
    const expected = toProblemError(error);
    const logger = funnel.logger(c);
    if (!expected)
      logger.error("unexpected error", error instanceof Error ? error : new Error(String(error)));
    else if (expected.kind.status >= 500) logger.warn(expected.detail, { cause: expected.cause });
    return respond(expected, c);
  });
}
