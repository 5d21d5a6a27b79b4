import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { API_SCOPE, STAFF_GROUP } from "@orders/identity";
import { exportJWK, generateKeyPair, type JWK } from "jose";
import Provider, { type Configuration, errors } from "oidc-provider";
import { type LocalAccount, LocalAccounts } from "./local-accounts";
import { localIssuer } from "./local-identity-location";
import { renderSignInPage } from "./sign-in-page";
import { renderSignOutPage } from "./sign-out-page";

/** The audience (API Gateway's authorizer audience, the resource indicator) of the local stack's tokens. */
export const LOCAL_AUDIENCE = "urn:serverless-orders:local-api";

/** The public client the dashboard and the token command sign in with (Authorization Code + PKCE). */
export const LOCAL_CLIENT_ID = "serverless-orders-local-client";

/** Where the token command's sign-in ends: it reads the code from the redirect and never serves this URL. */
export const TOKEN_COMMAND_REDIRECT_URI = "http://127.0.0.1/token-command/callback";

/**
 * The scope of the API's resource server (what the client asks for besides `openid`): the one every
 * protected route requires, as in AWS (`API_SCOPE` of @orders/identity).
 */
export const LOCAL_API_SCOPE = API_SCOPE;

const ACCESS_TOKEN_SECONDS = 3600;

/** The provider's RP-Initiated Logout endpoint (oidc-provider's route, set explicitly here). */
const END_SESSION_PATH = "/session/end";

/**
 * The CSP of the provider's own pages: no script; forms post to the provider, which redirects back to a
 * local application (a form's redirect is held to `form-action` too).
 */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*";

export interface LocalIdentityOptions {
  /** 0 picks a free port. */
  port: number;
  /** Where the users live (see LocalAccounts). */
  accountsFile: string;
  /**
   * Redirect URIs the client may use besides the token command's (e.g. the dashboard's page); they are
   * also where a sign-out may return (`post_logout_redirect_uri`).
   */
  redirectUris?: readonly string[];
}

/** A running local provider. */
export interface LocalIdentity {
  issuer: string;
  jwksUri: string;
  /** Where RP-Initiated Logout ends the provider's session (the discovery document's `end_session_endpoint`). */
  endSessionUrl: string;
  audience: string;
  clientId: string;
  accounts: LocalAccounts;
  /** The provider's signing key (private): tests forge expired or foreign tokens with it. */
  signingKey: JWK;
  close(): Promise<void>;
}

/**
 * A local OpenID provider built on `oidc-provider` (panva's certified implementation): discovery, JWKS,
 * Authorization Code + PKCE for one public client, and JWT access tokens for {@link LOCAL_AUDIENCE} that
 * carry `cognito:groups` for staff as Cognito's do. The only hand-written part is the sign-in page that
 * checks a user's password (the library leaves interactions to the deployment).
 */
