import type { ConnectionOptions } from "node:tls";
import { runMigrations, seedDemoCatalogue, setServiceRolePassword } from "@orders/db/provisioning";
import postgres from "postgres";
import type { Credentials, MigrationDatabase } from "../domain/ports";

/** Where the cluster is and how to reach it, from the migrator's configuration. */
export interface ClusterAddress {
  host: string;
  port: number;
  database: string;
  migrationsFolder: string;
  /** Verified TLS to the cluster's host name (see `clusterTls`). */
  ssl: ConnectionOptions;
}

/**
 * The {@link MigrationDatabase} on PostgreSQL: one connection as the master user for the counts, passwords
 * and seed, and the schema package's `runMigrations` (its own connection, holding the migration lock).
 */
export function postgresMigrationDatabase(address: ClusterAddress): MigrationDatabase {
  return {
    async open(master) {
      const url = connectionUrl(address, master);
      const sql = postgres(url, { max: 1, onnotice: () => {}, ssl: address.ssl });
      return {
        appliedMigrations: () => appliedMigrations(sql),
        applyPendingMigrations: () =>
          runMigrations({ url, migrationsFolder: address.migrationsFolder, ssl: address.ssl }),
        setServiceRolePassword: (service, password) => setServiceRolePassword(sql, service, password),
        seedDemoCatalogue: () => seedDemoCatalogue(sql),
        close: () => sql.end(),
      };
    },
  };
}

function connectionUrl(address: ClusterAddress, credentials: Credentials): string {
  const url = new URL("postgres://localhost");
  url.hostname = address.host;
  url.port = String(address.port);
  url.username = encodeURIComponent(credentials.username);
  url.password = encodeURIComponent(credentials.password);
  url.pathname = `/${encodeURIComponent(address.database)}`;
  return url.toString();
}

async function appliedMigrations(sql: postgres.Sql): Promise<number> {
  // Two statements: a query naming a missing table fails at parse time, even in an untaken CASE branch.
  const [exists] = await sql<{ table: string | null }[]>`
    select to_regclass('drizzle.__drizzle_migrations')::text as table`;
  if (!exists?.table) return 0;
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`;
  return row?.n ?? 0;
}
