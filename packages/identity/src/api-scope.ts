/**
 * The OAuth scope every protected route requires, in one place for infra and the local servers. A Cognito
 * user pool declares it on a resource server (`identifier/scopeName`), the dashboard's client may ask for it,
 * and API Gateway's JWT authorizer refuses a token without it on every protected route.
 *
 * Why a scope: API Gateway's JWT authorizer checks `aud` (or, only without one, `client_id`) against its
 * audiences, and a Cognito ID token's `aud` is the client id, so an ID token would pass an authorizer that
 * checks nothing else. An ID token carries no scopes; an access token from the sign-in carries the ones
 * granted (AWS, "Controlling access to HTTP APIs with JWT authorizers in API Gateway": "If the route has
 * authorization scopes, the token must include at least one of them").
 */
export const apiResourceServer = { identifier: "orders", scopeName: "api" } as const;

/** `orders/api`: the scope of {@link apiResourceServer}, as tokens carry it. */
export const API_SCOPE = `${apiResourceServer.identifier}/${apiResourceServer.scopeName}`;
