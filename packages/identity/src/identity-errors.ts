import { ProblemError } from "@orders/http-kit";
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

/**
 * 403: a valid token without a scope the route requires (an ID token, or an access token not granted it), with
 * the RFC 6750 §3.1 challenge naming the scope. API Gateway itself answers this case with a bare 403.
 */
export class InsufficientScopeError extends ProblemError {
  override name = "InsufficientScopeError";
  constructor(required: readonly string[]) {
    super(forbiddenKind, `This route needs an access token with the scope ${required.join(" or ")}.`, {
      headers: { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${required.join(" ")}"` },
    });
  }
}
