import { asc } from "drizzle-orm";
import type { Database } from "../database";
import { type Product, productsTable } from "../schema";

/** The whole catalogue, by SKU. */
export async function listProducts(db: Database): Promise<Product[]> {
  return await db.select().from(productsTable).orderBy(asc(productsTable.sku));
}
