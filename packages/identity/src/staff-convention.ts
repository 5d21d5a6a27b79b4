import type { JwtAuthorizerContext } from "./claims";

/**
 * THE convention for staff, the one place that decides it: a caller is staff when the groups claim of its
 * access token lists a group named exactly {@link STAFF_GROUP}. Everyone else with a valid token is a
 * customer: the token's subject is the customer id.
 *
 * - Cognito puts a user's groups in `cognito:groups` (access token included), the default claim.
 * - An external issuer (Auth0, Okta, Entra ...) must put the user's groups, as an array of names, in a claim
 *   of the access token; its name is the stage's `ORDERS_OIDC_GROUPS_CLAIM` (default `cognito:groups`),
 *   which reaches the functions as `STAFF_GROUPS_CLAIM`.
 *
 * Scopes never make staff: a scope is what a client may ask for, not who the user is, and a public client
 * (the dashboard) can ask for any scope the issuer allows it.
 */
export const STAFF_GROUP = "staff";

/** The claim that lists the caller's groups, unless the stage names another (see {@link STAFF_GROUP}). */
export const STAFF_GROUPS_CLAIM = "cognito:groups";

/** How a service recognises staff: which claim lists the caller's groups. */
export interface StaffConvention {
  groupsClaim: string;
}

/** The convention of a stage on its own Cognito user pool. */
export const defaultStaffConvention: StaffConvention = { groupsClaim: STAFF_GROUPS_CLAIM };

/**
 * The convention from a function's environment: `STAFF_GROUPS_CLAIM` (set by infra from the stage's identity
 * plan), else `cognito:groups`.
 */
export function staffConventionFromEnv(
  env: Record<string, string | undefined> = process.env,
): StaffConvention {
  const claim = env.STAFF_GROUPS_CLAIM?.trim();
  return claim ? { groupsClaim: claim } : defaultStaffConvention;
}

/**
 * Whether the caller is staff under the convention above.
 *
 * @example
 * isStaff({ claims: { sub: "s-1", "cognito:groups": "[staff]" } }); // true
 * isStaff({ claims: { sub: "c-1", "cognito:groups": "[x,staff]" } }); // false: one group named "x,staff"
 */
export function isStaff(
  context: JwtAuthorizerContext,
  convention: StaffConvention = defaultStaffConvention,
): boolean {
  return groupNames(context.claims[convention.groupsClaim]).includes(STAFF_GROUP);
}

/**
 * The group names of a groups claim, as API Gateway hands the claim to a Lambda: an array claim becomes the
 * string `[a b]` (its elements joined by single spaces in brackets), a string claim stays as it is. Nothing
 * else is parsed: no commas, no JSON, no nested brackets, so a group named `x,staff` or `[ops,staff]` is that
 * one group. A group name containing a space cannot be told apart from two groups once API Gateway has
 * flattened the array; Cognito group names contain no whitespace, and an external issuer's staff group must
 * not either (docs/deploy.md).
 */
function groupNames(value: unknown): readonly string[] {
  // An array if a caller hands the token's own value rather than API Gateway's string.
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === "string");
  if (typeof value !== "string") return [];
  if (value.startsWith("[") && value.endsWith("]")) return value.slice(1, -1).split(" ");
  return [value];
}
