import type postgres from "postgres";
import type { NewProduct } from "./schema";

/**
 * A small demo catalogue for local runs and tests. Some products have little stock so that rejections
 * (`insufficient_stock`) show up quickly. Never applied in production: the local stack, tests and the migrator
 * of non-production stages load it.
 */
export const demoCatalogue: readonly NewProduct[] = [
  { sku: "KB-001", name: "Mechanical keyboard", priceCents: 8999, stock: 500 },
  { sku: "MS-002", name: "Wireless mouse", priceCents: 2999, stock: 1000 },
  { sku: "MN-003", name: "27-inch monitor", priceCents: 27999, stock: 200 },
  { sku: "HS-004", name: "Noise-cancelling headset", priceCents: 14999, stock: 300 },
  { sku: "WC-005", name: "1080p webcam", priceCents: 5999, stock: 400 },
  { sku: "DK-006", name: "USB-C dock", priceCents: 11999, stock: 150 },
  { sku: "CH-007", name: "Ergonomic chair", priceCents: 34999, stock: 25 },
  { sku: "DS-008", name: "Standing desk", priceCents: 49999, stock: 10 },
  { sku: "LP-009", name: "Desk lamp", priceCents: 3999, stock: 5 },
  { sku: "CB-010", name: "Cable kit", priceCents: 999, stock: 2000 },
  { sku: "LE-011", name: "Limited edition mousepad", priceCents: 1999, stock: 3 },
  { sku: "SS-012", name: "Portable SSD 1 TB", priceCents: 9999, stock: 0 },
];

/** Inserts the demo catalogue, resetting price and stock of SKUs that already exist. */
export async function seedDemoCatalogue(sql: postgres.Sql): Promise<number> {
  return await upsertProducts(sql, demoCatalogue);
}

/**
 * Inserts products (as the owner: no service role may), resetting name, price and stock of SKUs that already
 * exist. Returns the number of rows written.
 */
export async function upsertProducts(sql: postgres.Sql, products: readonly NewProduct[]): Promise<number> {
  const rows = products.map((p) => ({
    sku: p.sku,
    name: p.name,
    currency: p.currency ?? "USD",
    price_cents: p.priceCents,
    stock: p.stock,
  }));
  const result = await sql`
    insert into products ${sql(rows, "sku", "name", "currency", "price_cents", "stock")}
    on conflict (sku) do update set name = excluded.name, price_cents = excluded.price_cents,
      stock = excluded.stock, currency = excluded.currency, updated_at = now()`;
  return result.count;
}
