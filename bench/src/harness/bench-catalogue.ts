/** SKUs only benchmarks use: plenty of them so row locks rarely collide, and stock that never runs out. */
export const benchCatalogue = Array.from({ length: 50 }, (_, i) => ({
  sku: `BENCH-${String(i).padStart(3, "0")}`,
  name: `Bench product ${i}`,
  currency: "USD",
  price_cents: 100 + i * 7,
  stock: 100_000_000,
}));

export const benchSkus = benchCatalogue.map((p) => p.sku);
