import { randomBytes } from "node:crypto";
import { runMigrations, seedDemoCatalogue, setServiceRolePassword } from "@orders/db";
import {
  createDatabase,
  type PostgresServer,
  startEmbeddedPostgres,
  withDatabase,
} from "@orders/local-postgres";
import { databaseName, type ServiceName, serviceRoles } from "@orders/settings";
import postgres from "postgres";
import { benchCatalogue } from "./bench-catalogue";

export interface BenchDatabase {
  server: PostgresServer;
  /** Superuser URL of the migrated application database (arranging data, sampling, asserting). */
  adminUrl: string;
  /** URL that logs in as a service's own role, straight to PostgreSQL. */
  serviceUrl(service: ServiceName): string;
  /** The generated password of a service role (PgBouncer needs it in its auth file). */
  password(service: ServiceName): string;
  stop(): Promise<void>;
}

export interface BenchDatabaseOptions {
  /** `max_connections` of the server: 100 reproduces a small Aurora instance's ceiling. */
  maxConnections?: number;
  onLog?: (line: string) => void;
}

/**
 * A fresh embedded PostgreSQL 17 with the real migrations, per-service roles with generated passwords, the
 * demo catalogue and a bench catalogue whose stock never runs out (so failures are about connections, not
 * stock). Benchmarks own their server: they change `max_connections` and some restart it.
 */
export async function startBenchDatabase(options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const server = await startEmbeddedPostgres({
    maxConnections: options.maxConnections ?? 100,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  try {
    const adminUrl = await createDatabase(server.url(), databaseName);
    await runMigrations({ url: adminUrl });
    const passwords = Object.fromEntries(
      Object.keys(serviceRoles).map((service) => [service, randomBytes(12).toString("hex")]),
    ) as Record<ServiceName, string>;
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      for (const [service, password] of Object.entries(passwords)) {
        await setServiceRolePassword(sql, service as ServiceName, password);
      }
      await seedDemoCatalogue(sql);
      await sql`insert into products ${sql(benchCatalogue.map((p) => ({ ...p })))}`;
    } finally {
      await sql.end();
    }
    return {
      server,
      adminUrl,
      serviceUrl: (service) => {
        const url = new URL(withDatabase(server.url(), databaseName));
        url.username = serviceRoles[service];
        url.password = passwords[service];
        return url.toString();
      },
      password: (service) => passwords[service],
      stop: () => server.stop(),
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
