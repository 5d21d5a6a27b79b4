import {
  API_SCOPE,
  type GatewayService,
  protectedRouteKeys,
  STAFF_GROUP,
  STAFF_GROUPS_CLAIM,
} from "@orders/identity";
import { physicalName } from "./naming";

/** An OpenID provider the stage trusts instead of its own Cognito user pool (Auth0, Okta, Entra ...). */
export interface ExternalIssuer {
  kind: "external";
  /** Exactly the `iss` of its tokens (https). */
  issuer: string;
  /** Accepted `aud` (or `client_id`) values of access tokens for this API. */
  audience: string[];
  /** The dashboard's public client (Authorization Code + PKCE) at that issuer. */
  clientId: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** What the dashboard asks for (`ORDERS_OIDC_SCOPE`, by default `openid` and the API scope). */
  scope: string;
  /**
   * The scope every protected route requires, which the issuer grants in access tokens for this API and
   * never puts in ID tokens: `ORDERS_OIDC_API_SCOPE`, by default `orders/api` (see @orders/identity).
   */
  apiScope: string;
  /**
   * The access-token claim that lists the user's groups (an array of names); staff are the members of the
   * `staff` group (see @orders/identity). `ORDERS_OIDC_GROUPS_CLAIM`, by default `cognito:groups`.
   */
  groupsClaim: string;
}

/** The stage's own Amazon Cognito user pool, app client, `staff` group and hosted sign-in domain. */
export interface CognitoIdentity {
  kind: "cognito";
  /**
   * Hosted UI domain prefix (`<prefix>.auth.<region>.amazoncognito.com`) from the stage's random suffix
   * (see {@link cognitoDomainPrefix}).
   */
  domainPrefix: (suffixHex: string) => string;
  staffGroup: string;
  /**
   * OAuth scopes of the dashboard's client: Cognito's access token then carries `cognito:groups` and the
   * API scope (its resource server's, {@link apiScope}), which an ID token never carries.
   */
  scopes: string[];
  /** The scope every protected route requires: the user pool's resource server `orders`, scope `api`. */
  apiScope: string;
  /** The claim Cognito lists a user's groups in. */
  groupsClaim: string;
  accessTokenMinutes: number;
}

export type IdentityPlan = CognitoIdentity | ExternalIssuer;

/** The deploy-time variables that point a stage at an external issuer; all of them, or none. */
export const externalIssuerVariables = [
  "ORDERS_OIDC_ISSUER",
  "ORDERS_OIDC_AUDIENCE",
  "ORDERS_OIDC_CLIENT_ID",
  "ORDERS_OIDC_AUTHORIZE_URL",
  "ORDERS_OIDC_TOKEN_URL",
] as const;

/**
 * Who signs people in on a stage. By default its own Cognito user pool. When the stage is deployed with
 * every `ORDERS_OIDC_*` variable set, that issuer instead; a partial or insecure setting fails the deploy
 * rather than leaving the API open or half-configured.
 */
export function identityPlan(
  app: string,
  stage: string,
  env: Record<string, string | undefined>,
): IdentityPlan {
  const set = externalIssuerVariables.filter((name) => env[name]);
  if (set.length === 0) {
    return {
      kind: "cognito",
      domainPrefix: (suffixHex) => cognitoDomainPrefix(app, stage, suffixHex),
      staffGroup: STAFF_GROUP,
      scopes: ["openid", "email", "profile", API_SCOPE],
      apiScope: API_SCOPE,
      groupsClaim: STAFF_GROUPS_CLAIM,
      accessTokenMinutes: 60,
    };
  }
  if (set.length < externalIssuerVariables.length) {
    const missing = externalIssuerVariables.filter((name) => !env[name]);
    throw new Error(`an external issuer needs every ORDERS_OIDC_* variable; missing: ${missing.join(", ")}`);
  }
  const value = (name: (typeof externalIssuerVariables)[number]) => String(env[name]);
  for (const name of ["ORDERS_OIDC_ISSUER", "ORDERS_OIDC_AUTHORIZE_URL", "ORDERS_OIDC_TOKEN_URL"] as const) {
    // API Gateway fetches the issuer's keys over TLS only; the browser's code exchange must not leak either.
    if (!URL.canParse(value(name)) || new URL(value(name)).protocol !== "https:") {
      throw new Error(`${name} must be an https URL, got ${JSON.stringify(value(name))}`);
    }
  }
  const audience = value("ORDERS_OIDC_AUDIENCE")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  if (audience.length === 0) throw new Error("ORDERS_OIDC_AUDIENCE must name at least one audience");
  const apiScope = env.ORDERS_OIDC_API_SCOPE?.trim() || API_SCOPE;
  if (/\s/.test(apiScope)) throw new Error("ORDERS_OIDC_API_SCOPE must be one scope");
  return {
    kind: "external",
    issuer: value("ORDERS_OIDC_ISSUER"),
    audience,
    clientId: value("ORDERS_OIDC_CLIENT_ID"),
    authorizeUrl: value("ORDERS_OIDC_AUTHORIZE_URL"),
    tokenUrl: value("ORDERS_OIDC_TOKEN_URL"),
    scope: env.ORDERS_OIDC_SCOPE || `openid ${apiScope}`,
    apiScope,
    groupsClaim: env.ORDERS_OIDC_GROUPS_CLAIM?.trim() || STAFF_GROUPS_CLAIM,
  };
}

/** Length in hex characters of the random part of a hosted-UI domain prefix (`RandomId` of 5 bytes). */
export const domainSuffixHexLength = 10;

