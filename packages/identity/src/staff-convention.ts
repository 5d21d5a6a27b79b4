import type { JwtAuthorizerContext } from "./claims";

/**
 * THE convention for staff, the one place that decides it. A caller is staff when
 * - its token's `cognito:groups` contains {@link STAFF_GROUP} (Cognito puts a user's groups there, in the
 *   access token too), or
 * - its token carries the scope {@link STAFF_SCOPE} (for an external issuer, Auth0, Okta or Entra: grant
 *   that scope, or a role mapped to it, to staff and to nobody else).
 * Everyone else with a valid token is a customer: the token's subject is the customer id.
 */
export const STAFF_GROUP = "staff";

/** The scope that marks staff on tokens from an external issuer (see {@link STAFF_GROUP}). */
export const STAFF_SCOPE = "orders/staff";

/**
 * Whether the caller is staff under the convention above.
 *
 * @example
 * isStaff({ claims: { sub: "s-1", "cognito:groups": "[staff]" } }); // true
 */
export function isStaff(context: JwtAuthorizerContext): boolean {
  // A string as API Gateway passes claims on; an array if a caller hands the token's own value.
  const groups: unknown = context.claims["cognito:groups"];
  if (Array.isArray(groups) && groups.includes(STAFF_GROUP)) return true;
  if (typeof groups === "string" && groupList(groups).includes(STAFF_GROUP)) return true;
  return context.scopes?.includes(STAFF_SCOPE) ?? false;
}

/** `cognito:groups` as API Gateway passes it on (`[a b]`), or as a plain JSON array or single name. */
function groupList(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith('["')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // Not JSON after all: fall through to the space-separated form.
    }
  }
  const inner = trimmed.startsWith("[") && trimmed.endsWith("]") ? trimmed.slice(1, -1) : trimmed;
  return inner.split(/[\s,]+/).filter((g) => g.length > 0);
}
