import type { Product } from "@orders/db";
import { describe, expect, it } from "vitest";
import { cachedProductReader } from "./cached-product-reader";

const product = (stock: number): Product => ({
  sku: "KB-001",
  name: "Keyboard",
  currency: "USD",
  priceCents: 8_999,
  stock,
  updatedAt: new Date(0),
});

/** A reader that answers with the current stock, counting its reads; `fail` makes the next read throw. */
function countingReader() {
  const state = { reads: 0, stock: 10, fail: false };
  return {
    state,
    reader: {
      listProducts: async () => {
        state.reads++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (state.fail) throw new Error("database unavailable");
        return [product(state.stock)];
      },
    },
  };
}

describe("cachedProductReader", () => {
  it("makes concurrent requests share one read", async () => {
    const { state, reader } = countingReader();
    const cached = cachedProductReader(reader, { ttlMs: 5_000 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => cached.listProducts()));
    expect(state.reads).toBe(1);
    expect(answers.every((a) => a[0]?.stock === 10)).toBe(true);
  });

  it("serves its copy until the TTL has passed, then reads again", async () => {
    let clock = 0;
    const { state, reader } = countingReader();
    const cached = cachedProductReader(reader, { ttlMs: 5_000, now: () => clock });
    await cached.listProducts();
    state.stock = 9;
    clock = 4_999;
    expect((await cached.listProducts())[0]?.stock).toBe(10);
    clock = 5_000;
    expect((await cached.listProducts())[0]?.stock).toBe(9);
    expect(state.reads).toBe(2);
  });

  it("keeps no failed read: every waiting request gets the failure, the next one reads again", async () => {
    const { state, reader } = countingReader();
    const cached = cachedProductReader(reader, { ttlMs: 5_000 });
    state.fail = true;
    const failed = await Promise.allSettled([cached.listProducts(), cached.listProducts()]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(state.reads).toBe(1);
    state.fail = false;
    expect(await cached.listProducts()).toHaveLength(1);
    expect(state.reads).toBe(2);
  });
});
