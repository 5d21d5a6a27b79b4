import { checkedFetch } from "@orders/contract-check";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reportingContract } from "../testing/reporting-contract";
import { type ReportingHarness, startReportingHarness } from "../testing/reporting-harness";

/** The reporting app behind the local authorizer, as under `npm start`. */
let h: ReportingHarness;
let idp: IdentityFixture;
let gateway: (request: Request) => Promise<Response>;
const tokens: Record<"staff" | "customer", string> = { staff: "", customer: "" };

beforeAll(async () => {
  [h, idp] = await Promise.all([startReportingHarness("headers"), startIdentityFixture()]);
  // The authorizer answers some requests itself: its answers are held to the document too.
  gateway = checkedFetch(idp.behindAuthorizer(h.app.fetch, "reporting"), reportingContract);
  tokens.staff = await idp.tokenFor("sam-staff", { staff: true });
  tokens.customer = await idp.tokenFor("cody-customer");
});

afterAll(async () => {
  await Promise.all([h?.close(), idp?.close()]);
});

function get(path: string, who?: keyof typeof tokens) {
  const headers: Record<string, string> = who ? { authorization: `Bearer ${tokens[who]}` } : {};
  return gateway(new Request(`http://reporting.test${path}`, { headers }));
}

const answers: [string, number, (keyof typeof tokens)?][] = [
  ["/", 200],
  ["/assets/dashboard.js", 200],
  ["/docs", 200],
  ["/docs/assets/docs.js", 200],
  ["/openapi.json", 200],
  ["/nothing", 404],
  ["/me", 200, "customer"],
  ["/reports/queue", 200, "staff"],
  ["/reports/daily-sales?from=2026-11-01&to=2026-11-02", 200, "staff"],
  ["/reports/daily-sales?from=0000-12-31&to=0001-01-01", 400, "staff"],
  ["/reports/queue", 403, "customer"],
];

describe("response headers", () => {
  it.each(answers)("GET %s (%i) carries nosniff and no-referrer", async (path, status, who) => {
    const res = await get(path, who);
    expect(res.status).toBe(status);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it.each(answers.filter(([, , who]) => who))(
    "GET %s (%i) with a token is no-store",
    async (path, status, who) => {
      const res = await get(path, who);
      expect(res.status).toBe(status);
      expect(res.headers.get("cache-control")).toBe("no-store");
    },
  );

  it("answers a report request without a token, from the app itself, with no-store", async () => {
    const res = await h.app.request("/reports/queue");
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
