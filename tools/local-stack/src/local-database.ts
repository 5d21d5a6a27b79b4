import { startProvisionedDatabase } from "@orders/local-database";
import { usePostgres } from "@orders/local-postgres";
import type { ProxyChain } from "@orders/proxy-check";
import { databaseName, type ServiceName } from "@orders/settings";

export interface LocalDatabase {
  /** Owner URL of the application database (migrations, seeding, inspecting from tests). */
  adminUrl: string;
  /**
   * URL that logs in as a service's own role, with that role's grants only, through the chain that stands
   * for RDS Proxy (pinning check, transaction-mode PgBouncer when it is installed).
   */
  serviceUrl(service: ServiceName): string;
  /** The services' path to PostgreSQL: what it is made of, and which sessions would have pinned. */
  chain: ProxyChain;
  /** True when the stack started the server itself (embedded PostgreSQL). */
  embedded: boolean;
  port: number;
  stop(): Promise<void>;
}

/**
 * The application database as the services expect it: embedded PostgreSQL 17 (or `DATABASE_URL`, a
 * superuser URL), the `orders` database migrated, the demo catalogue seeded, and a fresh random password on
 * each service role, so every service logs in as itself, as in AWS. Migrations and seeding connect directly,
 * as the migrator does in AWS; the services go through the proxy chain.
 */
export async function prepareLocalDatabase(options: { database?: string } = {}): Promise<LocalDatabase> {
  const database = await startProvisionedDatabase(() => usePostgres(), {
    database: options.database ?? databaseName,
    create: "if-missing",
    // `npm start` needs nothing from the OS package manager: without PgBouncer it says so and goes on.
    chain: { pooler: "if-installed" },
  });
  return {
    adminUrl: database.adminUrl,
    embedded: database.server.embedded,
    port: database.server.port,
    chain: database.chain,
    serviceUrl: (service) => database.serviceUrl(service),
    stop: () => database.stop(),
  };
}
