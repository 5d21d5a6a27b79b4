/**
 * What API Gateway hands a Lambda behind its JWT authorizer (HTTP API, payload format 2.0):
 * `event.requestContext.authorizer.jwt`. The local authorizer hands the apps exactly this shape, so one
 * code path reads the caller everywhere.
 *
 * AWS: "Working with AWS Lambda proxy integrations for HTTP APIs" (payload format version 2.0),
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
export interface JwtAuthorizerContext {
  /** Every claim of the token, each as a string (API Gateway stringifies numbers and flattens arrays). */
  claims: Record<string, string>;
  /**
   * The token's `scope` (or `scp`) split on spaces, on a route that requires scopes; `null` on a route that
   * requires none, as API Gateway passes it (absent in a test's hand-made context).
   */
  scopes?: string[] | null;
}

/**
 * The claims of a verified token as API Gateway passes them on: strings stay, numbers and booleans become
 * their string form, arrays become `[a b]` (how `cognito:groups` reaches a Lambda), objects their JSON.
 *
 * @example
 * flattenClaims({ sub: "c-1", exp: 1, "cognito:groups": ["staff"] });
 * // { sub: "c-1", exp: "1", "cognito:groups": "[staff]" }
 */
export function flattenClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[name] = `[${value.map(String).join(" ")}]`;
    else if (typeof value === "object") claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

/** The scopes of a token payload (`scope` as RFC 8693/9068 spell it, or Okta/Entra's `scp`). */
export function scopesOf(payload: Record<string, unknown>): string[] | undefined {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === "string") return raw.split(" ").filter((s) => s.length > 0);
  if (Array.isArray(raw)) return raw.map(String);
  return undefined;
}
