import { randomUUID } from "node:crypto";
import { checkedFetch } from "@orders/contract-check";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiContract } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";

/** The API behind the local authorizer, as under `npm start`, with a customer's token. */
let h: ApiHarness;
let idp: IdentityFixture;
let gateway: (request: Request) => Promise<Response>;
let token: string;
const orderId = randomUUID();

beforeAll(async () => {
  [h, idp] = await Promise.all([startApiHarness(), startIdentityFixture()]);
  // The authorizer answers some requests itself: its answers are held to the document too.
  gateway = checkedFetch(idp.behindAuthorizer(h.app.fetch, "api"), apiContract);
  token = await idp.tokenFor("carol");
  await h.insertProcessedOrder({
    id: orderId,
    customerId: "carol",
    status: "accepted",
    totalCents: 8_999,
    acceptedAt: new Date(),
    items: [{ sku: "KB-001", quantity: 1, unitPriceCents: 8_999 }],
  });
});

afterAll(async () => {
  await Promise.all([h?.close(), idp?.close()]);
});

function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return gateway(
    new Request(`http://api.test${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    }),
  );
}

const placeOrder = {
  body: { customerId: "carol", items: [{ sku: "KB-001", quantity: 1 }] },
};

describe("response headers", () => {
  const answers: [string, string, number, { token?: boolean; body?: unknown }][] = [
    ["GET", "/health", 200, {}],
    ["GET", "/products", 200, {}],
    ["GET", "/openapi.json", 200, {}],
    ["GET", "/docs", 200, {}],
    ["GET", "/docs/assets/swagger-ui.css", 200, {}],
    ["GET", "/nothing", 404, {}],
    ["DELETE", "/products", 405, {}],
    ["GET", `/orders/${orderId}`, 200, { token: true }],
    ["GET", `/orders/${randomUUID()}`, 404, { token: true }],
    ["GET", "/orders/not-a-uuid", 400, { token: true }],
    ["POST", "/orders", 202, { token: true, ...placeOrder }],
  ];

  it.each(answers)("%s %s (%i) carries nosniff and no-referrer", async (method, path, status, options) => {
    const res = await call(method, path, { ...options, token: options.token ? token : undefined });
    expect(res.status).toBe(status);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it.each(answers.filter(([, , , o]) => o.token))(
    "%s %s (%i) with a token is no-store",
    async (method, path, status, options) => {
      const res = await call(method, path, { ...options, token });
      expect(res.status).toBe(status);
      expect(res.headers.get("cache-control")).toBe("no-store");
    },
  );

  it("answers a request for an order without a token, from the app itself, with no-store", async () => {
    const res = await h.app.request(`/orders/${orderId}`);
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("leaves the public catalogue cacheable", async () => {
    const res = await call("GET", "/products");
    expect(res.headers.get("cache-control")).not.toBe("no-store");
  });
});