/**
 * A Cognito hosted-UI domain prefix: lower-case letters, digits and hyphens, at most 63 characters, not
 * starting or ending with a hyphen, and without the reserved words `aws`, `amazon` or `cognito` (AWS,
 * "Using the Amazon Cognito domain for managed login",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html).
 * Pattern: AWS API reference "CreateUserPoolDomain",
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
 *
 * A prefix is global to a region, across every AWS account: `serverless-orders-alice-signin` is taken by
 * the first account that deploys a stage called alice. The prefix therefore ends in a random suffix the
 * stage generates once and keeps in its state (`suffixHex`, hex digits, which cannot spell a reserved
 * word): nobody can hold the name before the stage creates it, and it stays the same across deploys. The
 * readable part is cut so the suffix always fits.
 */
export function cognitoDomainPrefix(app: string, stage: string, suffixHex: string): string {
  if (!new RegExp(`^[0-9a-f]{${domainSuffixHexLength}}$`).test(suffixHex)) {
    throw new Error(
      `the sign-in domain suffix must be ${domainSuffixHexLength} lower-case hex digits, got ${JSON.stringify(suffixHex)}`,
    );
  }
  const readable = physicalName(app, stage, "signin")
    .replace(/aws|amazon|cognito/g, "x")
    .slice(0, 63 - domainSuffixHexLength - 1)
    .replace(/^-+|-+$/g, "");
  return `${readable}-${suffixHex}`;
}

/** Cognito's issuer for a user pool: what its tokens carry as `iss`, and what API Gateway's authorizer checks. */
export function cognitoIssuer(region: string, userPoolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
}

/**
 * The hosted UI's OAuth endpoints for a domain prefix, and its sign-out endpoint: `/logout` with
 * `client_id` and a `logout_uri` among the app client's allowed sign-out URLs ends the user's hosted-UI
 * session and redirects there (AWS, "The managed login sign-out endpoint: /logout",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html).
 */
export function cognitoEndpoints(
  domainPrefix: string,
  region: string,
): { authorizeUrl: string; tokenUrl: string; logoutUrl: string; base: string } {
  const base = `https://${domainPrefix}.auth.${region}.amazoncognito.com`;
  return {
    base,
    authorizeUrl: `${base}/oauth2/authorize`,
    tokenUrl: `${base}/oauth2/token`,
    logoutUrl: `${base}/logout`,
  };
}

/**
 * The dashboard page of a reporting API (`ReportingUrl` followed by `/`): the app client's only callback, and
 * the link people sign in through (the `SignInUrl` output). Only the page can start a sign-in it will
 * accept: its "Sign in" button makes a fresh PKCE verifier and `state`, keeps them for the redirect and
 * refuses any answer without them, so a hand-made link to the issuer's sign-in page would end in
 * "this sign-in answer is not for this page".
 */
export function dashboardPageUrl(reportingUrl: string): string {
  return new URL("/", reportingUrl).toString();
}

/**
 * The environment the reporting function's dashboard signs in with (see apps/reporting sign-in settings).
 * With a logout endpoint, "Sign out" ends the provider's session there too; `logout_uri` is Cognito's name
 * for where it returns, `post_logout_redirect_uri` OpenID Connect's.
 */
export function signInEnvironment(settings: {
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  logout?: { url: string; returnParameter: "post_logout_redirect_uri" | "logout_uri" };
}): Record<string, string> {
  return {
    SIGN_IN_AUTHORIZE_URL: settings.authorizeUrl,
    SIGN_IN_TOKEN_URL: settings.tokenUrl,
    SIGN_IN_CLIENT_ID: settings.clientId,
    SIGN_IN_SCOPE: settings.scope,
    ...(settings.logout
      ? {
          SIGN_IN_LOGOUT_URL: settings.logout.url,
          SIGN_IN_LOGOUT_RETURN_PARAMETER: settings.logout.returnParameter,
        }
      : {}),
  };
}

/** The environment that tells a function which claim lists the caller's groups (see @orders/identity). */
export function staffEnvironment(groupsClaim: string): Record<string, string> {
  return { STAFF_GROUPS_CLAIM: groupsClaim };
}

/**
 * One API Gateway route of a service: its key, whether the JWT authorizer guards it, and the authorization
 * scopes it requires (one of them must be in the token; none on a public route).
 */
export interface GatewayRoute {
  routeKey: string;
  authorized: boolean;
  scopes: string[];
}

/**
 * The routes of a service's HTTP API: the JWT authorizer on every protected path of @orders/identity
 * (`ANY /orders`, `ANY /orders/{proxy+}`, ...), and `$default`, public, for everything else (health,
 * catalogue, OpenAPI, docs, the dashboard page). API Gateway picks the most specific route, so a protected
 * path never falls through to `$default`. Every protected route requires `apiScope`, which access tokens
 * carry and ID tokens never do: without it the authorizer would take a Cognito ID token, whose `aud` is the
 * client id it checks.
 */
export function gatewayRoutes(service: GatewayService, apiScope: string): GatewayRoute[] {
  return [
    ...protectedRouteKeys(service).map((routeKey) => ({ routeKey, authorized: true, scopes: [apiScope] })),
    { routeKey: "$default", authorized: false, scopes: [] },
  ];
}

/**
 * How the dashboard's Cognito app client may sign people in: the Authorization Code flow only (no
 * implicit flow, whose tokens travel in the URL) and SRP from the hosted UI; never `USER_PASSWORD_AUTH`,
 * which would take passwords over the public API, nor the admin password flow: tokens from the user pool's
 * API (not its OAuth endpoints) carry no resource-server scope, so every protected route would refuse them.
 */
export const cognitoClientFlows = {
  allowedOauthFlows: ["code"],
  explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
} as const;
