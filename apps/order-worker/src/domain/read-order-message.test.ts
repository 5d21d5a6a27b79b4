import { describe, expect, it } from "vitest";
import { orderMessage } from "../testing/fixtures";
import { readOrderMessage } from "./read-order-message";

describe("readOrderMessage", () => {
  it("reads a valid message", () => {
    const message = orderMessage([{ sku: "A", quantity: 2 }]);
    expect(readOrderMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it.each([
    ["not JSON", "{", /not JSON/],
    [
      "an unknown schema version",
      JSON.stringify({ ...orderMessage([{ sku: "A", quantity: 1 }]), schemaVersion: 9 }),
      /schema version 9/,
    ],
    [
      "a missing field",
      JSON.stringify({ ...orderMessage([{ sku: "A", quantity: 1 }]), customerId: undefined }),
      /customerId/,
    ],
    [
      "a sku named twice",
      JSON.stringify(
        orderMessage([
          { sku: "A", quantity: 1 },
          { sku: "B", quantity: 1 },
          { sku: "A", quantity: 3 },
        ]),
      ),
      /items\.2\.sku sku A appears more than once/,
    ],
  ])("refuses %s, saying why", (_, body, reason) => {
    const read = readOrderMessage(body);
    expect(read.ok).toBe(false);
    expect(read.ok ? "" : read.reason).toMatch(reason);
  });
});
