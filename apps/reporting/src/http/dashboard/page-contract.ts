/**
 * What the server renders into the dashboard page for its browser code (`<main data-sign-in>`). Shared by
 * both sides, so this file imports nothing: the browser code is type-checked without Node's types.
 */

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
  /**
   * Where "Sign out" ends the provider's session too, so the next "Sign in" on the same browser asks for a
   * password again: an OpenID Connect `end_session_endpoint` (RP-Initiated Logout 1.0), or Cognito's
   * `/logout`. The dashboard adds `client_id` and its own address under {@link logoutReturnParameter}.
   * Without it, "Sign out" only forgets the token.
   */
  logoutUrl?: string;
  /**
   * The query parameter that names where the provider sends the browser back after signing out:
   * `post_logout_redirect_uri` (OpenID Connect, the default) or `logout_uri` (Cognito).
   */
  logoutReturnParameter?: "post_logout_redirect_uri" | "logout_uri";
}
