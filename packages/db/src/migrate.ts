import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

/** The committed SQL migrations of this package (copied beside the bundle for the deploy-time migrator). */
export const defaultMigrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/** Any number: it only has to be the same for every migrator of this database. */
const MIGRATION_LOCK_ID = 727_274_001;

export interface MigrateOptions {
  /** Owner/admin connection URL (never a service role: they cannot create tables). */
  url: string;
  migrationsFolder?: string;
  /** TLS settings for the connection (AWS: verified TLS to the cluster). */
  ssl?: postgres.Options<Record<string, never>>["ssl"];
}

/**
 * Applies pending migrations. Safe to run from several places at once (two deploys, parallel test setups):
 * a session advisory lock serialises them, and drizzle skips what is already applied.
 */
export async function runMigrations(options: MigrateOptions): Promise<void> {
  const sql = postgres(options.url, { max: 1, onnotice: () => {}, ssl: options.ssl ?? false });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
    }
  } finally {
    await sql.end();
  }
}
