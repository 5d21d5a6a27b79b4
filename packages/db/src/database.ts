import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import type * as schema from "./schema";

/** A Drizzle database over postgres.js with this package's schema (what `@orders/db-client` returns). */
export type Database = PostgresJsDatabase<typeof schema>;
