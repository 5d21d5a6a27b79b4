import { checkedFetch } from "@orders/contract-check";
import {
  forgeToken,
  type IdentityFixture,
  startIdentityFixture,
  tamperWith,
} from "@orders/local-identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportingContract } from "../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";

/**
 * Reports are for staff, against the real pieces: the reporting app with its database and queues behind
 * the local JWT authorizer, with tokens from the local OpenID provider's sign-in form.
 */
let h: ReportingHarness;
let idp: IdentityFixture;
let gateway: (request: Request) => Promise<Response>;
let customer: string;
let staff: string;

beforeAll(async () => {
  [h, idp] = await Promise.all([startReportingHarness("reporting_access"), startIdentityFixture()]);
  // The authorizer answers some requests itself: its answers are held to the document too.
  gateway = checkedFetch(idp.behindAuthorizer(h.app.fetch, "reporting"), reportingContract);
  [customer, staff] = await Promise.all([idp.tokenFor("c-1"), idp.tokenFor("s-1", { staff: true })]);
});

afterAll(async () => {
  await Promise.all([h?.close(), idp?.close()]);
});

const reports = [
  "/reports/daily-sales?from=2026-11-01&to=2026-11-30",
  "/reports/top-products?from=2026-11-01&to=2026-11-30&limit=5",
  "/reports/queue",
];

function get(path: string, token?: string): Promise<Response> {
  return gateway(
    new Request(
      `http://reporting.test${path}`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    ),
  );
}

describe.each(reports)("%s", (path) => {
  it("answers staff with 200", async () => {
    const response = await get(path, staff);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("answers a signed-in customer with 403 problem+json", async () => {
    const response = await get(path, customer);
    expect(response.status).toBe(403);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ type: "/docs#problem-forbidden", status: 403 });
  });

  it.each([
    ["no token", async () => undefined],
    [
      "an expired staff token",
      () =>
        forgeToken(idp.identity, {
          subject: "s-1",
          expiresIn: -1,
          extraClaims: { "cognito:groups": ["staff"] },
        }),
    ],
    [
      "a customer token tampered into staff",
      async () => tamperWith(customer, { "cognito:groups": ["staff"] }),
    ],
    [
      "a staff token of another issuer",
      () =>
        forgeToken(idp.identity, {
          issuer: "https://evil.example",
          extraClaims: { "cognito:groups": ["staff"] },
        }),
    ],
    [
      "a staff token for another audience",
      () => forgeToken(idp.identity, { audience: "urn:other", extraClaims: { "cognito:groups": ["staff"] } }),
    ],
  ])("answers %s with 401 and a Bearer challenge", async (_case, token) => {
    const response = await get(path, await token());
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await response.json()).toMatchObject({ type: "/docs#problem-unauthorized", status: 401 });
  });
});

describe("public pages", () => {
  it.each(["/", "/assets/dashboard.js", "/openapi.json", "/docs"])(
    "serves %s without a token",
    async (path) => {
      expect((await get(path)).status).toBe(200);
    },
  );
});

afterAll(() => {
  expect(h.takeLogged()).toEqual({ errors: [], warnings: [] });
});
