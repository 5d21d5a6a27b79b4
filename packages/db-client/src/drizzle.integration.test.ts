import { productsTable, seedDemoCatalogue } from "@orders/db";
import { createTestDatabase, type TestDatabase } from "@orders/local-database/testing";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "./create-db";
import { drizzleOf } from "./drizzle";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase("drizzle");
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
  await seedDemoCatalogue(admin);
  await admin.end();
});

afterAll(async () => {
  await database.drop();
});

describe("drizzleOf", () => {
  it("builds its queries on the client's one connection, beside the client's own SQL", async () => {
    const client = createDb(
      { kind: "url", url: database.serviceUrl("api") },
      { applicationName: "drizzle-one" },
    );
    try {
      const [product] = await drizzleOf(client)
        .select({ sku: productsTable.sku, stock: productsTable.stock })
        .from(productsTable)
        .where(eq(productsTable.sku, "KB-001"));
      const [raw] = await client.sql<{ stock: number }[]>`select stock from products where sku = 'KB-001'`;
      expect(product).toEqual({ sku: "KB-001", stock: raw?.stock });
      const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });
      const [row] = await admin<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where application_name = 'drizzle-one'`;
      await admin.end();
      expect(row?.n).toBe(1);
    } finally {
      await client.close();
    }
  });
});
