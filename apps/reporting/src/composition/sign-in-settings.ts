import { API_SCOPE } from "@orders/identity";
import { ReportingConfigError } from "../adapters/config";
import type { SignInSettings } from "../http/dashboard/page-contract";

const logoutReturnParameters = ["post_logout_redirect_uri", "logout_uri"] as const;

/**
 * The settings from `SIGN_IN_AUTHORIZE_URL`, `SIGN_IN_TOKEN_URL`, `SIGN_IN_CLIENT_ID`, `SIGN_IN_SCOPE`,
 * `SIGN_IN_LOGOUT_URL` and `SIGN_IN_LOGOUT_RETURN_PARAMETER` (set by infra and the local stack); undefined
 * when none is set (the dashboard then says so). The HTTP runtime reads them and hands them to the app.
 */
export function signInSettingsFromEnv(
  env: Record<string, string | undefined> = process.env,
): SignInSettings | undefined {
  const names = ["SIGN_IN_AUTHORIZE_URL", "SIGN_IN_TOKEN_URL", "SIGN_IN_CLIENT_ID"] as const;
  const set = names.filter((name) => env[name]);
  if (set.length === 0) return undefined;
  if (set.length < names.length) {
    throw new ReportingConfigError(`missing environment: ${names.filter((n) => !env[n]).join(", ")}`);
  }
  const returnParameter = env.SIGN_IN_LOGOUT_RETURN_PARAMETER || "post_logout_redirect_uri";
  if (!(logoutReturnParameters as readonly string[]).includes(returnParameter)) {
    throw new ReportingConfigError(
      `SIGN_IN_LOGOUT_RETURN_PARAMETER must be one of ${logoutReturnParameters.join(", ")}, got ${returnParameter}`,
    );
  }
  return {
    authorizeUrl: String(env.SIGN_IN_AUTHORIZE_URL),
    tokenUrl: String(env.SIGN_IN_TOKEN_URL),
    clientId: String(env.SIGN_IN_CLIENT_ID),
    // The API scope is what every report route requires: without it the access token would be refused.
    scope: env.SIGN_IN_SCOPE || `openid ${API_SCOPE}`,
    ...(env.SIGN_IN_LOGOUT_URL
      ? {
          logoutUrl: env.SIGN_IN_LOGOUT_URL,
          logoutReturnParameter: returnParameter as SignInSettings["logoutReturnParameter"],
        }
      : {}),
  };
}
