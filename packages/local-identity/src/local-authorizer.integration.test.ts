import { API_SCOPE, authorizerContextOf } from "@orders/identity";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remoteKeys, withLocalAuthorizer } from "./local-authorizer";
import { signInWithPassword } from "./sign-in-with-password";
import { forgeToken, tamperWith } from "./testing/forge-token";
import { type IdentityFixture, startIdentityFixture } from "./testing/identity-fixture";

let idp: IdentityFixture;
let gateway: (request: Request) => Promise<Response>;

beforeAll(async () => {
  idp = await startIdentityFixture();
  // An app that shows what the authorizer handed it, where a Lambda finds it in API Gateway's event.
  const app = new Hono();
  app.all("*", (c) => c.json({ path: c.req.path, jwt: authorizerContextOf(c.env) ?? null }));
  gateway = idp.behindAuthorizer(app.fetch, "api");
});
afterAll(() => idp?.close());

function get(path: string, authorization?: string): Promise<Response> {
  return gateway(new Request(`http://api.test${path}`, authorization ? { headers: { authorization } } : {}));
}

/** What the services put on every answer to a caller, on the authorizer's refusals too. */
function expectRefusalHeaders(response: Response): void {
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("referrer-policy")).toBe("no-referrer");
}

async function expectUnauthorized(response: Response, challenge: RegExp, detail: RegExp): Promise<void> {
  expect(response.status).toBe(401);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expectRefusalHeaders(response);
  expect(response.headers.get("www-authenticate")).toMatch(challenge);
  const problem = (await response.json()) as { type: string; detail: string; instance: string };
  expect(problem.type).toBe("/docs#problem-unauthorized");
  expect(problem.detail).toMatch(detail);
}

