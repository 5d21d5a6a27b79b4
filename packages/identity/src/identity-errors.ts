import { ProblemError } from "@orders/http-problem";
import { forbiddenKind, unauthorizedKind } from "./problem-kinds";

/**
 * 401: no usable token. Carries `WWW-Authenticate` as RFC 6750 §3 asks: a bare `Bearer` challenge when the
 * request had no token, `error="invalid_token"` with the reason when it had a bad one.
 */
export class UnauthorizedError extends ProblemError {
  override name = "UnauthorizedError";
  constructor(detail: string, options: { invalidToken: boolean }) {
    const challenge = options.invalidToken
      ? `Bearer error="invalid_token", error_description="${detail.replaceAll('"', "'")}"`
      : "Bearer";
    super(unauthorizedKind, detail, { headers: { "WWW-Authenticate": challenge } });
  }
}

/** 403: a valid token without the right to this request. */
export class ForbiddenError extends ProblemError {
  override name = "ForbiddenError";
  constructor(detail: string) {
    super(forbiddenKind, detail);
  }
}
