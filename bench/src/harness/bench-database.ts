import { startProvisionedDatabase } from "@orders/local-database";
import { type PostgresServer, startEmbeddedPostgres } from "@orders/local-postgres";
import type { ProxyChain } from "@orders/proxy-check";
import type { ServiceName } from "@orders/settings";
import { benchCatalogue } from "./bench-catalogue";

export interface BenchDatabase {
  server: PostgresServer;
  /** Superuser URL of the migrated application database (arranging data, sampling, asserting). */
  adminUrl: string;
  /** URL that logs in as a service's own role, straight to PostgreSQL. */
  serviceUrl(service: ServiceName): string;
  /** The generated password of a service role (PgBouncer needs it in its auth file). */
  password(service: ServiceName): string;
  /** The chain that stands for RDS Proxy (pinning check, PgBouncer), when asked for. */
  chain: ProxyChain | undefined;
  stop(): Promise<void>;
}

export interface BenchDatabaseOptions {
  /** `max_connections` of the server: 100 reproduces a small Aurora instance's ceiling. */
  maxConnections?: number;
  /** Also start the chain that stands for RDS Proxy in front of the server (PgBouncer required). */
  chain?: boolean;
  onLog?: (line: string) => void;
}

/**
 * A fresh embedded PostgreSQL 17 with the real migrations, per-service roles with generated passwords, the
 * demo catalogue and a bench catalogue whose stock never runs out (so failures are about connections, not
 * stock). Benchmarks own their server: they change `max_connections` and some restart it.
 */
export async function startBenchDatabase(options: BenchDatabaseOptions = {}): Promise<BenchDatabase> {
  const database = await startProvisionedDatabase(
    () =>
      startEmbeddedPostgres({
        maxConnections: options.maxConnections ?? 100,
        ...(options.onLog ? { onLog: options.onLog } : {}),
      }),
    {
      products: benchCatalogue.map(({ price_cents, ...product }) => ({
        ...product,
        priceCents: price_cents,
      })),
      ...(options.chain ? { chain: { pooler: "required" as const } } : {}),
    },
  );
  return {
    server: database.server,
    adminUrl: database.adminUrl,
    serviceUrl: (service) => database.directServiceUrl(service),
    password: (service) => database.password(service),
    chain: database.chain,
    stop: () => database.stop(),
  };
}
