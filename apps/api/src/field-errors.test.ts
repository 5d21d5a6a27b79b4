import { orderRequest } from "@orders/contracts";
import { describe, expect, it } from "vitest";
import { fieldErrorsFrom, toJsonPointer } from "./field-errors";

describe("field errors", () => {
  it("escapes ~ and / in pointers (RFC 6901)", () => {
    expect(toJsonPointer(["a/b", "c~d", 0])).toBe("/a~1b/c~0d/0");
    expect(toJsonPointer([])).toBe("");
  });

  it("turns each zod issue into a pointer, a path and a message", () => {
    const result = orderRequest.safeParse({ customerId: "c", items: [{ sku: "A", quantity: 1001 }] });
    expect(result.success).toBe(false);
    expect(fieldErrorsFrom(result.error as never, "body")).toEqual([
      {
        in: "body",
        pointer: "/items/0/quantity",
        path: ["items", 0, "quantity"],
        message: expect.any(String),
      },
    ]);
  });
});
