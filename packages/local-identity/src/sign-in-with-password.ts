import { createHash, randomBytes } from "node:crypto";
import { LOCAL_API_SCOPE, TOKEN_COMMAND_REDIRECT_URI } from "./local-identity-provider";

/** What signing in yields. */
export interface SignedIn {
  accessToken: string;
  idToken: string | undefined;
  expiresIn: number;
}

/**
 * Signs a user in at an OpenID provider the way a browser would: Authorization Code + PKCE, following the
 * redirects through the provider's sign-in form with the user's name and password, then exchanging the
 * code at the token endpoint. Used by the token command; it exercises the same form a person fills in.
 */
export async function signInWithPassword(options: {
  issuer: string;
  clientId: string;
  username: string;
  password: string;
  redirectUri?: string;
}): Promise<SignedIn> {
  const redirectUri = options.redirectUri ?? TOKEN_COMMAND_REDIRECT_URI;
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const state = randomBytes(16).toString("base64url");
  const cookies = new Map<string, string>();

  const authorize = new URL("/auth", options.issuer);
  authorize.search = new URLSearchParams({
    client_id: options.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: `openid ${LOCAL_API_SCOPE}`,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state,
  }).toString();

  let response = await step(authorize, cookies);
  const formUrl = location(response, authorize);
  if (formUrl.href.startsWith(redirectUri)) {
    throw new Error(
      `the provider refused: ${formUrl.searchParams.get("error_description") ?? formUrl.search}`,
    );
  }
  response = await step(formUrl, cookies);
  if (response.status !== 200) throw new Error(`the sign-in form answered ${response.status}`);
  const action = new URL(`${formUrl.pathname}/login`, formUrl);
  response = await step(
    action,
    cookies,
    new URLSearchParams({ username: options.username, password: options.password }),
  );
  if (response.status === 401) throw new Error(`wrong user or password for ${options.username}`);
  // The provider resumes the authorization, then redirects to the client with the code.
  let next = location(response, action);
  while (!next.href.startsWith(redirectUri)) {
    response = await step(next, cookies);
    next = location(response, next);
  }
  if (next.searchParams.get("state") !== state) throw new Error("the provider answered with another state");
  const code = next.searchParams.get("code");
  if (!code)
    throw new Error(`the provider refused: ${next.searchParams.get("error_description") ?? next.search}`);

  const tokenResponse = await fetch(new URL("/token", options.issuer), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: options.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
  });
  const body = (await tokenResponse.json()) as Record<string, unknown>;
  if (!tokenResponse.ok || typeof body.access_token !== "string") {
    throw new Error(`the token endpoint answered ${tokenResponse.status}: ${JSON.stringify(body)}`);
  }
  return {
    accessToken: body.access_token,
    idToken: typeof body.id_token === "string" ? body.id_token : undefined,
    expiresIn: Number(body.expires_in),
  };
}

/** One request with the cookies so far, redirects not followed (each one is read). */
async function step(url: URL, cookies: Map<string, string>, form?: URLSearchParams): Promise<Response> {
  const headers: Record<string, string> = {};
  if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  if (form) headers["content-type"] = "application/x-www-form-urlencoded";
  const response = await fetch(url, {
    method: form ? "POST" : "GET",
    headers,
    redirect: "manual",
    ...(form ? { body: form } : {}),
  });
  for (const line of response.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    const at = pair.indexOf("=");
    if (at <= 0) continue;
    const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    // An empty value is how the provider clears a cookie.
    if (value === "") cookies.delete(name);
    else cookies.set(name, value);
  }
  return response;
}

function location(response: Response, base: URL): URL {
  const target = response.headers.get("location");
  if (response.status < 300 || response.status > 399 || !target) {
    throw new Error(`expected a redirect from ${base.pathname}, got ${response.status}`);
  }
  return new URL(target, base);
}
