export { API_SCOPE, apiResourceServer } from "./api-scope";
export { authorizerContextOf, type Caller, callerOf, staffCallerOf } from "./caller";
export { flattenClaims, type JwtAuthorizerContext, scopesOf } from "./claims";
export { ForbiddenError, InsufficientScopeError, UnauthorizedError } from "./identity-errors";
export { forbiddenKind, identityProblemAdvice, unauthorizedKind } from "./problem-kinds";
export {
  type GatewayService,
  isPersonalRequest,
  isProtectedPath,
  protectedPrefixes,
  protectedRouteKeys,
} from "./protected-routes";
export {
  defaultStaffConvention,
  isStaff,
  STAFF_GROUP,
  STAFF_GROUPS_CLAIM,
  type StaffConvention,
  staffConventionFromEnv,
} from "./staff-convention";
