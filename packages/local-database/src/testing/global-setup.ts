import { uniqueDatabaseName, usePostgres } from "@orders/local-postgres";
import { type ServiceName, serviceRoles } from "@orders/settings";
import type { TestProject } from "vitest/node";
import { startProvisionedDatabase } from "../start-provisioned-database";
import "./provided-context";

/**
 * Vitest global setup: one real PostgreSQL per test run (embedded, or `DATABASE_URL`), one migrated template
 * database, and passwords for the service roles. Each test file then copies the template in milliseconds.
 *
 * Service roles connect the way they do in AWS: through the pinning check (where RDS Proxy sits) and a
 * transaction-mode PgBouncer. The run fails at the end when any session would have pinned at the proxy,
 * naming the statement and the test file; migrations and the owner URL go straight to PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const template = uniqueDatabaseName("template");
  const database = await startProvisionedDatabase(() => usePostgres(), {
    database: template,
    // Each test file loads what it needs into its own copy.
    demoCatalogue: "never",
    chain: { pooler: "required" },
    dropOnStop: true,
  });
  const passwords = Object.fromEntries(
    (Object.keys(serviceRoles) as ServiceName[]).map((service) => [service, database.password(service)]),
  ) as Record<ServiceName, string>;

  project.provide("postgresAdminUrl", database.server.adminUrl);
  project.provide("serviceChainPort", database.chain.relay.port);
  project.provide("postgresTemplate", template);
  project.provide("serviceRolePasswords", passwords);

  return async () => {
    const pinned = database.chain.pinnedSessions().length;
    const report = database.chain.report();
    await database.stop();
    if (pinned > 0) throw new Error(`RDS Proxy would pin: ${report}`);
  };
}
