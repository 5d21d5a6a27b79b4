import { API_SCOPE } from "@orders/identity";
import { ReportingConfigError } from "../../adapters/config";

/**
 * Where the dashboard signs in (Authorization Code + PKCE, a public client): Cognito's hosted UI in AWS,
 * the local OpenID provider under `npm start`. The redirect URI is the dashboard page itself.
 */
export interface SignInSettings {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  /** Space-separated scopes to ask for (`openid` at least). */
  scope: string;
}

/**
 * The settings from `SIGN_IN_AUTHORIZE_URL`, `SIGN_IN_TOKEN_URL`, `SIGN_IN_CLIENT_ID` and `SIGN_IN_SCOPE`
 * (set by infra and the local stack); undefined when none is set (the dashboard then says so).
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
  return {
    authorizeUrl: String(env.SIGN_IN_AUTHORIZE_URL),
    tokenUrl: String(env.SIGN_IN_TOKEN_URL),
    clientId: String(env.SIGN_IN_CLIENT_ID),
    // The API scope is what every report route requires: without it the access token would be refused.
    scope: env.SIGN_IN_SCOPE || `openid ${API_SCOPE}`,
  };
}

/** The environment a reporting server needs for these settings (the inverse of the above). */
export function signInEnv(settings: SignInSettings): Record<string, string> {
  return {
    SIGN_IN_AUTHORIZE_URL: settings.authorizeUrl,
    SIGN_IN_TOKEN_URL: settings.tokenUrl,
    SIGN_IN_CLIENT_ID: settings.clientId,
    SIGN_IN_SCOPE: settings.scope,
  };
}
