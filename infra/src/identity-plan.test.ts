import { API_SCOPE, STAFF_GROUP } from "@orders/identity";
import { describe, expect, it } from "vitest";
import {
  cognitoClientFlows,
  cognitoDomainPrefix,
  cognitoEndpoints,
  cognitoIssuer,
  cognitoSignInUrl,
  externalIssuerVariables,
  gatewayRoutes,
  identityPlan,
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
    expect(plan).toMatchObject({
      kind: "cognito",
      staffGroup: STAFF_GROUP,
      domainPrefix: "serverless-orders-alice-signin",
    });
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
  it.each([
    ["serverless-orders", "alice"],
    ["serverless-orders", "Feature_AWS-cognito.Amazon"],
    ["serverless-orders", "x".repeat(80)],
  ])("builds a valid hosted-UI domain prefix for %s/%s", (app, stage) => {
    const prefix = cognitoDomainPrefix(app, stage);
    // CreateUserPoolDomain's pattern, and none of the reserved words.
    expect(prefix).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(prefix).not.toMatch(/aws|amazon|cognito/);
  });

  it("names the issuer API Gateway checks and the hosted UI's endpoints", () => {
    expect(cognitoIssuer("eu-west-1", "eu-west-1_AbC")).toBe(
      "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
    );
    expect(cognitoEndpoints("p", "eu-west-1")).toEqual({
      base: "https://p.auth.eu-west-1.amazoncognito.com",
      authorizeUrl: "https://p.auth.eu-west-1.amazoncognito.com/oauth2/authorize",
      tokenUrl: "https://p.auth.eu-west-1.amazoncognito.com/oauth2/token",
    });
    const url = new URL(cognitoSignInUrl("p", "eu-west-1", "client", "https://r.example/"));
    expect(url.pathname).toBe("/login");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "client",
      redirect_uri: "https://r.example/",
      scope: `openid ${API_SCOPE}`,
    });
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
