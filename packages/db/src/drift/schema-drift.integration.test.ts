import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@orders/local-database/testing";
import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "../schema";
import { pendingMigration, schemaShape, schemaSnapshot } from "./schema-drift";

/** `drizzle-kit pull`: a snapshot of what the committed migrations actually built in a real database. */
async function pullSnapshot(url: string) {
  const out = await mkdtemp(join(tmpdir(), "drizzle-pull-"));
  try {
    const cli = join(createRequire(import.meta.url).resolve("drizzle-kit"), "../bin.cjs");
    const result = spawnSync(
      process.execPath,
      [cli, "pull", "--dialect=postgresql", `--url=${url}`, `--out=${out}`],
      {
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    if (result.status !== 0) throw new Error(`drizzle-kit pull failed:\n${result.stdout}${result.stderr}`);
    return JSON.parse(await readFile(join(out, "meta/0000_snapshot.json"), "utf8"));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

describe("the Drizzle schema and the SQL migrations", () => {
  it("agree: drizzle-kit generate would write no new migration", async () => {
    // On failure the diff lists the SQL of the missing migration, naming each table and column.
    expect(await pendingMigration()).toEqual([]);
  });

  it("would not agree after a schema change without a migration (the check can fail)", async () => {
    const changed = {
      ...schema,
      refundsTable: pgTable("refunds", {
        id: integer("id").primaryKey(),
        orderId: text("order_id").notNull(),
      }),
    };
    const statements = await pendingMigration(changed);
    expect(statements.join("\n")).toMatch(/CREATE TABLE "refunds"[\s\S]*"order_id" text NOT NULL/);
  });

  it("agree with the database the migrations build: tables, columns, keys, indexes, enums, checks", async () => {
    const database = await createTestDatabase("drift");
    try {
      const built = schemaShape(await pullSnapshot(database.adminUrl));
      expect(built).toEqual(schemaShape(schemaSnapshot()));
      expect(Object.keys(built.tables)).toContain("public.orders");
    } finally {
      await database.drop();
    }
  });
});
