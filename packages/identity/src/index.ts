export { authorizerContextOf, type Caller, callerOf, staffCallerOf } from "./caller";
export { flattenClaims, type JwtAuthorizerContext, scopesOf } from "./claims";
export { ForbiddenError, UnauthorizedError } from "./identity-errors";
export { forbiddenKind, identityProblemAdvice, unauthorizedKind } from "./problem-kinds";
export {
  type GatewayService,
  isPersonalRequest,
  isProtectedPath,
  protectedPrefixes,
  protectedRouteKeys,
} from "./protected-routes";
export { isStaff, STAFF_GROUP, STAFF_SCOPE } from "./staff-convention";
