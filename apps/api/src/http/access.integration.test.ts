import { randomUUID } from "node:crypto";
import { checkedFetch } from "@orders/contract-check";
import { PROBLEM_CONTENT_TYPE } from "@orders/http-kit";
import {
  forgeToken,
  type IdentityFixture,
  startIdentityFixture,
  tamperWith,
} from "@orders/local-identity/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiContract } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";

/**
 * Who may do what, against the real pieces: the API with its database and queue, behind the local JWT
 * authorizer, with tokens from the local OpenID provider's sign-in form.
 */
let h: ApiHarness;
let idp: IdentityFixture;
let gateway: (request: Request) => Promise<Response>;
let alice: string;
let bob: string;

beforeAll(async () => {
  [h, idp] = await Promise.all([startApiHarness(), startIdentityFixture()]);
  // The authorizer answers some requests itself: its answers are held to the document too.
  gateway = checkedFetch(idp.behindAuthorizer(h.app.fetch, "api"), apiContract);
  [alice, bob] = await Promise.all([idp.tokenFor("alice"), idp.tokenFor("bob")]);
});

afterAll(async () => {
  await Promise.all([h?.close(), idp?.close()]);
});

const items = [{ sku: "KB-001", quantity: 1 }];

function call(method: string, path: string, token?: string, init: { body?: unknown; key?: string } = {}) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.key) headers["idempotency-key"] = init.key;
  return gateway(
    new Request(`http://api.test${path}`, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    }),
  );
}

async function expectProblem(response: Response, status: number, slug: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  expect(await response.json()).toMatchObject({ type: `/docs#problem-${slug}`, status });
}

const protectedRoutes = [
  ["POST", "/orders"],
  ["GET", `/orders/${randomUUID()}`],
] as const;

describe("every /orders route needs a valid token", () => {
  const bad: [string, () => Promise<string | undefined>][] = [
    ["no token", async () => undefined],
    ["an expired token", () => forgeToken(idp.identity, { subject: "alice", expiresIn: -1 })],
    ["a tampered token", async () => tamperWith(alice, { sub: "bob" })],
    [
      "a token of another issuer",
      () => forgeToken(idp.identity, { subject: "alice", issuer: "https://evil.example" }),
    ],
    [
      "a token for another audience",
      () => forgeToken(idp.identity, { subject: "alice", audience: "urn:other" }),
    ],
  ];
  for (const [method, path] of protectedRoutes) {
    it.each(bad)(`${method} ${path.replace(/[0-9a-f-]{36}/, "{id}")} with %s → 401`, async (_case, token) => {
      const response = await call(method, path, await token(), {
        body: method === "POST" ? { items } : undefined,
      });
      await expectProblem(response, 401, "unauthorized");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    });
  }

  it("keeps the catalogue and health public", async () => {
    expect((await call("GET", "/products")).status).toBe(200);
    expect((await call("GET", "/health")).status).toBe(200);
  });
});

describe("the customer is the token's subject", () => {
  it("queues the order for the subject, with or without a matching customerId", async () => {
    await h.queue.drain();
    expect((await call("POST", "/orders", alice, { body: { items } })).status).toBe(202);
    expect((await call("POST", "/orders", alice, { body: { customerId: "alice", items } })).status).toBe(202);
    const messages = await h.queue.receive();
    expect(messages.map((m) => JSON.parse(m.Body ?? "{}").customerId)).toEqual(["alice", "alice"]);
  });

  it("refuses a body customerId that is not the subject with 403, queueing nothing", async () => {
    await h.queue.drain();
    await expectProblem(
      await call("POST", "/orders", alice, { body: { customerId: "bob", items } }),
      403,
      "forbidden",
    );
    expect(await h.queue.receive()).toEqual([]);
  });

  it("gives two customers using the same idempotency key two orders", async () => {
    const key = `same-key-${randomUUID()}`;
    const first = (await (await call("POST", "/orders", alice, { body: { items }, key })).json()) as {
      orderId: string;
    };
    const again = (await (await call("POST", "/orders", alice, { body: { items }, key })).json()) as {
      orderId: string;
    };
    const other = (await (await call("POST", "/orders", bob, { body: { items }, key })).json()) as {
      orderId: string;
    };
    expect(again.orderId).toBe(first.orderId);
    expect(other.orderId).not.toBe(first.orderId);
  });

  it("shows a customer its own order and answers 404 for another's, exactly as for a missing one", async () => {
    const id = randomUUID();
    await h.insertProcessedOrder({
      id,
      customerId: "alice",
      status: "accepted",
      totalCents: 8999,
      acceptedAt: new Date(),
      items: [{ sku: "KB-001", quantity: 1, unitPriceCents: 8999 }],
    });
    const own = await call("GET", `/orders/${id}`, alice);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ orderId: id, customerId: "alice" });

    const others = await call("GET", `/orders/${id}`, bob);
    const missing = await call("GET", `/orders/${randomUUID()}`, bob);
    expect(others.status).toBe(404);
    expect(missing.status).toBe(404);
    const [a, b] = (await Promise.all([others.json(), missing.json()])) as Record<string, unknown>[];
    // Same document but for the path and the request id: nothing tells the two apart.
    const strip = ({ instance: _i, requestId: _r, detail, ...rest }: Record<string, unknown>) => ({
      ...rest,
      detail: String(detail).replace(/[0-9a-f-]{36}/, "{id}"),
    });
    expect(strip(a ?? {})).toEqual(strip(b ?? {}));
  });
});
