import { STAFF_GROUP } from "../staff-convention";

/**
 * Bindings for `app.request(path, init, bindings)` as if API Gateway's JWT authorizer had accepted a token
 * of `subject`: the claims where the Lambda event carries them. For tests of an app's rules on its own;
 * tests of the authorizer itself use real tokens from the local provider.
 *
 * @example
 * await app.request("/orders", init, signedInAs("c-1"));
 */
export function signedInAs(subject: string, options: { staff?: boolean } = {}) {
  const claims: Record<string, string> = { sub: subject };
  if (options.staff) claims["cognito:groups"] = `[${STAFF_GROUP}]`;
  return { event: { requestContext: { authorizer: { jwt: { claims } } } } };
}
