import { checkedFetch } from "@orders/contract-check";
import { parseOrderMessage } from "@orders/contracts";
import { PROBLEM_CONTENT_TYPE } from "@orders/http-kit";
import { signedInAs } from "@orders/identity/testing";
import { type IdentityFixture, startIdentityFixture } from "@orders/local-identity/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiContract } from "../testing/api-contract";
import { type ApiHarness, startApiHarness } from "../testing/api-harness";
import { MAX_BODY_BYTES } from "./limits";

let h: ApiHarness;
let idp: IdentityFixture;
let gateway: (request: Request) => Promise<Response>;
let realToken: string;

beforeAll(async () => {
  [h, idp] = await Promise.all([startApiHarness(), startIdentityFixture()]);
  // The authorizer answers some requests itself: its answers are held to the document too.
  gateway = checkedFetch(idp.behindAuthorizer(h.app.fetch, "api"), apiContract);
  realToken = await idp.tokenFor("fuzz-c");
});

afterAll(async () => {
  await Promise.all([h?.close(), idp?.close()]);
});

const printable = (max: number) => fc.string({ minLength: 0, maxLength: max });
/** An id the contract takes: 1 to 64 printable characters, not blank. */
const id = fc.string({ minLength: 1, maxLength: 64 }).filter((text) => text.trim().length > 0);
const sku = id;
const validItems = fc.uniqueArray(fc.record({ sku, quantity: fc.integer({ min: 1, max: 1000 }) }), {
  minLength: 1,
  maxLength: 50,
  selector: (item) => item.sku,
});
const validOrder = fc.record(
  {
    customerId: id,
    items: validItems,
    currency: fc.constantFrom("USD", "EUR", "JPY", "GBP", "CHF"),
  },
  { requiredKeys: ["customerId", "items"] },
);

/** Bodies from plausible to hostile: valid orders, near misses, any JSON, any text, oversized blobs. */
const body = fc.oneof(
  validOrder.map((o) => JSON.stringify(o)),
  fc
    .record(
      { customerId: fc.anything(), items: fc.anything(), currency: fc.anything() },
      { requiredKeys: [] },
    )
    .map((o) => JSON.stringify(o) ?? ""),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.integer({ min: MAX_BODY_BYTES - 64, max: MAX_BODY_BYTES + 4096 }).map((size) => "x".repeat(size)),
);

const contentType = fc.option(
  fc.oneof(
    fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/problem+json",
    ),
    printable(40),
  ),
  { nil: undefined },
);

const idempotencyKey = fc.option(fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), printable(200)), {
  nil: undefined,
});

/** Header values the fetch API accepts at all (no control characters); anything else never reaches us. */
function headerSafe(value: string): boolean {
  return !/[\0\r\n]/.test(value);
}

/** The customer a body names, so the caller is that customer (a mismatch is its own test); else fuzz-c. */
function bodyCustomer(payload: string): string {
  try {
    const customer = (JSON.parse(payload) as { customerId?: unknown } | null)?.customerId;
    return typeof customer === "string" && customer !== "" ? customer : "fuzz-c";
  } catch {
    return "fuzz-c";
  }
}

describe("POST /orders under random input", () => {
  it("answers only 202, 400, 413 or 415, and every error is a complete problem+json", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, contentType, idempotencyKey, async (payload, type, key) => {
        const headers: Record<string, string> = {};
        if (type !== undefined && headerSafe(type)) headers["Content-Type"] = type;
        if (key !== undefined && headerSafe(key)) headers["Idempotency-Key"] = key;
        const res = await h.app.request(
          "/orders",
          { method: "POST", headers, body: payload },
          signedInAs(bodyCustomer(payload)),
        );

        expect([202, 400, 413, 415]).toContain(res.status);
        seen.add(res.status);
        expect(res.headers.get("x-request-id")).toBeTruthy();
        if (res.status === 202) {
          expect(res.headers.get("location")).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
          return;
        }
        expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
        const problem = (await res.json()) as Record<string, unknown>;
        expect(problem).toMatchObject({
          type: expect.stringMatching(/^\/docs#problem-/),
          title: expect.any(String),
          status: res.status,
          detail: expect.any(String),
        });
        if (Buffer.byteLength(payload) > MAX_BODY_BYTES) expect(res.status).toBe(413);
      }),
      { numRuns: 300 },
    );
    // The generators must reach every outcome, or the property above proves less than it claims.
    expect([...seen].sort()).toEqual([202, 400, 413, 415]);
    await h.queue.drain();
  });

  it("accepts every valid order and queues exactly what was sent", async () => {
    await fc.assert(
      fc.asyncProperty(validOrder, async (order) => {
        const res = await h.app.request(
          "/orders",
          { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(order) },
          signedInAs(order.customerId ?? "fuzz-c"),
        );
        expect(res.status).toBe(202);
        const { orderId } = (await res.json()) as { orderId: string };
        const [message, ...rest] = await h.queue.receive(10, 0);
        expect(rest).toEqual([]);
        const parsed = parseOrderMessage(message?.Body ?? "");
        expect(parsed).toEqual({
          ok: true,
          message: expect.objectContaining({
            orderId,
            customerId: order.customerId,
            items: order.items,
            currency: order.currency ?? "USD",
          }),
        });
      }),
      { numRuns: 100 },
    );
  });
});

/** A real token with some of its characters replaced: still shaped like a JWT, never valid. */
const mutatedToken = fc
  .array(fc.tuple(fc.nat(), fc.constantFrom(..."ABCxyz019-_.")), { minLength: 1, maxLength: 4 })
  .map((edits) => {
    const chars = [...realToken];
    for (const [at, ch] of edits) {
      const index = at % chars.length;
      chars[index] = chars[index] === ch ? (ch === "A" ? "B" : "A") : ch;
    }
    return chars.join("");
  });

const authorization = fc.oneof(
  printable(300),
  printable(300).map((rest) => `Bearer ${rest}`),
  fc.tuple(printable(40), printable(40), printable(40)).map((parts) => `Bearer ${parts.join(".")}`),
  fc
    .constant(null)
    .chain(() => mutatedToken)
    .map((token) => `Bearer ${token}`),
);

describe("the Authorization header under random input", () => {
  it("answers 401 problem+json with a Bearer challenge for anything but a valid token, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(
        authorization,
        fc.constantFrom("POST /orders", "GET /orders/0f8fad5b-d9cb-469f-a165-70867728950e"),
        async (header, route) => {
          fc.pre(headerSafe(header) && header !== `Bearer ${realToken}`);
          const [method = "GET", path = "/"] = route.split(" ");
          const res = await gateway(
            new Request(`http://api.test${path}`, {
              method,
              headers: { authorization: header, "content-type": "application/json" },
              ...(method === "POST"
                ? { body: JSON.stringify({ items: [{ sku: "KB-001", quantity: 1 }] }) }
                : {}),
            }),
          );
          expect(res.status).toBe(401);
          expect(res.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
          expect(res.headers.get("www-authenticate")).toMatch(/^Bearer( |$)/);
          expect(await res.json()).toMatchObject({ type: "/docs#problem-unauthorized", status: 401 });
        },
      ),
      { numRuns: 300 },
    );
  });
});
