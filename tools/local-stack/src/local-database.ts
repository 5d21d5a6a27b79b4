import { randomBytes } from "node:crypto";
import { runMigrations, seedDemoCatalogue, setServiceRolePassword } from "@orders/db";
import { type PostgresTarget, usePostgres, withDatabase } from "@orders/local-postgres";
import { type ProxyChain, startProxyChain } from "@orders/proxy-check";
import { databaseName, type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";

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
  const server: PostgresTarget = await usePostgres();
  try {
    const name = options.database ?? databaseName;
    await ensureDatabase(server.adminUrl, name);
    const adminUrl = withDatabase(server.adminUrl, name);
    await runMigrations({ url: adminUrl });
    const passwords = Object.fromEntries(
      Object.keys(serviceRoles).map((service) => [service, randomBytes(16).toString("hex")]),
    ) as Record<ServiceName, string>;
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await seedDemoCatalogue(sql);
      for (const [service, password] of Object.entries(passwords)) {
        await setServiceRolePassword(sql, service as ServiceName, password);
      }
    } finally {
      await sql.end();
    }
    const chain = await startProxyChain({
      postgresUrl: server.adminUrl,
      // `npm start` needs nothing from the OS package manager: without PgBouncer it says so and goes on.
      pooler: "if-installed",
      users: Object.entries(passwords).map(([service, password]) => ({
        user: serviceRoles[service as ServiceName],
        password,
      })),
    });
    return {
      adminUrl,
      embedded: server.embedded,
      port: server.port,
      chain,
      serviceUrl: (service) => chain.url(serviceRoles[service], name, service),
      stop: async () => {
        await chain.stop();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Creates the database `name` on the server unless it exists (a kept cluster already has it). */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [existing] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!existing) await sql.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await sql.end();
  }
}
