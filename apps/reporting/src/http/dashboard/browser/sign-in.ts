import type { SignInSettings } from "../page-contract";

// sessionStorage keys: they live for the length of one redirect to the provider and back.
const pendingKey = "dashboard-sign-in";
const signedOutKey = "dashboard-signed-out";

interface PendingSignIn {
  verifier: string;
  state: string;
  /** The page's query when the person clicked "Sign in", restored on the way back. */
  search: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/[+]/g, "-")
    .replace(/[/]/g, "_")
    .replace(/=+$/, "");
const randomText = (size: number): string => base64url(crypto.getRandomValues(new Uint8Array(size)));

/**
 * Authorization Code + PKCE (RFC 7636, S256): keeps the verifier and state for the redirect back and sends
 * the browser to the issuer.
 */
export async function startSignIn(signIn: SignInSettings, redirectUri: string): Promise<void> {
  const verifier = randomText(32);
  const state = randomText(16);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const pending: PendingSignIn = { verifier, state, search: location.search };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(signIn.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: signIn.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: signIn.scope,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: "S256",
    state,
  }).toString();
  location.assign(url.toString());
}

/**
 * The redirect back: checks that the answer is for this page (state), exchanges the code with the verifier
 * and puts the page's query back. Throws with the provider's words when it refused.
 */
export async function finishSignIn(
  signIn: SignInSettings,
  redirectUri: string,
  params: URLSearchParams,
): Promise<{ accessToken: string; search: string }> {
  const pending = JSON.parse(sessionStorage.getItem(pendingKey) || "null") as PendingSignIn | null;
  sessionStorage.removeItem(pendingKey);
  const error = params.get("error");
  if (error) throw new Error(params.get("error_description") || error);
  if (!pending || pending.state !== params.get("state"))
    throw new Error("this sign-in answer is not for this page");
  const response = await fetch(signIn.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: signIn.clientId,
      code: params.get("code") ?? "",
      redirect_uri: redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json()) as {
    access_token: string;
    error?: string;
    error_description?: string;
  };
  if (!response.ok) throw new Error(body.error_description || body.error || response.statusText);
  history.replaceState(null, "", `/${pending.search}`);
  return { accessToken: body.access_token, search: pending.search };
}

/**
 * Ends the provider's session too, where the settings name a logout endpoint, or the next "Sign in" on this
 * browser comes straight back signed in. False when there is none (only the token is forgotten).
 */
export function leaveForLogout(signIn: SignInSettings, redirectUri: string): boolean {
  if (!signIn.logoutUrl) return false;
  sessionStorage.setItem(signedOutKey, "1");
  const url = new URL(signIn.logoutUrl);
  url.searchParams.set("client_id", signIn.clientId);
  url.searchParams.set(signIn.logoutReturnParameter || "post_logout_redirect_uri", redirectUri);
  location.assign(url.toString());
  return true;
}

/** Whether this page load is the provider sending the browser back after signing out (asked once). */
export function takeSignedOut(): boolean {
  const signedOut = sessionStorage.getItem(signedOutKey);
  sessionStorage.removeItem(signedOutKey);
  return signedOut !== null;
}
