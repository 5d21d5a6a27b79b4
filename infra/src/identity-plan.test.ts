import { API_SCOPE, STAFF_GROUP } from "@orders/identity";
import { describe, expect, it } from "vitest";
import {
  cognitoClientFlows,
  cognitoDomainPrefix,
  cognitoEndpoints,
  cognitoIssuer,
  dashboardPageUrl,
  domainSuffixHexLength,
  externalIssuerVariables,
  gatewayRoutes,
  identityPlan,
  signInEnvironment,
  staffEnvironment,
} from "./identity-plan";

const external = {
  ORDERS_OIDC_ISSUER: "https://example.eu.auth0.com/",
  ORDERS_OIDC_AUDIENCE: "https://orders.example.com, orders-dashboard",
  ORDERS_OIDC_CLIENT_ID: "dashboard-client",
  ORDERS_OIDC_AUTHORIZE_URL: "https://example.eu.auth0.com/authorize",
  ORDERS_OIDC_TOKEN_URL: "https://example.eu.auth0.com/oauth/token",
};

describe("identityPlan", () => {
  it("gives every stage its own Cognito user pool with the staff group by default", () => {
    const plan = identityPlan("serverless-orders", "alice", {});
    expect(plan).toMatchObject({ kind: "cognito", staffGroup: STAFF_GROUP });
    expect(plan.kind === "cognito" && plan.domainPrefix("0a1b2c3d4e")).toBe(
      "serverless-orders-alice-signin-0a1b2c3d4e",
    );
    // Cognito puts cognito:groups into access tokens; openid is what the hosted UI's code flow needs.
    expect(plan.kind === "cognito" && plan.scopes).toContain("openid");
    // The API scope, which access tokens carry and ID tokens never do, is what every protected route requires.
    expect(plan).toMatchObject({ apiScope: API_SCOPE });
    expect(plan.kind === "cognito" && plan.scopes).toContain(API_SCOPE);
  });

  it("trusts an external issuer when the stage sets all of it", () => {
    expect(identityPlan("serverless-orders", "production", external)).toEqual({
      kind: "external",
      issuer: "https://example.eu.auth0.com/",
      audience: ["https://orders.example.com", "orders-dashboard"],
      clientId: "dashboard-client",
      authorizeUrl: "https://example.eu.auth0.com/authorize",
      tokenUrl: "https://example.eu.auth0.com/oauth/token",
      scope: `openid ${API_SCOPE}`,
      apiScope: API_SCOPE,
      groupsClaim: "cognito:groups",
    });
  });

  it("takes the API scope an external issuer grants, and asks for it by default", () => {
    const plan = identityPlan("a", "s", { ...external, ORDERS_OIDC_API_SCOPE: "orders.api" });
    expect(plan).toMatchObject({ apiScope: "orders.api", scope: "openid orders.api" });
    expect(() => identityPlan("a", "s", { ...external, ORDERS_OIDC_API_SCOPE: "a b" })).toThrow(/one scope/);
  });

  it("reads the staff groups from the claim an external issuer names, the Cognito one by default", () => {
    const plan = identityPlan("a", "s", {
      ...external,
      ORDERS_OIDC_GROUPS_CLAIM: "https://orders.example/groups",
    });
    expect(plan.kind === "external" && plan.groupsClaim).toBe("https://orders.example/groups");
    expect(identityPlan("a", "s", {})).toMatchObject({ groupsClaim: "cognito:groups" });
    expect(staffEnvironment("groups")).toEqual({ STAFF_GROUPS_CLAIM: "groups" });
  });

  it.each(externalIssuerVariables)("refuses a half-set external issuer (without %s)", (name) => {
    const partial: Record<string, string> = { ...external };
    delete partial[name];
    expect(() => identityPlan("serverless-orders", "production", partial)).toThrow(
      new RegExp(`missing: ${name}`),
    );
  });

  it("refuses an issuer or endpoint without TLS, and an empty audience", () => {
    expect(() => identityPlan("a", "s", { ...external, ORDERS_OIDC_ISSUER: "http://idp.example" })).toThrow(
      /https/,
    );
    expect(() => identityPlan("a", "s", { ...external, ORDERS_OIDC_TOKEN_URL: "not a url" })).toThrow(
      /https/,
    );
    expect(() => identityPlan("a", "s", { ...external, ORDERS_OIDC_AUDIENCE: " , " })).toThrow(/audience/);
  });
});

