import { validate, version } from "uuid";
import { describe, expect, it } from "vitest";
import { orderIdFor } from "./order-id";

describe("orderIdFor", () => {
  it("derives the same v5 id for the same customer and key", () => {
    const id = orderIdFor("c-1", "checkout-42");
    expect(orderIdFor("c-1", "checkout-42")).toBe(id);
    expect(validate(id) && version(id)).toBe(5);
  });

  it("separates customers and keys, even when their concatenations are equal", () => {
    const ids = [
      orderIdFor("c-1", "k"),
      orderIdFor("c-2", "k"),
      orderIdFor("c-1", "k2"),
      orderIdFor("a:b", "c"),
      orderIdFor("a", "b:c"),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives a fresh random v4 id without a key", () => {
    const a = orderIdFor("c-1", undefined);
    const b = orderIdFor("c-1", undefined);
    expect(a).not.toBe(b);
    expect(version(a)).toBe(4);
  });
});