describe("the local JWT authorizer", () => {
  it("hands the app the claims of a token from a real sign-in, in API Gateway's shape", async () => {
    const token = await idp.tokenFor("c-1");
    const response = await get("/orders/x", `Bearer ${token}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { jwt: { claims: Record<string, string>; scopes: string[] } };
    expect(body.jwt.claims.sub).toBe("c-1");
    expect(body.jwt.claims.iss).toBe(idp.identity.issuer);
    expect(body.jwt.claims.exp).toMatch(/^\d+$/);
    expect(body.jwt.claims["cognito:groups"]).toBeUndefined();
    expect(body.jwt.scopes).toEqual([API_SCOPE]);
  });

  it("passes staff's group on as API Gateway flattens it", async () => {
    const token = await idp.tokenFor("s-1", { staff: true });
    const body = (await (await get("/orders", `Bearer ${token}`)).json()) as {
      jwt: { claims: Record<string, string> };
    };
    expect(body.jwt.claims["cognito:groups"]).toBe("[staff]");
  });

  it("lets public paths through without a token and without claims", async () => {
    const response = await get("/products");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ path: "/products", jwt: null });
    // The app's own answer, untouched: what it sets on a public path is its business.
    expect(response.headers.get("cache-control")).toBeNull();
    expect(response.headers.get("x-content-type-options")).toBeNull();
  });

  it("answers 401 with a bare Bearer challenge when there is no token", async () => {
    await expectUnauthorized(await get("/orders"), /^Bearer$/, /needs a bearer token/);
  });

  it.each([
    ["another scheme", "Basic dXNlcjpwYXNz", /malformed/],
    ["no token after Bearer", "Bearer ", /malformed/],
    ["not a JWT", "Bearer not-a-jwt", /malformed/],
    ["a JWT of garbage", "Bearer a.b.c", /malformed/],
  ])("answers 401 invalid_token for %s", async (_case, header, detail) => {
    await expectUnauthorized(await get("/orders", header), /^Bearer error="invalid_token"/, detail);
  });

  it("answers 401 for an expired token", async () => {
    const token = await forgeToken(idp.identity, { expiresIn: -5 });
    await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /expired/);
  });

  it("answers 401 for a tampered token", async () => {
    const token = tamperWith(await idp.tokenFor("c-1"), { sub: "c-2" });
    await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /signature/);
  });

  it("answers 401 for a token of another issuer", async () => {
    const token = await forgeToken(idp.identity, { issuer: "https://issuer.example" });
    await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /another issuer/);
  });

  it("answers 401 for a token for another audience", async () => {
    const token = await forgeToken(idp.identity, { audience: "urn:someone-else" });
    await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /audience/);
  });

  it("answers 401 for a token signed by a key the issuer never published", async () => {
    const token = await forgeToken(idp.identity, { foreignKey: true });
    await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /signature/);
  });

  it("checks client_id against the audiences only when there is no aud, as API Gateway does", async () => {
    const byClientId = await forgeToken(idp.identity, {
      audience: null,
      extraClaims: { client_id: idp.identity.audience },
    });
    expect((await get("/orders", `Bearer ${byClientId}`)).status).toBe(200);
    const otherClient = await forgeToken(idp.identity, {
      audience: null,
      extraClaims: { client_id: "someone-else" },
    });
    await expectUnauthorized(await get("/orders", `Bearer ${otherClient}`), /invalid_token/, /audience/);
  });

  it("refuses a wrong password on the sign-in form", async () => {
    await idp.identity.accounts.ensure("c-3", false);
    await expect(
      signInWithPassword({
        issuer: idp.identity.issuer,
        clientId: idp.identity.clientId,
        username: "c-3",
        password: "guess",
      }),
    ).rejects.toThrow(/wrong user or password/);
  });
});

describe("what API Gateway's authorizer requires besides a valid signature", () => {
  async function expectInsufficientScope(response: Response): Promise<void> {
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expectRefusalHeaders(response);
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer error="insufficient_scope", scope="${API_SCOPE}"`,
    );
    expect(((await response.json()) as { type: string }).type).toBe("/docs#problem-forbidden");
  }

  it("refuses a token whose header names no key (kid) with 401", async () => {
    const token = await forgeToken(idp.identity, { noKid: true });
    await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /kid/);
    // The same token with its kid passes: the header is what fails.
    expect((await get("/orders", `Bearer ${await forgeToken(idp.identity)}`)).status).toBe(200);
  });

  it("refuses a token whose subject is blank or missing with 401", async () => {
    for (const subject of [" ", "\t", ""]) {
      const token = await forgeToken(idp.identity, { subject });
      await expectUnauthorized(await get("/orders", `Bearer ${token}`), /invalid_token/, /no subject/);
    }
  });

  it("refuses a token without the route's scope with 403 insufficient_scope", async () => {
    for (const scope of [undefined, "openid", "openid profile", "orders", "orders/staff"]) {
      const token = await forgeToken(idp.identity, { extraClaims: { scope } });
      await expectInsufficientScope(await get("/orders", `Bearer ${token}`));
    }
    const granted = await forgeToken(idp.identity, { extraClaims: { scope: `openid ${API_SCOPE}` } });
    const body = (await (await get("/orders", `Bearer ${granted}`)).json()) as { jwt: { scopes: string[] } };
    expect(body.jwt.scopes).toEqual(["openid", API_SCOPE]);
  });

  it("refuses a real ID token even where its audience (the client id) is accepted, as in AWS", async () => {
    const account = await idp.identity.accounts.ensure("c-id", false);
    const signedIn = await signInWithPassword({
      issuer: idp.identity.issuer,
      clientId: idp.identity.clientId,
      username: "c-id",
      password: account.password,
    });
    // Cognito's authorizer audience is the client id, which is exactly an ID token's `aud`.
    const asInAws = withLocalAuthorizer(async () => new Response("reached the app"), {
      service: "api",
      issuer: idp.identity.issuer,
      audience: [idp.identity.audience, idp.identity.clientId],
      jwks: remoteKeys(idp.identity.jwksUri),
    });
    const call = (token: string) =>
      asInAws(new Request("http://api.test/orders", { headers: { authorization: `Bearer ${token}` } }));
    expect(signedIn.idToken).toEqual(expect.any(String));
    await expectInsufficientScope(await call(String(signedIn.idToken)));
    expect((await call(signedIn.accessToken)).status).toBe(200);
  });

  it("passes scopes as null on a route that requires none, as API Gateway does", async () => {
    const open = withLocalAuthorizer(
      (_request: Request, env?: unknown) => Response.json(authorizerContextOf(env) ?? null),
      {
        service: "api",
        issuer: idp.identity.issuer,
        audience: [idp.identity.audience],
        jwks: remoteKeys(idp.identity.jwksUri),
        scopes: [],
      },
    );
    const token = await idp.tokenFor("c-6");
    const res = await open(
      new Request("http://api.test/orders", { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(((await res.json()) as { scopes: unknown }).scopes).toBeNull();
  });
});

describe("the Authorization header, as API Gateway reads it", () => {
  it("takes the token with or without the Bearer prefix", async () => {
    const token = await idp.tokenFor("c-5");
    expect((await get("/orders", token)).status).toBe(200);
    expect((await get("/orders", `bearer ${token}`)).status).toBe(200);
  });
});
