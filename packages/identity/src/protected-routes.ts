/**
 * Which paths need a signed-in caller, for the gateway in AWS (infra puts API Gateway's JWT authorizer on
 * exactly these route keys) and for the local authorizer (which checks the same prefixes). Everything
 * else is public: the API's `GET /health`, `GET /products`, `GET /openapi.json`, `GET /docs`, and the
 * reporting dashboard's page and scripts (they hold no data). What a signed-in caller may then do (its own
 * orders; reports only for staff) is decided by the apps.
 */
export const protectedPrefixes = {
  api: ["/orders"],
  // `/me` tells the dashboard who is signed in (any valid token).
  reporting: ["/reports", "/me"],
} as const satisfies Record<string, readonly string[]>;

/** A service behind the gateway. */
export type GatewayService = keyof typeof protectedPrefixes;

/**
 * Whether a request path is behind the authorizer: the prefix itself or anything below it, as API
 * Gateway's `ANY /p` and `ANY /p/{proxy+}` routes match.
 *
 * @example
 * isProtectedPath("api", "/orders/123"); // true
 * isProtectedPath("api", "/ordersx"); // false
 */
export function isProtectedPath(service: GatewayService, path: string): boolean {
  return protectedPrefixes[service].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * Whether a response is a caller's own (the services send it with `Cache-Control: no-store`): the request
 * carries a token, or its path is behind the authorizer (its 401 included).
 *
 * @example
 * isPersonalRequest("api", { path: "/products", authorization: undefined }); // false
 * isPersonalRequest("api", { path: "/orders/123", authorization: undefined }); // true
 */
export function isPersonalRequest(
  service: GatewayService,
  request: { path: string; authorization: string | undefined },
): boolean {
  return request.authorization !== undefined || isProtectedPath(service, request.path);
}

/**
 * The API Gateway route keys that carry the JWT authorizer for a service, e.g. `ANY /orders` and
 * `ANY /orders/{proxy+}`; `$default` (public) takes every other path.
 */
export function protectedRouteKeys(service: GatewayService): string[] {
  return protectedPrefixes[service].flatMap((prefix) => [`ANY ${prefix}`, `ANY ${prefix}/{proxy+}`]);
}
