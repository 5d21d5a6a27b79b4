import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import * as schema from "../schema";

/** The migrations folder drizzle-kit generates into (`drizzle.config.ts`). */
export const migrationsDir = join(import.meta.dirname, "../../migrations");

type Snapshot = Parameters<typeof generateMigration>[0];

/** The snapshot drizzle-kit wrote with the newest migration: the schema the migrations were generated from. */
export async function lastSnapshot(dir = migrationsDir): Promise<Snapshot> {
  const journal = JSON.parse(await readFile(join(dir, "meta/_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  const last = journal.entries.at(-1);
  if (!last) throw new Error(`${dir} has no migration`);
  const file = join(dir, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`);
  return JSON.parse(await readFile(file, "utf8")) as Snapshot;
}

/** The snapshot of a Drizzle schema module, as `drizzle-kit generate` computes it. */
export function schemaSnapshot(imports: Record<string, unknown> = schema, prevId?: string): Snapshot {
  return generateDrizzleJson(imports, prevId) as Snapshot;
}

/**
 * The SQL `drizzle-kit generate` would write as a new migration for this schema: empty when the committed
 * migrations already cover it. Computed with drizzle-kit's own diff (its programmatic API), without writing
 * into the migrations folder.
 */
export async function pendingMigration(imports: Record<string, unknown> = schema, dir = migrationsDir) {
  const previous = await lastSnapshot(dir);
  return await generateMigration(previous, schemaSnapshot(imports, previous.id));
}

interface SnapshotTable {
  columns: Record<string, { type: string; notNull: boolean; primaryKey: boolean; default?: unknown }>;
  indexes: Record<string, { columns: { expression: string }[]; isUnique: boolean; method: string }>;
  foreignKeys: Record<
    string,
    { tableTo: string; columnsFrom: string[]; columnsTo: string[]; onDelete?: string }
  >;
  compositePrimaryKeys: Record<string, { columns: string[] }>;
  uniqueConstraints: Record<string, { columns: string[] }>;
  checkConstraints: Record<string, unknown>;
}

/**
 * What a schema is made of, in a form that a snapshot of the schema module and a snapshot pulled from a
 * migrated database share: tables, columns (type, null, key, default), indexes, keys, enums, and check
 * constraints by name. Check expressions are left out on purpose: PostgreSQL stores them rewritten
 * (`total_cents >= 0` for `"orders"."total_cents" >= 0`), so drizzle-kit's own diff of the two snapshots
 * reports every check as changed, and so it cannot be used for this comparison as it is.
 */
export function schemaShape(snapshot: Snapshot) {
  const { tables, enums } = snapshot as unknown as {
    tables: Record<string, SnapshotTable>;
    enums: Record<string, { values: string[] }>;
  };
  const byName = <T, R>(record: Record<string, T>, map: (value: T) => R) =>
    Object.fromEntries(Object.entries(record).map(([name, value]) => [name, map(value)]));
  return {
    enums: byName(enums, (e) => e.values),
    tables: byName(tables, (table) => ({
      columns: byName(table.columns, (c) => ({
        type: c.type,
        notNull: c.notNull,
        primaryKey: c.primaryKey,
        default: c.default ?? null,
      })),
      indexes: byName(table.indexes, (i) => ({
        columns: i.columns.map((c) => c.expression),
        unique: i.isUnique,
        method: i.method,
      })),
      foreignKeys: byName(table.foreignKeys, (f) => ({
        to: f.tableTo,
        from: f.columnsFrom,
        columns: f.columnsTo,
        onDelete: f.onDelete ?? "no action",
      })),
      primaryKeys: byName(table.compositePrimaryKeys, (k) => k.columns),
      uniqueConstraints: byName(table.uniqueConstraints, (u) => u.columns),
      checks: Object.keys(table.checkConstraints).sort(),
    })),
  };
}
