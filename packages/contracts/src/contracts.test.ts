import { describe, expect, it } from "vitest";
import {
  ORDER_MESSAGE_SCHEMA_VERSION,
  type OrderMessage,
  orderMessageBody,
  parseOrderMessage,
} from "./order-message";
import { orderRequest } from "./order-request";

const validMessage = {
  schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
  orderId: "0b6f0d6e-3f5c-4a39-9d8b-6c1f3f2f6a11",
  customerId: "c-1",
  currency: "EUR",
  items: [{ sku: "KB-001", quantity: 2 }],
  acceptedAt: "2026-11-28T10:00:00.000Z",
  correlationId: "req-1",
};

describe("orderRequest", () => {
  it("defaults the currency to USD", () => {
    const parsed = orderRequest.parse({ customerId: "c", items: [{ sku: "A", quantity: 1 }] });
    expect(parsed.currency).toBe("USD");
  });

  it("names the failing field", () => {
    const result = orderRequest.safeParse({ customerId: "c", items: [{ sku: "A", quantity: 0 }] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([["items", 0, "quantity"]]);
  });

  it("refuses the same sku twice, pointing at the repeat", () => {
    const result = orderRequest.safeParse({
      customerId: "c",
      items: [
        { sku: "A", quantity: 1 },
        { sku: "A", quantity: 2 },
      ],
    });
    expect(result.error?.issues.map((i) => i.path)).toEqual([["items", 1, "sku"]]);
  });

  it("words its issues as classic zod does (mini registers no messages by itself)", () => {
    const result = orderRequest.safeParse({
      customerId: "",
      items: [{ sku: "A", quantity: 0 }],
      currency: "usd",
      extra: 1,
    });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["customerId", "Too small: expected string to have >=1 characters"],
      ["items.0.quantity", "Too small: expected number to be >=1"],
      ["currency", "must be a three-letter ISO 4217 code in upper case"],
      ["currency", "is not an ISO 4217 currency code"],
      ["", 'Unrecognized key: "extra"'],
    ]);
  });

  it("refuses unknown currencies, fractional quantities, unknown fields and too many items", () => {
    const base = { customerId: "c", items: [{ sku: "A", quantity: 1 }] };
    expect(orderRequest.safeParse({ ...base, currency: "XYZ" }).success).toBe(false);
    expect(orderRequest.safeParse({ ...base, currency: "usd" }).success).toBe(false);
    expect(orderRequest.safeParse({ ...base, items: [{ sku: "A", quantity: 1.5 }] }).success).toBe(false);
    expect(orderRequest.safeParse({ ...base, extra: true }).success).toBe(false);
    const many = Array.from({ length: 51 }, (_, i) => ({ sku: `S${i}`, quantity: 1 }));
    expect(orderRequest.safeParse({ ...base, items: many }).success).toBe(false);
    expect(orderRequest.safeParse({ ...base, currency: "JPY" }).success).toBe(true);
  });
});

describe("parseOrderMessage", () => {
  it("accepts a valid v1 message", () => {
    expect(parseOrderMessage(JSON.stringify(validMessage))).toEqual({ ok: true, message: validMessage });
  });

  it("explains why a body can never be processed", () => {
    expect(parseOrderMessage("{not json")).toEqual({ ok: false, reason: "body is not JSON" });
    expect(parseOrderMessage(JSON.stringify({ ...validMessage, schemaVersion: 2 }))).toEqual({
      ok: false,
      reason: "unknown schema version 2",
    });
    const bad = parseOrderMessage(JSON.stringify({ ...validMessage, orderId: "nope" }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason).toMatch(/orderId/);
  });
});

describe("what the database can store", () => {
  const base = { customerId: "c", items: [{ sku: "A", quantity: 1 }] };
  const message = (overrides: Record<string, unknown>) =>
    parseOrderMessage(JSON.stringify({ ...validMessage, ...overrides }));

  it.each([
    ["a NUL", "KB\u0000"],
    ["a lone high surrogate", "\ud800"],
    ["a lone low surrogate", "A\udc00B"],
    ["a control character", "KB\u0007"],
    ["a C1 control character", "KB\u0085"],
    ["a right-to-left override", "KB\u202e"],
    ["a line separator", "KB\u2028"],
    ["only spaces", "   "],
    ["65 characters", "S".repeat(65)],
  ])("refuses a sku or customer id with %s, in the request and in the message", (_, text) => {
    expect(orderRequest.safeParse({ ...base, items: [{ sku: text, quantity: 1 }] }).success).toBe(false);
    expect(orderRequest.safeParse({ ...base, customerId: text }).success).toBe(false);
    expect(message({ items: [{ sku: text, quantity: 1 }] }).ok).toBe(false);
    expect(message({ customerId: text }).ok).toBe(false);
  });

  it.each([
    ["letters, digits and punctuation", "KB-001/x.y_z"],
    ["a paired surrogate (an emoji)", "\ud83d\ude00"],
    ["accented and CJK text", "Café-商品"],
    ["64 characters", "S".repeat(64)],
  ])("accepts %s", (_, text) => {
    expect(
      orderRequest.safeParse({ ...base, customerId: text, items: [{ sku: text, quantity: 1 }] }).success,
    ).toBe(true);
    expect(message({ customerId: text, items: [{ sku: text, quantity: 1 }] }).ok).toBe(true);
  });

  it("refuses a message naming a sku twice (an order line is keyed by order and sku)", () => {
    const twice = message({
      items: [
        { sku: "A", quantity: 1 },
        { sku: "A", quantity: 2 },
      ],
    });
    expect(twice).toEqual({ ok: false, reason: "invalid message: items.1.sku sku A appears more than once" });
  });
});

describe("orderMessageBody", () => {
  it("writes the message as printable ASCII that parses back to exactly the message", () => {
    const message: OrderMessage = {
      ...validMessage,
      schemaVersion: ORDER_MESSAGE_SCHEMA_VERSION,
      customerId: "Zoë 😀",
      items: [{ sku: "\uffff\ufffe\u{10ffff}é", quantity: 1 }],
    };
    const body = orderMessageBody(message);
    expect(body).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(body)).toEqual(message);
    expect(parseOrderMessage(body)).toEqual({ ok: true, message });
  });
});
