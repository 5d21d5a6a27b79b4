import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** A connection URL with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A database name that will not collide with another test file's. */
export function uniqueDatabaseName(prefix = "test"): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/**
 * Creates a database on the server behind `adminUrl` (optionally as a copy of `template`) and returns its URL.
 * Copying a migrated template takes milliseconds, so every test file gets its own database.
 */
export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(
      `create database ${quoteIdent(name)}${template ? ` template ${quoteIdent(template)}` : ""}`,
    );
  } finally {
    await sql.end();
  }
  return withDatabase(adminUrl, name);
}

/** Creates the database `name` on the server unless it exists (a kept cluster already has it); returns its URL. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!existing) await sql.unsafe(`create database ${quoteIdent(name)}`);
  } finally {
    await sql.end();
  }
  return withDatabase(adminUrl, name);
}

/** Drops a database, closing any connection still open on it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
  } finally {
    await sql.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
