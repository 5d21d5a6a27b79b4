import type { JwtAuthorizerContext } from "./claims";
import { ForbiddenError, UnauthorizedError } from "./identity-errors";
import { defaultStaffConvention, isStaff, type StaffConvention } from "./staff-convention";

/** Who is calling, as the apps use it. */
export interface Caller {
  /** The token's subject: for a customer, the customer id. */
  subject: string;
  staff: boolean;
}

/**
 * The JWT authorizer's context from a Hono app's bindings: on Lambda, `env.event` is API Gateway's event;
 * behind the local authorizer, an event carrying only `requestContext.authorizer.jwt`. Undefined when no
 * authorizer ran (a public route).
 */
export function authorizerContextOf(env: unknown): JwtAuthorizerContext | undefined {
  const jwt = (env as { event?: { requestContext?: { authorizer?: { jwt?: unknown } } } } | undefined)?.event
    ?.requestContext?.authorizer?.jwt;
  if (typeof jwt !== "object" || jwt === null) return undefined;
  const claims = (jwt as { claims?: unknown }).claims;
  if (typeof claims !== "object" || claims === null) return undefined;
  return jwt as JwtAuthorizerContext;
}

/**
 * The caller of a protected route. The gateway has verified the token before the app runs (handlers never
 * verify signatures); a request that reaches a protected route without an authorizer context, or with a
 * token whose subject is blank (API Gateway does not check `sub`), is refused rather than served anonymously.
 * `convention` names the claim that lists the caller's groups (the stage's setting, see staff-convention.ts).
 *
 * @example
 * const caller = callerOf(c.env); // { subject: "c-1", staff: false }
 */
export function callerOf(env: unknown, convention: StaffConvention = defaultStaffConvention): Caller {
  const context = authorizerContextOf(env);
  if (!context)
    throw new UnauthorizedError("Sign in: this route needs a bearer token.", { invalidToken: false });
  const subject = context.claims.sub;
  if (typeof subject !== "string" || subject.trim() === "")
    throw new UnauthorizedError("The token names no subject.", { invalidToken: true });
  return { subject, staff: isStaff(context, convention) };
}

/** The caller, who must be staff (403 for anyone else). */
export function staffCallerOf(env: unknown, convention: StaffConvention = defaultStaffConvention): Caller {
  const caller = callerOf(env, convention);
  if (!caller.staff)
    throw new ForbiddenError("Reports are for staff; this account is not in the staff group.");
  return caller;
}
