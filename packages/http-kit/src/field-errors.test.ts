import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldErrorsFrom, locationOf, toJsonPointer } from "./field-errors";

const order = z.object({
  customerId: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().min(1).max(1000) })),
});

describe("field errors", () => {
  it("escapes ~ and / in pointers (RFC 6901)", () => {
    expect(toJsonPointer(["a/b", "c~d", 0])).toBe("/a~1b/c~0d/0");
    expect(toJsonPointer(["~1"])).toBe("/~01");
    expect(toJsonPointer([])).toBe("");
  });

  it("turns each zod issue into a pointer, a path and a message", () => {
    const result = order.safeParse({ customerId: "c", items: [{ sku: "A", quantity: 1001 }] });
    expect(result.success).toBe(false);
    expect(fieldErrorsFrom(result.error as z.ZodError, "body")).toEqual([
      {
        in: "body",
        pointer: "/items/0/quantity",
        path: ["items", 0, "quantity"],
        message: expect.any(String),
      },
    ]);
  });

  it("points at the whole input with an empty pointer", () => {
    const result = z.object({}).strict().safeParse("not an object");
    expect(fieldErrorsFrom(result.error as z.ZodError, "query")).toEqual([
      { in: "query", pointer: "", path: [], message: expect.any(String) },
    ]);
  });

  it("names where a validator target lives in the request", () => {
    expect(["json", "query", "param", "header", "form"].map(locationOf)).toEqual([
      "body",
      "query",
      "path",
      "header",
      "body",
    ]);
  });
});