describe("Cognito names and URLs", () => {
  const suffix = "9f8e7d6c5b";

  it.each([
    ["serverless-orders", "alice"],
    ["serverless-orders", "Feature_AWS-cognito.Amazon"],
    ["serverless-orders", "x".repeat(80)],
    ["a", "b"],
  ])("builds a valid hosted-UI domain prefix for %s/%s", (app, stage) => {
    const prefix = cognitoDomainPrefix(app, stage, suffix);
    // CreateUserPoolDomain's pattern, and none of the reserved words.
    expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(prefix).not.toMatch(/aws|amazon|cognito/);
    // However long the stage name, the random part is whole: it is what makes the prefix the stage's own.
    expect(prefix.endsWith(`-${suffix}`)).toBe(true);
  });

  it("is not the stage name alone, which another account in the region may already hold", () => {
    // Two accounts deploying a stage called alice draw different suffixes, hence different prefixes.
    const one = cognitoDomainPrefix("serverless-orders", "alice", "0000000000");
    const other = cognitoDomainPrefix("serverless-orders", "alice", "ffffffffff");
    expect(one).not.toBe(other);
    expect(one).not.toBe("serverless-orders-alice-signin");
  });

  it("refuses a suffix that is not the stage's random hex", () => {
    expect(domainSuffixHexLength).toBe(10);
    for (const bad of ["", "abc", "0A1B2C3D4E", "0a1b2c3d4g", "aws0000000", "0a1b2c3d4e5"]) {
      expect(() => cognitoDomainPrefix("serverless-orders", "alice", bad)).toThrow(/hex digits/);
    }
  });

  it("names the issuer API Gateway checks and the hosted UI's endpoints", () => {
    expect(cognitoIssuer("eu-west-1", "eu-west-1_AbC")).toBe(
      "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
    );
    expect(cognitoEndpoints("p", "eu-west-1")).toEqual({
      base: "https://p.auth.eu-west-1.amazoncognito.com",
      authorizeUrl: "https://p.auth.eu-west-1.amazoncognito.com/oauth2/authorize",
      tokenUrl: "https://p.auth.eu-west-1.amazoncognito.com/oauth2/token",
      logoutUrl: "https://p.auth.eu-west-1.amazoncognito.com/logout",
    });
  });

  it("sends people to the dashboard page to sign in: the client's callback, with no OAuth request of its own", () => {
    const page = dashboardPageUrl("https://abc123.execute-api.eu-west-1.amazonaws.com");
    expect(page).toBe("https://abc123.execute-api.eu-west-1.amazonaws.com/");
    // A link that carried an authorization request would lack the state and PKCE challenge the page keeps.
    expect(new URL(page).search).toBe("");
    expect(dashboardPageUrl("https://abc123.execute-api.eu-west-1.amazonaws.com/")).toBe(page);
  });
});

describe("signInEnvironment", () => {
  const settings = {
    authorizeUrl: "https://a/auth",
    tokenUrl: "https://a/token",
    clientId: "c",
    scope: "openid",
  };

  it("tells the dashboard where Sign out ends the provider's session, and how it returns", () => {
    expect(
      signInEnvironment({
        ...settings,
        logout: { url: cognitoEndpoints("p", "eu-west-1").logoutUrl, returnParameter: "logout_uri" },
      }),
    ).toMatchObject({
      SIGN_IN_LOGOUT_URL: "https://p.auth.eu-west-1.amazoncognito.com/logout",
      SIGN_IN_LOGOUT_RETURN_PARAMETER: "logout_uri",
    });
  });

  it("leaves the logout out without one", () => {
    expect(Object.keys(signInEnvironment(settings))).not.toContain("SIGN_IN_LOGOUT_URL");
  });
});

describe("gateway routes", () => {
  it("puts the JWT authorizer on every /orders route of the API and leaves the rest public", () => {
    expect(gatewayRoutes("api", API_SCOPE)).toEqual([
      { routeKey: "ANY /orders", authorized: true, scopes: [API_SCOPE] },
      { routeKey: "ANY /orders/{proxy+}", authorized: true, scopes: [API_SCOPE] },
      { routeKey: "$default", authorized: false, scopes: [] },
    ]);
  });

  it("puts the JWT authorizer on every report (and /me) of reporting; the dashboard page stays public", () => {
    const routes = gatewayRoutes("reporting", API_SCOPE);
    // No protected route without the scope an ID token lacks.
    for (const route of routes) expect(route.scopes).toEqual(route.authorized ? [API_SCOPE] : []);
    expect(routes.filter((r) => r.authorized).map((r) => r.routeKey)).toEqual([
      "ANY /reports",
      "ANY /reports/{proxy+}",
      "ANY /me",
      "ANY /me/{proxy+}",
    ]);
    expect(routes.filter((r) => !r.authorized).map((r) => r.routeKey)).toEqual(["$default"]);
  });
});

describe("the dashboard's Cognito client", () => {
  it("allows the code flow only, and never takes passwords over the public API", () => {
    expect(cognitoClientFlows.allowedOauthFlows).toEqual(["code"]);
    expect(cognitoClientFlows.explicitAuthFlows).not.toContain("ALLOW_USER_PASSWORD_AUTH");
    expect(cognitoClientFlows.explicitAuthFlows).not.toContain("ALLOW_ADMIN_USER_PASSWORD_AUTH");
  });
});