export async function startLocalIdentity(options: LocalIdentityOptions): Promise<LocalIdentity> {
  const accounts = new LocalAccounts(options.accountsFile);
  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingKey: JWK = {
    ...(await exportJWK(privateKey)),
    kid: randomBytes(8).toString("hex"),
    alg: "RS256",
    use: "sig",
  };

  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const issuer = localIssuer(port);

  const provider = new Provider(issuer, configuration(accounts, signingKey, options.redirectUris ?? []));
  const callback = provider.callback();
  handle = (req, res) => {
    const path = new URL(req.url ?? "/", issuer).pathname;
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(path);
    if (!interaction) return void callback(req, res);
    signIn(provider, accounts, req, res, Boolean(interaction[2])).catch((error: unknown) => {
      const status = error instanceof errors.SessionNotFound ? 400 : 500;
      if (!res.headersSent) res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8" });
      res.end(
        status === 400 ? "This sign-in has expired: start again from the application." : "Sign-in failed.",
      );
    });
  };

  return {
    issuer,
    jwksUri: `${issuer}/jwks`,
    endSessionUrl: `${issuer}${END_SESSION_PATH}`,
    audience: LOCAL_AUDIENCE,
    clientId: LOCAL_CLIENT_ID,
    accounts,
    signingKey,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function configuration(
  accounts: LocalAccounts,
  signingKey: JWK,
  redirectUris: readonly string[],
): Configuration {
  return {
    clients: [
      {
        client_id: LOCAL_CLIENT_ID,
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code"],
        response_types: ["code"],
        redirect_uris: [TOKEN_COMMAND_REDIRECT_URI, ...redirectUris],
        post_logout_redirect_uris: [...redirectUris],
      },
    ],
    routes: { end_session: END_SESSION_PATH },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString("base64url")] },
    pkce: { required: () => true },
    // The sign-in page below replaces the library's development pages.
    features: {
      devInteractions: { enabled: false },
      // "Sign out" on the dashboard ends the session here; the confirmation is this package's page.
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.set("Content-Security-Policy", PAGE_CSP);
          ctx.set("Cache-Control", "no-store");
          ctx.type = "html";
          ctx.body = renderSignOutPage({ form });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => LOCAL_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== LOCAL_AUDIENCE) throw new errors.InvalidTarget();
          return {
            scope: LOCAL_API_SCOPE,
            audience: LOCAL_AUDIENCE,
            accessTokenTTL: ACCESS_TOKEN_SECONDS,
            accessTokenFormat: "jwt",
            jwt: { sign: { alg: "RS256" } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The token endpoint answers browsers only from the pages the client redirects to (the dashboard).
    clientBasedCORS: (_ctx, origin, client) =>
      (client.redirectUris ?? []).some((uri) => URL.canParse(uri) && new URL(uri).origin === origin),
    findAccount: async (_ctx, subject) => {
      const account = await accounts.find(subject);
      return account ? { accountId: subject, claims: () => ({ sub: subject }) } : undefined;
    },
    // Staff carry the group the way Cognito puts it in its access tokens (see @orders/identity's convention).
    extraTokenClaims: async (_ctx, token) => {
      const subject = (token as { accountId?: string }).accountId;
      const account = subject ? await accounts.find(subject) : undefined;
      return account?.staff ? { "cognito:groups": [STAFF_GROUP] } : undefined;
    },
    ttl: {
      AccessToken: ACCESS_TOKEN_SECONDS,
      AuthorizationCode: 60,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
  };
}

/** GET shows the form; POST checks the password and finishes the login and (first-party) consent at once. */
async function signIn(
  provider: Provider,
  accounts: LocalAccounts,
  req: IncomingMessage,
  res: ServerResponse,
  submitted: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const clientId = String(details.params.client_id);
  const page = (error?: string) => {
    res.writeHead(error ? 401 : 200, {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": PAGE_CSP,
    });
    res.end(renderSignInPage({ uid: details.uid, clientId, ...(error ? { error } : {}) }));
  };
  if (!submitted || req.method !== "POST") return page();

  const form = new URLSearchParams(await readBody(req));
  const account = await accounts.authenticate(form.get("username") ?? "", form.get("password") ?? "");
  if (!account) return page("Wrong user or password.");
  await provider.interactionFinished(req, res, {
    login: { accountId: account.subject },
    consent: {
      grantId: await grantFor(provider, account, clientId, String(details.params.scope ?? "openid")),
    },
  });
}

/** The first-party client gets what it asked for: OpenID scopes and the API's scope. */
async function grantFor(
  provider: Provider,
  account: LocalAccount,
  clientId: string,
  scope: string,
): Promise<string> {
  const grant = new provider.Grant({ accountId: account.subject, clientId });
  grant.addOIDCScope(scope.split(" ").filter((s) => s === "openid" || s === "profile"));
  grant.addResourceScope(LOCAL_AUDIENCE, LOCAL_API_SCOPE);
  return grant.save();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error("sign-in form too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
