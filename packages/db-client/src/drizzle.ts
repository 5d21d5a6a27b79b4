import type { Database } from "@orders/db";
import * as schema from "@orders/db/schema";
import { drizzle } from "drizzle-orm/postgres-js";
import type { DbClient } from "./create-db";

const wrapped = new WeakMap<DbClient, Database>();

/**
 * The Drizzle database (with the schema of `@orders/db`) over a client's connection: for the services that
 * build their queries with Drizzle. It lives in its own entry point so that a service which sends only SQL
 * (the worker calls a PL/pgSQL function, reporting runs its own statements) bundles no Drizzle; the
 * connection rules (one connection, `prepare: false`, IAM token, TLS, deadlines) are the client's either way.
 *
 * Made on the first call for a client and kept as long as the client: a client replaced after a deadline
 * (`renewableDb`) gets a new one.
 *
 * @example
 * const db = renewableDb(() => createDb(config));
 * const products = await db.within(3_000, (client) => listProducts(drizzleOf(client)));
 */
export function drizzleOf(client: DbClient): Database {
  let db = wrapped.get(client);
  if (!db) {
    db = drizzle(client.sql, { schema });
    wrapped.set(client, db);
  }
  return db;
}
